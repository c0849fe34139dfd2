"""What the preview keeps between rebuilds: loaded records while their files are unchanged."""

from __future__ import annotations

from pathlib import Path

from ...records.loader import RawRecord, load_record

__all__ = ["RecordCache"]


class RecordCache:
    """Keeps each loaded record while its file is unchanged, so a rebuild re-reads only saved files.

    Passed to `generate_tree` as its record loader; the preview's lock keeps rebuilds one at a time.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[tuple[int, int], RawRecord]] = {}

    def load(self, file: Path, kind: str, path: str) -> RawRecord:
        stat = file.stat()
        key, stamp = (str(file), kind), (stat.st_mtime_ns, stat.st_size)
        found = self.entries.get(key)
        if found and found[0] == stamp and found[1].path == path:
            return found[1]  # shared, not copied: nothing in the pipeline mutates a RawRecord
        raw = load_record(file, kind, path)
        self.entries[key] = (stamp, raw)
        return raw
