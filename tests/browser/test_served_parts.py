"""In Chromium, a page whose repeated parts are served once (output/parts.py) becomes the document
the engine wrote: the same DOM, once the theme's scripts have run, as the same page delivered with
its parts inline; its search and navigation work."""

from __future__ import annotations

from pathlib import Path

import pytest

from osa_site.output.parts import PARTS_DIR, with_parts_inline

PAGES = [
    "equipment/2023-philippines-coastal-radars/",  # a record page: navigation, search, settings
    "th/sources/mofa-2023-fiji-patrol-boats/",
    "recipients/",  # in the navigation: only search and settings
]


def _document(tab, path: str) -> str:
    tab.goto(path)
    tab.page.wait_for_load_state("networkidle")
    return str(tab.page.evaluate("document.documentElement.outerHTML"))


@pytest.mark.parametrize("path", PAGES)
def test_the_page_is_the_document_the_engine_wrote(tab, built_site: Path, path: str) -> None:
    edition = built_site / "th" if path.startswith("th/") else built_site
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    assert f"{PARTS_DIR}/" in html
    served = _document(tab, path)
    assert any(f"/{PARTS_DIR}/" in u for u in tab.requests)  # the parts were loaded
    inline = with_parts_inline(html, lambda name: (edition / name).read_bytes())
    tab.page.route(tab.url(path), lambda route: route.fulfill(body=inline, content_type="text/html"))
    assert _document(tab, path) == served
    assert tab.errors == [] and tab.foreign() == []


def test_a_record_pages_navigation_and_search_work(tab) -> None:
    tab.goto(PAGES[0])
    tab.page.locator("nav.md-nav--primary a.md-nav__link", has_text="Timeline").first.click()
    tab.page.wait_for_url("**/timeline/")
    tab.goto(PAGES[0])
    tab.page.locator("input.md-search__input").click()
    tab.page.locator("input.md-search__input").press_sequentially("radar", delay=20)
    tab.page.locator("input.md-search__input").press("End")
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert tab.errors == [] and tab.foreign() == []
