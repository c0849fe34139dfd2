"""Designations: which countries were reported as chosen for a fiscal year, and what became of it.

A designation became a project when an equipment record exists for that recipient
and that fiscal year. Otherwise it either did not become a project in its year
(the year has ended) or has no exchange of notes yet (the year is still running).
"Ended" is judged against the data's own date (`as_of`: the latest content change in
git, or the latest date in any record), never the build clock, so builds of the
same records are identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..i18n.dates import PartialDate
from ..i18n.languages import N_
from ..records.dataset import Dataset, Entry

__all__ = [
    "Outcome",
    "designation_outcomes",
    "fiscal_year_end",
    "latest_date",
    "date_range",
    "OUTCOME_LABELS",
    "months_between",
]

OUTCOME_LABELS = {
    "project": N_("became a project"),
    "lapsed": N_("did not become a project in its fiscal year"),
    "pending": N_("no exchange of notes found yet"),
}


def fiscal_year_end(fiscal_year: int) -> PartialDate:
    """The last day of a Japanese fiscal year: 31 March of the next calendar year."""
    return PartialDate(fiscal_year + 1, 3, 31)


@dataclass(frozen=True)
class Outcome:
    """One country designated for one fiscal year, and what became of the designation."""

    fiscal_year: int
    file: Entry  # the designation file (content/designations/<fy>.yaml)
    position: int  # index in the file's countries list
    country: Any  # the DesignatedCountry model
    projects: tuple[Entry, ...]  # equipment records for that recipient and that fiscal year
    status: str  # "project", "lapsed" or "pending"

    @property
    def recipient(self) -> str:
        return self.country.recipient

    def text(self) -> str:
        """`became a project`, `did not become a project in FY2024`, `no exchange of notes found yet`."""
        if self.status == "lapsed":
            return f"did not become a project in FY{self.fiscal_year}"
        return OUTCOME_LABELS[self.status]

    def first_notes(self) -> PartialDate | None:
        """The earliest exchange of notes among the projects it became."""
        dates = [p.record.exchange_of_notes.date for p in self.projects if p.record.exchange_of_notes]
        return min(dates) if dates else None


def _status(projects: tuple[Entry, ...], fiscal_year: int, as_of: PartialDate) -> str:
    if projects:
        return "project"
    return "lapsed" if as_of > fiscal_year_end(fiscal_year) else "pending"


def designation_outcomes(dataset: Dataset, as_of: PartialDate) -> list[Outcome]:
    """Every designated country of every file, by fiscal year then file order."""
    projects: dict[tuple[str, int], list[Entry]] = {}
    for entry in dataset.of("equipment"):
        projects.setdefault((entry.record.recipient, entry.record.fiscal_year), []).append(entry)
    outcomes = []
    for file in sorted(dataset.of("designations"), key=lambda e: e.record.fiscal_year):
        year = file.record.fiscal_year
        for i, country in enumerate(file.record.countries):
            found = tuple(sorted(projects.get((country.recipient, year), []), key=lambda e: e.id))
            outcomes.append(Outcome(year, file, i, country, found, _status(found, year, as_of)))
    return outcomes


def months_between(start: PartialDate, end: PartialDate) -> int | None:
    """Whole calendar months from one date to another, or None when either is known only to the year."""
    if not start.month or not end.month:
        return None
    return (end.year * 12 + end.month) - (start.year * 12 + start.month)


def _dates_in(value: Any) -> Iterator[PartialDate]:
    if isinstance(value, PartialDate):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates_in(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _dates_in(item)


def latest_date(records: Iterable[Any]) -> PartialDate | None:
    """The latest date written in any of these records (publication dates of sources included)."""
    return max((d for record in records for d in _dates_in(record)), default=None)


def date_range(records: Iterable[Any]) -> tuple[PartialDate, PartialDate] | None:
    """The earliest and latest dates written in these records, or None when they hold no date."""
    dates = sorted(d for record in records for d in _dates_in(record))
    return (dates[0], dates[-1]) if dates else None
