"""Filter forms and sort keys for the register and the timeline.

The forms are written at build time from the records and start `hidden`: the
page's own script (assets/javascripts/register.js, timeline.js) shows and wires
them. Without JavaScript the full table or list shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..dataset import Entry
from ..index import EVENT_LABELS, Index
from ..schema import CONFIDENCE_LABELS, DOMAIN_LABELS
from .escape import attr, html

__all__ = ["filter_form", "register_form", "timeline_form", "changes_form", "row_key", "sort_value",
           "date_sort_key"]

def _select(name: str, label: str, options: Iterable[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{attr(v)}">{html(t)}</option>' for v, t in options)
    return (f'<label>{html(label)} <select name="{attr(name)}" data-filter="{attr(name)}">'
            f'<option value="">All</option>{items}</select></label>')


def filter_form(target: str, label: str, selects: list[str]) -> str:
    """A hidden form of selects, a reset button and a live count, for the script `target`."""
    return (f'<form class="osa-filters" data-osa-filter="{attr(target)}" aria-label="{attr(label)}" hidden>'
            + "".join(selects)
            + '<button type="reset" class="md-button">Clear filters</button>'
            '<p class="osa-filters__count" role="status" aria-live="polite"></p></form>\n\n')


def register_form(index: Index, projects: list[Entry]) -> str:
    recipients = sorted({p.record.recipient for p in projects}, key=lambda r: index.recipient(r).record.name)
    years = sorted({p.record.fiscal_year for p in projects})
    domains = sorted({p.record.domain for p in projects}, key=DOMAIN_LABELS.__getitem__)
    confidences = [c for c in CONFIDENCE_LABELS if any(p.record.confidence == c for p in projects)]
    return filter_form("register", "Filter the register", [
        _select("recipient", "Recipient", [(r, index.recipient(r).record.name) for r in recipients]),
        _select("fy", "Fiscal year", [(str(y), f"FY{y}") for y in years]),
        _select("domain", "Domain", [(d, DOMAIN_LABELS[d]) for d in domains]),
        _select("confidence", "Confidence", [(c, CONFIDENCE_LABELS[c]) for c in confidences]),
    ])


def timeline_form(index: Index) -> str:
    kinds = [k for k in EVENT_LABELS if any(e.kind == k for e in index.events)]
    countries = {e.country_key: e.country_name for e in index.events if e.country_code}
    return filter_form("timeline", "Filter the timeline", [
        _select("kind", "Event", [(k, EVENT_LABELS[k]) for k in kinds]),
        _select("country", "Country", sorted(countries.items(), key=lambda c: (c[1], c[0]))),
    ])


def sort_value(value: str | int, text: str) -> str:
    """Escaped cell text wrapped with the value the sortable table sorts it by."""
    return f'<span data-sort-value="{attr(str(value))}">{text}</span>'


def row_key(project: Entry, text: str) -> str:
    """The first cell of a register row: it carries the row's filter values and its sort value."""
    rec = project.record
    return (f'<span class="osa-row" data-recipient="{attr(rec.recipient)}" data-fy="{rec.fiscal_year}" '
            f'data-domain="{attr(rec.domain)}" data-confidence="{attr(rec.confidence)}" '
            f'data-sort-value="{rec.fiscal_year}">{text}</span>')


def date_sort_key(iso: str | None) -> str:
    """`2023-11` -> `20231100`; unknown dates sort last."""
    return (iso.replace("-", "") + "0000")[:8] if iso else "99999999"


def changes_form(kinds: list[tuple[str, str]], recipients: list[tuple[str, str]]) -> str:
    """The changes page's filters: (value, label) pairs of record kinds and of recipients, by stable id."""
    return filter_form("changes", "Filter the changes", [
        _select("kind", "Record", kinds),
        _select("recipient", "Recipient", recipients),
    ])
