"""`sync_folder` makes a folder hold exactly the generated files: new ones written, changed ones
rewritten, unchanged ones left alone (the preview tells an edit by the files' times), stale ones
and the folders they leave empty removed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.output.generate import sync_folder

NAMES = st.sampled_from(["index.md", "a/x.md", "a/b/y.bib", "a/b/z.ris", "c/d/e/f.json", "g.md"])
FILES = st.dictionaries(NAMES, st.binary(max_size=8), max_size=6)


def _held(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def test_a_fresh_folder_gets_every_file() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "docs"
        files = {"index.md": b"home", "equipment/x.md": b"x", "equipment/x/citation.bib": b"@misc"}
        assert sync_folder(folder, files) == (3, 0)
        assert _held(folder) == files


@settings(max_examples=60, deadline=None)
@given(FILES, FILES)
def test_after_a_sync_the_folder_holds_exactly_the_files(
    before: dict[str, bytes], after: dict[str, bytes]
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "docs"
        sync_folder(folder, before)
        times = {name: (folder / name).stat().st_mtime_ns for name in before}
        written, removed = sync_folder(folder, after)
        assert _held(folder) == after
        changed = {name for name, data in after.items() if before.get(name) != data}
        assert written == len(changed)
        assert removed == len(before.keys() - after.keys())
        for name in after.keys() - changed:
            assert (folder / name).stat().st_mtime_ns == times[name]  # not written again
        needed = {"/".join(name.split("/")[:n]) for name in after for n in range(1, name.count("/") + 1)}
        assert _folders(folder) == needed  # no folder left empty
