"""Problems found in records, reported as data and formatted for a person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Problem", "RecordError", "format_problem", "summarise", "excerpt", "printable", "EXCERPT_LENGTH"]

EXCERPT_LENGTH = 80


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one record, located to the line and column (both 1-based)."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class RecordError(Exception):
    """Raised by the pipeline when records have problems; carries all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(summarise(self.problems))


def format_problem(problem: Problem) -> str:
    """`path:line:column: field: message`, the form editors and CI annotations read.

    The path and field come from file and field names, so they are shown printable (a file
    name ending in a newline must not split the line) and the field is cut short.
    """
    where = f"{printable(problem.path)}:{problem.line}:{problem.column}"
    field = printable(problem.field)
    if len(field) > EXCERPT_LENGTH:
        field = field[:EXCERPT_LENGTH] + "…"
    return f"{where}: {field}: {problem.message}" if field else f"{where}: {problem.message}"


def printable(text: str) -> str:
    """`text` with every non-printable character written as an escape (`\\n`, `\\u202e`)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def summarise(problems: list[Problem]) -> str:
    """`3 errors in 2 files`."""
    files = len({p.path for p in problems})
    errors = "error" if len(problems) == 1 else "errors"
    noun = "file" if files == 1 else "files"
    return f"{len(problems)} {errors} in {files} {noun}"


def display_path(path: Path, root: Path) -> str:
    """A record's path as the editor knows it: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """A value for a message: text quoted with non-printable characters escaped, cut after `limit`.

    A message never echoes more of a file than this, so a stray binary or a whole document
    written where a value belongs cannot flood the terminal or smuggle control characters into it.
    """
    if isinstance(value, str):
        cut = value[:limit]
        return repr(cut) + ("…" if len(value) > limit else "")
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"
