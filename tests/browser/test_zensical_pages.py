"""Pages of the Zensical build have zero axe-core violations, as the Material build's do (test_pages.py).

Zensical's theme draws the current page's nav link in its own colours, not Material's, so the
pages checked here are ones whose nav holds an active link: a top-level page, a register, a page
inside a nav section, and the home page.
"""

from __future__ import annotations

import pytest

ACTIVE_LINK = ".md-nav--primary .md-nav__link--active"


@pytest.mark.parametrize("path", ["", "brief/", "equipment/", "methodology/"])
def test_zensical_page_has_no_axe_violations(zensical_tab, axe_violations, path: str) -> None:
    zensical_tab.goto(path)
    assert zensical_tab.page.locator(ACTIVE_LINK).count() >= 1, "no active nav link to check"
    report = axe_violations(zensical_tab.page)
    assert report == "", f"{path or 'home'}:\n{report}"
    assert zensical_tab.foreign() == [] and zensical_tab.errors == []
