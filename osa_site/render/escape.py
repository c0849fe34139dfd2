"""Escaping: every string that comes from YAML passes through one of these.

`md` makes text inert inside Markdown, table cells included (it escapes `|`),
`html` escapes for raw HTML content and `attr` (the same escape) for attribute values, and
`url` makes an already-validated http(s) address safe as a link destination.
"""

from __future__ import annotations

import html as _html
import re
from urllib.parse import quote

__all__ = ["md", "paragraphs", "html", "attr", "url", "template_text"]

# Python-Markdown's escapable characters (ESCAPED_CHARS, plus `|` from tables); a
# backslash before any other character would show, so only these are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_TABLE = str.maketrans(_HTML)
# What Jinja's `e` filter (markupsafe) writes: escaped titles keep the bytes the templates gave them.
_TEMPLATE_TABLE = str.maketrans({**_HTML, '"': "&#34;", "'": "&#39;"})


def _in_its_language(source: str, escaped: str) -> str:
    """Escaped text marked with its language when it differs from the page's (a Fallback's `lang`):
    an English field shown on a Thai page is read by screen readers with an English voice."""
    lang = getattr(source, "lang", None)
    return f'<span lang="{lang}">{escaped}</span>' if lang else escaped


def md(text: str) -> str:
    """Text that renders as itself in Markdown: no markup, no HTML, one line."""
    plain = " ".join(str(text).split())
    plain = plain.translate(_HTML_TABLE)
    return _in_its_language(text, _MD_SPECIAL.sub(r"\\\1", plain))


def paragraphs(text: str) -> str:
    """Multi-paragraph text (blank-line separated) as escaped Markdown paragraphs."""
    blocks = [b for b in re.split(r"\n\s*\n", str(text).strip()) if b.strip()]
    return "\n\n".join(_in_its_language(text, md(b)) for b in blocks)


def html(text: str) -> str:
    """Text for raw HTML content."""
    return _in_its_language(text, _html.escape(str(text), quote=True))


def attr(text: str) -> str:
    """Text for an attribute value (quotes escaped; never wrapped in a language mark)."""
    return _html.escape(str(text), quote=True)


def url(address: str) -> str:
    """A validated http(s) address, percent-encoding what Markdown or HTML would read."""
    return quote(address, safe=":/?#@!$&'*+,;=%~[]")


def template_text(text: str) -> str:
    """A page title or description for front matter, HTML-escaped.

    Both engines' templates (MkDocs with Material, and Zensical) print front matter values into the
    page as they are, in the header, the `<title>` and the description; so the value itself is escaped.
    """
    return str(text).translate(_TEMPLATE_TABLE)
