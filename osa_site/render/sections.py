"""Section pages: the recipients index, the equipment register, agreements, budgets, sources, timeline."""

from __future__ import annotations

from itertools import groupby

from ..i18n.languages import N_, Language
from ..model.index import (
    EVENT_LABELS,
    RECIPIENT_STATUS_LABELS,
    Event,
    Index,
    page_of,
    project_sort_key,
    project_status,
)
from ..records.dataset import Entry
from ..records.schema import BUDGET_STAGE_LABELS, DOMAIN_LABELS, MILESTONE_CATEGORY_LABELS, REGION_LABELS
from .charts.downloads import chart_cite, downloads_block
from .charts.sitewide import budget_chart, render_chart
from .charts.worldmap import render_map
from .common import (
    EN,
    Citations,
    HtmlText,
    MarkdownText,
    SiteContext,
    Writer,
    badge,
    front_matter,
    html_table,
    link,
    table,
    title_of,
    when,
    yen,
)
from .escape import fragment, in_language, md
from .filters import date_sort_key, register_form, row_key, sort_value, timeline_form

__all__ = [
    "project_rows",
    "PROJECT_HEAD",
    "render_recipients_index",
    "render_register",
    "render_agreements_index",
    "render_milestones_index",
    "render_budgets_index",
    "render_sources_index",
    "render_timeline",
    "event_list",
]


def project_rows(
    projects: list[Entry],
    page: str,
    index: Index,
    with_recipient: bool,
    w: Writer = MarkdownText,
    lang: Language = EN,
) -> list[list[str]]:
    _ = lang.gettext
    rows = []
    for p in projects:
        rec = p.record
        items = w.join("; ", (w.text(lang.text(i, "name")) for i in rec.items)) or _("Not itemised")
        notes = rec.exchange_of_notes
        row = [lang.fy(rec.fiscal_year), w.link(page, page_of(p), lang.text(rec, "title"))]
        if with_recipient:
            recipient = index.recipient(rec.recipient)
            row.append(w.link(page, page_of(recipient), lang.text(recipient.record, "name")))
        row += [
            items,
            w.text(yen(rec.amount_jpy, lang=lang)),
            w.text(when(notes.date, lang)) if notes else _("Not yet"),
            _(DOMAIN_LABELS[rec.domain]),
            _(project_status(p)),
            badge(rec.confidence, lang),
        ]
        rows.append(row)
    return rows


PROJECT_HEAD = [
    N_("FY"),
    N_("Project"),
    N_("Items"),
    N_("Amount"),
    N_("Exchange of notes"),
    N_("Domain"),
    N_("Status"),
    N_("Confidence"),
]


def _event_entry(index: Index, event: Event) -> Entry | None:
    kind, _sep, rid = event.page.removesuffix(".md").partition("/")
    return index.dataset.get(kind, rid)


def _event_texts(index: Index, event: Event, lang: Language) -> tuple[str, str]:
    """The event's title and country name in the page's language (the index holds the English)."""
    if lang.code == "en":
        return event.title, event.country_name
    entry = _event_entry(index, event)
    title = title_of(entry, lang) if entry else event.title
    recipient = index.dataset.get("recipients", event.country) if event.country else None
    country = lang.text(recipient.record, "name") if recipient else event.country_name
    if not recipient and entry is not None and entry.kind == "agreements":
        country = lang.text(entry.record.partner, "name")
    return title, country


def event_list(
    events: list[Event], page: str, show_country: bool = True, index: Index | None = None, lang: Language = EN
) -> str:
    """Events grouped by year, each linked to its record; a plain list that works without JS.

    The lists are raw HTML: the full timeline has thousands of entries at scale, which
    Markdown is slow to parse, and raw HTML links are checked by the link test instead.
    """
    parts = []
    for year, group in groupby(events, key=lambda e: e.date.year):
        parts.append(f"### {lang.year(year)}\n\n<ul>")
        for e in group:
            title, country_name = _event_texts(index, e, lang) if index else (e.title, e.country_name)
            country = fragment(" ({})", in_language(country_name)) if show_country and country_name else ""
            parts.append(
                fragment(
                    '<li><span class="osa-event" data-kind="{}" data-country="{}"><strong>{}</strong></span>'
                    " · {}: {}{}</li>",
                    e.kind,
                    e.country_key,
                    when(e.date, lang),
                    lang.gettext(EVENT_LABELS[e.kind]),
                    HtmlText.link(page, e.page, title),
                    country,
                )
            )
        parts.append("</ul>\n")
    return "\n".join(parts) + "\n"


def render_recipients_index(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    page = "recipients/index.md"
    recipients = sorted(index.dataset.of("recipients"), key=lambda e: e.record.name)
    rows = []
    for e in recipients:
        projects = index.projects_by_recipient.get(e.id, [])
        designated = ", ".join(lang.fy(o.fiscal_year) for o in index.designations_by_recipient.get(e.id, []))
        rows.append(
            [
                link(page, page_of(e), lang.text(e.record, "name")),
                md(_(REGION_LABELS.get(e.record.region, e.record.region))),
                _(RECIPIENT_STATUS_LABELS[index.status(e.id)]).split(" (")[0],
                designated or "—",
                lang.number(len(projects)),
                md(yen(index.total_jpy(e.id), lang=lang)) if projects else "—",
                lang.number(len(index.agreements_by_recipient.get(e.id, []))),
            ]
        )
    intro = _(
        "{n} countries are recorded. A country that is designated only has been reported as chosen "
        "for a fiscal year's OSA (see {designations}), but no signed exchange of notes has been found "
        "for it. Totals add up the signed projects whose amount is known; each project page cites its "
        "sources."
    ).format(
        n=lang.number(len(recipients)), designations=link(page, "designations/index.md", _("designations"))
    )
    return (
        front_matter(_("Recipients"), _("Every country that receives or has been designated to receive OSA."))
        + f"# {_('Recipients')}\n\n"
        + intro
        + "\n\n"
        + render_map(index, page, with_table=False, lang=lang)
        + table(
            [
                _("Recipient"),
                _("Region"),
                _("Status"),
                _("Designated for"),
                _("Projects"),
                _("Total value"),
                _("Agreements"),
            ],
            rows,
            "lllllrr",
        )
        + "\n"
    )


def render_register(index: Index, lang: Language = EN) -> str:
    """The equipment register: one row per project, every project in one table."""
    _ = lang.gettext
    page = "equipment/index.md"
    projects = sorted(index.dataset.of("equipment"), key=project_sort_key)
    head = [
        _("FY"),
        _("Project"),
        _("Recipient"),
        _("Items"),
        _("Amount"),
        _("Exchange of notes"),
        _("Domain"),
        _("Status"),
        _("Confidence"),
    ]
    rows = project_rows(projects, page, index, True, HtmlText, lang)  # raw HTML: fast at thousands of rows
    for p, row in zip(projects, rows, strict=True):
        notes = p.record.exchange_of_notes
        row[0] = row_key(p, row[0])
        row[4] = sort_value(-1 if p.record.amount_jpy is None else p.record.amount_jpy, row[4])
        row[5] = sort_value(date_sort_key(notes.date.iso() if notes else None), row[5])
    intro = _(
        "Every OSA project recorded so far: {n} in all, one exchange of notes each. Open a project for "
        "its sources. Select a column heading to sort the table. The same data can be {downloaded} as "
        "CSV or JSON."
    ).format(n=lang.number(len(projects)), downloaded=link(page, "data/index.md", _("downloaded")))
    return (
        front_matter(
            _("Equipment register"),
            _("Every OSA project: recipient, items, amount, dates and sources."),
            {"hide": ["toc"]},
        )
        + f"# {_('Equipment register')}\n\n"
        + intro
        + "\n\n"
        + register_form(index, projects, lang)
        + '<div class="osa-register">\n'
        + html_table(head, rows)
        + "\n</div>\n"
    )


def render_agreements_index(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    page = "agreements/index.md"
    agreements = sorted(index.dataset.of("agreements"), key=lambda e: (e.record.signed, e.id))
    rows = []
    for a in agreements:
        recipient = index.recipient_for_agreement(a)
        name = lang.text(a.record.partner, "name")
        partner = link(page, page_of(recipient), name) if recipient else md(name)
        rows.append(
            [
                md(when(a.record.signed, lang)),
                partner,
                link(page, page_of(a), lang.text(a.record, "title")),
                md(when(a.record.in_force, lang)) if a.record.in_force else "—",
                badge(a.record.confidence, lang),
            ]
        )
    description = _("Japan's agreements on the transfer of defence equipment and technology, in date order.")
    return (
        front_matter(_("Transfer agreements"), description)
        + f"# {_('Defence equipment transfer agreements')}\n\n"
        + _(
            "Agreements concerning the Transfer of Defense Equipment and Technology, oldest first. "
            "Dates keep the precision the sources give."
        )
        + "\n\n"
        + table([_("Signed"), _("Partner"), _("Agreement"), _("In force"), _("Confidence")], rows)
        + "\n"
    )


def render_milestones_index(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    page = "milestones/index.md"
    milestones = sorted(index.dataset.of("milestones"), key=lambda e: (e.record.date, e.id))
    rows = [
        [
            md(when(m.record.date, lang)),
            link(page, page_of(m), lang.text(m.record, "title")),
            _(MILESTONE_CATEGORY_LABELS[m.record.category]),
        ]
        for m in milestones
    ]
    return (
        front_matter(_("Milestones"), _("The policy and budget milestones of OSA."))
        + f"# {_('Milestones')}\n\n{_('The decisions that shaped OSA, oldest first.')}\n\n"
        + table([_("Date"), _("Milestone"), _("Kind")], rows)
        + "\n"
    )


def render_budgets_index(index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    page = "budgets/index.md"
    chart = budget_chart(index, page, lang)
    refs = Citations(index, page, lang)
    budgets = sorted(index.dataset.of("budgets"), key=lambda e: e.record.fiscal_year)
    rows = [
        [
            link(page, page_of(b), lang.fy(b.record.fiscal_year)),
            md(yen(b.record.amount_jpy, b.record.approximate, lang)) + refs.ref(b.record.sources),
            _(BUDGET_STAGE_LABELS[b.record.stage]),
            badge(b.record.confidence, lang),
        ]
        for b in budgets
    ]
    return (
        front_matter(_("OSA budget"), _("Japan's OSA budget by fiscal year."))
        + f"# {_('OSA budget by fiscal year')}\n\n"
        + _(
            "The amount set aside for OSA in each Japanese fiscal year (April to March). A proposal is "
            "a Cabinet draft that the Diet had not enacted when it was recorded."
        )
        + "\n\n"
        + render_chart(chart, with_table=False, lang=lang)
        + (downloads_block(chart, page, chart_cite(index, ctx), lang) if chart.spec["data"]["values"] else "")
        + _("The same figures, with their sources:")
        + "\n\n"
        + table([_("Fiscal year"), _("Amount"), _("Stage"), _("Confidence")], rows, "lrll")
        + "\n\n"
        + f"## {_('Sources')}\n\n"
        + refs.footer()
        + "\n"
    )


def render_sources_index(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    page = "sources/index.md"
    sources = sorted(index.dataset.of("sources"), key=lambda e: (e.record.publisher.casefold(), e.id))
    rows = [
        [
            link(page, page_of(s), lang.text(s.record, "title")),
            md(lang.text(s.record, "publisher")),
            md(lang.date(s.record.published) if s.record.published != "unknown" else _("Unknown")),
            lang.number(len(index.cited_by.get(s.id, []))),
        ]
        for s in sources
    ]
    intro = _(
        "The {n} sources behind every fact on this site, by publisher. Each source's page lists the "
        "records that cite it."
    ).format(n=lang.number(len(sources)))
    return (
        front_matter(_("Sources"), _("The bibliography: every source the records cite."))
        + f"# {_('Sources')}\n\n"
        + intro
        + "\n\n"
        + table([_("Source"), _("Publisher"), _("Published"), _("Cited by")], rows, "lllr")
        + "\n"
    )


def render_timeline(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    page = "timeline.md"
    return (
        front_matter(
            _("Timeline"), _("OSA milestones, exchanges of notes, agreements, deliveries and handovers.")
        )
        + f"# {_('Timeline')}\n\n"
        + _(
            "Milestones, exchanges of notes, agreement signings, deliveries and handovers, oldest first. "
            "Each entry links to its record and its sources."
        )
        + "\n\n"
        + f"## {_('Events by year')}\n\n"
        + timeline_form(index, lang)
        + '<div class="osa-timeline" markdown>\n\n'
        + event_list(index.events, page, True, index, lang)
        + "\n</div>\n"
    )
