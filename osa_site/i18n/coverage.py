"""How much of the content has Thai text: counted per record kind and field, for `osa-site check`.

A field counts when its English text is present; it is translated when the object's `th:` mapping
holds the same field. Nested objects (items, disputes and their readings, lifecycle steps, the
exchange of notes, the partner) count under their path, for example `equipment.items.name`.
The report informs; it never fails a check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

__all__ = ["ThaiCoverage", "thai_coverage", "format_coverage", "coverage_summary"]


@dataclass
class ThaiCoverage:
    records: int = 0
    records_with_thai: int = 0
    present: Counter[str] = field(default_factory=Counter)  # field path -> English texts
    translated: Counter[str] = field(default_factory=Counter)  # field path -> of which in Thai


def _walk(obj: BaseModel, path: str, cov: ThaiCoverage) -> bool:
    """Count one object and the objects inside it; say whether any Thai text was found."""
    found = False
    th = getattr(obj, "th", None)
    if "th" in type(obj).model_fields:
        for name in _thai_field_names(obj):
            if getattr(obj, name, None) is not None:
                cov.present[f"{path}.{name}"] += 1
                if th is not None and getattr(th, name, None):
                    cov.translated[f"{path}.{name}"] += 1
                    found = True
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, BaseModel) and name != "th":
                found = _walk(child, f"{path}.{name}", cov) or found
    return found


def _thai_field_names(obj: BaseModel) -> list[str]:
    annotation = type(obj).model_fields["th"].annotation
    models = [
        a
        for a in getattr(annotation, "__args__", (annotation,))
        if isinstance(a, type) and issubclass(a, BaseModel)
    ]
    return list(models[0].model_fields) if models else []


def thai_coverage(records: Iterable[tuple[str, BaseModel]]) -> ThaiCoverage:
    """Coverage over (kind, record) pairs."""
    cov = ThaiCoverage()
    for kind, record in records:
        cov.records += 1
        cov.records_with_thai += _walk(record, kind, cov)
    return cov


def format_coverage(cov: ThaiCoverage) -> str:
    """A few lines for people: records with Thai text, then each field's share."""
    lines = [f"Thai text: {cov.records_with_thai} of {cov.records} records have some Thai text."]
    for path in sorted(cov.present):
        done, total = cov.translated[path], cov.present[path]
        lines.append(f"  {path}: {done} of {total} in Thai ({100 * done // total}%)")
    return "\n".join(lines)


def coverage_summary(cov: ThaiCoverage) -> dict[str, object]:
    """The coverage as plain data, for `osa-site check --format json`."""
    fields = {
        path: {"english": cov.present[path], "thai": cov.translated[path]} for path in sorted(cov.present)
    }
    return {"records": cov.records_with_thai, "fields": fields}
