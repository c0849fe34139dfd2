"""Confidence levels as data: what each level means, what it requires, and the check of every record.

`LEVELS` is the one definition of the rules. `check_confidence` applies it to every
record that states facts (and to each country of a designation file), and the
methodology page prints it (through the `rules.confidence` block of the page
figures), so the page cannot say something the checker does not do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..i18n.languages import N_
from .dataset import Dataset, Entry
from .loader import FieldPath, dotted_path
from .problems import Problem
from .schema import PUBLISHER_TYPES, Recipient

__all__ = [
    "Level",
    "LEVELS",
    "Claim",
    "claims",
    "check_confidence",
    "meets_confirmed",
    "origin_key",
    "NO_SOURCE",
    "PUBLISHER_TYPES",
]

NO_SOURCE = N_("no source on record")


@dataclass(frozen=True)
class Claim:
    """Something that carries a confidence: a record, or one country of a designation file."""

    entry: Entry
    loc: FieldPath  # where the claim stands in its file: () or ("countries", 2)
    model: Any  # a schema model with confidence, sources and disputes

    def where(self, *fields: str | int, key: bool = False) -> tuple[int, int]:
        return self.entry.raw.where(self.loc + fields, key=key)

    def has(self, name: str) -> bool:
        data: Any = self.entry.raw.data
        for part in self.loc:
            data = data[part]
        return name in data


Sources = dict[str, Any]  # source id -> Source model
Finding = tuple[FieldPath, str]  # (field path inside the claim, message)


def _publishers(claim: Claim, sources: Sources) -> list[Any]:
    return [sources[sid] for sid in dict.fromkeys(claim.model.sources) if sid in sources]


def origin_key(source: Any) -> str:
    """Who wrote a source, compared without regard to case or spacing: its originating publisher,
    or else its publisher. One wire story carried by two sites has one key."""
    origin = getattr(source, "originating_publisher", None) or source.publisher
    return " ".join(origin.split()).casefold()


def meets_confirmed(cited: list[Any]) -> bool:
    """The confirmed rule: an official source, or sources by two different originating publishers."""
    return any(s.publisher_type == "official" for s in cited) or len({origin_key(s) for s in cited}) >= 2


def _confirmed(claim: Claim, sources: Sources) -> Iterator[Finding]:
    if any(sid not in sources for sid in claim.model.sources):
        return  # a missing or refused source is reported on its own; the level is judged once it is fixed
    cited = _publishers(claim, sources)
    if meets_confirmed(cited):
        return
    if not cited:
        yield (
            ("confidence",),
            (
                "confirmed needs an official source or sources from two different "
                "publishers; this record cites no source"
            ),
        )
        return
    first = cited[0]
    sites = list(dict.fromkeys(s.publisher for s in cited))
    if len(sites) > 1:
        yield ("confidence",), _one_story_on_many_sites(first, sites)
        return
    many = f", in {len(cited)} sources" if len(cited) > 1 else ""
    yield (
        ("confidence",),
        (
            "confirmed needs an official source or sources from two different publishers; "
            f"this record cites only {first.publisher} ({first.publisher_type}){many}: "
            "add a source from another publisher or an official one, or mark it reported"
        ),
    )


def _one_story_on_many_sites(first: Any, sites: list[str]) -> str:
    origin = getattr(first, "originating_publisher", None) or first.publisher
    return (
        "expected an official source or sources from two different originating publishers for "
        f"confirmed, received only {origin} ({first.publisher_type}) carried by {len(sites)} sites "
        f"({'; '.join(sites)}): one wire story seen on several sites counts once; add a source from "
        "another publisher or an official one, or mark it reported"
    )


def _reported(claim: Claim, _sources: Sources) -> Iterator[Finding]:  # one signature for every level
    if not claim.model.sources:
        yield ("confidence",), "reported needs at least one source; this record cites none"


def _contested(claim: Claim, _sources: Sources) -> Iterator[Finding]:
    for d, dispute in enumerate(claim.model.disputes):
        for r, reading in enumerate(dispute.readings):
            if not reading.sources and not reading.according_to:
                yield (
                    ("disputes", d, "readings", r),
                    (
                        f"the reading {reading.value!r} cites no source and says nobody gave it: "
                        "cite a source that states it, "
                        "or keep sources: [] and add according_to naming who said it"
                    ),
                )


@dataclass(frozen=True)
class Level:
    """One confidence level: its name, what it tells a reader, and what the checker requires."""

    name: str
    meaning: str
    requirement: str
    check: Callable[[Claim, Sources], Iterator[Finding]]


LEVELS: tuple[Level, ...] = (
    Level(
        "confirmed",
        "the fact is established by its sources.",
        "at least one official source, or sources from at least two different publishers, counted by "
        "who wrote them (a wire story carried by two sites counts once).",
        _confirmed,
    ),
    Level(
        "reported",
        "a source states the fact, but the record does not claim it as established: its "
        "sources do not meet the rule for confirmed, or they only report what others expect or say.",
        "at least one source.",
        _reported,
    ),
    Level(
        "contested",
        "the sources disagree; every reading is shown, none is chosen as true.",
        "a list of disputes, each with two or more readings. Every reading cites a source that states "
        f'it, or has no source and names who gave it; the site then shows it as "{NO_SOURCE}".',
        _contested,
    ),
)
_BY_NAME = {level.name: level for level in LEVELS}


def claims(dataset: Dataset) -> Iterator[Claim]:
    """Every record and designated country that carries a confidence, in a stable order."""
    for kind, entries in dataset.entries.items():
        for entry in entries.values():
            if kind == "designations":
                for i, country in enumerate(entry.record.countries):
                    yield Claim(entry, ("countries", i), country)
            elif hasattr(entry.record, "confidence"):
                if isinstance(entry.record, Recipient) and not entry.record.sources:
                    continue  # a recipient that carries no sources states nothing of its own
                yield Claim(entry, (), entry.record)


def _problem(claim: Claim, loc: FieldPath, message: str) -> Problem:
    if loc == ("confidence",) and not claim.has("confidence"):
        line, column = claim.where("sources", key=True)
        message += " (confidence is confirmed when the field is left out)"
        return Problem(claim.entry.path, line, column, dotted_path(claim.loc + ("sources",)), message)
    line, column = claim.where(*loc)
    return Problem(claim.entry.path, line, column, dotted_path(claim.loc + loc), message)


def check_confidence(dataset: Dataset) -> list[Problem]:
    """Every claim whose sources do not meet its confidence level's requirement."""
    sources = {sid: e.record for sid, e in dataset.entries.get("sources", {}).items()}
    problems = []
    for claim in claims(dataset):
        level = _BY_NAME[claim.model.confidence]
        problems += [_problem(claim, loc, message) for loc, message in level.check(claim, sources)]
    return problems
