"""One page per record: equipment projects, agreements, milestones, budgets and sources."""

from __future__ import annotations

from collections.abc import Callable

from ..dataset import Entry
from ..dates import PartialDate
from ..i18n import Language
from ..index import EVENT_LABELS, Index, page_of, project_status
from ..provenance import NO_SOURCE
from ..schema import (
    BUDGET_STAGE_LABELS,
    DOMAIN_LABELS,
    KIND_NOUNS,
    MILESTONE_CATEGORY_LABELS,
    PURPOSE_LABELS,
    LifecycleStep,
    Source,
)
from .common import (
    EN,
    NOT_STATED,
    Citations,
    SiteContext,
    badge,
    cite_this,
    fiscal_year,
    front_matter,
    link,
    source_line,
    table,
    title_of,
    when,
    yen,
)
from .escape import heading_id, md, text_block, title_heading
from .history import render_record_history

__all__ = [
    "render_equipment",
    "render_agreement",
    "render_milestone",
    "render_budget",
    "render_source",
    "render_disputes",
    "sources_section",
]


def _facts(rows: list[tuple[str, str]], lang: Language) -> str:
    return table([lang.gettext("Fact"), lang.pgettext("facts table", "Value")], rows)


def dispute_list(
    entry: Entry,
    cite: Callable[[list[str]], str],
    disputes: list | None = None,
    level: int = 3,
    scope: str = "",
    lang: Language = EN,
) -> str:
    """Each contested fact as a heading, then every reading with `cite(its source ids)`, or
    "no source on record" for a reading whose source could not be found. `scope` tells apart the
    heading ids of several dispute lists of one record (a designation file's countries)."""
    _ = lang.gettext
    parts = []
    for number, dispute in enumerate(entry.record.disputes if disputes is None else disputes, start=1):
        anchor = heading_id("dispute", entry.kind, entry.id, scope, number)
        parts.append(f"{'#' * level} {md(lang.text(dispute, 'topic'))} {{#{anchor}}}\n")
        for reading in dispute.readings:
            value = md(lang.text(reading, "value"))
            who = md(lang.text(reading, "according_to")) if reading.according_to else ""
            if reading.sources:
                line = _("{reading} (according to {who})").format(reading=value, who=who) if who else value
                parts.append(f"- {line}{cite(reading.sources)}")
            elif who:
                parts.append(
                    "- "
                    + _("{reading} (according to {who}; {no_source})").format(
                        reading=value, who=who, no_source=_(NO_SOURCE)
                    )
                )
            else:
                parts.append(f"- {value} ({_(NO_SOURCE)})")
        parts.append("")
    return "\n".join(parts) + "\n"


def render_disputes(entry: Entry, refs: Citations) -> str:
    """A record page's contested facts, each reading with its numbered references."""
    if not entry.record.disputes:
        return ""
    _ = refs.lang.gettext
    intro = _("The sources disagree on the following. Every reading is shown.")
    return f"## {_('Contested facts')}\n\n{intro}\n\n" + dispute_list(entry, refs.ref, lang=refs.lang)


def _sourced(cite: str, lang: Language) -> str:
    return lang.gettext("As stated in the record's sources{refs}.").format(refs=cite) + "\n\n"


def _notes(entry: Entry, lang: Language) -> str:
    notes = lang.text(entry.record, "notes")
    return f"## {lang.gettext('Notes')}\n\n{text_block(notes)}\n\n" if notes else ""


def _page(
    title: str, description: str, body: list[str], entry: Entry, ctx: SiteContext, refs: Citations
) -> str:
    page = page_of(entry)
    head = front_matter(title, description)
    foot = (
        render_record_history(entry, ctx)
        + cite_this(ctx, title, page, entry.path)
        + "\n"
        + sources_section(refs)
    )
    badge_line = f"{badge(entry.record.confidence, ctx.lang)}\n\n"
    return head + title_heading(title) + badge_line + "".join(body) + foot


def sources_section(refs: Citations) -> str:
    """The page's numbered references, each a source with its links."""
    _ = refs.lang.gettext
    return (
        f"## {_('Sources')}\n\n{_('Numbered references on this page point to these sources.')}\n\n"
        + refs.footer()
        + "\n"
    )


def _items(entry: Entry, refs: Citations) -> str:
    lang = refs.lang
    _ = lang.gettext
    items = entry.record.items
    if not items:
        return f"## {_('Equipment')}\n\n{_('The sources do not itemise this project.')}\n\n"
    rows = []
    for item in items:
        qty = lang.number(item.quantity) if item.quantity else _("Not stated")
        note = lang.text(item, "note")
        rows.append([md(lang.text(item, "name")), qty, md(note) if note else ""])
    cite = refs.ref(entry.record.sources)
    listed = _("As listed in the record's sources{refs}.").format(refs=cite)
    return (
        f"## {_('Equipment')}\n\n{listed}\n\n" + table([_("Item"), _("Quantity"), _("Detail")], rows) + "\n\n"
    )


def _step_order(step: LifecycleStep) -> tuple[int, PartialDate | None, str]:
    """Dated steps by date, then undated ones; each by stage."""
    date = step.known_date()
    return (0, date, step.stage) if date else (1, None, step.stage)


def _lifecycle(entry: Entry, refs: Citations) -> str:
    lang = refs.lang
    _ = lang.gettext
    steps = sorted(entry.record.lifecycle, key=_step_order)
    if not steps:
        return f"## {_('Delivery and handover')}\n\n{_('No delivery or handover has been recorded yet.')}\n\n"
    rows = [
        [
            md(when(s.known_date(), lang)) + refs.ref(s.sources),
            _(EVENT_LABELS[s.stage]),
            md(lang.text(s, "description") or ""),
        ]
        for s in steps
    ]
    return f"## {_('Delivery and handover')}\n\n" + table([_("Date"), _("Step"), _("What")], rows) + "\n\n"


def render_equipment(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """A project page: every fact with its reference, then items, lifecycle, disputes."""
    lang = ctx.lang
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page, lang)
    cite = refs.ref(rec.sources)
    recipient = index.recipient(rec.recipient)
    notes = rec.exchange_of_notes
    place = lang.text(notes, "place") if notes else None
    en = (md(when(notes.date, lang)) + (", " + md(place) if place else "")) if notes else None
    title, recipient_name = lang.text(rec, "title"), lang.text(recipient.record, "name")
    force = lang.text(rec, "force")
    rows = [
        (_("Recipient"), link(page, page_of(recipient), recipient_name)),
        (_("Receiving force"), md(force) + cite if force else _(NOT_STATED)),
        (_("Fiscal year"), md(fiscal_year(rec.fiscal_year, lang)) + cite),
        (
            _("Grant amount"),
            md(yen(rec.amount_jpy, lang=lang)) + (cite if rec.amount_jpy is not None else ""),
        ),
        (_("Exchange of notes"), en + cite if en else _("Not yet recorded")),
        (_("Domain"), _(DOMAIN_LABELS[rec.domain])),
        (_("Area of cooperation"), _(PURPOSE_LABELS[rec.purpose]) + cite if rec.purpose else _(NOT_STATED)),
        (_("Status"), _(project_status(entry))),
    ]
    body = [
        _facts(rows, lang) + "\n\n",
        _items(entry, refs),
        _lifecycle(entry, refs),
        render_disputes(entry, refs),
        _notes(entry, lang),
    ]
    description = _("OSA project for {recipient}, {fy}: {title}.").format(
        recipient=recipient_name, fy=lang.fy(rec.fiscal_year), title=title
    )
    return _page(title, description, body, entry, ctx, refs)


def render_agreement(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """An agreement page, linked to the partner's recipient page when it has one."""
    lang = ctx.lang
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page, lang)
    cite = refs.ref(rec.sources)
    recipient = index.recipient_for_agreement(entry)
    name = lang.text(rec.partner, "name")
    partner = link(page, page_of(recipient), name) if recipient else md(name)
    place = lang.text(rec, "place")
    rows = [
        (_("Partner"), f"{partner} ({md(rec.partner.iso3)})"),
        (_("Signed"), md(when(rec.signed, lang)) + cite),
        (_("Place"), md(place) + cite if place else _(NOT_STATED)),
        (_("In force"), md(when(rec.in_force, lang)) + cite if rec.in_force else _(NOT_STATED)),
    ]
    body = [_facts(rows, lang) + "\n\n", render_disputes(entry, refs), _notes(entry, lang)]
    description = _("Japan's defence equipment and technology transfer agreement with {partner}.").format(
        partner=name
    )
    return _page(lang.text(rec, "title"), description, body, entry, ctx, refs)


def render_milestone(entry: Entry, index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page, lang)
    cite = refs.ref(rec.sources)
    rows = [
        (_("Date"), md(when(rec.date, lang)) + cite),
        (_("Kind of event"), _(MILESTONE_CATEGORY_LABELS[rec.category])),
    ]
    summary_text = lang.text(rec, "summary")
    summary = f"{text_block(summary_text)}\n\n{_sourced(cite, lang)}" if summary_text else ""
    title = lang.text(rec, "title")
    context = _("See it in context on the {timeline}.").format(
        timeline=link(page, "timeline.md", _("timeline"))
    )
    body = [
        _facts(rows, lang) + "\n\n",
        summary,
        render_disputes(entry, refs),
        _notes(entry, lang),
        f"{context}\n\n",
    ]
    return _page(title, _("OSA milestone: {title}.").format(title=title), body, entry, ctx, refs)


def render_budget(entry: Entry, index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page, lang)
    cite = refs.ref(rec.sources)
    stage = _(BUDGET_STAGE_LABELS[rec.stage])
    rows = [
        (_("Fiscal year"), md(fiscal_year(rec.fiscal_year, lang))),
        (_("Amount"), md(yen(rec.amount_jpy, rec.approximate, lang)) + cite),
        (_("Stage"), stage + cite),
        (_("Decided"), md(when(rec.decided, lang)) + cite if rec.decided else _(NOT_STATED)),
    ]
    title = title_of(entry, lang)
    compared = _("All years are compared on the {budget_page}.").format(
        budget_page=link(page, "budgets/index.md", _("budget page"))
    )
    body = [_facts(rows, lang) + "\n\n", render_disputes(entry, refs), _notes(entry, lang), f"{compared}\n\n"]
    description = _("Japan's OSA budget for fiscal year {year}.").format(year=lang.year(rec.fiscal_year))
    return _page(title, description, body, entry, ctx, refs)


def render_source(entry: Entry[Source], index: Index, ctx: SiteContext) -> str:
    """A source page: what it is, where to read it, and every record that cites it."""
    lang = ctx.lang
    _ = lang.gettext
    src, page = entry.record, page_of(entry)
    citing = sorted(index.cited_by.get(entry.id, []), key=lambda e: (e.kind, e.id))
    lines = [f"- {link(page, page_of(e), title_of(e, lang))} ({_(KIND_NOUNS[e.kind])})" for e in citing]
    note = lang.text(src, "note")
    count = lang.ngettext(
        "{n} record cite this source.", "{n} records cite this source.", len(citing)
    ).format(n=len(citing))
    body = (
        front_matter(src.title, _("Source cited by OSA Monitor: {title}.").format(title=src.title))
        + title_heading(lang.text(src, "title"))  # kept in its own language: marked on Thai pages
        + source_line(entry, page, lang)
        + "\n\n"
        + (f"{text_block(note)}\n\n" if note else "")
        + f"## {_('Cited by')}\n\n{count}\n\n"
        + "\n".join(lines)
        + "\n\n"
        + render_record_history(entry, ctx)
    )
    return body
