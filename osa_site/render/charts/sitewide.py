"""The site-wide charts: Vega-Lite specs with inline data, each with a text description and a data table.

Charts are drawn at build time (render.vega) and inlined as sanitised SVG (render.svg); no charting
code runs in the browser. The sums come from the index, which computes them once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...i18n.languages import N_, Language
from ...model.index import Index, Total, page_of
from ...records.dataset import Entry
from ...records.schema import BUDGET_STAGE_LABELS, DOMAIN_LABELS, Budget, BudgetStage, Recipient
from ..common import EN, link, table, yen
from ..escape import md
from .svg import clean_svg, figure
from .vega import BAR, spec, vega_svg

__all__ = [
    "Chart",
    "Group",
    "render_chart",
    "budget_chart",
    "BAR_CHARTS",
    "bar_chart",
    "fiscal_year_groups",
    "recipient_groups",
    "domain_groups",
    "value_text",
    "projects_text",
]

MAX_BARS = 25  # more bars than this would make a chart taller than a screen
STAGE_COLOURS: dict[BudgetStage, str] = {"initial": BAR, "enacted": "#0b3d91", "proposal": "#e08a00"}


@dataclass(frozen=True)
class Chart:
    """One chart: a slug for its ids, what it shows, the Vega-Lite spec and its data table."""

    slug: str
    title: str
    description: str
    spec: dict[str, Any]
    headers: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = ()
    align: str = ""
    notes: Sequence[str] = field(default_factory=tuple)
    # The table's rows as plain values (text, whole numbers of yen or projects, None for "not stated"),
    # for the chart's CSV download.
    data: Sequence[Sequence[str | int | None]] = ()


@dataclass(frozen=True)
class Group:
    """One bar: a group's label, its total from the index, and the record it links to, if any."""

    label: str
    total: Total
    entry: Entry[Recipient] | None = None


def fiscal_year_groups(index: Index, lang: Language = EN) -> list[Group]:
    return [Group(lang.fy(fy), total) for fy, total in index.totals_by_fiscal_year.items()]


def recipient_groups(index: Index, lang: Language = EN) -> list[Group]:
    """By value, largest first, then by name."""
    groups = [
        Group(str(lang.text(index.recipient(rid).record, "name")), total, index.recipient(rid))
        for rid, total in index.totals_by_recipient.items()
    ]
    return sorted(groups, key=lambda g: (-g.total.value, g.label))


def domain_groups(index: Index, lang: Language = EN) -> list[Group]:
    groups = [
        Group(lang.gettext(DOMAIN_LABELS[domain]), total) for domain, total in index.totals_by_domain.items()
    ]
    return sorted(groups, key=lambda g: (-g.total.value, g.label))


def _billions(amount: int) -> float:
    return float(Decimal(amount) / Decimal(10**9))


def value_text(t: Total, lang: Language = EN) -> str:
    text = yen(t.value, lang=lang) if t.value or not t.unknown else lang.gettext("amount not stated")
    if t.unknown and t.value:
        text += " " + lang.gettext("(plus {n} of unstated amount)").format(n=lang.number(t.unknown))
    return text


def projects_text(n: int, lang: Language = EN) -> str:
    return lang.ngettext("{n} project", "{n} projects", n).format(n=lang.number(n))


def render_chart(chart: Chart, with_table: bool = True, level: int = 2, lang: Language = EN) -> str:
    """A chart under its heading, as a figure (SVG plus caption), then its numbers as a table."""
    if not chart.spec["data"]["values"]:
        nothing = lang.gettext("Nothing is recorded yet, so nothing is charted.")
        return f"{'#' * level} {md(chart.title)}\n\n{nothing}\n\n"
    svg = clean_svg(vega_svg(chart.spec), chart.slug, chart.title, chart.description)
    out = f"{'#' * level} {md(chart.title)}\n\n" + figure(chart.slug, svg, chart.description)
    if with_table and chart.rows:
        out += table(chart.headers, chart.rows, chart.align) + "\n\n"
    for note in chart.notes:
        out += note + "\n\n"
    return out


# --- The budget chart --------------------------------------------------------------------------


def _budget_label(b: Entry[Budget], lang: Language) -> str:
    rec = b.record
    text = yen(rec.amount_jpy, rec.approximate, lang)
    return text + " " + lang.gettext("(contested)") if rec.disputes else text


def _budget_reading(b: Entry[Budget], lang: Language) -> str:
    _ = lang.gettext
    rec = b.record
    stage = _(BUDGET_STAGE_LABELS[rec.stage]).lower()
    amount = yen(rec.amount_jpy, rec.approximate, lang)
    parts = [_("{fy}: {amount}, {stage}").format(fy=lang.fy(rec.fiscal_year), amount=amount, stage=stage)]
    for dispute in rec.disputes:
        readings = "; ".join(
            _("{reading} according to {who}").format(
                reading=lang.text(r, "value"), who=lang.text(r, "according_to")
            )
            if r.according_to
            else str(lang.text(r, "value"))
            for r in dispute.readings
        )
        parts.append(_("the sources disagree ({readings})").format(readings=readings))
    return ", ".join(parts)


def budget_chart(index: Index, page: str, lang: Language = EN) -> Chart:
    """OSA's budget by fiscal year; proposals in their own colour, contested amounts flagged."""
    _ = lang.gettext
    budgets = sorted(index.dataset.of("budgets"), key=lambda e: e.record.fiscal_year)
    stages = list(dict.fromkeys(b.record.stage for b in budgets))
    values = [
        {
            "fy": lang.fy(b.record.fiscal_year),
            "billions": _billions(b.record.amount_jpy),
            "stage": _(BUDGET_STAGE_LABELS[b.record.stage]),
            "label": _budget_label(b, lang),
        }
        for b in budgets
    ]
    x = {"field": "fy", "type": "ordinal", "title": _("Fiscal year"), "axis": {"labelAngle": 0}}
    bar = {
        "mark": {"type": "bar", "width": {"band": 0.6}},
        "encoding": {
            "y": {"field": "billions", "type": "quantitative", "title": _("¥ billion")},
            "color": {
                "field": "stage",
                "type": "nominal",
                "title": _("Stage"),
                "scale": {
                    "domain": [_(BUDGET_STAGE_LABELS[s]) for s in stages],
                    "range": [STAGE_COLOURS[s] for s in stages],
                },
            },
        },
    }
    text = {
        "mark": {"type": "text", "dy": -8, "fontSize": 12, "color": "#1a1a1a"},
        "encoding": {"y": {"field": "billions", "type": "quantitative"}, "text": {"field": "label"}},
    }
    title = _("OSA budget by fiscal year")
    description = (
        _("Bar chart of Japan's OSA budget by fiscal year, in billions of yen.")
        + " "
        + "; ".join(_budget_reading(b, lang) for b in budgets)
        + "."
        + (
            " " + _("A Cabinet proposal is drawn in a different colour from enacted budgets.")
            if "proposal" in stages
            else ""
        )
    )
    rows = [
        [
            link(page, page_of(b), lang.fy(b.record.fiscal_year)),
            md(yen(b.record.amount_jpy, b.record.approximate, lang)),
            _(BUDGET_STAGE_LABELS[b.record.stage]),
            md("; ".join(str(lang.text(r, "value")) for d in b.record.disputes for r in d.readings)) or "—",
        ]
        for b in budgets
    ]
    data: list[list[str | int | None]] = [
        [
            lang.fy(b.record.fiscal_year),
            b.record.amount_jpy,
            _(BUDGET_STAGE_LABELS[b.record.stage]),
            "; ".join(str(lang.text(r, "value")) for d in b.record.disputes for r in d.readings),
        ]
        for b in budgets
    ]
    chart_spec = spec(title, values, [bar, text], width=max(200, 90 * len(budgets)), encoding={"x": x})
    return Chart(
        "chart-budget",
        title,
        description,
        chart_spec,
        [_("Fiscal year"), _("Amount"), _("Stage"), _("Readings in dispute")],
        rows,
        "lrll",
        data=data,
    )


# --- Project charts ---------------------------------------------------------------------------


def _values(groups: list[Group], lang: Language) -> list[dict[str, Any]]:
    return [
        {
            "key": g.label,
            "billions": _billions(g.total.value),
            "label": f"{yen(g.total.value, lang=lang) if g.total.value else lang.gettext('not stated')} · "
            f"{projects_text(g.total.projects, lang)}",
        }
        for g in groups
    ]


def _rows(groups: list[Group], page: str, lang: Language) -> list[list[str]]:
    rows = []
    for g in groups:
        name = link(page, page_of(g.entry), g.label) if g.entry else md(g.label)
        t = g.total
        rows.append(
            [
                name,
                lang.number(t.projects),
                md(yen(t.value, lang=lang)) if t.value else lang.gettext("Not stated"),
                lang.number(t.unknown) if t.unknown else "—",
            ]
        )
    return rows


def _description(what: str, groups: list[Group], lang: Language) -> str:
    parts = [
        lang.gettext("{group}: {value}, {projects}").format(
            group=g.label, value=value_text(g.total, lang), projects=projects_text(g.total.projects, lang)
        )
        for g in groups
    ]
    intro = lang.gettext(
        "Bar chart of the value of signed OSA projects by {what}, in billions of yen, "
        "adding up the amounts the sources state."
    )
    return (
        intro.format(what=what) + " " + ("; ".join(parts) or lang.gettext("No project is recorded yet")) + "."
    )


def _bars(
    title: str, what: str, groups: list[Group], page: str, slug: str, horizontal: bool, lang: Language = EN
) -> Chart:
    """A bar chart of the first MAX_BARS groups; its table lists every group."""
    shown = groups[:MAX_BARS]
    key = {
        "field": "key",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelAngle": 0, "labelLimit": 240},
    }
    value: dict[str, Any] = {"field": "billions", "type": "quantitative", "title": lang.gettext("¥ billion")}
    if horizontal:  # room for the labels to the right of the longest bar
        value["scale"] = {"domainMax": _billions(max((g.total.value for g in shown), default=0)) * 1.7 or 1}
    pos, val = ("y", "x") if horizontal else ("x", "y")
    bar = {
        "mark": {"type": "bar", "color": BAR, "width" if not horizontal else "height": {"band": 0.7}},
        "encoding": {val: value},
    }
    text = {
        "mark": {
            "type": "text",
            "align": "left" if horizontal else "center",
            "dx": 4 if horizontal else 0,
            "dy": 0 if horizontal else -8,
            "fontSize": 12,
            "color": "#1a1a1a",
        },
        "encoding": {val: value, "text": {"field": "label"}},
    }
    height = 26 * len(shown) + 10 if horizontal else 260
    width = 420 if horizontal else max(300, 170 * len(shown))
    chart_spec = spec(title, _values(shown, lang), [bar, text], width, height, {pos: key})
    head = [
        what[:1].upper() + what[1:],
        lang.gettext("Projects"),
        lang.gettext("Value"),
        lang.gettext("Of unstated amount"),
    ]
    description = _description(what, shown, lang)
    if len(shown) < len(groups):
        cut = lang.gettext("The chart shows the {shown} largest of {all}; the table lists all.")
        description += " " + cut.format(shown=lang.number(len(shown)), all=lang.number(len(groups)))
    data = [[g.label, g.total.projects, g.total.value or None, g.total.unknown] for g in groups]
    return Chart(slug, title, description, chart_spec, head, _rows(groups, page, lang), "lrrr", data=data)


@dataclass(frozen=True)
class BarChart:
    """A site-wide bar chart of project value: what it shows, along which axis, from which groups."""

    slug: str
    title: str  # a catalogue message
    axis: str  # a catalogue message: what one bar is
    groups: Callable[[Index, Language], list[Group]]
    horizontal: bool


BAR_CHARTS = {
    "fiscal_year": BarChart(
        "chart-projects-fy",
        N_("Value of OSA projects by fiscal year"),
        N_("fiscal year"),
        fiscal_year_groups,
        False,
    ),
    "recipient": BarChart(
        "chart-projects-recipient",
        N_("Value of OSA projects by recipient"),
        N_("recipient"),
        recipient_groups,
        True,
    ),
    "domain": BarChart(
        "chart-projects-domain", N_("Value of OSA projects by domain"), N_("domain"), domain_groups, True
    ),
}


def bar_chart(name: str, index: Index, page: str, lang: Language = EN) -> Chart:
    """The site-wide bar chart BAR_CHARTS names `name` (`fiscal_year`, `recipient`, `domain`)."""
    chart = BAR_CHARTS[name]
    _ = lang.gettext
    return _bars(
        _(chart.title),
        _(chart.axis),
        chart.groups(index, lang),
        page,
        chart.slug,
        chart.horizontal,
        lang=lang,
    )
