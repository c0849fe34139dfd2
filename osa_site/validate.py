"""Validation: load every record under `content/`, check it against its schema and its references,
and report all problems at once (RecordError), or return the Dataset."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .dataset import Dataset, Entry, source_refs
from .designations import check_designations
from .loader import FieldPath, LoadError, RawRecord, dotted_path, load_record
from .messages import problems_from_validation, suggest
from .problems import Problem, RecordError, display_path, excerpt
from .provenance import check_confidence
from .schema import KINDS, MAX_ID_LENGTH, SINGULAR, YEAR_KINDS, is_id, suggest_id

# How one record file is read: `load_record`, or a cache of it (the live preview).
LoadRecord = Callable[[Path, str, str], RawRecord]

__all__ = ["LoadRecord", "load_dataset", "discover", "validate_record", "read_records", "check_references"]


def discover(content: Path) -> Iterator[tuple[str, Path]]:
    """Every record file, kind by kind, in a stable order.

    Anything named like a record is listed, links and folders included, so that reading it
    can refuse it with a message rather than skip it in silence.
    """
    for kind in KINDS:
        folder = content / kind
        if folder.is_dir():
            for file in sorted(folder.iterdir(), key=lambda f: f.name):
                if file.suffix in (".yaml", ".yml"):
                    yield kind, file


def _folders_outside(content: Path) -> set[str]:
    """Record folders that resolve outside content/ (a linked folder): their files are refused.

    A linked file is refused when it is read (it is opened without following links), so only
    the folders need resolving, once each.
    """
    inside = content.resolve()
    outside = set()
    for kind in KINDS:
        try:
            if not (content / kind).resolve().is_relative_to(inside):
                outside.add(kind)
        except (OSError, RuntimeError):  # a loop of links
            outside.add(kind)
    return outside


def _outside_problem(path: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "",
        "this record resolves to a place outside content/ (through a linked "
        "folder); keep record files and their folders inside content/",
    )


def _check_file_name(file: Path, path: str) -> list[Problem]:
    if is_id(file.stem):
        return []
    proposal = suggest_id(file.stem)
    return [
        Problem(
            path,
            1,
            1,
            "id",
            f"the file name {excerpt(file.stem)} is not a valid id: use lowercase "
            f"letters, digits and hyphens, for example {proposal + file.suffix!r}",
        )
    ]


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one loaded record against its kind's schema."""
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


def _duplicate_problems(paths: list[str], id: str) -> list[Problem]:
    """Every file of a clash names the others: no file is silently preferred."""
    return [
        Problem(
            path,
            1,
            1,
            "id",
            f"the id {id!r} is also used by "
            f"{', '.join(other for other in paths if other != path)}; ids must be unique "
            "(ignoring case and the .yaml/.yml ending): rename or merge the files",
        )
        for path in paths
    ]


_ENDINGS = (".yaml", ".yml")
NON_RECORD_FOLDERS = ("pages",)  # content/pages holds hand-written Markdown pages


def stray_files(content: Path, root: Path) -> list[Problem]:
    """YAML files `discover` would skip: outside a record folder or with a mis-cased ending."""
    problems: list[Problem] = []
    if not content.is_dir():
        return problems
    for item in sorted(content.iterdir()):
        if item.is_dir() and item.name in KINDS:
            problems += [
                _ending_problem(f, display_path(f, root))
                for f in sorted(item.iterdir())
                if f.is_file() and f.suffix.lower() in _ENDINGS and f.suffix not in _ENDINGS
            ]
        elif item.is_dir() and item.name not in NON_RECORD_FOLDERS and not item.name.startswith("."):
            problems += [
                _folder_problem(item.name, display_path(f, root))
                for f in sorted(item.rglob("*"))
                if f.is_file() and f.suffix.lower() in _ENDINGS
            ]
        elif item.is_file() and item.suffix.lower() in _ENDINGS:
            problems.append(_folder_problem("", display_path(item, root)))
    return problems


def _ending_problem(file: Path, path: str) -> Problem:
    return Problem(
        path, 1, 1, "", f"the file ending {file.suffix!r} is not read; rename it to {file.stem + '.yaml'!r}"
    )


def _folder_problem(folder: str, path: str) -> Problem:
    where = (
        f"the folder content/{folder}/ is not a record folder"
        if folder
        else "content/ itself holds no records"
    )
    hint = suggest(folder, KINDS) if folder else ""
    return Problem(
        path,
        1,
        1,
        "",
        f"this file is not read: {where}{hint or ''}; record folders are "
        + ", ".join(f"content/{kind}/" for kind in KINDS),
    )


def read_records(
    content: Path, root: Path, load: LoadRecord = load_record
) -> tuple[list[RawRecord], list[Problem]]:
    """Load every file, collecting load problems and refusing duplicate or invalid ids.

    Every file is loaded (so all its problems show at once), but a record whose file
    name is not a valid id, or whose id clashes with another file's, is not returned.
    """
    raws: list[RawRecord] = []
    problems: list[Problem] = stray_files(content, root)
    groups: dict[tuple[str, str], list[tuple[Path, str]]] = {}
    base = display_path(content, root)  # resolved once, not per file
    outside = _folders_outside(content)
    for kind, file in discover(content):
        groups.setdefault((kind, file.stem.casefold()), []).append((file, f"{base}/{kind}/{file.name}"))
    for (kind, _), files in groups.items():
        clash = len(files) > 1
        if clash:
            problems += _duplicate_problems([path for _, path in files], files[0][0].stem.casefold())
        for file, path in files:
            name_problems = _check_file_name(file, path)
            problems += name_problems
            if kind in outside:
                problems.append(_outside_problem(path))
                continue
            try:
                raw = load(file, kind, path)
            except LoadError as exc:
                problems.append(exc.problem)
                continue
            if not clash and not name_problems:
                raws.append(raw)
            else:
                problems += validate_record(raw)[1]
    return raws, problems


def load_dataset(content: Path, root: Path | None = None, load: LoadRecord = load_record) -> Dataset:
    """Load, validate and cross-check every record; raise RecordError listing every problem."""
    root = root or content.parent
    raws, problems = read_records(content, root, load)
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    refused: list[RawRecord] = []
    for raw in raws:
        record, found = validate_record(raw)
        problems.extend(found)
        if record is not None:
            entries[raw.kind][raw.id] = Entry(raw.kind, raw.id, raw.path, record, raw)
        else:
            refused.append(raw)
    dataset = Dataset(entries)
    on_disk = {(kind, file.stem.casefold()) for kind, file in discover(content)}
    accepted = {(kind, id.casefold()) for kind, ids in entries.items() for id in ids}
    problems.extend(check_references(dataset, frozenset(on_disk - accepted), tuple(refused)))
    problems.extend(check_budget_ids(dataset))
    problems.extend(check_designations(dataset))
    problems.extend(check_confidence(dataset))
    if problems:
        raise RecordError(problems)
    return dataset
