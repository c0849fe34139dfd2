"""The world map of recipients: a static SVG drawn at build time, every recipient a link.

Countries come from the vendored world-atlas topology (Natural Earth, public
domain) and are matched to recipients by ISO 3166-1 numeric code. Recipients are
shaded by the total value of their signed projects; designated recipients
without a signed project are hatched. Countries too small for the 110m map get
a circle at a point from the vendored small-countries file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry

from ...i18n.languages import N_, Language
from ...model.index import Index, page_of
from ...model.urls import href
from ...records.dataset import Entry
from ..common import EN, link, table, yen
from ..escape import Html, fragment, md
from .svg import one_line, one_line_attr
from .topology import CENTRE_LON, WIDTH, load_countries, load_small_countries, outline, project, project_ring
from .vega import FONT

__all__ = ["render_map", "MapEntry", "map_entries", "map_svg"]

SHADES = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")  # ColorBrewer Blues, light to dark
UNKNOWN_SHADE = "#deebf7"
HATCH = "#7a4a00"
LAND = "#e0e0e0"
TOP_LAT, BOTTOM_LAT = 84.0, -58.0
SMALL_PX = 8.0  # a shape narrower and lower than this also gets a circle


@dataclass(frozen=True)
class MapEntry:
    """One recipient as the map and its table show it."""

    entry: Entry
    numeric: str
    projects: int
    total: int
    shade: str  # a fill colour, or "hatch" for designated-only
    label: str  # the class label shown in the legend
    placement: str  # "shape", "circle" or "absent"
    designated_for: str = ""  # "FY2024, FY2025": the fiscal years of its designations


def _numeric(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.numeric if country else ""


def _classes(totals: list[int]) -> list[tuple[int, int]]:
    """Up to four classes of equal count over the positive totals: [(low, high), …]."""
    values = sorted(set(t for t in totals if t > 0))
    k = min(len(SHADES), len(values))
    groups = [values[i * len(values) // k : (i + 1) * len(values) // k] for i in range(k)]
    return [(g[0], g[-1]) for g in groups if g]


def _class_label(low: int, high: int, lang: Language) -> str:
    if low == high:
        return yen(low, lang=lang)
    return lang.gettext("{low} to {high}").format(low=yen(low, lang=lang), high=yen(high, lang=lang))


def _shade(
    projects: int, total: int, classes: list[tuple[int, int]], designated: bool, lang: Language
) -> tuple[str, str]:
    if not projects:
        label = (
            lang.gettext("Designated, no signed project")
            if designated
            else lang.gettext("No signed project found")
        )
        return "hatch", label
    if total <= 0:
        return UNKNOWN_SHADE, lang.gettext("Signed projects, amount not stated")
    offset = len(SHADES) - len(classes)
    for i, (low, high) in enumerate(classes):
        if total <= high:
            return SHADES[offset + i], _class_label(low, high, lang)
    return SHADES[-1], _class_label(*classes[-1], lang)


def map_entries(index: Index, lang: Language = EN) -> list[MapEntry]:
    """Every recipient with its shade and where it is drawn, by name."""
    shapes = {c.id for c in load_countries()}
    small = load_small_countries()
    recipients = sorted(index.dataset.of("recipients"), key=lambda e: (e.record.name, e.id))
    totals = [index.total_jpy(e.id) for e in recipients]
    classes = _classes(totals)
    result = []
    for entry, total in zip(recipients, totals, strict=True):
        projects = len(index.projects_by_recipient.get(entry.id, []))
        numeric = _numeric(entry.record.iso3)
        placement = "shape" if numeric in shapes else "circle" if numeric in small else "absent"
        years = ", ".join(lang.fy(o.fiscal_year) for o in index.designations_by_recipient.get(entry.id, []))
        shade, label = _shade(projects, total, classes, bool(years), lang)
        result.append(MapEntry(entry, numeric, projects, total, shade, label, placement, years))
    return result


def _num(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Compact path data: tenths of a unit, relative moves, repeated points dropped."""
    parts = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x * 10), round(y * 10))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) > 2:
            (x0, y0), moves = points[0], []
            for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
                moves.append(f"{_num(bx - ax)},{_num(by - ay)}")
            parts.append(f"M{_num(x0)},{_num(y0)}l" + " ".join(moves) + "z")
    return "".join(parts)


@lru_cache(maxsize=1)
def _country_paths() -> tuple[tuple[str, str, tuple[float, float, float, float]], ...]:
    """(numeric id, path data, bounding box) for every country, projected once per process."""
    result = []
    for country in load_countries():
        rings = [project_ring(r) for polygon in country.polygons for r in polygon]
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        result.append((country.id, _path(rings), (min(xs), min(ys), max(xs), max(ys))))
    return tuple(result)


def _view_box() -> tuple[float, float, float, float]:
    _, top = project(CENTRE_LON, TOP_LAT)
    _, bottom = project(CENTRE_LON, BOTTOM_LAT)
    return -WIDTH / 2, top, WIDTH, bottom - top


def _fill(shade: str) -> str:
    return "url(#osa-map-hatch)" if shade == "hatch" else shade


def _accessible_name(m: MapEntry, lang: Language) -> str:
    _ = lang.gettext
    country = lang.text(m.entry.record, "name")
    if not m.projects:
        if m.designated_for:
            return _("{country}: designated for {years}, no signed project").format(
                country=country, years=m.designated_for
            )
        return _("{country}: not designated, no signed project").format(country=country)
    value = yen(m.total, lang=lang) if m.total else _("amount not stated")
    signed = lang.ngettext("{n} signed project", "{n} signed projects", m.projects).format(
        n=lang.number(m.projects)
    )
    return _("{country}: {signed}, {value}").format(country=country, signed=signed, value=value)


def _recipient_link(m: MapEntry, page: str, paths: dict[str, tuple[str, tuple]], lang: Language) -> Html:
    name = _accessible_name(m, lang)
    fill = _fill(m.shade)
    shapes = []
    circle = '<circle cx="{:.1f}" cy="{:.1f}" r="5" fill="{}"/>'
    if m.placement == "shape":
        d, (x0, y0, x1, y1) = paths[m.numeric]
        shapes.append(fragment('<path d="{}" fill="{}"/>', d, fill))
        if x1 - x0 < SMALL_PX and y1 - y0 < SMALL_PX:
            shapes.append(fragment(circle, (x0 + x1) / 2, (y0 + y1) / 2, fill))
    else:
        _, lon, lat = load_small_countries()[m.numeric]
        x, y = project(lon, lat)
        shapes.append(fragment(circle, x, y, fill))
    return fragment(
        '<a class="osa-map__recipient" href="{}" aria-label="{}"><title>{}</title>{}</a>',
        one_line_attr(href(page, page_of(m.entry))),
        one_line_attr(name),
        one_line(name),
        Html().join(shapes),
    )


def _legend(entries: list[MapEntry], box: tuple[float, float, float, float]) -> Html:
    labels = dict.fromkeys((m.shade, m.label) for m in sorted(entries, key=lambda m: (m.total, m.label)))
    if not labels:
        return Html()
    x, y = box[0] + 12, box[1] + box[3] - 14 - 18 * len(labels)
    rows = [
        fragment(
            '<rect x="{x:.1f}" y="{top:.1f}" width="14" height="14" fill="{fill}" stroke="#333" '
            'stroke-width="0.8"/><text x="{text:.1f}" y="{base:.1f}">{label}</text>',
            x=x,
            top=y + 18 * i,
            fill=_fill(shade),
            text=x + 20,
            base=y + 18 * i + 11,
            label=one_line(label),
        )
        for i, (shade, label) in enumerate(labels)
    ]
    frame = fragment(
        '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#ffffff" fill-opacity="0.85"/>',
        x - 6,
        y - 6,
        _legend_width(labels),
        18 * len(labels) + 8,
    )
    return fragment(
        '<g class="osa-map__legend" aria-hidden="true" font-size="12" fill="#1a1a1a">{}{}</g>',
        frame,
        Html().join(rows),
    )


def _legend_width(labels: dict) -> float:
    return 32 + 7 * max(len(label) for _, label in labels)


_DEFS = (
    '<defs><clipPath id="osa-map-clip"><path d="{outline}"/></clipPath>'
    '<pattern id="osa-map-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff8e1"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="{hatch}" stroke-width="3"/></pattern></defs>'
)


def map_svg(page: str, entries: list[MapEntry], lang: Language = EN) -> Html:
    """The map as one line of inline SVG (Markdown keeps a raw HTML block intact)."""
    paths = {cid: (d, bbox) for cid, d, bbox in _country_paths()}
    drawn = {m.numeric for m in entries if m.placement == "shape"}
    box = _view_box()
    edge = _path([outline()])
    desc = lang.gettext(
        "Recipients are shaded by the total value of their signed projects; designated recipients "
        "without a signed project are hatched. Small countries are marked with a circle. "
        "Each recipient links to its page; the table below gives the same figures."
    )
    return fragment(
        '<svg class="osa-map__svg" viewBox="{x:.1f} {y:.1f} {width:.1f} {height:.1f}" '
        'role="group" aria-labelledby="osa-map-title" aria-describedby="osa-map-desc" font-family="{font}">'
        '<title id="osa-map-title">{title}</title><desc id="osa-map-desc">{desc}</desc>'
        "{defs}"
        '<path d="{edge}" fill="#f4f8fb" stroke="#9e9e9e" stroke-width="0.8" aria-hidden="true"/>'
        '<g clip-path="url(#osa-map-clip)" stroke="#ffffff" stroke-width="0.5">'
        '<path d="{land}" fill="{land_fill}" aria-hidden="true"/>'
        '<g class="osa-map__recipients" stroke="#333333" stroke-width="0.8">{links}</g></g>'
        "{legend}</svg>",
        x=box[0],
        y=box[1],
        width=box[2],
        height=box[3],
        font=FONT,
        title=one_line(lang.gettext("World map of OSA recipients")),
        desc=one_line(desc),
        defs=fragment(_DEFS, outline=edge, hatch=HATCH),
        edge=edge,
        land="".join(d for cid, d, _ in _country_paths() if cid not in drawn),
        land_fill=LAND,
        links=Html().join(_recipient_link(m, page, paths, lang) for m in entries if m.placement != "absent"),
        legend=_legend(entries, box),
    )


_PLACEMENT = {
    "shape": N_("Shaded"),
    "circle": N_("Circle (small country)"),
    "absent": N_("Too small to show at this scale"),
}


def map_table(entries: list[MapEntry], page: str, lang: Language = EN) -> str:
    _ = lang.gettext
    rows = [
        [
            link(page, page_of(m.entry), lang.text(m.entry.record, "name")),
            _("Recipient") if m.projects else _("Designated") if m.designated_for else _("No signed project"),
            lang.number(m.projects),
            md(yen(m.total, lang=lang)) if m.projects else "—",
            md(m.label),
            _(_PLACEMENT[m.placement]),
        ]
        for m in entries
    ]
    head = [_("Recipient"), _("Status"), _("Projects"), _("Total value"), _("Map shading"), _("On the map")]
    return table(head, rows, "llrrll")


def render_map(index: Index, page: str, with_table: bool = True, lang: Language = EN) -> str:
    """The map in a figure, then (unless the page has its own) the table of the same data."""
    entries = map_entries(index, lang)
    caption = lang.gettext(
        "Where OSA goes: recipients shaded by the total value of their signed projects. "
        "Hatched: designated, no signed project yet. Select a country to open its page."
    )
    figure = fragment(
        '<figure class="osa-map" id="osa-map">\n{}\n<figcaption>{}</figcaption>\n</figure>\n\n',
        map_svg(page, entries, lang),
        one_line(caption),
    )
    return figure + (map_table(entries, page, lang) + "\n\n" if with_table else "")
