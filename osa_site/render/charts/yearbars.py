"""One recipient's projects per fiscal year: a small bar chart drawn directly as SVG, and its table.

Drawn in Python rather than converted from Vega-Lite, which stays fast for hundreds of recipients.
"""

from __future__ import annotations

from ...i18n.languages import Language
from ...model.index import Index, Total
from ...records.dataset import Entry
from ...records.schema import Recipient
from ..common import EN, table, yen
from ..escape import Html, fragment, md
from .sitewide import projects_text, value_text
from .svg import figure, one_line
from .vega import BAR, FONT

__all__ = ["recipient_history"]


def _history_svg(
    slug: str, title: str, description: str, rows: list[tuple[int, Total | None]], lang: Language
) -> Html:
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
                fragment(
                    '<rect x="{:.1f}" y="{:.1f}" width="60" height="{:.1f}" fill="{}"/>',
                    cx - 30,
                    top + plot - h,
                    h,
                    BAR,
                )
            )
        marks.append(
            fragment(
                '<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{label}</text>'
                '<text x="{x:.1f}" y="{below:.1f}" text-anchor="middle">{year}</text>',
                x=cx,
                y=top + plot - h - 6,
                below=top + plot + 18,
                label=one_line(label),
                year=one_line(lang.fy(year)),
            )
        )
    return fragment(
        '<svg class="osa-chart__svg osa-chart__svg--small" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="{slug}-title" aria-describedby="{slug}-desc" font-family="{font}" '
        'font-size="12" fill="#1a1a1a"><title id="{slug}-title">{title}</title>'
        '<desc id="{slug}-desc">{description}</desc>'
        '<line x1="10" y1="{axis}" x2="{right}" y2="{axis}" stroke="#757575"/>{marks}</svg>',
        width=width,
        height=top + plot + 30,
        slug=slug,
        font=FONT,
        title=one_line(title),
        description=one_line(description),
        axis=top + plot,
        right=width - 10,
        marks=Html().join(marks),
    )


def recipient_history(entry: Entry[Recipient], index: Index, lang: Language = EN) -> str:
    """One recipient's signed projects per fiscal year, as a small SVG bar chart and a table."""
    _ = lang.gettext
    mine = index.recipient_years.get(entry.id, {})
    rows = [(fy, mine.get(fy)) for fy in index.fiscal_years]
    name = lang.text(entry.record, "name")
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
