"""Built pages are compacted (output/compact.py): the theme's blank lines and indentation go, and
nothing a browser shows changes. Checked by example, by property on generated HTML, and on the
pages of a real build."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.output.compact import compact_html, compact_pages, compact_site

KEPT_NAMES = ("pre", "textarea", "script", "style", "code", "kbd")


class _Reading(HTMLParser):
    """What a page is made of, as a browser's parser sees it: each tag with its attributes, the
    raw text of the elements that keep their whitespace, and other text with its whitespace runs
    shown as one space (as a browser collapses them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.items: list[tuple[str, object]] = []
        self.kept = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append(("start", (tag, attrs)))
        self.kept += tag in KEPT_NAMES

    def handle_endtag(self, tag: str) -> None:
        self.items.append(("end", tag))
        self.kept -= tag in KEPT_NAMES

    def handle_data(self, data: str) -> None:
        text = data if self.kept else re.sub(r"[ \t\n\r\f]+", " ", data)
        if self.items and self.items[-1][0] == "text":
            text = str(self.items.pop()[1]) + text
            text = text if self.kept else re.sub(r"[ \t\n\r\f]+", " ", text)
        self.items.append(("text", text))

    def handle_comment(self, data: str) -> None:
        self.items.append(("comment", data))


def reading(html: str) -> list[tuple[str, object]]:
    parser = _Reading()
    parser.feed(html)
    parser.close()
    return parser.items


PAGE = """<!doctype html>
<html lang="en">
  <head>

    <title>OSA   Monitor</title>
    <script>
      var  a = 1;
    </script>
  </head>
  <body>
    <div class="osa-print-header" data-site="OSA Monitor" data-title="two
        lines">
      <span class="md-ellipsis">

          Home

      </span>
    </div>
    <pre><code>  kept
        as is  </code></pre>
    <p>Say <code>a   b
      c</code> and <kbd>Ctrl +
      C</kbd>.</p>
    <textarea>
  one
    two</textarea>
    <!-- a
         comment -->
  </body>
</html>
"""


def outside_kept(html: str) -> str:
    """`html` with each kept part, and every tag (its attributes too), as `<>`."""
    outside = re.sub(
        r"<!--.*?-->|<(pre|textarea|script|style|code|kbd)\b[^>]*>.*?</\1>", "<>", html, flags=re.S
    )
    return re.sub(r"<[^>]*>", "<>", outside)


def test_blank_lines_and_indentation_go() -> None:
    compacted = compact_html(PAGE)
    assert not re.search(r"\n[ \t\r\n\f]", outside_kept(compacted))
    assert '<span class="md-ellipsis">\nHome\n</span>' in compacted
    assert "<title>OSA   Monitor</title>" in compacted  # spaces on one line are the engine's own
    assert len(compacted) < len(PAGE) - 60


def test_what_keeps_its_whitespace_is_copied_as_it_is() -> None:
    compacted = compact_html(PAGE)
    for kept in (
        "<script>\n      var  a = 1;\n    </script>",
        "<pre><code>  kept\n        as is  </code></pre>",
        "<code>a   b\n      c</code>",
        "<kbd>Ctrl +\n      C</kbd>",
        "<textarea>\n  one\n    two</textarea>",
        "<!-- a\n         comment -->",
        'data-title="two\n        lines"',  # an attribute value, even with a line break in it
    ):
        assert kept in compacted, kept


def test_a_page_reads_the_same_after() -> None:
    assert reading(compact_html(PAGE)) == reading(PAGE)


def test_compacting_twice_changes_nothing_more() -> None:
    once = compact_html(PAGE)
    assert compact_html(once) == once


def test_files_are_compacted_in_place_and_an_unchanged_file_is_not_written(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    loose, tight = tmp_path / "a" / "index.html", tmp_path / "404.html"
    loose.write_text(PAGE, encoding="utf-8")
    tight.write_text("<p>x</p>", encoding="utf-8")
    before = tight.stat().st_mtime_ns
    compact_site(tmp_path)
    assert loose.read_text(encoding="utf-8") == compact_html(PAGE)
    assert tight.stat().st_mtime_ns == before
    compact_pages([loose])
    assert loose.read_text(encoding="utf-8") == compact_html(PAGE)


# Generated HTML: tags (some whitespace-keeping) with attributes that may hold line breaks,
# text with every kind of whitespace (and non-breaking spaces, which must stay), and comments.
_space = st.sampled_from([" ", "\n", "\t", "\r\n", "  \n    ", "\n\n", "\xa0", "\f"])
_word = st.text(alphabet=st.sampled_from("ab&;# \xa0ไทย"), min_size=1, max_size=6)
_text = st.lists(st.one_of(_word, _space), max_size=6).map("".join)
_attr = st.tuples(st.sampled_from(["class", "title", "data-x"]), _text).map(
    lambda pair: f' {pair[0]}="{pair[1]}"'
)
_name = st.sampled_from(["div", "span", "p", "li", "a", *KEPT_NAMES])


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "comment"] if depth < 3 else ["text"]))
        if kind == "text":
            parts.append(draw(_text))
        elif kind == "comment":
            parts.append(f"<!--{draw(_text).replace('-', '')}-->")
        else:
            name, attrs = draw(_name), "".join(draw(st.lists(_attr, max_size=2)))
            inner = draw(_text) if name in KEPT_NAMES else draw(_html(depth + 1))
            parts.append(f"<{name}{attrs}>{draw(_space)}{inner}{draw(_space)}</{name}>")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_html())
def test_any_html_reads_the_same_after_compacting(html: str) -> None:
    compacted = compact_html(html)
    assert reading(compacted) == reading(html)
    assert compact_html(compacted) == compacted
    assert compacted.count("\xa0") == html.count("\xa0")


@settings(max_examples=300, deadline=None)
@given(_html())
def test_no_line_break_outside_kept_parts_is_followed_by_whitespace(html: str) -> None:
    assert not re.search(r"\n[ \t\r\n\f]", outside_kept(compact_html(html)))


def test_the_built_pages_are_compacted_and_keep_their_code(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100 and any("/th/" in str(p) for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert compact_html(html) == html, page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<script id="__config" type="application/json">' in home
