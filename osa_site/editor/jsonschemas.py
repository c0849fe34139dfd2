"""The JSON Schemas editors and pre-commit use, exported from the record models, and the modeline
that points each record at its kind's schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..records.schema import KINDS, SINGULAR

__all__ = ["json_schema", "schema_files", "write_schemas", "modeline"]


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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SINGULAR[kind]}.schema.json",
        **body,
    }


def schema_files() -> dict[str, str]:
    """{file name: JSON text} for every kind, stable byte for byte."""
    return {
        f"{SINGULAR[kind]}.schema.json": json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


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
