"""Charts to reuse: each site-wide chart's SVG, PNG and numbers (CSV), and the line under it.

The files are named after the chart's fixed slug, so their addresses never change:
`data/charts/<slug>.svg`, `.png` and `.csv` in each edition. The CSV has the columns of the
chart's table, with plain values: names as text, projects and yen as whole numbers (empty where
the sources state no amount). Under each chart, its downloads and a one-line "Cite as" with the
site, the chart's title, the data's date and the chart's address.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...i18n.languages import Language
from ...model.index import Index
from ...model.urls import page_url, rel
from ..common import SiteContext
from ..data import neutralise
from ..escape import md, url
from .sitewide import BAR_CHARTS, Chart, bar_chart, budget_chart
from .vega import vega_svg

__all__ = [
    "ChartCite",
    "chart_cite",
    "FOLDER",
    "CHARTS_PAGE",
    "chart_file",
    "site_charts",
    "chart_texts",
    "downloads_block",
]

FOLDER = "data/charts"
CHARTS_PAGE = "charts.md"  # where every site-wide chart is shown with its table: the address cited


@dataclass(frozen=True)
class ChartCite:
    """What a chart's citation names besides the chart: the site and the data's date."""

    site_name: str
    site_url: str
    as_of: str  # the data's date, as the edition writes dates


def chart_cite(index: Index, ctx: SiteContext) -> ChartCite:
    return ChartCite(ctx.site_name, ctx.site_url, ctx.lang.date(index.as_of))


def chart_file(chart: Chart, ext: str) -> str:
    """A chart's download, under the docs folder: `data/charts/chart-budget.csv`."""
    return f"{FOLDER}/{chart.slug}.{ext}"


def site_charts(index: Index, lang: Language) -> list[Chart]:
    """Every site-wide chart, as the charts page shows them."""
    return [bar_chart(name, index, CHARTS_PAGE, lang) for name in BAR_CHARTS] + [
        budget_chart(index, CHARTS_PAGE, lang)
    ]


def _cell(value: str | int | None) -> str | int:
    if value is None:
        return ""
    return value if isinstance(value, int) else neutralise(str(value))


def chart_csv(chart: Chart) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in chart.headers])
    writer.writerows([_cell(v) for v in row] for row in chart.data)
    return buffer.getvalue()


def chart_texts(index: Index, lang: Language) -> dict[str, str]:
    """The SVG and CSV of every site-wide chart that has something to show (the PNGs are bytes:
    the generator makes them, see output/charts.py)."""
    files = {}
    for chart in site_charts(index, lang):
        if chart.spec["data"]["values"]:
            files[chart_file(chart, "svg")] = vega_svg(chart.spec)
            files[chart_file(chart, "csv")] = chart_csv(chart)
    return files


def downloads_block(chart: Chart, page: str, cite: ChartCite, lang: Language) -> str:
    """The downloads under a chart, and how to cite it."""
    _ = lang.gettext
    links = " · ".join(
        f"[{ext.upper()}]({rel(page, chart_file(chart, ext))})" for ext in ("svg", "png", "csv")
    )
    address = page_url(cite.site_url, CHARTS_PAGE) + "#" + chart.slug if cite.site_url else ""
    citation = _('{site}, "{title}", chart, data as of {date}.').format(
        site=md(cite.site_name), title=md(chart.title), date=md(cite.as_of)
    )
    return (
        f'<div class="osa-chart-reuse" markdown>\n\n{_("Download this chart")}: {links}\n\n'
        f"{_('Cite as')}: {citation}{f' <{url(address)}>' if address else ''}\n\n</div>\n\n"
    )
