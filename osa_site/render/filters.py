"""Filter forms and sort keys for the register and the timeline.

The forms are written at build time from the records and start `hidden`: the
page's own script (assets/javascripts/register.js, timeline.js) shows and wires
them. Without JavaScript the full table or list shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n.languages import EN, Language
from ..model.index import EVENT_LABELS, Index
from ..records.dataset import Entry
from ..records.schema import CONFIDENCE_LABELS, DOMAIN_LABELS
from .escape import Html, fragment

__all__ = [
    "filter_form",
    "register_form",
    "timeline_form",
    "changes_form",
    "row_key",
    "sort_value",
    "date_sort_key",
]


def _select(name: str, label: str, options: Iterable[tuple[str, str]], lang: Language = EN) -> Html:
    items = Html().join(fragment('<option value="{}">{}</option>', v, t) for v, t in options)
    return fragment(
        '<label>{label} <select name="{name}" data-filter="{name}">'
        '<option value="">{all}</option>{items}</select></label>',
        label=label,
        name=name,
        all=lang.gettext("All"),
        items=items,
    )


def filter_form(target: str, label: str, selects: list[Html], lang: Language = EN, count: str = "") -> Html:
    """A hidden form of selects, a reset button and a live count, for the script `target`.

    `count` is the live count's wording in the page's language, with {shown} and {total}; English
    pages leave it to the script's own wording.
    """
    wording = fragment(' data-count="{}"', count) if count and lang.code != "en" else Html()
    return fragment(
        '<form class="osa-filters" data-osa-filter="{target}" aria-label="{label}"{wording} hidden>'
        '{selects}<button type="reset" class="md-button">{clear}</button>'
        '<p class="osa-filters__count" role="status" aria-live="polite"></p></form>\n\n',
        target=target,
        label=label,
        wording=wording,
        selects=Html().join(selects),
        clear=lang.gettext("Clear filters"),
    )


def register_form(index: Index, projects: list[Entry], lang: Language = EN) -> str:
    _ = lang.gettext
    recipients = sorted({p.record.recipient for p in projects}, key=lambda r: index.recipient(r).record.name)
    years = sorted({p.record.fiscal_year for p in projects})
    domains = sorted({p.record.domain for p in projects}, key=DOMAIN_LABELS.__getitem__)
    confidences = [c for c in CONFIDENCE_LABELS if any(p.record.confidence == c for p in projects)]
    return filter_form(
        "register",
        _("Filter the register"),
        [
            _select(
                "recipient",
                _("Recipient"),
                [(r, lang.text(index.recipient(r).record, "name")) for r in recipients],
                lang,
            ),
            _select("fy", _("Fiscal year"), [(str(y), lang.fy(y)) for y in years], lang),
            _select("domain", _("Domain"), [(d, _(DOMAIN_LABELS[d])) for d in domains], lang),
            _select("confidence", _("Confidence"), [(c, _(CONFIDENCE_LABELS[c])) for c in confidences], lang),
        ],
        lang,
        _("Showing {shown} of {total} projects."),
    )


def timeline_form(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    kinds = [k for k in EVENT_LABELS if any(e.kind == k for e in index.events)]
    countries = {
        e.country_key: _country_name(index, e.country_key, e.country_name, lang)
        for e in index.events
        if e.country_code
    }
    return filter_form(
        "timeline",
        _("Filter the timeline"),
        [
            _select("kind", _("Event"), [(k, _(EVENT_LABELS[k])) for k in kinds], lang),
            _select("country", _("Country"), sorted(countries.items(), key=lambda c: (c[1], c[0])), lang),
        ],
        lang,
        _("Showing {shown} of {total} events."),
    )


def _country_name(index: Index, key: str, english: str, lang: Language) -> str:
    """A timeline country's name in the page's language, when a recipient record gives it."""
    if lang.code == "en":
        return english
    for entry in index.dataset.of("recipients"):
        if entry.record.iso3 == key or entry.id == key:
            return lang.text(entry.record, "name")
    return english


def sort_value(value: str | int, text: str) -> Html:
    """Cell text (escaped unless it is Html) wrapped with the value the sortable table sorts it by."""
    return fragment('<span data-sort-value="{}">{}</span>', value, text)


def row_key(project: Entry, text: str) -> Html:
    """The first cell of a register row: it carries the row's filter values and its sort value."""
    rec = project.record
    return fragment(
        '<span class="osa-row" data-recipient="{}" data-fy="{fy}" data-domain="{}" data-confidence="{}" '
        'data-sort-value="{fy}">{}</span>',
        rec.recipient,
        rec.domain,
        rec.confidence,
        text,
        fy=rec.fiscal_year,
    )


def date_sort_key(iso: str | None) -> str:
    """`2023-11` -> `20231100`; unknown dates sort last."""
    return (iso.replace("-", "") + "0000")[:8] if iso else "99999999"


def changes_form(kinds: list[tuple[str, str]], recipients: list[tuple[str, str]], lang: Language = EN) -> str:
    """The changes page's filters: (value, label) pairs of record kinds and of recipients, by stable id."""
    _ = lang.gettext
    return filter_form(
        "changes",
        _("Filter the changes"),
        [
            _select("kind", _("Record"), kinds, lang),
            _select("recipient", _("Recipient"), recipients, lang),
        ],
        lang,
    )
