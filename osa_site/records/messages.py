"""Turn pydantic's validation errors into messages written for a person."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .loader import FieldPath, RawRecord, dotted_path
from .problems import Problem, excerpt

__all__ = ["problems_from_validation", "suggest", "received", "field_info"]

_ID_HINT = "an id of lowercase letters, digits and hyphens such as 'papua-new-guinea'"


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`; did you mean 'recipient'?` or nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def received(value: Any) -> str:
    """A short description of what the editor wrote."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return excerpt(value, 60)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def field_info(model: type[BaseModel], loc: FieldPath) -> FieldInfo | None:
    """The FieldInfo a (cleaned) error location points to, walking nested models."""
    info: FieldInfo | None = None
    current: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((m.model_fields[part] for m in current if part in m.model_fields), None)
        if info is None:
            return None
        current = _models_in(info.annotation)
    return info


def _fields_at(model: type[BaseModel], loc: FieldPath) -> list[str]:
    if not loc:
        return list(model.model_fields)
    info = field_info(model, loc)
    models = _models_in(info.annotation) if info else []
    return [name for m in models for name in m.model_fields]


def _expected(info: FieldInfo | None) -> str | None:
    extra = info.json_schema_extra if info else None
    return extra.get("expected") if isinstance(extra, dict) else None  # type: ignore[return-value]


def _clean_loc(loc: tuple[Any, ...]) -> FieldPath:
    """Drop pydantic's union and validator markers, keep field names and list indexes."""
    return tuple(p for p in loc if isinstance(p, int) or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p))


def _message(error: ErrorDetails, info: FieldInfo | None, model: type[BaseModel], loc: FieldPath) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    expected = _expected(info)
    if kind == "missing":
        return "required field is missing" + (f"; expected {expected}" if expected else "")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = suggest(name, _fields_at(model, loc[:-1]))
        return f"unknown field {excerpt(name)}{hint or '; it is not part of this kind of record'}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, received {received(value)}"
    if kind == "string_pattern_mismatch":
        return f"expected {expected or _ID_HINT}, received {received(value)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _range_message(kind, ctx, value, expected, loc)
    if kind == "too_short":
        return f"expected {expected or 'at least one entry'}, received {received(value)}"
    if kind == "string_too_long" and isinstance(value, str):
        return f"expected at most {ctx.get('max_length')} characters, received {len(value):,}"
    if kind == "string_too_short":
        return "expected some text, received an empty value"
    wanted = expected or _TYPE_WORDS.get(kind, error["msg"].lower())
    message = f"expected {wanted}, received {received(value)}"
    if kind in ("int_type", "int_parsing") and isinstance(value, str) and _INT_TEXT.match(value.strip()):
        message += "; write the number without quotes"
    return message


_INT_TEXT = re.compile(r"^[-+]?[0-9][0-9_]*$")


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
}


def _range_message(kind: str, ctx: dict[str, Any], value: Any, expected: str | None, loc: FieldPath) -> str:
    bound = next(iter(ctx.values()), None)
    if isinstance(bound, int) and abs(bound) >= 100_000:
        bound = f"{bound:,}"
    words = {
        "greater_than_equal": f"at least {bound}",
        "less_than_equal": f"at most {bound}",
        "greater_than": f"above {bound}",
        "less_than": f"below {bound}",
    }[kind]
    if loc and loc[-1] == "fiscal_year" and kind == "greater_than_equal":
        words += ", since OSA began in FY2023"
    head = f"expected {expected}, " if expected else ""
    return f"{head}received {received(value)} (it must be {words})"


def _model_level_field(record: RawRecord, message: str) -> FieldPath:
    named = re.findall(r"'([a-z_]+)'", message)
    for name in named + ["confidence", "status"]:
        if name in record.data:
            return (name,)
    return ()


def problems_from_validation(
    record: RawRecord, model: type[BaseModel], exc: ValidationError
) -> list[Problem]:
    """One located problem per distinct field pydantic complained about."""
    problems: dict[FieldPath, Problem] = {}
    for error in exc.errors(include_url=False):
        loc = _clean_loc(error["loc"])
        info = field_info(model, loc) if loc else None
        message = _message(error, info, model, loc)
        if not loc:
            loc = _model_level_field(record, message)
        if loc in problems:
            if _expected(info):  # a union: one message naming every accepted form
                value = error.get("input")
                message = f"expected {_expected(info)}, received {received(value)}"
            else:
                continue
        at_key = error["type"] in ("extra_forbidden",)
        line, column = record.where(loc, key=at_key)
        if error["type"] == "missing":
            line, column = record.where(loc[:-1], key=True)
        problems[loc] = Problem(record.path, line, column, dotted_path(loc), message)
    return _drop_explained_missing(list(problems.values()))


def _drop_explained_missing(problems: list[Problem]) -> list[Problem]:
    """`recipent: ... did you mean 'recipient'?` already explains why `recipient` is missing."""
    meant = {
        (p.field.rpartition(".")[0], m.group(1))
        for p in problems
        if (m := re.search(r"did you mean '([^']+)'\?$", p.message)) and p.message.startswith("unknown field")
    }
    return [
        p
        for p in problems
        if not (
            p.message.startswith("required field is missing")
            and (p.field.rpartition(".")[0], p.field.rpartition(".")[2]) in meant
        )
    ]
