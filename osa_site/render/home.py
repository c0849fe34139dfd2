"""The home page: what OSA is, key figures computed from the records, where to go next."""

from __future__ import annotations

from ..i18n.languages import N_, Language
from ..model.index import Index, page_of
from .charts.downloads import chart_cite, downloads_block
from .charts.sitewide import bar_chart, render_chart
from .charts.worldmap import render_map
from .common import SiteContext, front_matter, link, table, when, yen
from .escape import md

__all__ = ["render_home"]

PAGE = "index.md"


def _latest_exchange(index: Index, lang: Language) -> str:
    _ = lang.gettext
    dated = [
        (e.record.exchange_of_notes.date, e.id, e)
        for e in index.dataset.of("equipment")
        if e.record.exchange_of_notes
    ]
    if not dated:
        return _("No exchange of notes is recorded yet.")
    date, _id, latest = max(dated, key=lambda d: (d[0], d[1]))
    recipient = lang.text(index.recipient(latest.record.recipient).record, "name")
    return _("The latest exchange of notes on record was signed on {date}: {project} ({recipient}).").format(
        date=md(when(date, lang)),
        project=link(PAGE, page_of(latest), lang.text(latest.record, "title")),
        recipient=md(recipient),
    )


def _key_figures(index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    chart = bar_chart("fiscal_year", index, PAGE, lang)
    recipients = index.dataset.of("recipients")
    signed = [r for r in recipients if index.projects_by_recipient.get(r.id)]
    designated = [r for r in recipients if index.status(r.id) == "designated"]
    projects = index.dataset.of("equipment")
    rows = [
        [lang.fy(fy), lang.number(t.projects), md(yen(t.value, lang=lang))]
        for fy, t in index.totals_by_fiscal_year.items()
    ]
    figures = [
        _("**{n}** signed projects, worth **{value}** in all where the amount is known.").format(
            n=lang.number(len(projects)), value=md(yen(index.total.value, lang=lang))
        ),
        _(
            "**{signed}** countries with at least one signed project, and **{designated}** more designated "
            "without one."
        ).format(signed=lang.number(len(signed)), designated=lang.number(len(designated))),
        _("**{n}** defence equipment transfer agreements on record.").format(
            n=lang.number(len(index.dataset.of("agreements")))
        ),
        _latest_exchange(index, lang),
    ]
    return (
        f"## {_('Key figures')}\n\n"
        + "".join(f"- {line}\n" for line in figures)
        + "\n"
        + render_chart(chart, with_table=False, level=3, lang=lang)
        + (downloads_block(chart, PAGE, chart_cite(index, ctx), lang) if chart.spec["data"]["values"] else "")
        + _("Value of signed projects by fiscal year, as stated in each project's sources:")
        + "\n\n"
        + table([_("Fiscal year"), _("Projects"), _("Value")], rows, "lrr")
        + "\n\n"
        + _("These figures are computed from the records each time the site is built.")
        + "\n\n"
    )


_NEXT = [
    ("brief.md", N_("The brief"), N_("what OSA is for, and what it has done so far")),
    ("recipients/index.md", N_("Recipients"), N_("every country, with its projects and totals")),
    ("equipment/index.md", N_("Equipment register"), N_("every project in one table")),
    ("agreements/index.md", N_("Transfer agreements"), N_("the agreements that make transfers possible")),
    ("timeline.md", N_("Timeline"), N_("every dated event, oldest first")),
    ("charts.md", N_("Charts"), N_("project value by fiscal year, recipient and domain")),
    ("discrepancies.md", N_("Discrepancies"), N_("every fact on which the sources disagree")),
    ("analysis/index.md", N_("Analysis and views"), N_("what analysts, parliamentarians and critics argue")),
    ("data/index.md", N_("Open data"), N_("every record as CSV and JSON")),
    ("budgets/index.md", N_("Budget"), N_("how the OSA budget has grown")),
    ("sources/index.md", N_("Sources"), N_("the documents behind every figure")),
    ("methodology.md", N_("Methodology"), N_("how records are gathered and checked")),
    ("open-questions.md", N_("Open questions"), N_("what the sources do not yet settle")),
]


def render_home(index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    intro = (
        _(
            "Japan's Official Security Assistance (OSA) began in April 2023. Through it, Japan gives "
            "equipment, supplies and infrastructure to the armed forces of partner countries, most of "
            "them developing countries, to strengthen their security and deterrence. Unlike Official "
            "Development Assistance, which funds economic and social development, OSA is aimed at "
            "security. OSA Monitor records every project, recipient and agreement, each fact tied to "
            "a public source."
        )
        + "\n\n"
    )
    nxt = "\n".join(
        _("{page}: {what}.").format(page="- " + link(PAGE, page, _(title)), what=_(text))
        for page, title, text in _NEXT
    )
    return (
        front_matter(
            "OSA Monitor",
            _(
                "An open, sourced record of Japan's Official Security "
                "Assistance: every project, recipient and agreement."
            ),
        )
        + "# OSA Monitor\n\n"
        + intro
        + _key_figures(index, ctx)
        + f"## {_('Where OSA goes')}\n\n"
        + render_map(index, PAGE, lang=lang)
        + f"## {_('Where to go next')}\n\n"
        + nxt
        + "\n"
    )
