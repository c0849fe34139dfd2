"""Load and validate every record under `content/`, reporting all problems at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .loader import FieldPath, LoadError, RawRecord, dotted_path, load_record
from .messages import problems_from_validation, suggest
from .problems import Problem, RecordError, display_path
from .schema import ID_PATTERN, KINDS

__all__ = ["Entry", "Dataset", "load_dataset", "discover", "validate_record", "source_refs"]

_ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Entry:
    """A validated record: its kind, id, file and model."""

    kind: str
    id: str
    path: str
    record: Any  # one of the schema models
    raw: RawRecord


@dataclass(frozen=True)
class Dataset:
    """Every valid record, by kind then id, each kind sorted by id."""

    entries: dict[str, dict[str, Entry]]

    def of(self, kind: str) -> list[Entry]:
        return list(self.entries.get(kind, {}).values())

    def get(self, kind: str, id: str) -> Entry | None:
        return self.entries.get(kind, {}).get(id)

    def count(self) -> int:
        return sum(len(v) for v in self.entries.values())


def discover(content: Path) -> Iterator[tuple[str, Path]]:
    """Every record file, kind by kind, in a stable order."""
    for kind in KINDS:
        folder = content / kind
        if folder.is_dir():
            for file in sorted(folder.iterdir()):
                if file.suffix in (".yaml", ".yml") and file.is_file():
                    yield kind, file


def _check_file_name(kind: str, file: Path, path: str) -> list[Problem]:
    if _ID_RE.match(file.stem):
        return []
    proposal = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")
    return [
        Problem(path, 1, 1, "id", f"the file name {file.stem!r} is not a valid id: use lowercase "
                f"letters, digits and hyphens, for example {proposal + file.suffix!r}")
    ]


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one loaded record against its kind's schema."""
    model = KINDS[raw.kind]
    try:
        return model.model_validate(raw.data), []
    except ValidationError as exc:
        return None, problems_from_validation(raw, model, exc)


def source_refs(model: BaseModel, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every source id a record cites, with where it stands (walks nested models)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "sources":
            for i, ref in enumerate(value):
                yield loc + (name, i), ref
        elif isinstance(value, BaseModel):
            yield from source_refs(value, loc + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from source_refs(item, loc + (name, i))


def _reference_problem(entry: Entry, loc: FieldPath, kind: str, ref: str, known: dict[str, Entry]) -> Problem:
    line, column = entry.raw.where(loc)
    singular = {"sources": "source", "recipients": "recipient"}[kind]
    message = f"no {singular} record has the id {ref!r} (looked for content/{kind}/{ref}.yaml){suggest(ref, known)}"
    return Problem(entry.path, line, column, dotted_path(loc), message)


def check_references(dataset: Dataset) -> list[Problem]:
    """Every recipient and source a record names must exist."""
    problems: list[Problem] = []
    sources = dataset.entries.get("sources", {})
    recipients = dataset.entries.get("recipients", {})
    for entries in dataset.entries.values():
        for entry in entries.values():
            for loc, ref in source_refs(entry.record):
                if ref not in sources:
                    problems.append(_reference_problem(entry, loc, "sources", ref, sources))
    for entry in dataset.of("equipment"):
        if entry.record.recipient not in recipients:
            problems.append(_reference_problem(entry, ("recipient",), "recipients", entry.record.recipient, recipients))
    return problems


def check_budget_ids(dataset: Dataset) -> list[Problem]:
    """A budget file is named for its fiscal year: `content/budgets/2024.yaml`."""
    problems = []
    for entry in dataset.of("budgets"):
        if entry.id != str(entry.record.fiscal_year):
            line, column = entry.raw.where(("fiscal_year",))
            problems.append(Problem(entry.path, line, column, "fiscal_year",
                                    f"the file is named {entry.id!r} but holds fiscal year "
                                    f"{entry.record.fiscal_year}; name it {entry.record.fiscal_year}.yaml"))
    return problems


def _duplicate_problem(path: str, other: str, id: str) -> Problem:
    return Problem(path, 1, 1, "id", f"the id {id!r} is already used by {other}; ids must be unique "
                   "(ignoring case and the .yaml/.yml ending)")


def read_records(content: Path, root: Path) -> tuple[list[RawRecord], list[Problem]]:
    """Load every file, collecting load problems and refusing duplicate or invalid ids."""
    raws: list[RawRecord] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    for kind, file in discover(content):
        path = display_path(file, root)
        key = (kind, file.stem.casefold())
        if key in seen:
            problems.append(_duplicate_problem(path, seen[key], file.stem))
            continue
        seen[key] = path
        problems.extend(_check_file_name(kind, file, path))
        try:
            raws.append(load_record(file, kind, path))
        except LoadError as exc:
            problems.append(exc.problem)
    return raws, problems


def load_dataset(content: Path, root: Path | None = None) -> Dataset:
    """Load, validate and cross-check every record; raise RecordError listing every problem."""
    root = root or content.parent
    raws, problems = read_records(content, root)
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    for raw in raws:
        record, found = validate_record(raw)
        problems.extend(found)
        if record is not None:
            entries[raw.kind][raw.id] = Entry(raw.kind, raw.id, raw.path, record, raw)
    dataset = Dataset(entries)
    problems.extend(check_references(dataset))
    problems.extend(check_budget_ids(dataset))
    if problems:
        raise RecordError(problems)
    return dataset

