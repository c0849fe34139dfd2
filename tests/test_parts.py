"""The theme's repeated parts are served once (output/parts.py): a page keeps a script where each
part was, the part's file puts it back, and a page in the navigation keeps its navigation inline.
Checked by example, by property on generated pages, and on every page of a real build."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.output.parts import PARTS_DIR, part_file, with_parts_inline, with_parts_served_once

SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
CONFIG = '<script id="__config" type="application/json">'
NAV = '<nav class="md-nav md-nav--primary" aria-label="Navigation">'
LOADER = re.compile(rf'<script src="((?:\.\./)*){PARTS_DIR}/([0-9a-f]{{16}})\.js"></script>')

PAGE = (
    f"<!doctype html><html><body><header>{SEARCH}<div><form></form></div><div></div></div></header>\n"
    f'<div class="md-sidebar">{NAV}<ul><li><nav class="md-nav"><a href="../../x/">X &amp; Y</a></nav></li>'
    "</ul></nav></div>\n"
    f'<article>text</article>{CONFIG}{{"base": "../.."}}</script><script src="../../bundle.js"></script>'
    "</body></html>"
)


def _served(html: str, base: str = "../../") -> tuple[str, dict[str, bytes]]:
    return with_parts_served_once(html, base)


def test_each_part_is_replaced_by_a_script_that_loads_it() -> None:
    served, files = _served(PAGE)
    assert len(files) == 3 and len(LOADER.findall(served)) == 3
    assert SEARCH not in served and CONFIG not in served and NAV not in served
    assert all(base == "../../" for base, _ in LOADER.findall(served))
    assert '<script src="../../bundle.js"></script>' in served  # the theme's scripts stay
    assert with_parts_inline(served, files.__getitem__) == PAGE


def test_a_nested_element_of_the_same_name_stays_inside_its_part() -> None:
    served, files = _served(PAGE)
    (nav,) = [part for part in map(_part_of, files.values()) if part.startswith("<nav")]
    assert nav.count("<nav") == nav.count("</nav>") == 2
    assert nav.endswith("</ul></nav>")


def test_a_navigation_that_marks_the_readers_page_stays_inline() -> None:
    page = PAGE.replace('<a href="../../x/">', '<a href="./" class="md-nav__link md-nav__link--active">')
    served, files = _served(page)
    assert NAV in served and len(files) == 2


def test_an_unclosed_part_stays_as_it_is() -> None:
    page = f"<body>{SEARCH}<div></div></body>"
    assert _served(page) == (page, {})


def test_a_part_file_is_named_by_its_bytes_and_is_plain_ascii() -> None:
    name, script = part_file("<nav>ไทย \u2028 </script></nav>")
    assert re.fullmatch(r"[0-9a-f]{16}", name) and script.isascii()
    assert part_file("<nav>ไทย \u2028 </script></nav>") == (name, script)
    assert part_file("<nav>other</nav>")[0] != name


def _part_of(script: bytes) -> str:
    """The part a part's file puts back."""
    loader = f'<script src="{PARTS_DIR}/{"0" * 16}.js"></script>'
    return with_parts_inline(loader, lambda _name: script)


# Generated pages: parts holding any text (escaped as the engines escape it), nested elements of
# their own name, and pages where some parts are missing or mark the reader's page.
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    pieces = ["<!doctype html><html><body>"]
    if draw(st.booleans()):
        inner = "".join(f"<div>{draw(_text)}</div>" for _ in range(draw(st.integers(0, 3))))
        pieces.append(f"<header>{SEARCH}{inner}</div></header>")
    if draw(st.booleans()):
        active = ' class="md-nav__link--active"' if draw(st.booleans()) else ""
        nested = "".join(f'<nav class="md-nav"><a{active}>{draw(_text)}</a></nav>' for _ in range(2))
        pieces.append(f"<div>{NAV}{nested}</nav></div>")
    pieces.append(f"<article>{draw(_text)}</article>")
    if draw(st.booleans()):
        pieces.append(f"{CONFIG}{{{draw(_text)!r}: 1}}</script>")
    pieces.append("</body></html>")
    return "".join(pieces)


@settings(max_examples=300, deadline=None)
@given(_pages(), st.sampled_from(["", "../", "../../", "../../../"]))
def test_a_served_page_with_its_parts_put_back_is_the_page(html: str, base: str) -> None:
    served, files = with_parts_served_once(html, base)
    assert with_parts_inline(served, files.__getitem__) == html
    assert with_parts_served_once(served, base) == (served, {})  # twice is once
    assert all(b == base for b, _ in LOADER.findall(served))
    assert (NAV in served) == (NAV in html and "md-nav__link--active" in html)
    for script in files.values():  # each part is a whole element, its nested namesakes included
        part = _part_of(script)
        name = re.match(r"<([a-z]+)", part).group(1)
        assert part.count(f"<{name}") == part.count(f"</{name}>") >= 1


def _read(site: Path):
    return lambda name: (site / name).read_bytes()


def _edition_of(site: Path, page: Path) -> Path:
    return site / "th" if page.relative_to(site).parts[0] == "th" else site


def test_the_built_pages_serve_their_parts_once_and_read_as_the_engine_wrote_them(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    loaded: dict[Path, set[str]] = {built_site: set(), built_site / "th": set()}
    record_pages = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        edition = _edition_of(built_site, page)
        if page.name == "404.html" and page.parent == edition:
            assert SEARCH[:30] in html and not LOADER.search(html)  # served at any address
            continue
        inline = with_parts_inline(html, _read(edition))
        assert inline.count('data-md-component="search"') == 1, page
        assert inline.count('<script id="__config"') == 1, page
        assert inline.count('<nav class="md-nav md-nav--primary"') == 1, page
        names = LOADER.findall(html)
        loaded[edition] |= {name for _, name in names}
        depth = len(page.relative_to(edition).parts) - 1
        assert all(base == "../" * depth for base, _ in names), page
        nav_inline = '<nav class="md-nav md-nav--primary"' in html
        assert nav_inline == ("md-nav__link--active" in html), page
        record_pages += not nav_inline
    assert record_pages > 300  # both editions' record pages
    for edition, names in loaded.items():
        on_disk = {p.stem for p in (edition / PARTS_DIR).glob("*.js")}
        assert on_disk == names, edition  # no part missing, none left over
        for name in names:
            script = (edition / PARTS_DIR / f"{name}.js").read_bytes()
            assert part_file(_part_of(script)) == (name, script)


def test_serving_parts_makes_record_pages_smaller_by_about_a_quarter(built_site: Path) -> None:
    page = built_site / "equipment/2023-philippines-coastal-radars/index.html"
    served = page.read_text(encoding="utf-8")
    inline = with_parts_inline(served, _read(built_site))
    assert len(served.encode()) < 0.8 * len(inline.encode())
