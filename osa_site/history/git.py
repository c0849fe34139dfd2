"""What git knows about the records: an input step, like loading files.

`read_history` runs one `git log` over `content/` (every commit's changed files with their
blob ids) and one `git cat-file --batch` for the contents of those blobs, however many
records there are. It returns plain data; nothing here renders anything.

Renames are not followed (`--no-renames`): a record's id is its file name, so a renamed
file is a record removed at its old address and added at its new one. A change made on a
branch appears at the commit that made it; a merge commit appears only for a file it leaves
different from every parent (a resolved conflict, `-c`), compared with its first parent.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["FileChange", "History", "HistoryCache", "read_history", "head_commit", "last_commit_epoch"]

State = Literal["complete", "shallow", "unavailable"]
_GIT_TIMEOUT = 300  # seconds; the log of a large repository still takes far less
_STATUSES = {"A": "A", "M": "M", "D": "D", "T": "M"}  # a type change (file <-> symlink) is a change


@dataclass(frozen=True)
class FileChange:
    """One file changed by one commit: its contents before and after (None when absent or unreadable)."""

    commit: str  # full hash
    time: int  # committer time, seconds since the Unix epoch
    status: str  # "A" added, "M" modified, "D" deleted
    path: str  # relative to the project root, with forward slashes
    old: str | None
    new: str | None


@dataclass(frozen=True)
class History:
    """Every change to files under the folder, newest first.

    `state` is "complete", "shallow" (a shallow clone: changes made by the boundary commits
    cannot be told apart from the files they inherited, so they are left out) or
    "unavailable" (no git, or not a repository).
    """

    state: State
    changes: tuple[FileChange, ...] = ()


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-c", "log.showSignature=false", "-C", str(root), *args],
        input=stdin,
        capture_output=True,
        check=True,
        timeout=_GIT_TIMEOUT,
    ).stdout


def _shallow_commits(root: Path) -> set[str] | None:
    """The boundary commits of a shallow clone (empty when complete); None outside git."""
    try:
        out = _git(root, ["rev-parse", "--is-shallow-repository", "--git-path", "shallow"]).decode()
    except (OSError, subprocess.SubprocessError):
        return None
    shallow, path = out.splitlines()[:2]
    if shallow != "true":
        return set()
    file = Path(path) if Path(path).is_absolute() else root / path
    return set(file.read_text(encoding="ascii").split()) if file.is_file() else set()


@dataclass(frozen=True)
class _Raw:
    commit: str
    time: int
    status: str
    path: str
    old_blob: str | None
    new_blob: str | None


_NO_BLOB = "0" * 40


def _raw_row(commit: str, time: str, meta: str, path: str) -> _Raw | None:
    """One `--raw` line: `:mode mode old new S` for a commit, `::mode mode mode p1 p2 new SS` for the
    combined diff of a merge (a file that differs from every parent; compared with the first)."""
    parents = len(meta) - len(meta.lstrip(":"))
    fields = meta[parents:].split()
    if parents < 1 or len(fields) != 2 * parents + 3:
        return None
    blobs = fields[parents + 1 : 2 * parents + 2]
    old, new = (None if blob == _NO_BLOB else blob for blob in (blobs[0], blobs[-1]))
    status = fields[-1][0] if parents == 1 else "D" if new is None else "A" if old is None else "M"
    if status not in _STATUSES:
        return None
    return _Raw(commit, int(time), _STATUSES[status], path, old, new)


def _parse_log(out: bytes) -> list[_Raw]:
    """`git log -z --raw -c` output, with a `\x01HASH TIME` header per commit, as one row per file."""
    rows: list[_Raw] = []
    for block in out.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        header, _, rest = block.partition("\x00")
        commit, time = header.split()[:2]
        tokens = rest.lstrip("\n\x00").split("\x00")
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            row = _raw_row(commit, time, meta, path)
            if row is not None:
                rows.append(row)
    return rows


def _read_blobs(root: Path, blobs: set[str]) -> dict[str, str]:
    """The text of every blob, from one `git cat-file --batch`; missing blobs are left out."""
    if not blobs:
        return {}
    ordered = sorted(blobs)
    out = _git(root, ["cat-file", "--batch"], stdin="".join(b + "\n" for b in ordered).encode())
    texts: dict[str, str] = {}
    position = 0
    for blob in ordered:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        texts[blob] = out[position : position + size].decode("utf-8-sig", "replace")
        position += size + 1
    return texts


def read_history(root: Path, folder: str = "content") -> History:
    """Every committed change to files under `root/folder`, newest first, read from git once."""
    shallow = _shallow_commits(root)
    if shallow is None:
        return History("unavailable")
    try:
        out = _git(
            root,
            [
                "log",
                "--raw",
                "-c",
                "--no-abbrev",
                "--no-renames",
                "-z",
                "--relative",
                "--format=%x01%H %ct",
                "--",
                folder,
            ],
        )
        rows = [r for r in _parse_log(out) if r.commit not in shallow]
        texts = _read_blobs(root, {b for r in rows for b in (r.old_blob, r.new_blob) if b})
    except (OSError, subprocess.SubprocessError, ValueError):
        return History("unavailable")
    order = {id(r): n for n, r in enumerate(rows)}
    rows.sort(key=lambda r: (-r.time, order[id(r)]))
    changes = tuple(
        FileChange(
            r.commit, r.time, r.status, r.path, texts.get(r.old_blob or ""), texts.get(r.new_blob or "")
        )
        for r in rows
    )
    return History("shallow" if shallow else "complete", changes)


def head_commit(root: Path) -> str | None:
    """The commit checked out, or None outside git."""
    try:
        return _git(root, ["rev-parse", "--verify", "-q", "HEAD"]).decode().strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


class HistoryCache:
    """Reads the history again only when the checked-out commit changes (for the live preview, where
    saving a record changes files but not commits). A drop-in for `read_history`."""

    def __init__(self) -> None:
        self._key: tuple[str, str | None] | None = None
        self._history = History("unavailable")

    def __call__(self, root: Path, folder: str = "content") -> History:
        key = (str(root.resolve()), head_commit(root))
        if key != self._key or key[1] is None:
            self._key, self._history = key, read_history(root, folder)
        return self._history


def last_commit_epoch(root: Path) -> str | None:
    """The last commit's time as a Unix epoch string, for SOURCE_DATE_EPOCH."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None
