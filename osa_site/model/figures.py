"""Named figures computed from the index, for the `{{ name }}` placeholders of hand-written pages.

Each figure is plain text (escaped where it is placed) with the page it comes from,
so a reader can follow every number to the records behind it. The catalogue is
computed from the records each build: names that depend on the data (one per fiscal
year) exist only when the data has that year. Nothing is evaluated: a placeholder is
a look-up in this dictionary.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import get_args

from ..i18n.dates import parse_partial_date
from ..i18n.languages import EN, Language
from ..i18n.wording import yen
from ..records.dataset import Entry
from ..records.schema import Domain, Region
from .designations import months_between
from .index import Index, Total, page_of

__all__ = ["Figure", "figure_catalogue", "NAME_PATTERN", "slug"]

NAME_PATTERN = r"[a-z0-9_.]+"


@dataclass(frozen=True)
class Figure:
    """One computed value: its text, the page it comes from, and what it means."""

    name: str
    text: str
    page: str  # docs-relative page (with an optional ?query for a filtered view)
    description: str


def slug(text: str) -> str:
    """`Southeast Asia` -> `southeast_asia`, `disaster-response` -> `disaster_response`."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _percent(part: float, whole: float, lang: Language = EN) -> str:
    if not whole:
        return lang.gettext("no share (nothing to compare with)")
    share = 100 * part / whole
    return lang.gettext("under 1%") if 0 < share < 1 else f"{share:.0f}%"


def _months(n: float, lang: Language = EN) -> str:
    return lang.ngettext("{n} month", "{n} months", 1 if n == 1 else 2).format(n=f"{n:g}")


def _signed(index: Index) -> list[Entry]:
    return [e for e in index.dataset.of("equipment") if e.record.exchange_of_notes]


def _project_figures(index: Index, lang: Language) -> Iterator[Figure]:
    projects, signed = index.dataset.of("equipment"), _signed(index)
    yield Figure(
        "projects.count",
        lang.number(len(projects)),
        "equipment/index.md",
        "Number of project records in the register.",
    )
    yield Figure(
        "projects.signed",
        lang.number(len(signed)),
        "equipment/index.md",
        "Number of projects with an exchange of notes on record (signed projects).",
    )
    yield Figure(
        "value.signed",
        yen(index.signed_total.value, lang=lang),
        "equipment/index.md",
        "Total value of the signed projects whose amount is known.",
    )
    for domain in get_args(Domain):
        these = [p for p in projects if p.record.domain == domain]
        page = f"equipment/index.md?domain={domain}"
        yield Figure(
            f"projects.{slug(domain)}.count",
            lang.number(len(these)),
            page,
            f"Number of projects in the {domain} domain.",
        )
        yield Figure(
            f"projects.{slug(domain)}.share",
            _percent(len(these), len(projects), lang),
            page,
            f"Share of all projects in the {domain} domain.",
        )
    priced = [p for p in projects if p.record.amount_jpy is not None]
    if priced:
        largest = max(priced, key=lambda p: (p.record.amount_jpy, p.id))
        yield Figure(
            "projects.largest",
            f"{lang.text(largest.record, 'title')} ({yen(largest.record.amount_jpy, lang=lang)})",
            page_of(largest),
            "The project with the largest stated amount, and that amount.",
        )
    dated = [p.record.exchange_of_notes.date for p in signed]
    if dated:
        yield Figure(
            "projects.latest_notes",
            lang.date(max(dated)),
            "timeline.md",
            "Date of the latest exchange of notes on record.",
        )


def _budget(index: Index, year: int) -> Entry | None:
    return index.dataset.get("budgets", str(year))


def _readings(budget: Entry, lang: Language) -> str:
    rec = budget.record
    readings = [
        f"{lang.text(r, 'value')} ({lang.text(r, 'according_to')})"
        if r.according_to
        else str(lang.text(r, "value"))
        for d in rec.disputes
        for r in d.readings
    ]
    return (
        f" {lang.gettext('or')} ".join(readings) if readings else yen(rec.amount_jpy, rec.approximate, lang)
    )


def _year_figures(index: Index, lang: Language) -> Iterator[Figure]:
    signed = _signed(index)
    budgets = index.dataset.of("budgets")
    years = sorted({p.record.fiscal_year for p in signed} | {b.record.fiscal_year for b in budgets})
    for year in years:
        these = [p for p in signed if p.record.fiscal_year == year]
        page = f"equipment/index.md?fy={year}"
        yield Figure(
            f"projects.signed.fy{year}",
            lang.number(len(these)),
            page,
            f"Number of signed projects funded from the FY{year} budget.",
        )
        value = index.signed_totals_by_fiscal_year.get(year, Total()).value
        yield Figure(
            f"value.signed.fy{year}",
            yen(value, lang=lang),
            page,
            f"Total value of the signed FY{year} projects whose amount is known.",
        )
        countries = len({p.record.recipient for p in these})
        yield Figure(
            f"recipients.signed.fy{year}",
            lang.number(countries),
            page,
            f"Number of countries with a signed FY{year} project.",
        )
        yield from _budget_figures(index, year, value, lang)


def _budget_figures(index: Index, year: int, signed_value: int, lang: Language) -> Iterator[Figure]:
    budget = _budget(index, year)
    if not budget:
        return
    rec = budget.record
    yield Figure(
        f"budget.fy{year}",
        yen(rec.amount_jpy, rec.approximate, lang),
        page_of(budget),
        f"The FY{year} OSA budget as its record states it (a contested record shows one "
        "reading; see the readings figure).",
    )
    yield Figure(
        f"budget.fy{year}.readings",
        _readings(budget, lang),
        page_of(budget),
        f"Every reading of the FY{year} budget, with who gave it.",
    )
    yield Figure(
        f"value.signed.fy{year}.share_of_budget",
        _percent(signed_value, rec.amount_jpy, lang),
        "budgets/index.md",
        f"Value of the signed FY{year} projects as a share of that budget.",
    )
    first = min(index.dataset.of("budgets"), key=lambda e: e.record.fiscal_year).record
    if first.fiscal_year < year and first.amount_jpy:
        yield Figure(
            f"budget.fy{year}.multiple",
            lang.gettext("{n} times").format(n=f"{rec.amount_jpy / first.amount_jpy:.1f}"),
            "budgets/index.md",
            f"The FY{year} budget as a multiple of the first budget (FY{first.fiscal_year}).",
        )


def _recipient_figures(index: Index, lang: Language) -> Iterator[Figure]:
    recipients = index.dataset.of("recipients")
    signed = [r for r in recipients if index.status(r.id) == "recipient"]
    yield Figure(
        "recipients.count",
        lang.number(len(recipients)),
        "recipients/index.md",
        "Number of countries with a recipient record (signed or designated).",
    )
    yield Figure(
        "recipients.signed",
        lang.number(len(signed)),
        "recipients/index.md",
        "Number of countries with at least one signed project.",
    )
    designated = [r for r in recipients if index.status(r.id) == "designated"]
    yield Figure(
        "recipients.designated_only",
        lang.number(len(designated)),
        "designations/index.md",
        "Number of countries designated for OSA that have no signed project.",
    )
    for region in get_args(Region):
        n = sum(1 for r in signed if r.record.region == region)
        yield Figure(
            f"recipients.region.{slug(region)}",
            lang.number(n),
            "recipients/index.md",
            f"Number of countries in {region} with at least one signed project.",
        )


def _designation_figures(index: Index, lang: Language) -> Iterator[Figure]:
    for year in sorted({o.fiscal_year for o in index.designations}):
        n = sum(1 for o in index.designations if o.fiscal_year == year)
        yield Figure(
            f"designations.fy{year}.count",
            lang.number(n),
            f"designations/{year}.md",
            f"Number of countries reported as designated for FY{year}.",
        )
    lapsed = [o for o in index.designations if o.status == "lapsed"]
    yield Figure(
        "designations.lapsed",
        lang.number(len(lapsed)),
        "designations/index.md",
        "Number of designations that did not become a project in their fiscal year.",
    )
    waits = _waits(index, lang)
    median = statistics.median(m for _, m in waits) if waits else None
    no_case = lang.gettext("no case yet")
    yield Figure(
        "designation_to_notes.median",
        _months(median, lang) if median is not None else no_case,
        "designations/index.md",
        "Median time from a designation's first report to the project's first exchange of notes, "
        "in calendar months, where both dates are known to the month.",
    )
    each = "; ".join(f"{name} ({lang.fy(year)}): {_months(m, lang)}" for (name, year), m in waits)
    yield Figure(
        "designation_to_notes.each",
        each or no_case,
        "designations/index.md",
        "Each time from a designation's first report to its first exchange of notes.",
    )


def _waits(index: Index, lang: Language) -> list[tuple[tuple[str, int], int]]:
    found = []
    for outcome in index.designations:
        notes = outcome.first_notes()
        months = months_between(outcome.country.reported, notes) if notes else None
        if months is not None:
            name = str(lang.text(index.recipient(outcome.recipient).record, "name"))
            found.append(((name, outcome.fiscal_year), months))
    return sorted(found, key=lambda w: (w[0][1], w[0][0]))


def _data_figures(index: Index, lang: Language) -> Iterator[Figure]:
    yield Figure(
        "agreements.count",
        lang.number(len(index.dataset.of("agreements"))),
        "agreements/index.md",
        "Number of defence equipment transfer agreements on record.",
    )
    changed = parse_partial_date(index.data_changed) if index.data_changed else index.as_of
    yield Figure(
        "data.last_change",
        lang.date(changed),
        "data/index.md",
        "Date of the latest change to a record (the latest commit that touched one, or, outside "
        "git, the latest date written in any record).",
    )


_GROUPS: tuple[Callable[[Index, Language], Iterator[Figure]], ...] = (
    _project_figures,
    _year_figures,
    _recipient_figures,
    _designation_figures,
    _data_figures,
)


def figure_catalogue(index: Index, lang: Language = EN) -> dict[str, Figure]:
    """Every figure the records give, by name, in a stable order, written in `lang`."""
    return {f.name: f for group in _GROUPS for f in group(index, lang)}
