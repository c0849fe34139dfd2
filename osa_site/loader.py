"""Safe YAML loading that keeps every value's line and refuses YAML's surprises.

Only plain data comes out: mappings, lists, strings, whole numbers, decimals,
`true`/`false` and null. Dates stay strings exactly as written (PyYAML would
turn them into `datetime.date`), `no`/`on` stay strings, and `010` stays a
string rather than becoming 8. Tags, anchors and aliases, and duplicate keys are
refused with a located message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

__all__ = [
    "RawRecord", "LoadError", "load_record", "parse_yaml", "dotted_path",
    "MAX_BYTES", "Location", "FieldPath",
]

try:  # libyaml's C parser when present, the pure-Python one otherwise
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
Location = tuple[int, int]  # 1-based line and column
FieldPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT_RE = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")
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


def _mark(node: yaml.Node) -> Location:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed YAML node tree into plain data, recording locations."""

    def __init__(self, path: str):
        self.path = path
        self.seen: set[int] = set()
        self.locations: dict[FieldPath, Location] = {}
        self.key_locations: dict[FieldPath, Location] = {}

    def fail(self, node: yaml.Node, loc: FieldPath, message: str) -> LoadError:
        line, column = _mark(node)
        return LoadError(Problem(self.path, line, column, dotted_path(loc), message))

    def build(self, node: yaml.Node, loc: FieldPath) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, loc, "anchors and aliases (&name and *name) are not allowed in records; "
                        "write the value out in full")
        self.seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            raise self.fail(node, loc, f"YAML tags such as {_written_tag(node.tag)!r} are not allowed in "
                            "records; write the value as plain text")
        self.locations[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return _scalar(node)

    def build_mapping(self, node: yaml.MappingNode, loc: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, loc, "a field name must be plain text")
            key = str(key_node.value)
            if key in result:
                first = self.key_locations[loc + (key,)][0]
                raise self.fail(key_node, loc + (key,),
                                f"the field {key!r} is set twice (first on line {first}); keep only one")
            self.key_locations[loc + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result


def _written_tag(tag: str) -> str:
    """A tag as the editor wrote it: `!!python/object` rather than `tag:yaml.org,2002:python/object`."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar the way the schema expects it; quoted text always stays text."""
    text = node.value
    if node.style or node.tag == "tag:yaml.org,2002:str":
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT_RE.match(text):
        return int(text.replace("_", ""))
    if _FLOAT_RE.match(text):
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
    ("mapping values are not allowed", "a value holds ': ' (a colon and a space) or a line is indented "
     "too far; put the value in double quotes or fix the indentation"),
    ("could not find expected ':'", "this line is not 'name: value'; add the colon, or indent it "
     "to continue the line above"),
    ("did not find expected key", "check the indentation of this line and any quotes left open"),
    ("found unknown escape character", "unknown backslash escape inside double quotes; write \\\\ "
     "for a backslash, or use single quotes"),
    ("found character that cannot start any token", "a value cannot start with this character; "
     "put the value in double quotes"),
    ("found undefined alias", "anchors and aliases (&name and *name) are not allowed in records; "
     "write the value out in full"),
    ("did not find expected ',' or ']'", "a list in [ ] is not closed; add the ']', or put values "
     "holding commas in quotes"),
    ("did not find expected ',' or '}'", "a mapping in { } is not closed; add the '}'"),
    ("found unexpected end of stream", "a quote is not closed; end the value with the same quote mark"),
    ("expected a single document", "a record file holds one YAML document; remove the '---' line "
     "and what follows, or move it into its own file"),
)


_AT_CONTEXT = (  # problems PyYAML reports past the line at fault
    "could not find expected ':'", "found unexpected end of stream", "did not find expected ',' or",
)


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    problem = exc.problem or "could not be read"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and any(k in problem for k in _AT_CONTEXT):
        mark = exc.context_mark  # PyYAML points past the line at fault; its context is the line itself
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "'\\t'" in problem:
        return Problem(path, line, column, "", "tab characters cannot indent YAML; indent with spaces")
    hint = next((h for key, h in _HINTS if key in problem or key in (exc.context or "")), "")
    message = f"YAML syntax error: {problem}"
    if exc.context and "document" not in problem:
        message += f" ({exc.context})"
    return Problem(path, line, column, "", f"{message}; {hint}" if hint else message)


_ANCHOR_EVENTS = (yaml.AliasEvent, yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _refuse_anchors(text: str, path: str) -> None:
    """Anchors and aliases let a small file expand enormously (a "billion laughs"); refuse them."""
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _ANCHOR_EVENTS) and event.anchor is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            raise LoadError(Problem(path, line, column, "",
                                    f"anchors and aliases (&name and *name) are not allowed in records, "
                                    f"found {sign}{event.anchor}; write the value out in full"))


def parse_yaml(text: str, path: str) -> tuple[Any, dict[FieldPath, Location], dict[FieldPath, Location]]:
    """Compose and build one YAML document; raise LoadError when it is not plain data."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, path, text)) from None
    except yaml.YAMLError as exc:
        raise LoadError(Problem(path, 1, 1, "", f"YAML error: {exc}")) from None
    _refuse_anchors(text, path)
    if node is None:
        raise LoadError(
            Problem(path, 1, 1, "", "the file is empty; expected a mapping of fields (name: value)")
        )
    builder = _Builder(path)
    data = builder.build(node, ())
    return data, builder.locations, builder.key_locations


def load_record(file: Path, kind: str, path: str) -> RawRecord:
    """Read one record file. `path` is how messages name it."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise LoadError(Problem(path, 1, 1, "", f"the file is {size:,} bytes; a record may be at most "
                                f"{MAX_BYTES:,} bytes (1 MB): split it or move long text to a source"))
    raw = file.read_bytes()
    text = _decode(raw, path)
    data, locations, key_locations = parse_yaml(text, path)
    if not isinstance(data, dict):
        line, column = locations.get((), (1, 1))
        received = "a list" if isinstance(data, list) else f"{data!r}"
        message = f"expected a mapping of fields (name: value), received {received}"
        raise LoadError(Problem(path, line, column, "", message))
    return RawRecord(kind, file.stem, path, data, locations, key_locations)
