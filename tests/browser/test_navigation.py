"""From the home page, the navigation reaches every page listed in mkdocs.yml's nav."""

from __future__ import annotations

from site_pages import nav_entries

from osa_site.model.urls import directory
from osa_site.output.generate import read_config


def test_nav_reaches_every_section(tab, root) -> None:
    entries = nav_entries(read_config(root)["nav"])
    assert len(entries) >= 10
    for title, docs_path in entries:
        tab.goto("")
        link = tab.page.locator("nav.md-nav--primary a.md-nav__link", has_text=title).first
        link.click()
        tab.page.wait_for_load_state("load")
        assert tab.page.url == tab.url(directory(docs_path)), f"nav link {title!r} went to {tab.page.url}"
        assert tab.page.locator("article h1").count() == 1, f"{title}: no page heading"
    assert tab.errors == []
    assert tab.foreign() == []
