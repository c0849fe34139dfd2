"""One page per record: equipment projects, agreements, milestones, budgets and sources."""

from __future__ import annotations

from collections.abc import Callable

from ..dataset import Entry
from ..dates import PartialDate
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
]

def _facts(rows: list[tuple[str, str]]) -> str:
    return table(["Fact", "Value"], rows)


def dispute_list(entry: Entry, cite: Callable[[list[str]], str], disputes: list | None = None,
                 level: int = 3, scope: str = "") -> str:
    """Each contested fact as a heading, then every reading with `cite(its source ids)`, or
    "no source on record" for a reading whose source could not be found. `scope` tells apart the
    heading ids of several dispute lists of one record (a designation file's countries)."""
    parts = []
    for number, dispute in enumerate(entry.record.disputes if disputes is None else disputes, start=1):
        anchor = heading_id("dispute", entry.kind, entry.id, scope, number)
        parts.append(f"{'#' * level} {md(dispute.topic)} {{#{anchor}}}\n")
        for reading in dispute.readings:
            who = f"according to {md(reading.according_to)}" if reading.according_to else ""
            if reading.sources:
                parts.append(f"- {md(reading.value)}{f' ({who})' if who else ''}{cite(reading.sources)}")
            else:
                parts.append(f"- {md(reading.value)} ({who + '; ' if who else ''}{NO_SOURCE})")
        parts.append("")
    return "\n".join(parts) + "\n"


def render_disputes(entry: Entry, refs: Citations) -> str:
    """A record page's contested facts, each reading with its numbered references."""
    if not entry.record.disputes:
        return ""
    return ("## Contested facts\n\nThe sources disagree on the following. Every reading is shown.\n\n"
            + dispute_list(entry, refs.ref))


def _sourced(cite: str) -> str:
    return f"As stated in the record's sources{cite}.\n\n"


def _notes(entry: Entry) -> str:
    return f"## Notes\n\n{text_block(entry.record.notes)}\n\n" if entry.record.notes else ""


def _page(title: str, description: str, body: list[str], entry: Entry, ctx: SiteContext,
          refs: Citations) -> str:
    page = page_of(entry)
    head = front_matter(title, description)
    foot = render_record_history(entry, ctx) + cite_this(ctx, title, page, entry.path) + "\n" \
        + _sources_section(refs)
    return head + title_heading(title) + f"{badge(entry.record.confidence)}\n\n" + "".join(body) + foot


def _sources_section(refs: Citations) -> str:
    return "## Sources\n\nNumbered references on this page point to these sources.\n\n" + refs.footer() + "\n"


def _items(entry: Entry, refs: Citations) -> str:
    items = entry.record.items
    if not items:
        return "## Equipment\n\nThe sources do not itemise this project.\n\n"
    rows = []
    for item in items:
        qty = str(item.quantity) if item.quantity else "Not stated"
        rows.append([md(item.name), qty, md(item.note) if item.note else ""])
    cite = refs.ref(entry.record.sources)
    return f"## Equipment\n\nAs listed in the record's sources{cite}.\n\n" + table(
        ["Item", "Quantity", "Detail"], rows
    ) + "\n\n"


def _step_order(step: LifecycleStep) -> tuple[int, PartialDate | None, str]:
    """Dated steps by date, then undated ones; each by stage."""
    date = step.known_date()
    return (0, date, step.stage) if date else (1, None, step.stage)


def _lifecycle(entry: Entry, refs: Citations) -> str:
    steps = sorted(entry.record.lifecycle, key=_step_order)
    if not steps:
        return "## Delivery and handover\n\nNo delivery or handover has been recorded yet.\n\n"
    rows = [[md(when(s.known_date())) + refs.ref(s.sources), EVENT_LABELS[s.stage],
             md(s.description or "")] for s in steps]
    return "## Delivery and handover\n\n" + table(["Date", "Step", "What"], rows) + "\n\n"


def render_equipment(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """A project page: every fact with its reference, then items, lifecycle, disputes."""
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page)
    cite = refs.ref(rec.sources)
    recipient = index.recipient(rec.recipient)
    notes = rec.exchange_of_notes
    en = f"{when(notes.date)}{', ' + notes.place if notes and notes.place else ''}" if notes else None
    rows = [
        ("Recipient", link(page, page_of(recipient), recipient.record.name)),
        ("Receiving force", md(rec.force) + cite if rec.force else NOT_STATED),
        ("Fiscal year", md(fiscal_year(rec.fiscal_year)) + cite),
        ("Grant amount", md(yen(rec.amount_jpy)) + (cite if rec.amount_jpy is not None else "")),
        ("Exchange of notes", md(en) + cite if en else "Not yet recorded"),
        ("Domain", DOMAIN_LABELS[rec.domain]),
        ("Area of cooperation", PURPOSE_LABELS[rec.purpose] + cite if rec.purpose else NOT_STATED),
        ("Status", project_status(entry)),
    ]
    body = [
        _facts(rows) + "\n\n",
        _items(entry, refs),
        _lifecycle(entry, refs),
        render_disputes(entry, refs),
        _notes(entry),
    ]
    description = f"OSA project for {recipient.record.name}, FY{rec.fiscal_year}: {rec.title}."
    return _page(rec.title, description, body, entry, ctx, refs)


def render_agreement(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """An agreement page, linked to the partner's recipient page when it has one."""
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page)
    cite = refs.ref(rec.sources)
    recipient = index.recipient_for_agreement(entry)
    partner = link(page, page_of(recipient), rec.partner.name) if recipient else md(rec.partner.name)
    rows = [
        ("Partner", f"{partner} ({md(rec.partner.iso3)})"),
        ("Signed", md(when(rec.signed)) + cite),
        ("Place", md(rec.place) + cite if rec.place else NOT_STATED),
        ("In force", md(when(rec.in_force)) + cite if rec.in_force else NOT_STATED),
    ]
    body = [_facts(rows) + "\n\n", render_disputes(entry, refs), _notes(entry)]
    description = f"Japan's defence equipment and technology transfer agreement with {rec.partner.name}."
    return _page(rec.title, description, body, entry, ctx, refs)


def render_milestone(entry: Entry, index: Index, ctx: SiteContext) -> str:
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page)
    cite = refs.ref(rec.sources)
    rows = [("Date", md(when(rec.date)) + cite), ("Kind of event", MILESTONE_CATEGORY_LABELS[rec.category])]
    summary = f"{text_block(rec.summary)}\n\n{_sourced(cite)}" if rec.summary else ""
    body = [_facts(rows) + "\n\n", summary, render_disputes(entry, refs), _notes(entry),
            f"See it in context on the {link(page, 'timeline.md', 'timeline')}.\n\n"]
    return _page(rec.title, f"OSA milestone: {rec.title}.", body, entry, ctx, refs)


def render_budget(entry: Entry, index: Index, ctx: SiteContext) -> str:
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page)
    cite = refs.ref(rec.sources)
    stage = BUDGET_STAGE_LABELS[rec.stage]
    rows = [
        ("Fiscal year", md(fiscal_year(rec.fiscal_year))),
        ("Amount", md(yen(rec.amount_jpy, rec.approximate)) + cite),
        ("Stage", stage + cite),
        ("Decided", md(when(rec.decided)) + cite if rec.decided else NOT_STATED),
    ]
    title = f"OSA budget, FY{rec.fiscal_year}"
    body = [_facts(rows) + "\n\n", render_disputes(entry, refs), _notes(entry),
            f"All years are compared on the {link(page, 'budgets/index.md', 'budget page')}.\n\n"]
    return _page(title, f"Japan's OSA budget for fiscal year {rec.fiscal_year}.", body, entry, ctx, refs)


def render_source(entry: Entry[Source], index: Index, ctx: SiteContext) -> str:
    """A source page: what it is, where to read it, and every record that cites it."""
    src, page = entry.record, page_of(entry)
    citing = sorted(index.cited_by.get(entry.id, []), key=lambda e: (e.kind, e.id))
    lines = [f"- {link(page, page_of(e), title_of(e))} ({KIND_NOUNS[e.kind]})" for e in citing]
    body = (
        front_matter(src.title, f"Source cited by OSA Monitor: {src.title}.")
        + title_heading(src.title)
        + source_line(entry, page) + "\n\n"
        + (f"{text_block(src.note)}\n\n" if src.note else "")
        + f"## Cited by\n\n{len(citing)} record{'s' if len(citing) != 1 else ''} cite this source.\n\n"
        + "\n".join(lines) + "\n\n"
        + render_record_history(entry, ctx)
    )
    return body
