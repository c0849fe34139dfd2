"""Editor support generated from the schema: JSON Schemas and new-record skeletons."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .schema import KINDS, SINGULAR

__all__ = ["json_schema", "schema_files", "write_schemas", "new_record_text", "modeline"]


def json_schema(kind: str) -> dict:
    """The JSON Schema editors and pre-commit use for one kind."""
    model: type[BaseModel] = KINDS[kind]
    body = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SINGULAR[kind]}.schema.json", **body}


def schema_files() -> dict[str, str]:
    """{file name: JSON text} for every kind, stable byte for byte."""
    return {f"{SINGULAR[kind]}.schema.json": json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
            for kind in KINDS}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def modeline(kind: str) -> str:
    return f"# yaml-language-server: $schema=../../schema/{SINGULAR[kind]}.schema.json"


def _example(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def new_record_text(kind: str) -> str:
    """A skeleton: required fields left empty (so `check` fails until filled), optional ones commented."""
    model: type[BaseModel] = KINDS[kind]
    lines = [modeline(kind), f"# A new {SINGULAR[kind]} record. {model.__doc__ or ''}".rstrip(), ""]
    for name, info in model.model_fields.items():
        example = f" Example: {_example(info.examples[0])}" if info.examples and info.examples[0] is not None else ""
        if info.is_required():
            lines += [f"# Required. {info.description}{example}", f"{name}:", ""]
        else:
            lines += [f"# Optional. {info.description}{example}", f"# {name}:", ""]
    return "\n".join(lines).rstrip() + "\n"
