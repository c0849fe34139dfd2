"""Built pages are compacted (output/compact.py): the theme's blank lines and indentation go, and
nothing a browser shows changes. Checked by example, by property on generated HTML, and on the
pages of a real build."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.output.compact import compact_html, compact_page, compact_pages, compact_site
from osa_site.output.icons import SPRITE, icons_of, sprite
from osa_site.output.parts import with_parts_inline

KEPT_NAMES = ("pre", "textarea", "script", "style", "code", "kbd")


class _Reading(HTMLParser):
    """What a page is made of, as a browser's parser sees it: each tag with its attributes, the
    raw text of the elements that keep their whitespace, and other text with its whitespace runs
    shown as one space (as a browser collapses them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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
    compact_pages(tmp_path, [loose])
    assert loose.read_text(encoding="utf-8") == compact_html(PAGE)


MENU = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
LUCIDE = (  # Zensical's kind: colours and strokes on the picture's own tag
    '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" class="lucide lucide-x" '
    'viewBox="0 0 24 24"><path d="M18 6 6 18"/><path d="m6 6 12 12"/></svg>'
)
CHART = '<svg class="osa-chart__svg" viewBox="0 0 9 9"><path d="M0 0h9"/></svg>'


def page_with(article: str) -> str:
    chrome = f"<header>{MENU}<label>{LUCIDE}</label></header>"
    return f"{chrome}\n<article>{article}</article>\n<footer>{MENU}</footer>"


def test_the_404_pages_icons_point_at_the_sprite_from_every_depth(tmp_path: Path) -> None:
    for where in ("index.html", "equipment/x/index.html", "404.html"):
        (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / where).write_text(page_with(CHART if where != "404.html" else ""), encoding="utf-8")
    compact_site(tmp_path)
    icons = icons_of(page_with(""))
    assert [icon[0] for icon in icons] == [MENU, LUCIDE]  # each once, the article's chart not
    deep = (tmp_path / "equipment" / "x" / "index.html").read_text(encoding="utf-8")
    menu, lucide = (f"../../{SPRITE}#{icon[2]}" for icon in icons)
    assert deep == page_with(CHART).replace(
        MENU, f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><use href="{menu}"></use></svg>'
    ).replace(LUCIDE, LUCIDE.split("><path")[0] + f'><use href="{lucide}"></use></svg>')
    top = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f'<use href="{SPRITE}#{icons[0][2]}">' in top and CHART in top
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == page_with("")  # served at any address
    assert (tmp_path / SPRITE).read_bytes() == sprite(icons)


def test_the_sprite_holds_each_drawing_in_its_pictures_coordinates() -> None:
    text = sprite(icons_of(page_with(""))).decode()
    assert re.search(
        r'<symbol id="osa-icon-[0-9a-f]{12}" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></symbol>', text
    )
    assert re.search(r'viewBox="0 0 24 24"><path d="M18 6 6 18"/><path d="m6 6 12 12"/></symbol>', text)
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg">')


def test_a_site_without_a_404_page_keeps_its_pictures(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(page_with(""), encoding="utf-8")
    compact_site(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == page_with("")
    assert not (tmp_path / SPRITE).exists()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([MENU, LUCIDE, CHART]), st.text(max_size=20)), max_size=6))
def test_only_the_icons_change(parts: list[str]) -> None:
    html = "".join(parts)
    icons = icons_of(page_with(""))
    referenced = compact_page(html, icons, "../")
    assert MENU not in referenced and LUCIDE not in referenced
    assert compact_page(html, icons, None) == compact_html(html)
    back = re.sub(r'<use href="\.\./[^"#]*#(osa-icon-[0-9a-f]+)"></use>', r"<use \1>", referenced)
    for picture, opening, symbol in icons:
        back = back.replace(f"{opening}<use {symbol}></svg>", picture)
    assert back == compact_html(html)


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
    home = with_parts_inline(home, lambda name: (built_site / name).read_bytes())  # output/parts.py
    assert '<script id="__config" type="application/json">' in home
