"""Editor support generated from the schema: JSON Schemas, field descriptions and new-record skeletons."""

from __future__ import annotations

import json
import re
import textwrap
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .dates import PartialDate
from .schema import FIRST_FISCAL_YEAR, ID_PATTERN, KINDS, LAST_FISCAL_YEAR, SINGULAR
from .textpolicy import TextRule

__all__ = [
    "json_schema",
    "schema_files",
    "write_schemas",
    "new_record_text",
    "new_record_problem",
    "modeline",
    "type_words",
    "expected_words",
    "example_text",
    "ordered_fields",
    "nested_models",
]

_WIDTH = 100


# --- JSON Schemas -------------------------------------------------------------------------------

def _for_editors(node: Any) -> Any:
    """The validator's `expected` phrase becomes `errorMessage`, which YAML/JSON editors show."""
    if isinstance(node, dict):
        out = {k: _for_editors(v) for k, v in node.items() if k != "expected"}
        if isinstance(node.get("expected"), str):
            out["errorMessage"] = f"Expected {node['expected']}."
        return out
    if isinstance(node, list):
        return [_for_editors(v) for v in node]
    return node


def json_schema(kind: str) -> dict:
    """The JSON Schema editors and pre-commit use for one kind."""
    model: type[BaseModel] = KINDS[kind]
    body = _for_editors(model.model_json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SINGULAR[kind]}.schema.json", **body}


def schema_files() -> dict[str, str]:
    """{file name: JSON text} for every kind, stable byte for byte."""
    return {f"{SINGULAR[kind]}.schema.json": json.dumps(json_schema(kind), indent=2, ensure_ascii=False)
            + "\n" for kind in KINDS}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(folder / name)
    return written


def modeline(kind: str) -> str:
    """The first line of every record: points YAML editors at the kind's JSON Schema."""
    return f"# yaml-language-server: $schema=../../schema/{SINGULAR[kind]}.schema.json"


# --- Field descriptions (shared with the editing guide) ----------------------------------------

def _constraints(metadata: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in metadata:
        flat.extend(_constraints(item.metadata) if isinstance(item, FieldInfo) else [item])
    return flat


def _bounds(metadata: list[Any]) -> str:
    words = []
    for item in _constraints(metadata):
        if isinstance(item, at.Le) and isinstance(item.le, int) and item.le >= 100_000:
            words.append(f"at most {item.le:,}")
        elif isinstance(item, at.Ge):
            words.append(f"at least {item.ge}")
        elif isinstance(item, at.Gt):
            words.append(f"above {item.gt}")
        elif isinstance(item, at.Le):
            words.append(f"at most {item.le}")
        elif isinstance(item, at.Lt):
            words.append(f"below {item.lt}")
    return f" ({', '.join(words)})" if words else ""


def _pattern(metadata: list[Any]) -> str | None:
    return next((p for p in (getattr(m, "pattern", None) for m in _constraints(metadata)) if p), None)


def type_words(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A field's type in plain words: `whole number (at least 2023, at most 2040)`, `list of source ids`."""
    metadata = list(metadata or [])
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_words(args[0], metadata + list(annotation.__metadata__))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_words(a, metadata) for a in args if a is not type(None))
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin is list:
        return f"list of {type_words(args[0])}"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number" + _bounds(metadata)
    if annotation is PartialDate:
        return "date (YYYY-MM-DD, YYYY-MM or YYYY)"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    rule = next((m for m in metadata if isinstance(m, TextRule)), None)
    if rule:
        return rule.words
    pattern = _pattern(metadata)
    if pattern == ID_PATTERN:
        return "id (lowercase letters, digits, hyphens)"
    return f"text matching {pattern}" if pattern else "text"


def expected_words(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    value = extra.get("expected") if isinstance(extra, dict) else None
    return value if isinstance(value, str) else None


def example_text(info: FieldInfo) -> str | None:
    """The field's example as YAML flow text (JSON is valid YAML), or None."""
    if not info.examples or info.examples[0] is None:
        return None
    return json.dumps(info.examples[0], ensure_ascii=False)


def ordered_fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """Required fields first, then the kind's own optional fields, then the shared ones."""
    inherited = {name for base in model.__mro__[1:] if isinstance(base, type) and issubclass(base, BaseModel)
                 and base is not BaseModel for name in getattr(base, "model_fields", {})}
    fields = list(model.model_fields.items())
    return sorted(fields, key=lambda item: (not item[1].is_required(), item[0] in inherited))


def nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models a field holds (directly, in a list, or optionally), in order."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from nested_models(arg)


# --- New-record skeletons ----------------------------------------------------------------------

def new_record_problem(kind: str, record_id: str, folder: Path) -> str | None:
    """Why `osa-site new KIND RECORD_ID` must refuse, or None."""
    if not re.fullmatch(ID_PATTERN, record_id):
        proposal = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-")
        hint = f", for example {proposal!r}" if proposal else ""
        return f"{record_id!r} is not a valid id: use lowercase letters, digits and hyphens{hint}"
    in_range = record_id.isdigit() and FIRST_FISCAL_YEAR <= int(record_id) <= LAST_FISCAL_YEAR
    if kind == "budgets" and not in_range:
        return (f"a budget's id is its fiscal year, from {FIRST_FISCAL_YEAR} to {LAST_FISCAL_YEAR}; "
                f"received {record_id!r}")
    if folder.is_dir():
        for existing in sorted(folder.iterdir()):
            if existing.stem.casefold() == record_id and existing.suffix in (".yaml", ".yml"):
                return f"{existing} already exists; edit it instead"
    return None


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}#   ")


def _field_comment(info: FieldInfo, indent: str = "") -> list[str]:
    status = "Required." if info.is_required() else "Optional."
    words = expected_words(info) or type_words(info.annotation, info.metadata)
    if any(True for _ in nested_models(info.annotation)):
        words += " (its fields are sketched below)"
    example = example_text(info)
    text = f"{status} {info.description or ''} Type: {words}." + (f" Example: {example}" if example else "")
    return _comment(text, indent)


def _nested_lines(info: FieldInfo, indent: str) -> list[str]:
    """A commented sketch of a nested mapping or list of mappings, one level deep."""
    lines: list[str] = []
    for sub in nested_models(info.annotation):
        is_list = typing.get_origin(info.annotation) is list
        for i, (name, sub_info) in enumerate(ordered_fields(sub)):
            lead = "- " if is_list and i == 0 else "  " if is_list else ""
            status = "required" if sub_info.is_required() else "optional"
            example = example_text(sub_info)
            lines.append(f"# {indent}  {lead}{name}: {example or ''}".rstrip() + f"  # {status}")
    return lines


def new_record_text(kind: str, record_id: str = "") -> str:
    """A skeleton: required fields left empty (so `check` fails until filled), optional ones commented."""
    model: type[BaseModel] = KINDS[kind]
    lines = [modeline(kind), *_comment(f"A new {SINGULAR[kind]} record. {model.__doc__ or ''}"),
             *_comment("Fill in every field marked Required, then run `osa-site check`. To use an "
                       "optional field, remove the '# ' before its name. Put text holding ': ' or "
                       "starting with a symbol in double quotes."), ""]
    for name, info in ordered_fields(model):
        lines += _field_comment(info)
        if info.is_required():
            value = record_id if kind == "budgets" and name == "fiscal_year" else ""
            lines += [f"{name}: {value}".rstrip()]
        else:
            lines += [f"# {name}:", *_nested_lines(info, "")]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
