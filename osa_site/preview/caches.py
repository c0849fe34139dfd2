"""What the preview keeps between rebuilds: loaded records while their files are unchanged, and
every page's search entries, so an incremental build can still write the whole search index."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loader import RawRecord, load_record

__all__ = ["RecordCache", "SearchCache"]


def _page_of(location: str) -> str:
    """The page part of a search entry's location (`equipment/x/#items` → `equipment/x/`)."""
    return location.split("#", 1)[0]


@dataclass
class SearchCache:
    """Every page's search entries, so an incremental build can write the whole index."""

    config: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def replace(self, entries: list[dict[str, Any]], rebuilt: set[str], full: bool) -> None:
        """Take the entries of the pages just rebuilt; a full build replaces everything."""
        if full:
            self.pages = {}
        for page in rebuilt:
            self.pages[page] = []
        for entry in entries:
            self.pages.setdefault(_page_of(entry["location"]), []).append(entry)

    def document(self) -> dict[str, Any]:
        return {"config": self.config, "docs": [e for page in sorted(self.pages) for e in self.pages[page]]}


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
