"""Built pages without the blank lines and indentation of the theme's templates, rendered the same.

Material's Jinja templates leave every page with blank lines and deep indentation: about a sixth of
a page's bytes, on every one of the site's pages. `compact_html` folds each line break and the
whitespace after it, in text between tags, into a single line break. A browser renders the page the
same way (outside the elements that keep their whitespace, such a run already shows as one space),
and nothing else changes: tags, attributes and their quoting are left exactly as the engine wrote
them. The elements whose whitespace shows (`pre`, `textarea`, Material's `code` and `kbd`) and the
ones that hold code (`script`, `style`) are copied as they are, and so are comments.

It works on the finished HTML files, so that both engines (MkDocs, Zensical) and the preview's
page-by-page renders give the same bytes (`compact_site`, `compact_pages`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["compact_html", "compact_pages", "compact_site"]

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


def compact_pages(files: Iterable[Path]) -> None:
    """Compact each HTML file of `files` in place (a file that does not change is not written)."""
    for file in files:
        html = file.read_text(encoding="utf-8")
        compacted = compact_html(html)
        if compacted != html:
            file.write_text(compacted, encoding="utf-8")


def compact_site(site: Path) -> None:
    """Compact every HTML page under `site` (one built edition, or a whole site)."""
    compact_pages(sorted(site.rglob("*.html")))
