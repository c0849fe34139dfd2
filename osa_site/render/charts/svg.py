"""Inline SVG: escaping on one line, the sanitiser for converted charts, and the figure around a chart."""

from __future__ import annotations

import re

from ..escape import Html, fragment

__all__ = ["one_line", "one_line_attr", "clean_svg", "figure"]

_ROOT = re.compile(r"^<svg\b[^>]*>")
_EXTERNAL = re.compile(r"@import[^;]*;|url\((?!#)[^)]*\)|\s(?:xlink:)?href=\"(?!#)[^\"]*\"")


def one_line(value: str) -> Html:
    """Escaped text on one line: a blank line would end a raw HTML block in Markdown."""
    return Html.escape(" ".join(str(value).split()))


def one_line_attr(value: str) -> Html:
    """An escaped attribute value on one line."""
    return Html.escape(" ".join(str(value).split()))


def clean_svg(svg: str, slug: str, title: str, description: str) -> Html:
    """Inline-ready SVG: no namespaces or fixed size, a title and description, no outside URL.

    `svg` is the chart converter's own output (it escaped the labels it drew); once stripped of
    outside addresses it is trusted as markup, here and nowhere else.
    """
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    head = fragment(
        '<svg class="osa-chart__svg" viewBox="{box}" role="img" aria-labelledby="{slug}-title" '
        'aria-describedby="{slug}-desc"><title id="{slug}-title">{title}</title>'
        '<desc id="{slug}-desc">{description}</desc>',
        box=view_box.group(1) if view_box else "0 0 400 300",
        slug=slug,
        title=one_line(title),
        description=one_line(description),
    )
    body = _ROOT.sub("", svg.strip(), count=1)
    return head + Html(_EXTERNAL.sub("", body).replace("\n", " "))


def figure(slug: str, svg: Html, description: str) -> Html:
    """A chart's SVG (Html) in a figure, its description as the caption."""
    return fragment(
        '<figure class="osa-chart" id="{}">\n{}\n<figcaption>{}</figcaption>\n</figure>\n\n',
        one_line_attr(slug),
        svg,
        one_line(description),
    )
