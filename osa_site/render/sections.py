"""Section pages: recipients, the equipment register, agreements, budgets, sources, timeline."""

from __future__ import annotations

from itertools import groupby

from ..dataset import Entry
from ..index import (
    EVENT_LABELS,
    RECIPIENT_STATUS_LABELS,
    Event,
    Index,
    page_of,
    project_sort_key,
    project_status,
)
from ..schema import BUDGET_STAGE_LABELS, DOMAIN_LABELS, MILESTONE_CATEGORY_LABELS
from .charts import budget_chart, render_chart
from .common import (
    Citations,
    HtmlText,
    MarkdownText,
    SiteContext,
    Writer,
    badge,
    cite_this,
    front_matter,
    html_table,
    link,
    table,
    when,
    yen,
)
from .designations import designations_section
from .escape import attr, html, md, text_block, title_heading
from .filters import date_sort_key, register_form, row_key, sort_value, timeline_form
from .history import recipient_feed_meta, render_recipient_history
from .record_pages import render_disputes
from .worldmap import render_map
from .yearbars import recipient_history

__all__ = [
    "render_recipient",
    "render_recipients_index",
    "render_register",
    "render_agreements_index",
    "render_milestones_index",
    "render_budgets_index",
    "render_sources_index",
    "render_timeline",
    "event_list",
]

def _project_rows(projects: list[Entry], page: str, index: Index, with_recipient: bool,
                  w: Writer = MarkdownText) -> list[list[str]]:
    rows = []
    for p in projects:
        rec = p.record
        items = "; ".join(w.text(i.name) for i in rec.items) or "Not itemised"
        notes = rec.exchange_of_notes
        row = [f"FY{rec.fiscal_year}", w.link(page, page_of(p), rec.title)]
        if with_recipient:
            recipient = index.recipient(rec.recipient)
            row.append(w.link(page, page_of(recipient), recipient.record.name))
        row += [items, w.text(yen(rec.amount_jpy)), w.text(when(notes.date)) if notes else "Not yet",
                DOMAIN_LABELS[rec.domain], project_status(p), badge(rec.confidence)]
        rows.append(row)
    return rows


_PROJECT_HEAD = ["FY", "Project", "Items", "Amount", "Exchange of notes", "Domain", "Status", "Confidence"]


def event_list(events: list[Event], page: str, show_country: bool = True) -> str:
    """Events grouped by year, each linked to its record; a plain list that works without JS.

    The lists are raw HTML: the full timeline has thousands of entries at scale, which
    Markdown is slow to parse, and raw HTML links are checked by the link test instead.
    """
    parts = []
    for year, group in groupby(events, key=lambda e: e.date.year):
        parts.append(f"### {year}\n\n<ul>")
        for e in group:
            country = f" ({html(e.country_name)})" if show_country and e.country_name else ""
            parts.append(
                f'<li><span class="osa-event" data-kind="{attr(e.kind)}" '
                f'data-country="{attr(e.country_key)}">'
                f"<strong>{html(when(e.date))}</strong></span> · {EVENT_LABELS[e.kind]}: "
                f"{HtmlText.link(page, e.page, e.title)}{country}</li>"
            )
        parts.append("</ul>\n")
    return "\n".join(parts) + "\n"


def render_recipient(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """A recipient profile: facts, projects, agreements, its own timeline and sources."""
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page)
    projects = index.projects_by_recipient.get(entry.id, [])
    agreements = index.agreements_by_recipient.get(entry.id, [])
    cite = refs.ref(rec.sources) if rec.sources else ""
    total_refs = refs.ref(dict.fromkeys(s for p in projects for s in p.record.sources))
    rows = [
        ("Country", md(rec.name) + (f" ({md(rec.local_name)})" if rec.local_name else "")),
        ("ISO 3166-1 code", md(rec.iso3)),
        ("Region", md(rec.region)),
        ("OSA status", RECIPIENT_STATUS_LABELS[index.status(entry.id)]),
        ("Signed projects", str(len(projects))),
        ("Total value of signed projects",
         md(yen(index.total_jpy(entry.id))) + total_refs if projects else "None yet"),
        ("Transfer agreements", str(len(agreements))),
    ]
    designations = index.designations_by_recipient.get(entry.id, [])
    if designations:
        years = ", ".join(link(page, page_of(o.file), f"FY{o.fiscal_year}") for o in designations)
        rows.insert(4, ("Designated for", years))
    if cite:
        rows.append(("Sources on the country", cite))
    body = [front_matter(rec.name, f"Japan's Official Security Assistance to {rec.name}: projects, "
                         "agreements and sources.", recipient_feed_meta(entry)),
            title_heading(rec.name), f"{badge(rec.confidence)}\n\n", table(["Fact", "Value"], rows), "\n\n"]
    body.append("## Projects\n\n")
    body.append(table(_PROJECT_HEAD, _project_rows(projects, page, index, False)) + "\n\n"
                if projects else "No signed OSA project has been found for this country.\n\n")
    if projects:
        body.append("## Projects over time\n\n" + recipient_history(entry, index))
    body.append(designations_section(designations, page, index, refs))
    body.append("## Transfer agreements\n\n")
    body.append("\n".join(f"- {link(page, page_of(a), a.record.title)}, signed {md(when(a.record.signed))}"
                          f"{refs.ref(a.record.sources)}" for a in agreements) + "\n\n"
                if agreements else "No defence equipment transfer agreement is recorded.\n\n")
    events = index.events_of(entry.id)
    body.append("## Timeline\n\n"
                + (event_list(events, page, False) if events else "No dated events yet.\n\n"))
    body.append(render_disputes(entry, refs))
    if rec.notes:
        body.append(f"## Notes\n\n{text_block(rec.notes)}\n\n")
    body.append(render_recipient_history(entry, ctx))
    body.append(cite_this(ctx, rec.name, page, entry.path) + "\n")
    if refs.order:
        body.append("## Sources\n\nNumbered references on this page point to these sources.\n\n"
                    + refs.footer() + "\n")
    return "".join(body)


def render_recipients_index(index: Index) -> str:
    page = "recipients/index.md"
    recipients = sorted(index.dataset.of("recipients"), key=lambda e: e.record.name)
    rows = []
    for e in recipients:
        projects = index.projects_by_recipient.get(e.id, [])
        designated = ", ".join(f"FY{o.fiscal_year}" for o in index.designations_by_recipient.get(e.id, []))
        rows.append([link(page, page_of(e), e.record.name), md(e.record.region),
                     RECIPIENT_STATUS_LABELS[index.status(e.id)].split(" (")[0], designated or "—",
                     str(len(projects)),
                     md(yen(index.total_jpy(e.id))) if projects else "—",
                     str(len(index.agreements_by_recipient.get(e.id, [])))])
    return (front_matter("Recipients", "Every country that receives or has been designated to receive OSA.")
            + "# Recipients\n\n"
            + f"{len(recipients)} countries are recorded. A country that is designated only has been "
            "reported as chosen for a fiscal year's OSA (see "
            f"{link(page, 'designations/index.md', 'designations')}), but no signed exchange of notes has "
            "been found for it. Totals add up the signed projects whose amount is known; each project page "
            "cites its sources.\n\n"
            + render_map(index, page, with_table=False)
            + table(["Recipient", "Region", "Status", "Designated for", "Projects", "Total value",
                     "Agreements"], rows, "lllllrr")
            + "\n")


def render_register(index: Index) -> str:
    """The equipment register: one row per project, every project in one table."""
    page = "equipment/index.md"
    projects = sorted(index.dataset.of("equipment"), key=project_sort_key)
    head = ["FY", "Project", "Recipient", "Items", "Amount", "Exchange of notes", "Domain", "Status",
            "Confidence"]
    rows = _project_rows(projects, page, index, True, HtmlText)  # raw HTML: fast at thousands of rows
    for p, row in zip(projects, rows, strict=True):
        notes = p.record.exchange_of_notes
        row[0] = row_key(p, row[0])
        row[4] = sort_value(-1 if p.record.amount_jpy is None else p.record.amount_jpy, row[4])
        row[5] = sort_value(date_sort_key(notes.date.iso() if notes else None), row[5])
    return (front_matter("Equipment register",
                         "Every OSA project: recipient, items, amount, dates and sources.",
                         {"hide": ["toc"]})
            + "# Equipment register\n\n"
            + f"Every OSA project recorded so far: {len(projects)} in all, one exchange of notes each. "
            "Open a project for its sources. Select a column heading to sort the table. The same data "
            f"can be {link(page, 'data/index.md', 'downloaded')} as CSV or JSON.\n\n"
            + register_form(index, projects)
            + '<div class="osa-register">\n'
            + html_table(head, rows)
            + "\n</div>\n")


def render_agreements_index(index: Index) -> str:
    page = "agreements/index.md"
    agreements = sorted(index.dataset.of("agreements"), key=lambda e: (e.record.signed, e.id))
    rows = []
    for a in agreements:
        recipient = index.recipient_for_agreement(a)
        name = a.record.partner.name
        partner = link(page, page_of(recipient), name) if recipient else md(name)
        rows.append([md(when(a.record.signed)), partner, link(page, page_of(a), a.record.title),
                     md(when(a.record.in_force)) if a.record.in_force else "—", badge(a.record.confidence)])
    return (front_matter("Transfer agreements", "Japan's agreements on the transfer of defence equipment "
                         "and technology, in date order.")
            + "# Defence equipment transfer agreements\n\n"
            + "Agreements concerning the Transfer of Defense Equipment and Technology, oldest first. "
            "Dates keep the precision the sources give.\n\n"
            + table(["Signed", "Partner", "Agreement", "In force", "Confidence"], rows) + "\n")


def render_milestones_index(index: Index) -> str:
    page = "milestones/index.md"
    milestones = sorted(index.dataset.of("milestones"), key=lambda e: (e.record.date, e.id))
    rows = [[md(when(m.record.date)), link(page, page_of(m), m.record.title),
             MILESTONE_CATEGORY_LABELS[m.record.category]] for m in milestones]
    return (front_matter("Milestones", "The policy and budget milestones of OSA.")
            + "# Milestones\n\nThe decisions that shaped OSA, oldest first.\n\n"
            + table(["Date", "Milestone", "Kind"], rows) + "\n")


def render_budgets_index(index: Index) -> str:
    page = "budgets/index.md"
    refs = Citations(index, page)
    budgets = sorted(index.dataset.of("budgets"), key=lambda e: e.record.fiscal_year)
    rows = [[link(page, page_of(b), f"FY{b.record.fiscal_year}"),
             md(yen(b.record.amount_jpy, b.record.approximate)) + refs.ref(b.record.sources),
             BUDGET_STAGE_LABELS[b.record.stage],
             badge(b.record.confidence)] for b in budgets]
    return (front_matter("OSA budget", "Japan's OSA budget by fiscal year.")
            + "# OSA budget by fiscal year\n\n"
            + "The amount set aside for OSA in each Japanese fiscal year (April to March). A proposal is "
            "a Cabinet draft that the Diet had not enacted when it was recorded.\n\n"
            + render_chart(budget_chart(index, page), with_table=False)
            + "The same figures, with their sources:\n\n"
            + table(["Fiscal year", "Amount", "Stage", "Confidence"], rows, "lrll") + "\n\n"
            + "## Sources\n\n" + refs.footer() + "\n")


def render_sources_index(index: Index) -> str:
    page = "sources/index.md"
    sources = sorted(index.dataset.of("sources"), key=lambda e: (e.record.publisher.casefold(), e.id))
    rows = [[link(page, page_of(s), s.record.title), md(s.record.publisher),
             md(s.record.published.display() if s.record.published != "unknown" else "Unknown"),
             str(len(index.cited_by.get(s.id, [])))] for s in sources]
    return (front_matter("Sources", "The bibliography: every source the records cite.")
            + "# Sources\n\n"
            + f"The {len(sources)} sources behind every fact on this site, by publisher. Each source's page "
            "lists the records that cite it.\n\n"
            + table(["Source", "Publisher", "Published", "Cited by"], rows, "lllr") + "\n")


def render_timeline(index: Index) -> str:
    page = "timeline.md"
    return (front_matter("Timeline",
                         "OSA milestones, exchanges of notes, agreements, deliveries and handovers.")
            + "# Timeline\n\n"
            + "Milestones, exchanges of notes, agreement signings, deliveries and handovers, oldest first. "
            "Each entry links to its record and its sources.\n\n"
            + "## Events by year\n\n"
            + timeline_form(index)
            + '<div class="osa-timeline" markdown>\n\n'
            + event_list(index.events, page)
            + "\n</div>\n")

