"""Searching the Thai edition as a reader does: type a query into Material's search box on /th/."""

from __future__ import annotations


def thai_search(tab, query: str) -> list[str]:
    """Type a Thai query into the Thai edition's search box and return the result pages' paths.

    Thai characters typed by Playwright fire no key events, and Material searches on keyup, so
    the query ends with a key press, as a reader's keyboard gives.
    """
    tab.goto("th/")
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    box.press("End")
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    hrefs = tab.page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [h.removeprefix(tab.base).split("?")[0].split("#")[0] for h in hrefs]
