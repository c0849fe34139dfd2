"""A record title holding markup shows as text in Material's search dialog: the worker escapes what
Pagefind's index gives it (titles, tags, excerpts) before Material inserts it as HTML. The site is a
copy of the shipped project with one project titled HOSTILE_TITLE, built once for the module.
(The same reader action on the Zensical build is in test_zensical_search.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sitetools import HOSTILE_PROJECT, HOSTILE_TITLE, LocalServer, build_into, hostile_copy, site_prefix


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Overrides the session's site: the hostile copy, built and served for this module."""
    root = hostile_copy(tmp_path_factory.mktemp("hostile-search"))
    site = build_into(root, root / "out")
    with LocalServer(site, site_prefix(root)) as server:
        yield server.url


def test_a_hostile_title_shows_as_text_in_the_results(tab) -> None:
    tab.goto("")
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("emphasis radar", delay=15)
    item = tab.page.locator(
        ".md-search-result__item", has=tab.page.locator(f"a[href*='{HOSTILE_PROJECT}/']")
    ).first
    item.wait_for(timeout=10_000)
    assert item.locator("h1").first.inner_text().strip() == HOSTILE_TITLE
    results = tab.page.locator(".md-search-result")
    assert results.locator("script").count() == 0 and results.locator("em").count() == 0
    assert "alert(1)" in item.inner_text()  # the excerpt shows the title's text too
    assert tab.errors == [] and tab.foreign() == []
