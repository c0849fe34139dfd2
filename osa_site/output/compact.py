"""Built pages without the blank lines and indentation of the theme's templates, rendered the same.

The themes' templates (Material's, and Zensical's) leave every page with blank lines and deep
indentation: about a sixth of a page's bytes, on every one of the site's pages. `compact_html`
folds each line break and the whitespace after it, in text between tags, into a single line
break. A browser renders the page the same way (outside the elements that keep their whitespace,
such a run already shows as one space), and nothing else changes: tags, attributes and their
quoting are left exactly as the engine wrote them. The elements whose whitespace shows (`pre`,
`textarea`, Material's `code` and `kbd`) and the ones that hold code (`script`, `style`) are
copied as they are, and so are comments.

The theme's icons, the same on every page, become references to one file of them (icons.py), and
the parts that repeat on thousands of pages (the search dialog, the theme's settings, a record
page's navigation) are each served once, from a file of their own (parts.py).

It works on the finished HTML files, so that both engines (MkDocs, Zensical) and the preview's
page-by-page renders give the same bytes (`compact_site`, `compact_pages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .icons import SPRITE, Icon, icons_of, sprite, with_icon_references
from .parts import with_parts_served_once

__all__ = ["compact_html", "compact_page", "compact_pages", "compact_site"]

NOT_FOUND = "404.html"

# Copied as they are: a comment, or a whole element whose whitespace matters or that holds code.
_KEPT = re.compile(r"<!--.*?-->|<(pre|textarea|script|style|code|kbd)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# A line break and the whitespace after it, unless it is inside a tag (a `>` comes before any `<`):
# attribute values keep their whitespace. The engines escape `<` and `>` in attribute values.
_BROKEN_RUN = re.compile(r"\n[ \t\r\n\f]+(?![^<>]*>)")


def compact_html(html: str) -> str:
    """`html` with each line break and the whitespace after it, outside tags and kept elements,
    folded into one line break. Applying it twice gives what applying it once gives."""
    parts: list[str] = []
    end = 0
    for match in _KEPT.finditer(html):
        parts += (_BROKEN_RUN.sub("\n", html[end : match.start()]), match.group(0))
        end = match.end()
    parts.append(_BROKEN_RUN.sub("\n", html[end:]))
    return "".join(parts)


def compact_page(html: str, icons: list[Icon], base: str | None) -> str:
    """A built page compacted (`compact_html`), with the theme's `icons` drawn from the edition's
    sprite (`icons.with_icon_references`) when `base`, the way from the page to the edition's
    root, is known: the 404 page is served at any address, so its icons stay whole."""
    html = compact_html(html)
    return html if base is None else with_icon_references(html, icons, base)


def _base(site: Path, page: Path) -> str | None:
    parts = page.relative_to(site).parts
    return None if parts == (NOT_FOUND,) else "../" * (len(parts) - 1)


def _icons(site: Path) -> list[Icon]:
    """The edition's icons, from its 404 page (which keeps them whole); none without one."""
    page = site / NOT_FOUND
    return icons_of(compact_html(page.read_text(encoding="utf-8"))) if page.is_file() else []


def compact_pages(site: Path, pages: Iterable[Path]) -> None:
    """Compact each page of `pages`, in the edition built into `site`, in place (`compact_page`)."""
    _compact_files(site, pages, _icons(site))


def compact_site(site: Path) -> None:
    """Compact every page of the edition built into `site` (another edition is a site of its own),
    and write the sprite of the icons its pages now point at."""
    icons = _icons(site)
    if icons:
        (site / SPRITE).parent.mkdir(parents=True, exist_ok=True)
        (site / SPRITE).write_bytes(sprite(icons))
    _compact_files(site, sorted(site.rglob("*.html")), icons)


def _compact_files(site: Path, pages: Iterable[Path], icons: list[Icon]) -> None:
    """Each page rewritten compacted, its repeated parts served once (the files of those parts
    written beside the edition's other assets); a file that does not change is not written."""
    parts: dict[str, bytes] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        base = _base(site, page)
        compacted = compact_page(html, icons, base)
        if base is not None:
            compacted, files = with_parts_served_once(compacted, base)
            parts.update(files)
        if compacted != html:
            page.write_text(compacted, encoding="utf-8")
    for name, script in sorted(parts.items()):
        path = site / name
        if not path.is_file() or path.read_bytes() != script:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(script)
