"""Inline SVG: escaping on one line, the sanitiser for converted charts, and the figure around a chart."""

from __future__ import annotations

import re

from .escape import attr as _escape_attr
from .escape import html as _escape_html

__all__ = ["html", "attr", "clean_svg", "figure"]

_ROOT = re.compile(r"^<svg\b[^>]*>")
_EXTERNAL = re.compile(r"@import[^;]*;|url\((?!#)[^)]*\)|\s(?:xlink:)?href=\"(?!#)[^\"]*\"")


def html(value: str) -> str:
    """Escaped text on one line: a blank line would end a raw HTML block in Markdown."""
    return _escape_html(" ".join(str(value).split()))


def attr(value: str) -> str:
    """An escaped attribute value on one line."""
    return _escape_attr(" ".join(str(value).split()))


def clean_svg(svg: str, slug: str, title: str, description: str) -> str:
    """Inline-ready SVG: no namespaces or fixed size, a title and description, no outside URL."""
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    head = (
        f'<svg class="osa-chart__svg" viewBox="{view_box.group(1) if view_box else "0 0 400 300"}" '
        f'role="img" aria-labelledby="{slug}-title" aria-describedby="{slug}-desc">'
        f'<title id="{slug}-title">{html(title)}</title>'
        f'<desc id="{slug}-desc">{html(description)}</desc>'
    )
    body = _ROOT.sub("", svg.strip(), count=1)
    return head + _EXTERNAL.sub("", body).replace("\n", " ")


def figure(slug: str, svg: str, description: str) -> str:
    """A chart's SVG in a figure, its description as the caption."""
    return (
        f'<figure class="osa-chart" id="{attr(slug)}">\n{svg}\n'
        f"<figcaption>{html(description)}</figcaption>\n</figure>\n\n"
    )
