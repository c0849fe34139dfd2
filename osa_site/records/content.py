"""The content folder read as a whole: every record file found, loaded, validated and cross-checked.

`load_dataset` returns the Dataset, or raises RecordError listing every problem at once (a file
outside a record folder, a clash of ids, a schema problem, a reference to nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .dataset import Dataset, Entry
from .loader import LoadError, RawRecord, load_record
from .messages import suggest
from .problems import Problem, RecordError, display_path, excerpt
from .provenance import check_confidence
from .schema import KINDS, is_id, suggest_id
from .validate import check_budget_ids, check_designations, check_references, validate_record

# How one record file is read: `load_record`, or a cache of it (the live preview).
LoadRecord = Callable[[Path, str, str], RawRecord]

__all__ = ["LoadRecord", "load_dataset", "discover", "read_records", "stray_files"]


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
