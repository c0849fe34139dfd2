"""The charts page: every site-wide chart, each followed by its numbers."""

from __future__ import annotations

from ..i18n import Language
from ..index import Index
from .charts import budget_chart, domain_chart, fiscal_year_chart, recipient_chart, render_chart
from .common import EN, front_matter, link

__all__ = ["render_charts_page", "PAGE"]

PAGE = "charts.md"


def render_charts_page(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    charts = [
        fiscal_year_chart(index, PAGE, lang),
        recipient_chart(index, PAGE, lang),
        domain_chart(index, PAGE, lang),
        budget_chart(index, PAGE, lang),
    ]
    intro = _(
        "Every chart is drawn from the records when the site is built, and each is followed by a "
        "table of the same numbers. Values add up the grant amounts the sources state; a project whose "
        "amount is not stated is counted but adds nothing. The {register} lists every project, and the "
        "{open_data} page has the figures to download."
    ).format(
        register=link(PAGE, "equipment/index.md", _("register")),
        open_data=link(PAGE, "data/index.md", _("open data")),
    )
    return (
        front_matter(
            _("Charts"),
            _(
                "OSA in charts: project value by fiscal year, recipient and domain, "
                "and the budget by fiscal year."
            ),
        )
        + f"# {_('Charts')}\n\n"
        + intro
        + "\n\n"
        + "".join(render_chart(c, lang=lang) for c in charts)
    )
