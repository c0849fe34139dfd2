"""Site search in Material's own dialog, answered from Pagefind's index by our worker: it finds
records by country, by item and by agreement partner, says what each result is, marks the words
in an excerpt, links matched sections, works from the keyboard and fetches only a query's share
of the index."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from typed_search import typed_search

RESULTS = ".md-search-result__item > a.md-search-result__link"


def result_item(tab, path: str):
    """The result list's item for the page at `path` (waiting for it to be shown)."""
    item = tab.page.locator(".md-search-result__item", has=tab.page.locator(f"a[href*='{path}']")).first
    item.wait_for(timeout=10_000)
    return item


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mongolia", {"recipients/mongolia/"}),
        ("patrol boats", {"equipment/2023-bangladesh-patrol-boats/", "equipment/2023-fiji-patrol-boats/"}),
        (
            "high-speed patrol",
            {"equipment/2024-indonesia-patrol-boats/", "equipment/2025-indonesia-patrol-boats/"},
        ),
        ("Sweden", {"agreements/sweden-2022/"}),
    ],
)
def test_search_finds(tab, query: str, expected: set[str]) -> None:
    found = typed_search(tab, query)
    assert expected <= set(found), f"{query!r} found {found}"
    assert tab.foreign() == []


def test_search_result_opens_the_page(tab) -> None:
    typed_search(tab, "Mongolia")
    results = tab.page.locator(RESULTS)
    results.and_(tab.page.locator("[href*='recipients/mongolia/']")).first.click()
    tab.page.wait_for_url("**/recipients/mongolia/**")
    assert tab.page.locator("h1").first.inner_text().strip() == "Mongolia"


def test_a_result_says_what_it_is_and_marks_the_words(tab) -> None:
    typed_search(tab, "Djibouti radar")
    item = result_item(tab, "equipment/2024-djibouti-coastal-radar/")
    assert (
        item.locator("h1").first.inner_text().strip() == "Coastal surveillance radar for the Djiboutian Navy"
    )
    assert item.locator(".md-tag").all_inner_texts() == ["Project", "Djibouti", "FY2024"]
    marked = {m.lower() for m in item.locator("mark").all_inner_texts()}
    assert marked & {"djibouti", "radar"}, item.inner_html()
    source = result_item(tab, "sources/")
    assert source.locator(".md-tag").all_inner_texts() == ["Source"]


def test_a_matched_section_links_to_its_heading(tab) -> None:
    typed_search(tab, "handover ceremony")
    sections = tab.page.locator(".md-search-result__item a.md-search-result__link[href*='#']")
    sections.first.wait_for(timeout=10_000)
    href = sections.first.get_attribute("href")
    sections.first.click()
    anchor = urlsplit(href).fragment
    tab.page.wait_for_url(f"**#{anchor}")
    assert tab.page.locator(f"[id='{anchor}']").count() == 1
    words = parse_qs(urlsplit(href).query)["h"][0].split()
    assert words == ["handover", "ceremony"]  # Material marks them on the page (search.highlight)
    tab.page.locator("mark[data-md-highlight]").first.wait_for(timeout=5_000)


def test_search_is_usable_from_the_keyboard(tab) -> None:
    tab.goto("")
    tab.page.keyboard.press("/")  # Material's shortcut opens the search and focuses the box
    tab.page.keyboard.type("Sweden", delay=15)
    result_item(tab, "agreements/sweden-2022/")
    tab.page.keyboard.press("Enter")  # the best result
    tab.page.wait_for_url("**/agreements/sweden-2022/**")
    assert "Sweden" in tab.page.locator("h1").first.inner_text()


def test_a_misspelt_name_is_found(tab) -> None:
    """A misspelling is asked again shortened; the page is among the first three (the relevance set's
    standard), since the shortened word also matches the sources that name the country."""
    assert "recipients/philippines/" in typed_search(tab, "Philipines")[:3]


def test_a_query_fetches_only_its_share_of_the_index(tab) -> None:
    """One query, not one per key: typed key by key on a loaded machine, the keys can come further
    apart than the worker's pause for the next key, and each partial word is then searched too."""
    tab.goto("")
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.fill("radar")
    box.dispatch_event("keyup")  # what Material's search box listens to
    result_item(tab, "equipment/2024-mongolia-atc-radar/")
    pagefind = {u for u in tab.requests if "/pagefind/" in u}
    chunks = {u for u in pagefind if u.endswith(".pf_index")}
    fragments = {u for u in pagefind if u.endswith(".pf_fragment")}
    assert len(chunks) == 1, chunks  # the index chunk the word is in, of 4 at the shipped size
    assert 1 <= len(fragments) <= 10, fragments  # the pages shown at once, of 175
    assert tab.foreign() == []
