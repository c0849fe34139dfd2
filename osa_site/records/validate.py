"""Validation: one record against its schema, and the checks across records (references, file names
of fiscal years, a country listed twice in a year). `records.content.load_dataset` runs them all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from .dataset import Dataset, Entry, source_refs
from .loader import FieldPath, RawRecord, dotted_path
from .messages import problems_from_validation, suggest
from .problems import Problem
from .schema import KINDS, MAX_ID_LENGTH, SINGULAR, YEAR_KINDS, is_id

__all__ = ["validate_record", "check_references", "check_budget_ids", "check_designations", "raw_refs"]


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one loaded record against its kind's schema. The answer is kept on `raw` (the
    validated model is frozen, the problems are not changed by their readers), so the same loaded
    record is validated once."""
    if raw.validated is None:
        raw.validated = _validated(raw)
    return raw.validated


def _validated(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    model = KINDS[raw.kind]
    try:
        return model.model_validate(raw.data), []
    except ValidationError as exc:
        return None, problems_from_validation(raw, model, exc)


def raw_refs(raw: RawRecord) -> Iterator[tuple[FieldPath, str, str]]:
    """(where, kind, id) of every well-formed reference in a record's plain data, valid or not.

    Used for records the schema refused, so a wrong reference is reported in the same run as
    the record's other problems. Walks with an explicit stack (the loader bounds the depth).
    """
    if raw.kind == "equipment" and isinstance(raw.data.get("recipient"), str):
        yield ("recipient",), "recipients", raw.data["recipient"]
    if raw.kind == "analysis":
        yield from _raw_list_refs(raw, "recipients", "recipients")
        yield from _raw_list_refs(raw, "projects", "equipment")
    if raw.kind == "designations" and isinstance(raw.data.get("countries"), list):
        for i, country in enumerate(raw.data["countries"]):
            if isinstance(country, dict) and isinstance(country.get("recipient"), str):
                yield ("countries", i, "recipient"), "recipients", country["recipient"]
    stack: list[tuple[FieldPath, Any]] = [((), raw.data)]
    while stack:
        loc, value = stack.pop()
        for key, item in _children(value):
            if key == "sources" and isinstance(item, list):
                yield from (
                    (loc + (key, i), "sources", ref) for i, ref in enumerate(item) if isinstance(ref, str)
                )
            else:
                stack.append((loc + (key,), item))


def _raw_list_refs(raw: RawRecord, name: str, kind: str) -> Iterator[tuple[FieldPath, str, str]]:
    values = raw.data.get(name)
    if isinstance(values, list):
        yield from (((name, i), kind, ref) for i, ref in enumerate(values) if isinstance(ref, str))


def _children(value: Any) -> Any:
    if isinstance(value, dict):
        return value.items()
    return enumerate(value) if isinstance(value, list) else ()


def recipient_refs(entry: Entry) -> Iterator[tuple[FieldPath, str]]:
    """Every recipient id a validated record names, with where it stands."""
    if entry.kind == "equipment":
        yield ("recipient",), entry.record.recipient
    elif entry.kind == "designations":
        for i, country in enumerate(entry.record.countries):
            yield ("countries", i, "recipient"), country.recipient


def model_refs(entry: Entry) -> Iterator[tuple[FieldPath, str, str]]:
    """(where, kind, id) of every reference of a validated record."""
    for loc, ref in recipient_refs(entry):
        yield loc, "recipients", ref
    if entry.kind == "analysis":
        yield from ((("recipients", i), "recipients", ref) for i, ref in enumerate(entry.record.recipients))
        yield from ((("projects", i), "equipment", ref) for i, ref in enumerate(entry.record.projects))
    for loc, ref in source_refs(entry.record):
        yield loc, "sources", ref


def _reference_problem(
    raw: RawRecord, loc: FieldPath, kind: str, ref: str, known: dict[str, Entry]
) -> Problem:
    line, column = raw.where(loc)
    message = (
        f"no {SINGULAR[kind]} record has the id {ref!r} (looked for content/{kind}/{ref}.yaml)"
        f"{suggest(ref, known)}"
    )
    return Problem(raw.path, line, column, dotted_path(loc), message)


def check_references(
    dataset: Dataset, reported: frozenset[tuple[str, str]] = frozenset(), refused: tuple[RawRecord, ...] = ()
) -> list[Problem]:
    """Every recipient and source a record names must exist.

    `reported` holds (kind, casefolded id) of files that exist but were refused with
    a problem of their own; naming them is not a second error. `refused` are records the
    schema refused: their well-formed references are checked too, so all problems show at once.
    """
    problems: list[Problem] = []
    found = [
        (entry.raw, ref)
        for entries in dataset.entries.values()
        for entry in entries.values()
        for ref in model_refs(entry)
    ]
    found += [(raw, ref) for raw in refused for ref in sorted(raw_refs(raw), key=lambda r: str(r[0]))]
    for raw, (loc, kind, ref) in found:
        known = dataset.entries.get(kind, {})
        well_formed = len(ref) <= MAX_ID_LENGTH and is_id(ref)
        if well_formed and ref not in known and (kind, ref.casefold()) not in reported:
            problems.append(_reference_problem(raw, loc, kind, ref, known))
    return problems


def check_budget_ids(dataset: Dataset) -> list[Problem]:
    """A budget or designation file is named for its fiscal year: `content/budgets/2024.yaml`."""
    problems = []
    for entry in (e for kind in YEAR_KINDS for e in dataset.of(kind)):
        if entry.id != str(entry.record.fiscal_year):
            line, column = entry.raw.where(("fiscal_year",))
            problems.append(
                Problem(
                    entry.path,
                    line,
                    column,
                    "fiscal_year",
                    f"the file is named {entry.id!r} but holds fiscal year "
                    f"{entry.record.fiscal_year}; name it {entry.record.fiscal_year}.yaml",
                )
            )
    return problems


def check_designations(dataset: Dataset) -> list[Problem]:
    """A country appears at most once in a fiscal year's designation file."""
    problems = []
    for entry in dataset.of("designations"):
        seen: dict[str, int] = {}
        for i, country in enumerate(entry.record.countries):
            if country.recipient in seen:
                loc = ("countries", i, "recipient")
                line, column = entry.raw.where(loc)
                first = seen[country.recipient]
                message = (
                    f"{country.recipient!r} is already listed as countries[{first}]; "
                    "list each country once per fiscal year and cite every source there"
                )
                problems.append(Problem(entry.path, line, column, dotted_path(loc), message))
            seen.setdefault(country.recipient, i)
    return problems
