"""The home page: what OSA is, key figures computed from the records, where to go next."""

from __future__ import annotations

from ..index import Index, page_of
from .charts import fiscal_year_chart, render_chart
from .common import front_matter, link, table, when, yen
from .escape import md
from .worldmap import render_map

__all__ = ["render_home"]

PAGE = "index.md"


def _latest_exchange(index: Index) -> str:
    dated = [(e.record.exchange_of_notes.date, e.id, e) for e in index.dataset.of("equipment")
             if e.record.exchange_of_notes]
    if not dated:
        return "No exchange of notes is recorded yet."
    date, _, latest = max(dated, key=lambda d: (d[0], d[1]))
    recipient = index.recipient(latest.record.recipient).record.name
    return (f"The latest exchange of notes on record was signed on {md(when(date))}: "
            f"{link(PAGE, page_of(latest), latest.record.title)} ({md(recipient)}).")


def _key_figures(index: Index) -> str:
    recipients = index.dataset.of("recipients")
    signed = [r for r in recipients if index.projects_by_recipient.get(r.id)]
    designated = [r for r in recipients if index.status(r.id) == "designated"]
    projects = index.dataset.of("equipment")
    rows = [[f"FY{fy}", str(t.projects), md(yen(t.value))] for fy, t in index.totals_by_fiscal_year.items()]
    return (
        "## Key figures\n\n"
        f"- **{len(projects)}** signed projects, worth **{md(yen(index.total.value))}** in all where the "
        "amount is known.\n"
        f"- **{len(signed)}** countries with at least one signed project, and **{len(designated)}** "
        "more designated without one.\n"
        f"- **{len(index.dataset.of('agreements'))}** defence equipment transfer agreements on record.\n"
        f"- {_latest_exchange(index)}\n\n"
        + render_chart(fiscal_year_chart(index, PAGE), with_table=False, level=3)
        + "Value of signed projects by fiscal year, as stated in each project's sources:\n\n"
        + table(["Fiscal year", "Projects", "Value"], rows, "lrr") + "\n\n"
        "These figures are computed from the records each time the site is built.\n\n"
    )


_NEXT = [
    ("brief.md", "The brief", "what OSA is for, and what it has done so far"),
    ("recipients/index.md", "Recipients", "every country, with its projects and totals"),
    ("equipment/index.md", "Equipment register", "every project in one table"),
    ("agreements/index.md", "Transfer agreements", "the agreements that make transfers possible"),
    ("timeline.md", "Timeline", "every dated event, oldest first"),
    ("charts.md", "Charts", "project value by fiscal year, recipient and domain"),
    ("discrepancies.md", "Discrepancies", "every fact on which the sources disagree"),
    ("data/index.md", "Open data", "every record as CSV and JSON"),
    ("budgets/index.md", "Budget", "how the OSA budget has grown"),
    ("sources/index.md", "Sources", "the documents behind every figure"),
    ("methodology.md", "Methodology", "how records are gathered and checked"),
    ("open-questions.md", "Open questions", "what the sources do not yet settle"),
]


def render_home(index: Index) -> str:
    intro = (
        "Japan's Official Security Assistance (OSA) began in April 2023. Through it, Japan gives "
        "equipment, supplies and infrastructure to the armed forces of partner countries, most of "
        "them developing countries, to strengthen their security and deterrence. Unlike Official "
        "Development Assistance, which funds economic and social development, OSA is aimed at "
        "security. OSA Monitor records every project, recipient and agreement, each fact tied to "
        "a public source.\n\n"
    )
    nxt = "\n".join(f"- {link(PAGE, page, title)}: {text}." for page, title, text in _NEXT)
    return (front_matter("OSA Monitor", "An open, sourced record of Japan's Official Security "
                         "Assistance: every project, recipient and agreement.")
            + "# OSA Monitor\n\n" + intro + _key_figures(index)
            + "## Where OSA goes\n\n" + render_map(index, PAGE)
            + "## Where to go next\n\n" + nxt + "\n")
