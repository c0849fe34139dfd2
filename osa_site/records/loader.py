"""Safe YAML loading that keeps every value's line and refuses YAML's surprises.

Only plain data comes out: mappings, lists, strings, whole numbers, decimals,
`true`/`false` and null. Dates stay strings exactly as written (PyYAML would
turn them into `datetime.date`), `no`/`on` stay strings, and `010` stays a
string rather than becoming 8. Tags, anchors and aliases, and duplicate keys are
refused with a located message.

Bounds, so that no file can crash or stall the reader: a record is at most MAX_BYTES, its
lists and mappings nest at most MAX_DEPTH deep (checked while the events stream in, before
anything recursive runs), and a number has at most MAX_DIGITS digits (checked before int()).
A record file is opened without following a symbolic link and must be a regular file.
Messages quote the file only in short, escaped excerpts.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, excerpt
from .textpolicy import describe

__all__ = [
    "RawRecord",
    "LoadError",
    "load_record",
    "parse_yaml",
    "dotted_path",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "Location",
    "FieldPath",
]

try:  # libyaml's C parser when present, the pure-Python one otherwise
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
Location = tuple[int, int]  # 1-based line and column
FieldPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_FLOAT_RE = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+][0-9]+)?")  # YAML 1.1: the exponent has a sign
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "false": False, "False": False}


@dataclass
class RawRecord:
    """A record's plain data, before validation, with where each value stands."""

    kind: str
    id: str
    path: str
    data: dict[str, Any]
    locations: dict[FieldPath, Location] = field(default_factory=dict)
    key_locations: dict[FieldPath, Location] = field(default_factory=dict)
    # validate_record's answer, kept with the record: a record the preview keeps while its file is
    # unchanged (app/preview/caches.py) is validated once, not on every rebuild.
    validated: tuple[Any, list[Any]] | None = field(default=None, compare=False, repr=False)

    def where(self, loc: FieldPath, *, key: bool = False) -> Location:
        """The closest known location of a field path (falls back to its parents)."""
        table = self.key_locations if key else self.locations
        for end in range(len(loc), -1, -1):
            found = table.get(loc[:end]) or self.locations.get(loc[:end])
            if found:
                return found
        return (1, 1)


class LoadError(Exception):
    """A file that cannot be read as a record; carries one located problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


MAX_DEPTH = 20  # lists and mappings inside each other; records need six at most
MAX_DIGITS = 30  # digits in a number; amounts need 14 at most


def _mark(event: yaml.Event) -> Location:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


@dataclass
class _Open:
    """A list or mapping being filled, with the field name waiting for its value (mappings)."""

    container: dict[str, Any] | list[Any]
    loc: FieldPath
    key: str | None = None


_NOTHING = object()


class _Builder:
    """Turns a stream of YAML events into plain data, recording locations.

    It walks the events with an explicit stack, so no input can reach Python's recursion
    limit, and it refuses nesting deeper than MAX_DEPTH as soon as it is opened.
    """

    def __init__(self, path: str):
        self.path = path
        self.stack: list[_Open] = []
        self.root: Any = _NOTHING
        self.locations: dict[FieldPath, Location] = {}
        self.key_locations: dict[FieldPath, Location] = {}

    def fail(self, event: yaml.Event, loc: FieldPath, message: str) -> LoadError:
        line, column = _mark(event)
        return LoadError(Problem(self.path, line, column, dotted_path(loc), message))

    def build(self, events: Iterator[yaml.Event]) -> Any:
        for event in events:
            if isinstance(event, yaml.AliasEvent):
                anchor = _short(event.anchor or "")
                raise self.fail(
                    event, self.next_loc() or (), _ANCHORS + f", found *{anchor}; write the value out in full"
                )
            if isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self.open(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self.stack.pop()
            elif isinstance(event, yaml.DocumentStartEvent) and self.root is not _NOTHING:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    None,
                    "but found another document",
                    event.start_mark,  # type: ignore[arg-type]
                )
        return self.root

    def next_loc(self) -> FieldPath | None:
        """Where the next value goes; None when the next event is a mapping's field name."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return top.loc + (len(top.container),)
        return None if top.key is None else top.loc + (top.key,)

    def check_plain(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent, loc: FieldPath) -> None:
        if event.anchor is not None:
            raise self.fail(
                event, loc, _ANCHORS + f", found &{_short(event.anchor)}; write the value out in full"
            )
        if event.tag is not None and event.tag != "!" and event.tag not in _STANDARD_TAGS:
            tag = excerpt(_written_tag(event.tag))
            raise self.fail(
                event,
                loc,
                f"YAML tags such as {tag} are not allowed in records; write the value as plain text",
            )

    def scalar(self, event: yaml.ScalarEvent) -> None:
        loc = self.next_loc()
        if loc is None:
            self.key(event)
            return
        self.check_plain(event, loc)
        digits = _digits_in_number(event)
        if digits > MAX_DIGITS:
            raise self.fail(
                event,
                loc,
                f"expected a number of at most {MAX_DIGITS} digits, received one of {digits:,} digits",
            )
        self.place(event, loc, _scalar(event))

    def key(self, event: yaml.ScalarEvent) -> None:
        top = self.stack[-1]  # a mapping: next_loc() is None only there
        self.check_plain(event, top.loc)
        key = str(event.value)
        if key in top.container:
            first = self.key_locations[top.loc + (key,)][0]
            raise self.fail(
                event,
                top.loc + (key,),
                f"the field {excerpt(key)} is set twice (first on line {first}); keep only one",
            )
        self.key_locations[top.loc + (key,)] = _mark(event)
        top.key = key

    def open(self, event: yaml.CollectionStartEvent) -> None:
        loc = self.next_loc()
        if loc is None:
            raise self.fail(event, self.stack[-1].loc, "a field name must be plain text")
        self.check_plain(event, loc)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(
                event,
                loc,
                _TOO_DEEP,
            )
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.place(event, loc, container)
        self.stack.append(_Open(container, loc))

    def place(self, event: yaml.NodeEvent, loc: FieldPath, value: Any) -> None:
        self.locations[loc] = _mark(event)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        else:
            top.container[top.key] = value  # type: ignore[index]
            top.key = None


def _short(name: str) -> str:
    return name if len(name) <= 40 else name[:40] + "…"


_TOO_DEEP = (
    f"lists and mappings are nested more than {MAX_DEPTH} levels deep "
    "here; a record needs only a few levels: check the indentation and brackets"
)
_ANCHORS = "anchors and aliases (&name and *name) are not allowed in records"


def _written_tag(tag: str) -> str:
    """A tag as the editor wrote it: `!!python/object` rather than `tag:yaml.org,2002:python/object`."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _is_plain(event: yaml.ScalarEvent) -> bool:
    return not event.style and event.tag != "tag:yaml.org,2002:str"


def _digits_in_number(event: yaml.ScalarEvent) -> int:
    """How many digits a plain number has (0 for anything else), checked before int() reads it."""
    text = event.value
    if _is_plain(event) and (_INT_RE.fullmatch(text) or _FLOAT_RE.fullmatch(text)):
        return sum(ch.isdigit() for ch in text)
    return 0


def _scalar(event: yaml.ScalarEvent) -> Any:
    """A scalar the way the schema expects it; quoted text always stays text."""
    text = event.value
    if not _is_plain(event):
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT_RE.fullmatch(text):
        return int(text.replace("_", ""))
    if _FLOAT_RE.fullmatch(text):
        return float(text.replace("_", ""))
    return text


def dotted_path(loc: FieldPath) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            Problem(path, line, column, "", "the file is not valid UTF-8 text; save it as UTF-8")
        ) from None


_HINTS = (  # PyYAML's words -> what to do about them
    (
        "mapping values are not allowed",
        "a value holds ': ' (a colon and a space) or a line is indented "
        "too far; put the value in double quotes or fix the indentation",
    ),
    (
        "could not find expected ':'",
        "this line is not 'name: value'; add the colon, or indent it to continue the line above",
    ),
    ("did not find expected key", "check the indentation of this line and any quotes left open"),
    (
        "found unknown escape character",
        "unknown backslash escape inside double quotes; write \\\\ for a backslash, or use single quotes",
    ),
    (
        "found character that cannot start any token",
        "a value cannot start with this character; put the value in double quotes",
    ),
    (
        "found undefined alias",
        "anchors and aliases (&name and *name) are not allowed in records; write the value out in full",
    ),
    (
        "did not find expected ',' or ']'",
        "a list in [ ] is not closed; add the ']', or put values holding commas in quotes",
    ),
    ("did not find expected ',' or '}'", "a mapping in { } is not closed; add the '}'"),
    ("found unexpected end of stream", "a quote is not closed; end the value with the same quote mark"),
    (
        "expected a single document",
        "a record file holds one YAML document; remove the '---' line "
        "and what follows, or move it into its own file",
    ),
)


_AT_CONTEXT = (  # problems PyYAML reports past the line at fault
    "could not find expected ':'",
    "found unexpected end of stream",
    "did not find expected ',' or",
)


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    problem = exc.problem or "could not be read"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and any(k in problem for k in _AT_CONTEXT):
        mark = exc.context_mark  # PyYAML points past the line at fault; its context is the line itself
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "nesting depth" in problem:  # libyaml's own bound (PyYAML >= 6.0.4), met before ours
        return Problem(path, line, column, "", _TOO_DEEP)
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "'\\t'" in problem:
        return Problem(path, line, column, "", "tab characters cannot indent YAML; indent with spaces")
    hint = next((h for key, h in _HINTS if key in problem or key in (exc.context or "")), "")
    message = f"YAML syntax error: {problem}"
    if exc.context and "document" not in problem:
        message += f" ({exc.context})"
    return Problem(path, line, column, "", f"{message}; {hint}" if hint else message)


def _reader_problem(exc: yaml.reader.ReaderError, path: str, text: str) -> Problem:
    """A character YAML cannot hold (a control character, a noncharacter), by code point."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
    position = text.find(char)  # the reader stops at the first one; libyaml counts bytes, not characters
    position = position if position >= 0 else min(exc.position, len(text))
    before = text[:position]
    line, column = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
    return Problem(
        path,
        line,
        column,
        "",
        f"the file holds {describe(char)}, which YAML does not allow; "
        "records are plain text: remove the character (or check this is the right file)",
    )


def parse_yaml(text: str, path: str) -> tuple[Any, dict[FieldPath, Location], dict[FieldPath, Location]]:
    """Read one YAML document as plain data; raise LoadError when it is not plain data."""
    builder = _Builder(path)
    try:
        data = builder.build(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, path, text)) from None
    except yaml.reader.ReaderError as exc:
        raise LoadError(_reader_problem(exc, path, text)) from None
    except yaml.YAMLError as exc:
        raise LoadError(Problem(path, 1, 1, "", f"YAML error: {excerpt(str(exc))}")) from None
    if data is _NOTHING:
        raise LoadError(
            Problem(path, 1, 1, "", "the file is empty; expected a mapping of fields (name: value)")
        )
    return data, builder.locations, builder.key_locations


def _refuse_special(info: os.stat_result, path: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(
            Problem(
                path,
                1,
                1,
                "",
                "this is a folder, not a record file; rename it so its name "
                "does not end in .yaml, or move it out of the record folder",
            )
        )
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(
            Problem(
                path,
                1,
                1,
                "",
                "this is not a regular file (it may be a device, a socket or "
                "a pipe); a record must be a plain text file",
            )
        )
    if info.st_size > MAX_BYTES:
        raise LoadError(
            Problem(
                path,
                1,
                1,
                "",
                f"the file is {info.st_size:,} bytes; a record may be at "
                f"most {MAX_BYTES:,} bytes (1 MB): split it or move long text to a source",
            )
        )


_OPEN_FLAGS = os.O_RDONLY | sum(getattr(os, name, 0) for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"))


def read_file_bytes(file: Path, path: str) -> bytes:
    """A record file's bytes, refusing symbolic links, folders, devices, pipes and oversized files.

    The file is opened without following a symbolic link and without waiting on a pipe, and at
    most MAX_BYTES are read, so what is checked is what is read.
    """
    try:
        fd = os.open(file, _OPEN_FLAGS)
    except OSError as exc:
        raise LoadError(Problem(path, 1, 1, "", _open_failure(file, exc))) from None
    try:
        _refuse_special(os.fstat(fd), path)
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError(Problem(path, 1, 1, "", _open_failure(file, exc))) from None
    finally:
        os.close(fd)


def _open_failure(file: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP or file.is_symlink():
        return (
            "this record is a symbolic link; records are read only from files inside content/: "
            "copy the file here instead of linking to it"
        )
    if isinstance(exc, PermissionError):
        return "the file cannot be read: permission denied; make it readable (for example chmod a+r)"
    reason = exc.strerror or type(exc).__name__
    return f"the file cannot be read: {reason.lower()}"


def load_record(file: Path, kind: str, path: str) -> RawRecord:
    """Read one record file. `path` is how messages name it."""
    raw = read_file_bytes(file, path)
    text = _decode(raw, path)
    data, locations, key_locations = parse_yaml(text, path)
    if not isinstance(data, dict):
        line, column = locations.get((), (1, 1))
        received = "a list" if isinstance(data, list) else excerpt(data)
        message = f"expected a mapping of fields (name: value), received {received}"
        raise LoadError(Problem(path, line, column, "", message))
    return RawRecord(kind, file.stem, path, data, locations, key_locations)
