"""The theme's icons come from one sprite file (output/icons.py), and look as they did inline."""

from __future__ import annotations

import pytest

from osa_site.output.icons import SPRITE

PAGES = ["equipment/2023-philippines-coastal-radars/", "th/recipients/philippines/", ""]

# Put each icon's drawing back inside its <svg>, as the theme wrote it before the sprite.
INLINE_AGAIN = """async () => {
  const uses = [...document.querySelectorAll("svg > use")];
  for (const use of uses) {
    const [file, id] = use.getAttribute("href").split("#");
    const text = await (await fetch(file)).text();
    const symbol = new DOMParser().parseFromString(text, "image/svg+xml").getElementById(id);
    use.parentElement.innerHTML = symbol.innerHTML;
  }
  return uses.length;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_the_header_looks_the_same_with_the_icons_inline(tab, path: str) -> None:
    tab.goto(path)
    header = tab.page.locator("header.md-header")
    hrefs = tab.page.eval_on_selector_all("svg > use", "uses => uses.map(u => u.href.baseVal ?? u.href)")
    assert len(hrefs) >= 7, hrefs  # logo twice, menu, language, search twice, back, clear, to top
    assert all(SPRITE in str(href) for href in hrefs), hrefs
    before = header.screenshot()
    assert tab.page.evaluate(INLINE_AGAIN) == len(hrefs)
    assert tab.page.locator("svg > use").count() == 0
    assert header.screenshot() == before
    assert tab.errors == [] and tab.foreign() == []


def test_every_reference_names_a_symbol_of_the_sprite(tab) -> None:
    tab.goto(PAGES[0])
    missing = tab.page.evaluate(
        """async () => {
          const missing = [];
          for (const use of document.querySelectorAll("svg > use")) {
            const [file, id] = use.getAttribute("href").split("#");
            const text = await (await fetch(file)).text();
            const doc = new DOMParser().parseFromString(text, "image/svg+xml");
            if (!doc.getElementById(id)) missing.push(use.getAttribute("href"));
          }
          return missing;
        }"""
    )
    assert missing == []


def test_the_404_page_keeps_its_icons_whole(tab) -> None:
    """The 404 page is served at any address, so a relative way to the sprite could not hold."""
    tab.goto("404.html")
    assert tab.page.locator("header.md-header svg path").count() >= 3
    assert tab.page.locator("svg > use").count() == 0
