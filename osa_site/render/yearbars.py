"""One recipient's projects per fiscal year: a small bar chart drawn directly as SVG, and its table.

Drawn in Python rather than converted from Vega-Lite, which stays fast for hundreds of recipients.
"""

from __future__ import annotations

from ..dataset import Entry
from ..i18n import Language
from ..index import Index, Total
from ..schema import Recipient
from .charts import projects_text, value_text
from .common import EN, table, yen
from .escape import md
from .svg import figure, html
from .vega import BAR, FONT

__all__ = ["recipient_history"]


def _history_svg(
    slug: str, title: str, description: str, rows: list[tuple[int, Total | None]], lang: Language
) -> str:
    col, top, plot, width = 110, 30, 140, 110 * len(rows) + 20
    peak = max((t.value for _, t in rows if t), default=0) or 1
    marks = []
    for i, (year, t) in enumerate(rows):
        cx = 10 + col * i + col / 2
        h = round(plot * (t.value if t else 0) / peak, 1)
        label = (
            (yen(t.value, lang=lang) if t.value else lang.gettext("amount not stated"))
            if t
            else lang.gettext("none")
        )
        if t and t.value:
            marks.append(
                f'<rect x="{cx - 30:.1f}" y="{top + plot - h:.1f}" width="60" height="{h:.1f}" fill="{BAR}"/>'
            )
        marks.append(
            f'<text x="{cx:.1f}" y="{top + plot - h - 6:.1f}" text-anchor="middle">'
            f"{html(label)}</text>"
            f'<text x="{cx:.1f}" y="{top + plot + 18:.1f}" text-anchor="middle">'
            f"{html(lang.fy(year))}</text>"
        )
    axis = f'<line x1="10" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" stroke="#757575"/>'
    return (
        f'<svg class="osa-chart__svg osa-chart__svg--small" viewBox="0 0 {width} {top + plot + 30}" '
        f'role="img" aria-labelledby="{slug}-title" aria-describedby="{slug}-desc" font-family="{FONT}" '
        f'font-size="12" fill="#1a1a1a"><title id="{slug}-title">{html(title)}</title>'
        f'<desc id="{slug}-desc">{html(description)}</desc>{axis}{"".join(marks)}</svg>'
    )


def recipient_history(entry: Entry[Recipient], index: Index, lang: Language = EN) -> str:
    """One recipient's signed projects per fiscal year, as a small SVG bar chart and a table."""
    _ = lang.gettext
    mine = index.recipient_years.get(entry.id, {})
    rows = [(fy, mine.get(fy)) for fy in index.fiscal_years]
    name = str(lang.text(entry.record, "name"))
    title = _("OSA projects for {country} by fiscal year").format(country=name)
    years = "; ".join(
        _("{fy}: {value}, {projects}").format(
            fy=lang.fy(fy), value=value_text(t, lang), projects=projects_text(t.projects, lang)
        )
        if t
        else _("{fy}: none").format(fy=lang.fy(fy))
        for fy, t in rows
    )
    description = _(
        "Bar chart of the value of signed OSA projects for {country} in each fiscal year. {years}."
    ).format(country=name, years=years)
    slug = "chart-recipient-history"
    table_rows = [
        [
            lang.fy(fy),
            lang.number(t.projects if t else 0),
            md(yen(t.value, lang=lang)) if t and t.value else "—",
        ]
        for fy, t in rows
    ]
    return (
        figure(slug, _history_svg(slug, title, description, rows, lang), description)
        + table([_("Fiscal year"), _("Projects"), _("Value")], table_rows, "lrr")
        + "\n\n"
    )
