"""HTML fragments escape by default: no string a record can hold becomes a tag or an attribute.

Each fragment builder is given any text (Hypothesis) and parsed with the standard library's HTML
parser: it must have the same tags and attributes as with a harmless word, and the text must read
back whole, as text. Marking a language is its own call (`in_language`); `html` never adds one.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osa_site.i18n.languages import Fallback
from osa_site.render.charts.svg import figure, one_line, one_line_attr
from osa_site.render.common import HtmlText, html_table
from osa_site.render.escape import Html, fragment, html, in_language, text_block
from osa_site.render.filters import changes_form, sort_value

HOSTILE = st.sampled_from(
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='x", "&lt;b&gt;", "</li>"]
)
TEXT = st.one_of(HOSTILE, st.text(), st.text(alphabet="<>&\"'=/ ab\n"))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, str, tuple[str, ...]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append(("start", tag, tuple(name for name, _ in attrs)))
        self.texts.extend(value or "" for _, value in attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("end", tag, ()))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def read(fragment_text: str) -> _Reader:
    reader = _Reader()
    reader.feed(fragment_text)
    reader.close()
    return reader


BUILDERS: dict[str, Callable[[str], str]] = {
    "html": html,
    "in_language": in_language,
    "in_language of English on a Thai page": lambda s: in_language(Fallback(s)),
    "HtmlText.text": lambda s: HtmlText.text(Fallback(s)),
    "HtmlText.link": lambda s: HtmlText.link("changes/index.md", "recipients/fiji.md", s),
    "fragment": lambda s: fragment('<a title="{}" data-x="{}">{}</a>', s, s, s),
    "sort_value": lambda s: sort_value(s, s),
    "one_line": lambda s: fragment('<title>{}</title><g aria-label="{}"></g>', one_line(s), one_line_attr(s)),
    "figure": lambda s: figure(s, Html("<svg></svg>"), s),
    "changes_form": lambda s: changes_form([(s, s)], [(s, Fallback(s))]),
    "html_table": lambda s: html_table([s, "FY"], [[s, HtmlText.link("equipment/index.md", "a.md", s)]]),
    "HtmlText.join": lambda s: HtmlText.join("; ", [s, HtmlText.text(Fallback(s))]),
}


@pytest.mark.parametrize("name", BUILDERS)
@given(text=TEXT)
def test_no_string_from_a_record_makes_a_tag_in_a_fragment(name: str, text: str) -> None:
    build = BUILDERS[name]
    built = read(build(text))
    assert built.shape == read(build("word")).shape
    assert " ".join(text.split()) in " ".join(" ".join(built.texts).split())


@given(text=TEXT)
def test_free_text_becomes_paragraphs_and_nothing_else(text: str) -> None:
    built = read(text_block(Fallback(text)))
    assert {tag for _, tag, _ in built.shape} <= {"p"}
    assert all(attrs in {(), ("class", "lang")} for kind, _, attrs in built.shape if kind == "start")


def test_html_never_marks_a_language_and_in_language_always_does() -> None:
    assert html(Fallback("Fiji")) == "Fiji"
    assert in_language(Fallback("Fiji")) == '<span lang="en">Fiji</span>'
    assert in_language("ฟิจิ") == "ฟิจิ"


def test_adding_markdown_to_a_fragment_keeps_the_markdown_as_it_is() -> None:
    """`+` with a plain string is page assembly: the Markdown beside a fragment is not escaped."""
    assert "# <Title>\n\n" + html("<b>") == "# <Title>\n\n&lt;b&gt;"
    assert html("<b>") + " *x* <br>" == "&lt;b&gt; *x* <br>"
    assert isinstance(html("a") + html("b"), Html)
