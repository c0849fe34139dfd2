"""Search on the Zensical build: its own search box finds records, opens them, and shows a hostile
record title as text. (The same reader actions on the Material build are in test_search.py.)"""

from __future__ import annotations

import pytest
from sitetools import HOSTILE_PROJECT, HOSTILE_TITLE
from typed_search import ZENSICAL, typed_search

RESULTS = "[role=listbox][aria-label='Search results'] a[role=option]"


def search(tab, query: str) -> list[str]:
    """Open Zensical's search, type `query` key by key, and return the result pages' paths, once the
    results have stopped changing (`typed_search`)."""
    return typed_search(tab, query, ui=ZENSICAL)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mongolia", {"recipients/mongolia/"}),
        ("patrol boats", {"equipment/2023-bangladesh-patrol-boats/", "equipment/2023-fiji-patrol-boats/"}),
        ("Sweden", {"agreements/sweden-2022/"}),
    ],
)
def test_zensical_search_finds(zensical_tab, query: str, expected: set[str]) -> None:
    found = search(zensical_tab, query)
    assert expected <= set(found), f"{query!r} found {found}"
    assert zensical_tab.foreign() == []
    assert zensical_tab.errors == []


def test_zensical_search_result_opens_the_page(zensical_tab) -> None:
    search(zensical_tab, "Mongolia")
    page = zensical_tab.page
    page.locator(f"{RESULTS}[href*='recipients/mongolia/']").first.click()
    page.wait_for_url("**/recipients/mongolia/**")
    assert page.locator("article h1").first.inner_text().strip() == "Mongolia"


def test_zensical_search_shows_a_hostile_title_as_text(zensical_tab) -> None:
    found = search(zensical_tab, "emphasis")
    assert f"equipment/{HOSTILE_PROJECT}/" in found
    results = zensical_tab.page.locator("[role=listbox][aria-label='Search results']")
    first = zensical_tab.page.locator(f"{RESULTS}[href*='{HOSTILE_PROJECT}/'] h2").first
    assert first.inner_text().strip() == HOSTILE_TITLE
    assert results.locator("script").count() == 0
    assert zensical_tab.errors == []
