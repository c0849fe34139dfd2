"""Charts drawn at build time as inline SVG, each with a title, a text description and its data
as a table. No charting code runs in the browser.

Site-wide charts are Vega-Lite specs with inline data, rendered by vl-convert
(no network: `allowed_base_urls=[]`); the small per-recipient chart is drawn
directly in Python, which stays fast for hundreds of recipients.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..index import Index, page_of
from ..records import Entry
from .common import SiteContext, front_matter, link, table, yen
from .escape import attr as _escape_attr
from .escape import html as _escape_html
from .escape import md, printable
from .records import domain_label

__all__ = [
    "Chart",
    "ChartError",
    "Total",
    "render_chart",
    "render_charts_page",
    "budget_chart",
    "fiscal_year_chart",
    "recipient_chart",
    "domain_chart",
    "recipient_history",
    "totals_by_fiscal_year",
    "totals_by_recipient",
    "totals_by_domain",
    "vega_svg",
    "FONT",
    "html",
    "attr",
]

def html(text: str) -> str:
    """Escaped text on one line: a blank line would end a raw HTML block in Markdown."""
    return _escape_html(" ".join(str(text).split()))


def attr(text: str) -> str:
    """An escaped attribute value on one line."""
    return _escape_attr(" ".join(str(text).split()))


# Wide fonts first: vl-convert measures labels with the first it finds (DejaVu on Debian), so
# the space it leaves is enough for the narrower system fonts readers may have.
FONT = "DejaVu Sans, Verdana, system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
BAR = "#1f5fa8"
MAX_BARS = 25  # more bars than this would make a chart taller than a screen
PROPOSAL = "#e08a00"
STAGES = {"initial": "Initial budget", "enacted": "Enacted budget",
          "proposal": "Cabinet proposal (not enacted)"}
STAGE_COLOURS = {"initial": BAR, "enacted": "#0b3d91", "proposal": PROPOSAL}
_CONFIG = {
    "font": FONT,
    "background": "#ffffff",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1a1a1a", "titleColor": "#1a1a1a"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 400},
    "title": {"fontSize": 15, "anchor": "start", "color": "#1a1a1a"},
}


class ChartError(Exception):
    """vl-convert returned an SVG without any data marks."""


@dataclass(frozen=True)
class Chart:
    """One chart: a slug for its ids, what it shows, the Vega-Lite spec and its data table."""

    slug: str
    title: str
    description: str
    spec: dict
    headers: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = ()
    align: str = ""
    notes: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Total:
    """Projects and their known value, for one group (a fiscal year, recipient or domain)."""

    key: str
    label: str
    projects: int
    value: int
    unknown: int  # projects whose amount the sources do not state
    entry: Entry | None = None


# --- Aggregations -------------------------------------------------------------------------


def _totals(index: Index, key, label, entry=None) -> list[Total]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for p in index.dataset.of("equipment"):
        groups[key(p)].append(p)
    return [Total(k, label(k), len(ps), sum(p.record.amount_jpy or 0 for p in ps),
                  sum(p.record.amount_jpy is None for p in ps), entry(k) if entry else None)
            for k, ps in sorted(groups.items())]


def totals_by_fiscal_year(index: Index) -> list[Total]:
    return _totals(index, lambda p: str(p.record.fiscal_year), lambda k: f"FY{k}")


def totals_by_recipient(index: Index) -> list[Total]:
    """By value, largest first, then by name."""
    rows = _totals(index, lambda p: p.record.recipient, lambda k: index.recipient(k).record.name,
                   index.recipient)
    return sorted(rows, key=lambda t: (-t.value, t.label))


def totals_by_domain(index: Index) -> list[Total]:
    rows = _totals(index, lambda p: p.record.domain, domain_label)
    return sorted(rows, key=lambda t: (-t.value, t.label))


def _billions(amount: int) -> float:
    return float(Decimal(amount) / Decimal(10**9))


def _value_text(t: Total) -> str:
    text = yen(t.value) if t.value or not t.unknown else "amount not stated"
    if t.unknown and t.value:
        text += f" (plus {t.unknown} of unstated amount)"
    return text


def _projects(n: int) -> str:
    return f"{n} project{'s' if n != 1 else ''}"


# --- Vega-Lite rendering --------------------------------------------------------------------

_CACHE: dict[str, str] = {}
_MARKS = re.compile(r'role-mark[^"]*"[^>]*>\s*<(path|rect|text|line)')


# Vega cuts long labels by UTF-16 code units; a cut through an astral character (emoji, rare CJK)
# leaves half a surrogate pair, and vl-convert then fails. Charts show U+FFFD for those characters;
# the table beside each chart has the exact names.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _printable_values(value: Any) -> Any:
    """The spec with every string made safe for vl-convert, which aborts the process on some control
    characters and fails on astral characters in labels it truncates."""
    if isinstance(value, str):
        return _ASTRAL.sub("\ufffd", printable(value))
    if isinstance(value, dict):
        return {k: _printable_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable_values(v) for v in value]
    return value


def _convert(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(_printable_values(spec), allowed_base_urls=[], format_locale="en-US",
                                      time_format_locale="en-US")


def vega_svg(spec: dict) -> str:
    """The SVG for a Vega-Lite spec; the same spec is converted once per process."""
    key = hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()
    if key not in _CACHE:
        svg = _convert(spec)
        if not _MARKS.search(svg):
            raise ChartError(f"the chart {spec.get('description', '')!r} came out without marks")
        _CACHE[key] = svg
    return _CACHE[key]


_ROOT = re.compile(r"^<svg\b[^>]*>")
_EXTERNAL = re.compile(r"@import[^;]*;|url\((?!#)[^)]*\)|\s(?:xlink:)?href=\"(?!#)[^\"]*\"")


def clean_svg(svg: str, slug: str, title: str, description: str) -> str:
    """Inline-ready SVG: no namespaces or fixed size, a title and description, no outside URL."""
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    head = (f'<svg class="osa-chart__svg" viewBox="{view_box.group(1) if view_box else "0 0 400 300"}" '
            f'role="img" aria-labelledby="{slug}-title" aria-describedby="{slug}-desc">'
            f'<title id="{slug}-title">{html(title)}</title>'
            f'<desc id="{slug}-desc">{html(description)}</desc>')
    body = _ROOT.sub("", svg.strip(), count=1)
    return head + _EXTERNAL.sub("", body).replace("\n", " ")


def _figure(slug: str, svg: str, description: str) -> str:
    return (f'<figure class="osa-chart" id="{attr(slug)}">\n{svg}\n'
            f"<figcaption>{html(description)}</figcaption>\n</figure>\n\n")


def render_chart(chart: Chart, with_table: bool = True, level: int = 2) -> str:
    """A chart under its heading, as a figure (SVG plus caption), then its numbers as a table."""
    if not chart.spec["data"]["values"]:
        return f"{'#' * level} {md(chart.title)}\n\nNothing is recorded yet, so nothing is charted.\n\n"
    svg = clean_svg(vega_svg(chart.spec), chart.slug, chart.title, chart.description)
    out = f"{'#' * level} {md(chart.title)}\n\n" + _figure(chart.slug, svg, chart.description)
    if with_table and chart.rows:
        out += table(chart.headers, chart.rows, chart.align) + "\n\n"
    for note in chart.notes:
        out += note + "\n\n"
    return out


def _spec(title: str, values: list[dict], layers: list[dict], width: int = 560, height: int | None = None,
          encoding: dict | None = None) -> dict:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": title,
        "width": width,
        "height": height or 260,
        "data": {"values": values},
        "encoding": encoding or {},
        "layer": layers,
        "config": _CONFIG,
        # Room for labels: a reader's system font may draw wider than vl-convert measures.
        "padding": {"left": 12, "right": 24, "top": 5, "bottom": 5},
    }
    return spec


# --- The budget chart --------------------------------------------------------------------------


def _budget_label(b: Entry) -> str:
    rec = b.record
    text = yen(rec.amount_jpy, rec.approximate)
    return text + " (contested)" if rec.disputes else text


def _budget_reading(b: Entry) -> str:
    rec = b.record
    parts = [f"FY{rec.fiscal_year}: {yen(rec.amount_jpy, rec.approximate)}, {STAGES[rec.stage].lower()}"]
    for dispute in rec.disputes:
        readings = "; ".join(r.value + (f" according to {r.according_to}" if r.according_to else "")
                             for r in dispute.readings)
        parts.append(f"the sources disagree ({readings})")
    return ", ".join(parts)


def budget_chart(index: Index, page: str) -> Chart:
    """OSA's budget by fiscal year; proposals in their own colour, contested amounts flagged."""
    budgets = sorted(index.dataset.of("budgets"), key=lambda e: e.record.fiscal_year)
    stages = list(dict.fromkeys(b.record.stage for b in budgets))
    values = [{"fy": f"FY{b.record.fiscal_year}", "billions": _billions(b.record.amount_jpy),
               "stage": STAGES[b.record.stage], "label": _budget_label(b)} for b in budgets]
    x = {"field": "fy", "type": "ordinal", "title": "Fiscal year", "axis": {"labelAngle": 0}}
    bar = {"mark": {"type": "bar", "width": {"band": 0.6}},
           "encoding": {"y": {"field": "billions", "type": "quantitative", "title": "¥ billion"},
                        "color": {"field": "stage", "type": "nominal", "title": "Stage",
                                  "scale": {"domain": [STAGES[s] for s in stages],
                                            "range": [STAGE_COLOURS[s] for s in stages]}}}}
    text = {"mark": {"type": "text", "dy": -8, "fontSize": 12, "color": "#1a1a1a"},
            "encoding": {"y": {"field": "billions", "type": "quantitative"}, "text": {"field": "label"}}}
    title = "OSA budget by fiscal year"
    description = ("Bar chart of Japan's OSA budget by fiscal year, in billions of yen. "
                   + "; ".join(_budget_reading(b) for b in budgets) + "."
                   + (" A Cabinet proposal is drawn in a different colour from enacted budgets."
                      if "proposal" in stages else ""))
    rows = [[link(page, page_of(b), f"FY{b.record.fiscal_year}"),
             md(yen(b.record.amount_jpy, b.record.approximate)), STAGES[b.record.stage],
             md("; ".join(r.value for d in b.record.disputes for r in d.readings)) or "—"] for b in budgets]
    spec = _spec(title, values, [bar, text], width=max(200, 90 * len(budgets)), encoding={"x": x})
    return Chart("chart-budget", title, description, spec,
                 ["Fiscal year", "Amount", "Stage", "Readings in dispute"], rows, "lrll")


# --- Project charts ---------------------------------------------------------------------------


def _total_values(totals: list[Total]) -> list[dict]:
    return [{"key": t.label, "billions": _billions(t.value),
             "label": f"{yen(t.value) if t.value else 'not stated'} · {_projects(t.projects)}"}
            for t in totals]


def _total_rows(totals: list[Total], page: str) -> list[list[str]]:
    rows = []
    for t in totals:
        name = link(page, page_of(t.entry), t.label) if t.entry else md(t.label)
        rows.append([name, str(t.projects), md(yen(t.value)) if t.value else "Not stated",
                     str(t.unknown) if t.unknown else "—"])
    return rows


def _description(what: str, totals: list[Total]) -> str:
    parts = [f"{t.label}: {_value_text(t)}, {_projects(t.projects)}" for t in totals]
    return (f"Bar chart of the value of signed OSA projects by {what}, in billions of yen, adding up "
            "the amounts the sources state. " + ("; ".join(parts) or "No project is recorded yet") + ".")


def _bars(title: str, what: str, totals: list[Total], page: str, slug: str, horizontal: bool) -> Chart:
    """A bar chart of the first MAX_BARS groups; its table lists every group."""
    shown = totals[:MAX_BARS]
    key = {"field": "key", "type": "nominal", "sort": None, "title": None,
           "axis": {"labelAngle": 0, "labelLimit": 240}}
    value: dict = {"field": "billions", "type": "quantitative", "title": "¥ billion"}
    if horizontal:  # room for the labels to the right of the longest bar
        value["scale"] = {"domainMax": _billions(max((t.value for t in shown), default=0)) * 1.7 or 1}
    pos, val = ("y", "x") if horizontal else ("x", "y")
    bar = {"mark": {"type": "bar", "color": BAR, "width" if not horizontal else "height": {"band": 0.7}},
           "encoding": {val: value}}
    text = {"mark": {"type": "text", "align": "left" if horizontal else "center",
                     "dx": 4 if horizontal else 0, "dy": 0 if horizontal else -8, "fontSize": 12,
                     "color": "#1a1a1a"},
            "encoding": {val: value, "text": {"field": "label"}}}
    height = 26 * len(shown) + 10 if horizontal else 260
    width = 420 if horizontal else max(300, 170 * len(shown))
    spec = _spec(title, _total_values(shown), [bar, text], width, height, {pos: key})
    head = [what.capitalize(), "Projects", "Value", "Of unstated amount"]
    description = _description(what, shown)
    if len(shown) < len(totals):
        description += f" The chart shows the {len(shown)} largest of {len(totals)}; the table lists all."
    return Chart(slug, title, description, spec, head, _total_rows(totals, page), "lrrr")


def fiscal_year_chart(index: Index, page: str) -> Chart:
    return _bars("Value of OSA projects by fiscal year", "fiscal year", totals_by_fiscal_year(index),
                 page, "chart-projects-fy", horizontal=False)


def recipient_chart(index: Index, page: str) -> Chart:
    return _bars("Value of OSA projects by recipient", "recipient", totals_by_recipient(index),
                 page, "chart-projects-recipient", horizontal=True)


def domain_chart(index: Index, page: str) -> Chart:
    return _bars("Value of OSA projects by domain", "domain", totals_by_domain(index),
                 page, "chart-projects-domain", horizontal=True)


# --- The per-recipient chart, drawn in Python ---------------------------------------------------------


def _history_svg(slug: str, title: str, description: str, rows: list[tuple[int, Total | None]]) -> str:
    col, top, plot, width = 110, 30, 140, 110 * len(rows) + 20
    peak = max((t.value for _, t in rows if t), default=0) or 1
    marks = []
    for i, (year, t) in enumerate(rows):
        cx = 10 + col * i + col / 2
        h = round(plot * (t.value if t else 0) / peak, 1)
        label = (yen(t.value) if t.value else "amount not stated") if t else "none"
        if t and t.value:
            marks.append(f'<rect x="{cx - 30:.1f}" y="{top + plot - h:.1f}" width="60" height="{h:.1f}" '
                         f'fill="{BAR}"/>')
        marks.append(f'<text x="{cx:.1f}" y="{top + plot - h - 6:.1f}" text-anchor="middle">'
                     f"{html(label)}</text>"
                     f'<text x="{cx:.1f}" y="{top + plot + 18:.1f}" text-anchor="middle">FY{year}</text>')
    axis = f'<line x1="10" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" stroke="#757575"/>'
    return (f'<svg class="osa-chart__svg osa-chart__svg--small" viewBox="0 0 {width} {top + plot + 30}" '
            f'role="img" aria-labelledby="{slug}-title" aria-describedby="{slug}-desc" font-family="{FONT}" '
            f'font-size="12" fill="#1a1a1a"><title id="{slug}-title">{html(title)}</title>'
            f'<desc id="{slug}-desc">{html(description)}</desc>{axis}{"".join(marks)}</svg>')


def recipient_history(entry: Entry, index: Index) -> str:
    """One recipient's signed projects per fiscal year, as a small SVG bar chart and a table."""
    projects = index.projects_by_recipient.get(entry.id, [])
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for p in projects:
        by_year[p.record.fiscal_year].append(p)
    mine = {fy: Total(str(fy), f"FY{fy}", len(ps), sum(p.record.amount_jpy or 0 for p in ps),
                      sum(p.record.amount_jpy is None for p in ps)) for fy, ps in by_year.items()}
    rows = [(fy, mine.get(fy)) for fy in index.fiscal_years]
    name = entry.record.name
    title = f"OSA projects for {name} by fiscal year"
    description = (f"Bar chart of the value of signed OSA projects for {name} in each fiscal year. "
                   + "; ".join(f"FY{fy}: {_value_text(t)}, {_projects(t.projects)}" if t else f"FY{fy}: none"
                               for fy, t in rows) + ".")
    slug = "chart-recipient-history"
    table_rows = [[f"FY{fy}", str(t.projects if t else 0), md(yen(t.value)) if t and t.value else "—"]
                  for fy, t in rows]
    return (_figure(slug, _history_svg(slug, title, description, rows), description)
            + table(["Fiscal year", "Projects", "Value"], table_rows, "lrr") + "\n\n")


# --- The charts page ------------------------------------------------------------------------------


def render_charts_page(index: Index, ctx: SiteContext) -> str:
    """Every site-wide chart, each followed by its numbers."""
    page = "charts.md"
    charts = [fiscal_year_chart(index, page), recipient_chart(index, page), domain_chart(index, page),
              budget_chart(index, page)]
    return (front_matter("Charts", "OSA in charts: project value by fiscal year, recipient and domain, "
                         "and the budget by fiscal year.")
            + "# Charts\n\n"
            + "Every chart is drawn from the records when the site is built, and each is followed by a "
            "table of the same numbers. Values add up the grant amounts the sources state; a project "
            "whose amount is not stated is counted but adds nothing. The "
            f"{link(page, 'equipment/index.md', 'register')} lists every project, and the "
            f"{link(page, 'data/index.md', 'open data')} page has the figures to download.\n\n"
            + "".join(render_chart(c) for c in charts))
