"""Output folders: which folders `build --out` and `generate` may replace, and a lock per folder.

A folder may be replaced only when it does not exist, is empty, or holds our marker file
(`.osa-site-output`, written into every folder we make, under another name first and renamed into
place, so a killed build never leaves it cut short). Never the project itself, a folder
that holds it, or anything inside `content/` or `.git/`, whatever it holds. While a folder is
being written, `<parent>/.<name>.osa-lock` is locked (fcntl.flock): a second build waits.
Staging folders are made next to the target with a recognisable prefix, so the next build can
remove what a killed one left behind.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "MARKER",
    "MARKER_TEXT",
    "OutputRefused",
    "check_output_dir",
    "mark",
    "output_lock",
    "staging_prefix",
    "old_prefix",
    "remove_leftovers",
]

MARKER = ".osa-site-output"
MARKER_TEXT = "This folder is written by osa-site; the next build or generate replaces everything in it.\n"
PROTECTED = ("content", ".git")  # nothing is ever written inside these
_MARKING = MARKER + ".new"  # the marker while it is written, renamed into place once whole


class OutputRefused(Exception):
    """The output folder is not one osa-site may replace; the message says why."""


# Folders written before markers existed: a built site or a generated tree holding our own stylesheet.
_EARLIER_OUTPUT = ("assets/stylesheets/osa.css", "docs/assets/stylesheets/osa.css")


def _holds_marker(folder: Path) -> bool:
    marker = folder / MARKER
    try:
        if marker.is_symlink() or not marker.is_file():
            return False
        return marker.read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def is_ours(folder: Path) -> bool:
    """Whether osa-site made `folder`: it holds our marker (or is the output of an earlier version)."""
    if any((folder / rel).is_file() for rel in _EARLIER_OUTPUT) and not (folder / MARKER).exists():
        return True
    return _holds_marker(folder)


def _is_empty(folder: Path) -> bool:
    """Whether `folder` holds nothing, or only a marker that a killed build was still writing."""
    return all(entry.name == _MARKING for entry in folder.iterdir())


def mark(folder: Path) -> None:
    """Write our marker into `folder`, unless it is there already, whole. It is written under
    another name and renamed into place, so a build killed at any moment leaves a folder that is
    ours, or as it was: a marker cut short would make every later build refuse the folder."""
    if _holds_marker(folder):
        return
    marking = folder / _MARKING
    marking.unlink(missing_ok=True)  # not through a link someone left in its place
    marking.write_text(MARKER_TEXT, encoding="utf-8")
    os.replace(marking, folder / MARKER)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_dir(target: Path, root: Path | None, what: str = "--out") -> Path:
    """The resolved target, or OutputRefused saying why osa-site will not replace it."""
    if target.is_symlink():
        raise OutputRefused(f"{what} {target} is a symbolic link; give the real folder")
    resolved = target.resolve()
    if root is not None:
        _check_project(target, resolved, root.resolve(), what)
    if resolved.exists() and not resolved.is_dir():
        raise OutputRefused(f"{what} {target} is a file, not a folder")
    if resolved.is_dir() and not _is_empty(resolved) and not is_ours(resolved):
        raise OutputRefused(
            f"{what} {target} is a folder that osa-site did not make (it has no {MARKER} "
            "file) and it is not empty; osa-site will not replace it. Choose an empty or "
            "new folder, or delete this one yourself"
        )
    return resolved


def _check_project(target: Path, resolved: Path, project: Path, what: str) -> None:
    if _inside(project, resolved):
        kind = "the project folder itself" if resolved == project else "a folder that holds the project"
        raise OutputRefused(
            f"{what} {target} is {kind}; osa-site only replaces its own output folders "
            "(for example site/ or osa-build/)"
        )
    for name in PROTECTED:
        if _inside(resolved, project / name):
            raise OutputRefused(
                f"{what} {target} is inside the project's {name}/ folder, which osa-site never writes into"
            )


def staging_prefix(target: Path) -> str:
    return f".osa-staging-{target.name}-"


def old_prefix(target: Path) -> str:
    return f".osa-old-{target.name}-"


def remove_leftovers(target: Path) -> None:
    """Remove the staging and old folders a killed build left next to `target`, restoring the last
    good site first if the kill came between the two renames of a swap."""
    parent = target.parent
    if not parent.is_dir():
        return
    olds = sorted(p for p in parent.iterdir() if p.name.startswith(old_prefix(target)) and p.is_dir())
    if not target.exists() and olds and is_ours(olds[-1]):
        olds.pop().rename(target)
    for leftover in parent.iterdir():
        if leftover.name.startswith((staging_prefix(target), old_prefix(target))) and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def output_lock(target: Path, on_wait: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Hold `<parent>/.<name>.osa-lock` while `target` is written; waits if another build holds it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_file = target.parent / f".{target.name}.osa-lock"
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(lock_file)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
