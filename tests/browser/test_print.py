"""Paper: every page kind, laid out for print at A4's printable width, has nothing clipped or past
the right edge; tables reflow instead of scrolling; links become numbered references; every page
says what it is; the screen's chrome is gone.

Print is emulated (media=print) in a viewport as wide as A4 minus print.css's side margins, and
the page is prepared as the browser and `osa-site pdf` prepare it (print.js on beforeprint).
"""

from __future__ import annotations

import subprocess

import pytest
from site_pages import ROOT, page_kinds

from osa_site.output.generate import read_config

PAGES = {kind: path for kind, path in page_kinds().items() if kind != "404"}
THAI_TWINS = {f"th:{kind}": "th/" + path for kind, path in PAGES.items()}  # the Thai edition prints too
A4_PRINTABLE_PX = int((210 - 2 * 15) / 25.4 * 96)  # 680: A4 is 210 mm wide, print.css's margins 15 mm each

CLIPPED = """(width) => {
    const problems = [];
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className
           ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    for (const el of document.querySelectorAll('body *')) {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const empty = box.width === 0 && box.height === 0;
        if (style.display === 'none' || style.visibility === 'hidden' || empty) continue;
        if (box.right > width + 0.5 || box.left < -0.5) {
            problems.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
        }
        const overflow = style.overflowX;
        if (['auto', 'scroll'].includes(overflow)) problems.push(`${name(el)} scrolls (${overflow})`);
        if (['hidden', 'clip', 'auto', 'scroll'].includes(overflow) && el.scrollWidth > el.clientWidth + 1) {
            problems.push(`${name(el)} clips ${el.scrollWidth - el.clientWidth} px of its content`);
        }
    }
    if (document.documentElement.scrollWidth > width) problems.push('the page is wider than the paper');
    return problems;
}"""


def as_printed(tab, path: str) -> None:
    tab.page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    tab.page.emulate_media(media="print")
    tab.goto(path)
    tab.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")


SCREEN_ONLY = (
    ".md-header, .md-tabs, .md-sidebar, .md-search, .md-footer, .md-top, .osa-filters, button, "
    "select, input, .headerlink, .footnote-backref, .osa-pdf-link"
)
SHOWN = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .map(e => e.tagName.toLowerCase() + '.' + e.className)"""
FIGURES = """(width) => [...document.querySelectorAll('.osa-chart svg, .osa-map svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {id: svg.closest('figure').id, whole: box.height > 50 && box.right <= width + 0.5,
            avoidsBreaks: getComputedStyle(svg.closest('figure')).breakInside === 'avoid'};
})"""
WITH_FIGURES = {"Home", "Charts", "Recipients", "recipient", "Budget"}


@pytest.mark.parametrize("kind", [*PAGES, *THAI_TWINS])
def test_page_prints_on_a4_with_nothing_clipped(tab, kind: str) -> None:
    """Nothing past the right edge or clipped, no scrolling; navigation, search, filters and buttons
    hidden; charts and the map whole at the page's width. English pages and their Thai twins."""
    path = {**PAGES, **THAI_TWINS}[kind]
    as_printed(tab, path)
    problems = tab.page.evaluate(CLIPPED, A4_PRINTABLE_PX)
    problems += [f"shows on paper: {e}" for e in tab.page.evaluate(SHOWN, SCREEN_ONLY)]
    figures = tab.page.evaluate(FIGURES, A4_PRINTABLE_PX)
    problems += [
        f"figure {f['id']} is cut or split" for f in figures if not (f["whole"] and f["avoidsBreaks"])
    ]
    assert problems == [], f"{path or 'home'} as printed:\n" + "\n".join(problems[:40])
    assert tab.page.locator("article").evaluate("a => a.getBoundingClientRect().width") > 600
    assert (len(figures) > 0) is (kind.removeprefix("th:") in WITH_FIGURES), figures


def test_the_clipping_check_sees_a_clipped_table(tab) -> None:
    """The guard itself: a table that does not fit its scrolling wrapper is reported."""
    as_printed(tab, PAGES["recipient"])
    tab.page.evaluate("""() => {
        const wrap = document.createElement('div');
        wrap.style.overflowX = 'hidden';
        wrap.innerHTML = '<div style="width: 2000px">wide</div>';
        document.querySelector('article').appendChild(wrap);
    }""")
    problems = tab.page.evaluate(CLIPPED, A4_PRINTABLE_PX)
    assert any("clips" in p for p in problems) and any("spans" in p for p in problems), problems


def test_register_prints_one_labelled_block_per_project(tab) -> None:
    as_printed(tab, PAGES["Equipment"])
    table = tab.page.locator(".osa-register table")
    assert not table.locator("thead").is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == len(list((ROOT / "content/equipment").glob("*.yaml")))
    assert {rows.nth(i).evaluate("r => getComputedStyle(r).display") for i in range(rows.count())} == {"grid"}
    headings = table.locator("thead th").all_inner_texts()
    labels = rows.first.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    # FY and the project's title head the block; every other cell is labelled with its column heading.
    assert labels[:2] == ["none", "none"]
    assert labels[2:] == [f'"{h.strip()}: "' for h in headings[2:]], (labels, headings)


def test_print_header_says_what_the_page_is(tab) -> None:
    config = read_config(ROOT)
    data_date = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tab.goto(PAGES["recipient"])
    header = tab.page.locator(".osa-print-header")
    assert not header.is_visible(), "the print header shows on screen"
    as_printed(tab, PAGES["recipient"])
    text = header.inner_text()
    title = tab.page.locator("h1").inner_text()
    url = config["site_url"] + PAGES["recipient"]
    for part in (config["site_name"], title, url, f"Data as of {data_date}"):
        assert part in text, (part, text)
    # print.js repeats it in every sheet's running header, CSS-escaped.
    running = tab.page.locator("#osa-print-page").text_content()
    assert "@top-left" in running and "@top-right" in running and "@bottom-left" in running
    assert f'"Data as of {data_date}"' in running
    assert "OSA Monitor \\b7  " + title in running, "characters outside [A-Za-z0-9 .,:/-] are CSS-escaped"
    assert "<" not in running and "</style" not in running


def test_a_thai_page_says_on_paper_in_thai_what_it_is_and_how_old_its_data_is(tab) -> None:
    """The print header, the running header and the link references of the Thai edition come from
    the Thai catalogue, not from English text in the theme or print.js."""
    as_printed(tab, THAI_TWINS["th:recipient"])
    header = tab.page.locator(".osa-print-header").inner_text()
    running = tab.page.locator("#osa-print-page").text_content()
    references = tab.page.locator("#osa-print-references")
    assert "ข้อมูล ณ " in header and "Data as of" not in header, header
    assert "@top-right" in running and "Data as of" not in running, running
    assert "\\e02 " in running, "the Thai running header (CSS-escaped Thai letters)"
    assert references.locator("h2").inner_text() == "ที่อยู่ของลิงก์"
    assert "Link references" not in references.inner_text()
    assert references.locator("li").count() > 0


def test_links_are_written_out_as_numbered_references(tab) -> None:
    as_printed(tab, PAGES["recipient"])
    article = tab.page.locator("article")
    references = article.locator("#osa-print-references li").all_inner_texts()
    assert references and len(references) == len(set(references))
    links = article.evaluate("""a => [...a.querySelectorAll('a[href]')]
        .filter(l => !l.closest('#osa-print-references, .osa-print-header'))
        .filter(l => !l.getAttribute('href').startsWith('#'))
        .map(l => [l.href, l.textContent.trim(),
                   l.nextElementSibling && l.nextElementSibling.className === 'osa-print-ref'
                   ? l.nextElementSibling.textContent : null])""")
    site_url = read_config(ROOT)["site_url"]
    for href, text, mark in links:
        assert href.startswith(("https://", "http://")) and "127.0.0.1" not in href, href
        if text != href:
            assert mark == f"\u2197{references.index(href) + 1}", (href, mark)
    assert any(r.startswith(site_url + "sources/") for r in references), "internal links use the public URL"
    assert any(not r.startswith(site_url) for r in references), "the sources' originals are listed"
    # No address is written inline after a link any more.
    inline = article.locator("a").evaluate_all("as => as.map(a => getComputedStyle(a, '::after').content)")
    assert set(inline) <= {"none", "normal"}, set(inline)
    # Printing again gives the same list, and afterprint puts the page's own links back.
    tab.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert article.locator("#osa-print-references li").all_inner_texts() == references
    tab.page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    hrefs = article.locator("a[href*='sources/']").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("../") for h in hrefs[: -len(references)] if "osa-monitor" not in h)


TITLES = [
    '"; } body { display: none } @page { x: "',
    "</style><script>x()</script>",
    '\\"\n\u202e\U0001f600 ติมอร์-เลสเต',
]


def test_running_headers_escape_the_page_title(tab) -> None:
    """A title from a record cannot end the running header's string and add rules of its own."""
    as_printed(tab, PAGES["recipient"])
    for title in TITLES:
        rules = tab.page.evaluate(
            """(title) => {
            document.querySelector('.osa-print-header').dataset.title = title;
            window.osaPrint.prepare();
            const sheet = document.getElementById('osa-print-page').sheet;
            return [...sheet.cssRules].map(r => r.constructor.name);
        }""",
            title,
        )
        assert rules == ["CSSPageRule"], (title, rules)
    assert tab.page.locator("article").is_visible()
