"""Escaping: every string that comes from YAML passes through one of these.

`md` makes text inert inside Markdown, table cells included (it escapes `|`).
HTML fragments are `Html` (markupsafe's Markup): `fragment(template, *values)` escapes every
value put into the site's own markup unless it is already `Html`, and so do `+` and `join`;
`html` escapes for raw HTML content and `attr` (the same escape) for attribute values; marking
text with its language (`<span lang>`) is its own call, `in_language`. `text_block` turns free
text (notes, summaries) into escaped raw HTML paragraphs that no Markdown inline pattern ever
reads, `url` makes an already-validated http(s) address safe as a link destination, and
`front_matter` writes a page's YAML header with a YAML emitter and checks that it reads back as
the same data.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import yaml
from markupsafe import Markup

__all__ = [
    "Html",
    "fragment",
    "in_language",
    "md",
    "paragraphs",
    "text_block",
    "html",
    "attr",
    "url",
    "FRONT_MATTER",
    "front_matter",
    "header_entries",
    "read_front_matter",
    "FrontMatterError",
    "heading_id",
    "title_heading",
    "printable",
    "template_text",
]

# Python-Markdown's escapable characters (ESCAPED_CHARS, plus `|` from tables); a
# backslash before any other character would show, so only these are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_TABLE = str.maketrans(_HTML)
# What Jinja's `e` filter (markupsafe) writes: escaped titles keep the bytes the templates gave them.
_TEMPLATE_TABLE = str.maketrans({**_HTML, '"': "&#34;", "'": "&#39;"})
_BLOCKS = re.compile(r"\n\s*\n")


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
    """Multi-paragraph trusted text (the site's own prose) as escaped Markdown paragraphs."""
    blocks = [b for b in _BLOCKS.split(str(text).strip()) if b.strip()]
    return "\n\n".join(_in_its_language(text, md(b)) for b in blocks)


class Html(Markup):
    """Markup that is safe as it is: whatever is joined with it or formatted into it is escaped first,
    unless it is Html (or any markupsafe Markup) already.

    Escaping writes the entities the site always wrote (`&quot;`, `&#x27;`), so pages keep their bytes.
    Adding a plain string with `+` is how pages put Markdown and HTML together: it gives a plain
    string, so the Markdown around a fragment is not escaped as if it were text.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(_html.escape(str(s), quote=True))

    def __add__(self, value: str, /) -> Any:  # type: ignore[override]
        joined = str.__add__(self, value)
        return Html(joined) if hasattr(value, "__html__") else joined

    def __radd__(self, value: str, /) -> Any:  # type: ignore[override]
        joined = str.__add__(value, self)
        return Html(joined) if hasattr(value, "__html__") else joined


def _safe(value: Any) -> Any:
    """A value ready for a fragment: Html as it is, a number as it is (it can hold no markup, and
    keeps its format spec such as `{:.1f}`), anything else as escaped text."""
    if hasattr(value, "__html__"):
        return value.__html__()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return _html.escape(str(value), quote=True)


def fragment(template: str, /, *values: Any, **named: Any) -> Html:
    """An HTML fragment: `template` is the site's own markup (a literal or a catalogue message),
    and every value formatted into it is escaped unless it is already Html.

    The same rule as markupsafe's `Markup.format`, done with `str.format` on escaped values, which
    is several times faster (the timeline and the changes page hold thousands of fragments)."""
    return Html(template.format(*map(_safe, values), **{name: _safe(v) for name, v in named.items()}))


def html(text: object) -> Html:
    """Text for raw HTML content, escaped; Html is returned as it is. Never marked with a language."""
    return Html.escape(text)


def attr(text: object) -> Html:
    """Text for an attribute value (quotes escaped)."""
    return Html.escape(text)


def in_language(text: str) -> Html:
    """Escaped text, in a `<span lang>` when it is in another language than the page (a Fallback):
    an English field shown on a Thai page is read by screen readers with an English voice."""
    lang = getattr(text, "lang", None)
    return fragment('<span lang="{}">{}</span>', lang, text) if lang else html(text)


def text_block(text: str) -> Html:
    """Free text from a record as raw HTML paragraphs, one `<p>` per blank-line separated block.

    Each paragraph is one line of escaped text starting with `<p>`, so Python-Markdown keeps it
    as a raw HTML block and never runs its inline patterns over it: the cost is linear in the
    text, whatever punctuation it holds.
    """
    blocks = [" ".join(b.split()) for b in _BLOCKS.split(str(text).strip())]
    lang = getattr(text, "lang", None)  # English text shown in another edition (a Fallback)
    marked = fragment(' lang="{}"', lang) if lang else Html()
    return Html("\n\n").join(fragment('<p class="osa-text"{}>{}</p>', marked, b) for b in blocks if b)


_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def printable(text: str) -> str:
    """Text with control characters, surrogates and noncharacters replaced by U+FFFD.

    For the chart renderer (vl-convert), which aborts the whole process on some of them
    (NUL, ESC, U+FFFE, ...) instead of raising an exception.
    """
    return _UNPRINTABLE.sub("\ufffd", str(text))


def url(address: str) -> str:
    """A validated http(s) address, percent-encoding what Markdown or HTML would read."""
    return quote(address, safe=":/?#@!$&'*+,;=%~[]")


def template_text(text: str) -> str:
    """A page title or description for front matter, HTML-escaped.

    Both engines' templates (MkDocs with Material, and Zensical) print front matter values into the
    page as they are, in the header, the `<title>` and the description; so the value itself is escaped.
    """
    return str(text).translate(_TEMPLATE_TABLE)


def heading_id(*parts: str | int) -> str:
    """An explicit heading id in the `osa-` namespace, from safe parts (record ids, numbers).

    Headings whose text comes from a record get one, so their ids never depend on the text and
    cannot collide with the theme's ids (`__search`, `__drawer`, ...).
    """
    words = (re.sub(r"[^a-z0-9]+", "-", str(p).lower()).strip("-") for p in parts)
    return "osa-" + "-".join(word for word in words if word)


def title_heading(text: str) -> str:
    """A page's `# heading` for a title from a record, with a fixed id in the `osa-` namespace."""
    return f"# {md(text)} {{#{heading_id('title')}}}\n\n"


# --- Front matter -------------------------------------------------------------------------------


class FrontMatterError(ValueError):
    """A page's YAML header cannot be read back as written (MkDocs would show it as text)."""


# MkDocs' rule (mkdocs.utils.meta.YAML_RE): a header is `---` ... `---` (or `...`) at the top.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the loader MkDocs uses


class _HeaderDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter (about 30 times faster than PyYAML's own), every string double-quoted.

    Only strings are forced into double quotes: libyaml writes a forced non-string scalar with a
    bare `!` tag, which reads back as a string.
    """


_HeaderDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)
_NO_WRAP = 2**31 - 1  # libyaml takes an int width; this never wraps


def _escape_next_line(emitted: str) -> str:
    # PyYAML writes U+0085 as `\N`, which libyaml reads back as a space; `\x85` reads back exactly.
    # Every scalar is double-quoted, so every backslash here starts an escape pair.
    return re.sub(r"\\(.)", lambda m: "\\x85" if m.group(1) == "N" else m.group(0), emitted)


def read_front_matter(page: str) -> dict[str, Any] | None:
    """A page's YAML header as MkDocs reads it: None when there is none.

    Raises FrontMatterError when the page starts with `---` but the header is not a readable
    YAML mapping: MkDocs would silently publish it as part of the page's text.
    """
    if not re.match(r"-{3}[ \t]*\n", page):
        return None
    match = FRONT_MATTER.match(page)
    if not match:
        raise FrontMatterError("the page starts with '---' but the header has no closing '---' line")
    try:
        data = yaml.load(match.group(1), _LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (header line {mark.line + 1})" if mark else ""
        raise FrontMatterError(
            f"the header is not valid YAML{where}: {getattr(exc, 'problem', None) or 'unreadable'}"
        ) from None
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"the header must be a mapping of names to values, received {type(data).__name__}"
        )
    return data


def front_matter(title: str, description: str = "", extra: Mapping[str, object] | None = None) -> str:
    """A page's YAML front matter, written by PyYAML's emitter and verified by reading it back.

    The title and description are HTML-escaped (`template_text`): both engines' themes print them raw.
    """
    texts = {"title": str(title), **({"description": str(description)} if description else {})}
    fields = {**{k: template_text(v) for k, v in texts.items()}, **(extra or {})}
    body = yaml.dump(fields, Dumper=_HeaderDumper, allow_unicode=True, width=_NO_WRAP, sort_keys=False)
    text = f"---\n{_escape_next_line(body)}---\n\n"
    if read_front_matter(text) != fields:
        raise FrontMatterError(f"front matter for {title!r} does not read back as written")
    return text


def header_entries(fields: Mapping[str, object]) -> str:
    """Entries to add inside a page's front matter, written as `front_matter` writes its own
    (every string double-quoted); values are written as given, so escape them first."""
    body = yaml.dump(dict(fields), Dumper=_HeaderDumper, allow_unicode=True, width=_NO_WRAP, sort_keys=False)
    return _escape_next_line(body)
