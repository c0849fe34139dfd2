"""The charts page: every site-wide chart, each followed by its numbers."""

from __future__ import annotations

from ..index import Index
from .charts import budget_chart, domain_chart, fiscal_year_chart, recipient_chart, render_chart
from .common import front_matter, link

__all__ = ["render_charts_page", "PAGE"]

PAGE = "charts.md"


def render_charts_page(index: Index) -> str:
    charts = [fiscal_year_chart(index, PAGE), recipient_chart(index, PAGE), domain_chart(index, PAGE),
              budget_chart(index, PAGE)]
    return (front_matter("Charts", "OSA in charts: project value by fiscal year, recipient and domain, "
                         "and the budget by fiscal year.")
            + "# Charts\n\n"
            + "Every chart is drawn from the records when the site is built, and each is followed by a "
            "table of the same numbers. Values add up the grant amounts the sources state; a project "
            "whose amount is not stated is counted but adds nothing. The "
            f"{link(PAGE, 'equipment/index.md', 'register')} lists every project, and the "
            f"{link(PAGE, 'data/index.md', 'open data')} page has the figures to download.\n\n"
            + "".join(render_chart(c) for c in charts))
