"""The charts page: every site-wide chart, each followed by its numbers."""

from __future__ import annotations

from ...model.index import Index
from ..common import SiteContext, front_matter, link
from .downloads import chart_cite, downloads_block, site_charts
from .sitewide import render_chart

__all__ = ["render_charts_page", "PAGE"]

PAGE = "charts.md"


def render_charts_page(index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    charts = site_charts(index, lang)
    cite = chart_cite(index, ctx)
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
        + "".join(
            render_chart(c, lang=lang)
            + (downloads_block(c, PAGE, cite, lang) if c.spec["data"]["values"] else "")
            for c in charts
        )
    )
