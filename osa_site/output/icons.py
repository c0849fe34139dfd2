"""The theme's icons, served once: one picture file of them all, which every page points at.

Both engines' themes write the header's and the navigation's icons (the logo, the menu, the
language, search, back, clear and back-to-top) into every page as whole SVG pictures: about 2 KB
a page, the same on each. The icons are the pictures of the 404 page's header, navigation and
footer (outside its article), whatever the engine drew: `icons_of`. `sprite` is one SVG file
holding each drawing as a `<symbol>`, written into the edition's assets; `with_icon_references`
keeps each such picture's own `<svg ...>` tag in a page (its size, class, colours and strokes)
and puts a `<use href>` of its symbol in place of the drawing, which inherits those colours.

The 404 page itself keeps its pictures whole: it is served at any address, so a relative way to
the sprite could not hold, and it is where the next page rendered alone finds the icons again.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["SPRITE", "Icon", "icons_of", "sprite", "with_icon_references"]

SPRITE = "assets/images/osa-icons.svg"  # in each edition's site, beside the theme's favicon
_PICTURE = re.compile(r"(<svg\b[^>]*>)(.*?)</svg>", re.S)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_VIEW_BOX = re.compile(r'\bviewBox="([^"]*)"')

Icon = tuple[str, str, str]  # (the picture as the theme wrote it, its opening tag, its symbol's id)


def icons_of(page_404: str) -> list[Icon]:
    """The pictures of the page's chrome (outside its article), each once, in the page's order."""
    icons: dict[str, Icon] = {}
    for match in _PICTURE.finditer(_ARTICLE.sub("", page_404)):
        picture = match.group(0)
        digest = hashlib.sha256(picture.encode("utf-8")).hexdigest()[:12]
        icons.setdefault(picture, (picture, match.group(1), f"osa-icon-{digest}"))
    return list(icons.values())


def sprite(icons: list[Icon]) -> bytes:
    """The file of symbols: each icon's drawing, in its own picture's coordinates (viewBox)."""
    symbols = []
    for picture, opening, symbol in icons:
        drawing = picture[len(opening) : -len("</svg>")]
        view_box = _VIEW_BOX.search(opening)
        box = f' viewBox="{view_box.group(1)}"' if view_box else ""
        symbols.append(f'<symbol id="{symbol}"{box}>{drawing}</symbol>')
    body = "\n".join(symbols)
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n{body}\n</svg>\n'.encode()


def with_icon_references(html: str, icons: list[Icon], base: str) -> str:
    """`html` with each picture of `icons` drawn from its symbol in the sprite; `base` is the way
    from the page to its edition's root ("../../" for `equipment/x/`)."""
    for picture, opening, symbol in icons:
        if picture in html:
            html = html.replace(picture, f'{opening}<use href="{base}{SPRITE}#{symbol}"></use></svg>')
    return html
