"""Vega-Lite to SVG, offline: the specs' shared frame and the conversion by vl-convert.

Data is always inline and `allowed_base_urls=[]`, so the converter fetches nothing. The
same spec is converted once per process, in a bounded cache. The converter also knows the bundled
IBM Plex Sans Thai (assets/fonts), so Thai labels are drawn on machines without a Thai font.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..escape import printable

__all__ = [
    "ChartError",
    "vega_svg",
    "vega_png",
    "spec",
    "clear_cache",
    "FONT",
    "BAR",
    "CACHE_SIZE",
    "PNG_SCALE",
    "PNG_FONT",
]

# Wide fonts first: vl-convert measures labels with the first it finds (DejaVu on Debian), so
# the space it leaves is enough for the narrower system fonts readers may have.
FONT = "DejaVu Sans, Verdana, system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
BAR = "#1f5fa8"
# The PNG is drawn with the bundled font, which has Latin and Thai: left to itself, the converter
# picks any font with Thai glyphs for Thai labels (an oblique one, on a machine with fonts-thai-tlwg).
PNG_FONT = "IBM Plex Sans Thai"
PNG_SCALE = 2  # the PNG download is drawn at twice the SVG's size, sharp on high-density screens
FONTS = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
CACHE_SIZE = 64  # a site has a handful of site-wide charts; the bound keeps a long preview session small
_CONFIG = {
    "font": FONT,
    "background": "#ffffff",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1a1a1a", "titleColor": "#1a1a1a"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "labelLimit": 400},
    "title": {"fontSize": 15, "anchor": "start", "color": "#1a1a1a"},
}
_MARKS = re.compile(r'role-mark[^"]*"[^>]*>\s*<(path|rect|text|line)')


# Vega cuts long labels by UTF-16 code units; a cut through an astral character (emoji, rare CJK)
# leaves half a surrogate pair, and vl-convert then fails. Charts show U+FFFD for those characters;
# the table beside each chart has the exact names.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class ChartError(Exception):
    """vl-convert returned an SVG without any data marks."""


def spec(
    title: str,
    values: list[dict[str, Any]],
    layers: list[dict[str, Any]],
    width: int = 560,
    height: int | None = None,
    encoding: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A layered Vega-Lite spec with inline data and the site's look."""
    return {
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


def vega_svg(chart_spec: dict[str, Any]) -> str:
    """The SVG for a Vega-Lite spec; raises ChartError when it came out without marks."""
    return _svg(json.dumps(chart_spec))  # JSON keeps the keys' order, so the spec round-trips exactly


@cache
def _converter() -> Any:
    """vl-convert, with the bundled fonts registered (once per process, before any conversion)."""
    import vl_convert

    vl_convert.register_font_directory(str(FONTS))
    return vl_convert


@lru_cache(maxsize=CACHE_SIZE)
def _svg(spec_json: str) -> str:
    vl_convert = _converter()
    svg: str = vl_convert.vegalite_to_svg(
        _printable_values(json.loads(spec_json)),
        allowed_base_urls=[],
        format_locale="en-US",
        time_format_locale="en-US",
    )
    if not _MARKS.search(svg):
        description = json.loads(spec_json).get("description", "")
        raise ChartError(f"the chart {description!r} came out without marks")
    return svg


def vega_png(chart_spec: dict[str, Any]) -> bytes:
    """The chart as PNG bytes, at PNG_SCALE times its size; raises ChartError when it has no marks."""
    vega_svg(chart_spec)  # the same check of its marks
    png_spec = _printable_values(json.loads(json.dumps(chart_spec)))
    png_spec["config"] = {**png_spec.get("config", {}), "font": PNG_FONT}
    png: bytes = _converter().vegalite_to_png(
        png_spec,
        scale=PNG_SCALE,
        allowed_base_urls=[],
        format_locale="en-US",
        time_format_locale="en-US",
    )
    return png


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


def clear_cache() -> None:
    """Forget every converted chart (for tests that convert again)."""
    _svg.cache_clear()
