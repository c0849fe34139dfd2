"""Site search (lunr in a web worker) finds records by country, by item and by agreement partner."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def search(tab, query: str) -> list[str]:
    """Type `query` into the search box, key by key, and return the result links' paths."""
    tab.goto("")
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    hrefs = tab.page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [h.removeprefix(tab.base).split("?")[0].split("#")[0] for h in hrefs]


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
    search(tab, query)
    links = tab.page.locator(".md-search-result__item > a.md-search-result__link")
    for path in sorted(expected):  # results of the partly typed query may show first: wait for the final ones
        try:
            links.and_(tab.page.locator(f"[href*='{path}']")).first.wait_for(timeout=10_000)
        except PlaywrightTimeout:  # the assertion below says what was found instead
            break
    found = [
        h.removeprefix(tab.base).split("?")[0].split("#")[0]
        for h in links.evaluate_all("links => links.map(a => a.href)")
    ]
    assert expected <= set(found), f"{query!r} found {found}"
    assert tab.foreign() == []


def test_search_result_opens_the_page(tab) -> None:
    search(tab, "Mongolia")
    results = tab.page.locator(".md-search-result__item > a.md-search-result__link")
    results.and_(tab.page.locator("[href*='recipients/mongolia/']")).first.click()
    tab.page.wait_for_url("**/recipients/mongolia/**")
    assert tab.page.locator("h1").first.inner_text().strip() == "Mongolia"
