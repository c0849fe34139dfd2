"""Each field of the record models in plain words, for editors: its type, what it expects and an example.

Shared by the editing guide and the new-record skeletons.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..i18n.dates import PartialDate
from ..records.schema import ID_PATTERN
from ..records.textpolicy import TextRule

__all__ = ["type_words", "expected_words", "example_text", "ordered_fields", "nested_models"]


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
    inherited = {
        name
        for base in model.__mro__[1:]
        if isinstance(base, type) and issubclass(base, BaseModel) and base is not BaseModel
        for name in getattr(base, "model_fields", {})
    }
    fields = list(model.model_fields.items())
    return sorted(fields, key=lambda item: (not item[1].is_required(), item[0] in inherited))


def nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models a field holds (directly, in a list, or optionally), in order."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from nested_models(arg)
