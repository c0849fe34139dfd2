"""One page per record: recipients, equipment projects, agreements, milestones, budgets and sources."""

from __future__ import annotations

from ..i18n.dates import PartialDate
from ..i18n.languages import Language
from ..model.index import EVENT_LABELS, RECIPIENT_STATUS_LABELS, Index, page_of, project_status
from ..records.dataset import Entry
from ..records.schema import (
    BUDGET_STAGE_LABELS,
    DOMAIN_LABELS,
    KIND_NOUNS,
    MILESTONE_CATEGORY_LABELS,
    PURPOSE_LABELS,
    REGION_LABELS,
    LifecycleStep,
    Source,
)
from .analysis import analysis_section
from .charts.yearbars import recipient_history
from .cite_block import cite_this
from .common import (
    NOT_STATED,
    Citations,
    SiteContext,
    badge,
    fiscal_year,
    front_matter,
    link,
    source_line,
    table,
    title_of,
    unindexed_section,
    when,
    yen,
)
from .designations import designations_section
from .escape import md, text_block, title_heading
from .history import recipient_feed_meta, render_recipient_history, render_record_history
from .record_parts import facts, notes_section, render_disputes, sources_section
from .sections import PROJECT_HEAD, event_list, project_rows

__all__ = [
    "render_equipment",
    "render_agreement",
    "render_milestone",
    "render_budget",
    "render_source",
    "render_recipient",
]


def _sourced(cite: str, lang: Language) -> str:
    return lang.gettext("As stated in the record's sources{refs}.").format(refs=cite) + "\n\n"


def search_card(country: str | None = None, year: str | None = None) -> dict[str, object]:
    """Front matter that the templates give the site search (Pagefind metadata): the country and
    fiscal year a result shows beside its kind."""
    # str(): a Thai page without a Thai name gets the English one as a Fallback (a str subclass),
    # which the front matter's YAML dumper cannot write.
    card = {key: str(value) for key, value in (("country", country), ("year", year)) if value}
    return {"osa_search": card} if card else {}


def _page(
    title: str,
    description: str,
    body: list[str],
    entry: Entry,
    ctx: SiteContext,
    refs: Citations,
    card: dict[str, object] | None = None,
) -> str:
    head = front_matter(title, description, card)
    foot = render_record_history(entry, ctx) + cite_this(entry, ctx) + "\n" + sources_section(refs)
    badge_line = f"{badge(entry.record.confidence, ctx.lang)}\n\n"
    return head + title_heading(title) + badge_line + "".join(body) + foot


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
        facts(rows, lang) + "\n\n",
        _items(entry, refs),
        _lifecycle(entry, refs),
        render_disputes(entry, refs),
        notes_section(entry, lang),
        analysis_section(index.analysis_by_project.get(entry.id, []), page, lang),
    ]
    description = _("OSA project for {recipient}, {fy}: {title}.").format(
        recipient=recipient_name, fy=lang.fy(rec.fiscal_year), title=title
    )
    card = search_card(recipient_name, lang.fy(rec.fiscal_year))
    return _page(title, description, body, entry, ctx, refs, card)


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
    body = [facts(rows, lang) + "\n\n", render_disputes(entry, refs), notes_section(entry, lang)]
    description = _("Japan's defence equipment and technology transfer agreement with {partner}.").format(
        partner=name
    )
    return _page(lang.text(rec, "title"), description, body, entry, ctx, refs, search_card(name))


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
        facts(rows, lang) + "\n\n",
        summary,
        render_disputes(entry, refs),
        notes_section(entry, lang),
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
    body = [
        facts(rows, lang) + "\n\n",
        render_disputes(entry, refs),
        notes_section(entry, lang),
        f"{compared}\n\n",
    ]
    description = _("Japan's OSA budget for fiscal year {year}.").format(year=lang.year(rec.fiscal_year))
    return _page(title, description, body, entry, ctx, refs, search_card(year=lang.fy(rec.fiscal_year)))


def _origin_line(src: Source, lang: Language) -> str:
    """Who wrote a story that another site carries; the confirmed rule counts that publisher."""
    if not src.originating_publisher or src.originating_publisher == src.publisher:
        return ""
    return (
        lang.gettext(
            "Written by {origin} and carried by {site}: for the confirmed rule it counts as {origin}."
        ).format(origin=md(src.originating_publisher), site=md(src.publisher))
        + "\n\n"
    )


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
        + _origin_line(src, lang)
        + (f"{text_block(note)}\n\n" if note else "")
        # The citing records' names are found on their own pages; indexed here too, they made every
        # source a hit for its records' words (most hits of an equipment word at 10,000 projects).
        + unindexed_section(_("Cited by"), f"{count}\n\n" + "\n".join(lines) + "\n\n")
        + render_record_history(entry, ctx)
        + cite_this(entry, ctx)
    )
    return body


def _recipient_facts(entry: Entry, index: Index, refs: Citations) -> str:
    """The profile's facts: names, region, status, what was signed, and the country's own sources."""
    lang, page, rec = refs.lang, refs.page, entry.record
    _ = lang.gettext
    projects = index.projects_by_recipient.get(entry.id, [])
    cite = refs.ref(rec.sources) if rec.sources else ""
    total_refs = refs.ref(dict.fromkeys(s for p in projects for s in p.record.sources))
    name = lang.text(rec, "name")
    rows = [
        (_("Country"), md(name) + (f" ({md(rec.local_name)})" if rec.local_name else "")),
        (_("ISO 3166-1 code"), md(rec.iso3)),
        (_("Region"), md(_(REGION_LABELS.get(rec.region, rec.region)))),
        (_("OSA status"), _(RECIPIENT_STATUS_LABELS[index.status(entry.id)])),
        (_("Signed projects"), lang.number(len(projects))),
        (
            _("Total value of signed projects"),
            md(yen(index.total_jpy(entry.id), lang=lang)) + total_refs if projects else _("None yet"),
        ),
        (_("Transfer agreements"), lang.number(len(index.agreements_by_recipient.get(entry.id, [])))),
    ]
    designations = index.designations_by_recipient.get(entry.id, [])
    if designations:
        years = ", ".join(link(page, page_of(o.file), lang.fy(o.fiscal_year)) for o in designations)
        rows.insert(4, (_("Designated for"), years))
    if cite:
        rows.append((_("Sources on the country"), cite))
    return facts(rows, lang) + "\n\n"


def _section(heading: str, body: str, empty: str) -> str:
    """A `## heading` section of a profile: its body, or the sentence that says there is nothing yet."""
    return f"## {heading}\n\n" + (body or empty + "\n\n")


def _recipient_projects(entry: Entry, index: Index, refs: Citations) -> str:
    """The country's projects as a table, and over time as a chart."""
    lang, page = refs.lang, refs.page
    _ = lang.gettext
    projects = index.projects_by_recipient.get(entry.id, [])
    body = (
        table([_(h) for h in PROJECT_HEAD], project_rows(projects, page, index, False, lang=lang))
        + f"\n\n## {_('Projects over time')}\n\n"
        + recipient_history(entry, index, lang)
        if projects
        else ""
    )
    return _section(_("Projects"), body, _("No signed OSA project has been found for this country."))


def _recipient_agreements(entry: Entry, index: Index, refs: Citations) -> str:
    """The country's transfer agreements, each with the date it was signed."""
    lang, page = refs.lang, refs.page
    _ = lang.gettext
    signed = _("{agreement}, signed {date}")
    lines = [
        "- "
        + signed.format(
            agreement=link(page, page_of(a), lang.text(a.record, "title")),
            date=md(when(a.record.signed, lang)),
        )
        + refs.ref(a.record.sources)
        for a in index.agreements_by_recipient.get(entry.id, [])
    ]
    body = "\n".join(lines) + "\n\n" if lines else ""
    return _section(_("Transfer agreements"), body, _("No defence equipment transfer agreement is recorded."))


def _recipient_timeline(entry: Entry, index: Index, refs: Citations) -> str:
    """The country's own dated events, by year."""
    events = index.events_of(entry.id)
    body = event_list(events, refs.page, False, index, refs.lang) if events else ""
    return _section(refs.lang.gettext("Timeline"), body, refs.lang.gettext("No dated events yet."))


def render_recipient(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """A recipient profile: facts, projects, designations, agreements, its own timeline and sources."""
    lang, page = ctx.lang, page_of(entry)
    refs = Citations(index, page, lang)
    name = lang.text(entry.record, "name")
    description = lang.gettext(
        "Japan's Official Security Assistance to {country}: projects, agreements and sources."
    ).format(country=name)
    designations = index.designations_by_recipient.get(entry.id, [])
    body = [
        front_matter(name, description, recipient_feed_meta(entry)),
        title_heading(name),
        f"{badge(entry.record.confidence, lang)}\n\n",
        _recipient_facts(entry, index, refs),
        _recipient_projects(entry, index, refs),
        designations_section(designations, page, index, refs),
        _recipient_agreements(entry, index, refs),
        analysis_section(index.analysis_by_recipient.get(entry.id, []), page, lang),
        _recipient_timeline(entry, index, refs),
        render_disputes(entry, refs),
        notes_section(entry, lang),
        render_recipient_history(entry, ctx),
        cite_this(entry, ctx) + "\n",
        sources_section(refs) if refs.order else "",
    ]
    return "".join(body)
