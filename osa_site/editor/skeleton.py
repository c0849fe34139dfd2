"""`osa-site new`: the skeleton of a new record, every field explained, and the reasons to refuse one."""

from __future__ import annotations

import textwrap
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..records.schema import (
    FIRST_FISCAL_YEAR,
    KINDS,
    LAST_FISCAL_YEAR,
    SINGULAR,
    YEAR_KINDS,
    is_id,
    suggest_id,
)
from .fields import example_text, expected_words, nested_models, ordered_fields, type_words
from .jsonschemas import modeline

__all__ = ["new_record_text", "new_record_problem"]

_WIDTH = 100


def new_record_problem(kind: str, record_id: str, folder: Path) -> str | None:
    """Why `osa-site new KIND RECORD_ID` must refuse, or None."""
    if not is_id(record_id):
        proposal = suggest_id(record_id)
        hint = f", for example {proposal!r}" if proposal else ""
        return f"{record_id!r} is not a valid id: use lowercase letters, digits and hyphens{hint}"
    in_range = record_id.isdigit() and FIRST_FISCAL_YEAR <= int(record_id) <= LAST_FISCAL_YEAR
    if kind in YEAR_KINDS and not in_range:
        return (
            f"a {SINGULAR[kind]}'s id is its fiscal year, from {FIRST_FISCAL_YEAR} to "
            f"{LAST_FISCAL_YEAR}; received {record_id!r}"
        )
    if folder.is_dir():
        for existing in sorted(folder.iterdir()):
            if existing.stem.casefold() == record_id and existing.suffix in (".yaml", ".yml"):
                return f"{existing} already exists; edit it instead"
    return None


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(  # never inside a hyphenated value such as research-paper
        text, _WIDTH, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}#   ", break_on_hyphens=False
    )


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
    lines = [
        modeline(kind),
        *_comment(f"A new {SINGULAR[kind]} record. {model.__doc__ or ''}"),
        *_comment(
            "Fill in every field marked Required, then run `osa-site check`. To use an "
            "optional field, remove the '# ' before its name. Put text holding ': ' or "
            "starting with a symbol in double quotes."
        ),
        "",
    ]
    for name, info in ordered_fields(model):
        lines += _field_comment(info)
        if info.is_required():
            value = record_id if kind in YEAR_KINDS and name == "fiscal_year" else ""
            lines += [f"{name}: {value}".rstrip(), *_nested_lines(info, "")]
        else:
            lines += [f"# {name}:", *_nested_lines(info, "")]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
