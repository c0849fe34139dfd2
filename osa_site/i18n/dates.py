"""Dates that keep the precision they were written with: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["PartialDate", "parse_partial_date", "DATE_PATTERN"]

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_DATE_RE = re.compile(DATE_PATTERN)
_MONTHS = [calendar.month_name[m] for m in range(13)]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Ordering puts a year before its months and a month before its days,
    so `2023` < `2023-04` < `2023-04-05`.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        if self.day:
            return "day"
        return "month" if self.month else "year"

    def iso(self) -> str:
        """The date as an editor wrote it: `2023`, `2023-04` or `2023-04-05`."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """The date for readers, at its own precision: `5 April 2023`, `April 2023`, `2023`."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()


def parse_partial_date(text: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError with a reader's message."""
    if not _DATE_RE.fullmatch(text):
        shown = repr(text) if len(text) <= 40 else repr(text[:40]) + "…"
        raise ValueError(f"expected a date written as YYYY-MM-DD, YYYY-MM or YYYY, received {shown}")
    parts = [int(p) for p in text.split("-")]
    year, month, day = (parts + [0, 0])[:3]
    if len(parts) >= 2 and not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a real date: there is no month {month:02d}")
    if len(parts) == 3:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(
                f"{text!r} is not a real date: {_MONTHS[month]} {year} has no day {day}"
            ) from None
    return PartialDate(year, month, day)
