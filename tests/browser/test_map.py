"""The world map's countries link to their recipient pages, and the links work when clicked.

Skipped while no page has a map (`a.osa-map__recipient` inside an SVG).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

MAP_LINK = "svg a.osa-map__recipient"
MAP_PAGES = ["", "recipients/"]


def recipients(root: Path) -> dict[str, str]:
    """{recipient id: country name} from the records."""
    return {
        f.stem: yaml.safe_load(f.read_text(encoding="utf-8"))["name"]
        for f in sorted((root / "content" / "recipients").glob("*.yaml"))
    }


def heading(site: Path, path: str) -> str:
    text = (site / path / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def map_links(tab, path: str) -> list[tuple[str, str]]:
    """(accessible name, path relative to the site root) of every country link.

    The name is the country's, optionally followed by ': ' and a summary.
    """
    tab.goto(path)
    links = tab.page.locator(MAP_LINK).evaluate_all(
        "as => as.map(a => [a.getAttribute('aria-label'),"
        " new URL(a.getAttribute('href'), location.href).href])"
    )
    return [(label, href.removeprefix(tab.base).split("#")[0]) for label, href in links]


@pytest.fixture
def tab_with_map(tab, built_site: Path):
    """A tab on a site that has its map: the map is part of the product, so a missing one fails."""
    assert "osa-map__recipient" in (built_site / "index.html").read_text(encoding="utf-8"), "no map"
    return tab


@pytest.mark.parametrize("path", MAP_PAGES)
def test_every_recipient_is_on_the_map_and_links_to_its_page(tab_with_map, built_site, root, path) -> None:
    links = map_links(tab_with_map, path)
    expected = recipients(root)
    assert sorted(target for _, target in links) == sorted(f"recipients/{rid}/" for rid in expected)
    for label, target in links:
        name = expected[target.split("/")[1]]
        assert label == name or label.startswith(name + ": "), f"{label!r} links to {target}"
        assert heading(built_site, target) == name, f"{label} links to {target}"


@pytest.mark.parametrize("country", ["mongolia", "tonga"])
def test_clicking_a_country_opens_its_page(tab_with_map, root, country: str) -> None:
    name, tab = recipients(root)[country], tab_with_map
    tab.goto("")
    tab.page.locator(f'{MAP_LINK}[href$="recipients/{country}/"]').first.click()
    tab.page.wait_for_url(f"**/recipients/{country}/")
    assert tab.page.locator("article h1").inner_text().strip() == name
    assert tab.foreign() == []
