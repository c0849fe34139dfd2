"""The Thai edition in Chromium: Thai search (a word inside running text, two words typed together),
the language switch both ways, and every Thai page kind self-contained and free of axe violations."""

from __future__ import annotations

import pytest
from site_pages import page_kinds
from typed_search import thai_search

from osa_site.i18n.segment import ZWSP

THAI_PAGES = {kind: "th/" + path for kind, path in page_kinds().items()}


def test_a_thai_word_inside_running_text_is_found(tab) -> None:
    # "ชายฝั่ง" (coastal) sits inside the unspaced Thai title and item names of the radar projects.
    found = thai_search(tab, "ชายฝั่ง")
    assert "th/equipment/2023-philippines-coastal-radars/" in found, found
    assert all(path.startswith("th/") for path in found), f"Thai search left the Thai edition: {found}"
    assert tab.foreign() == []


def test_a_word_in_the_middle_of_a_hand_written_thai_sentence_is_found(tab) -> None:
    found = thai_search(tab, "แผ่นดินไหว")  # "earthquake", mid-sentence in the Thai brief only
    assert "th/brief/" in found, found


def test_two_thai_words_typed_together_are_found(tab) -> None:
    found = thai_search(tab, "เรดาร์ชายฝั่ง")  # "coastal radar", typed without a space
    assert "th/equipment/2023-philippines-coastal-radars/" in found, found


def test_thai_search_asks_the_thai_editions_own_index(tab) -> None:
    found = thai_search(tab, "ศรีลังกา")  # one word to PyThaiNLP, two pieces to Intl.Segmenter
    assert found[0] == "th/recipients/sri-lanka/", found
    worker = "/th/assets/javascripts/workers/pagefind-search.js"
    assert any(worker in u for u in tab.requests), tab.requests
    pagefind = [u for u in tab.requests if "/pagefind/" in u]
    assert pagefind and all("/th/pagefind/" in u for u in pagefind), pagefind


def test_thai_results_show_thai_without_the_indexs_word_spaces(tab) -> None:
    thai_search(tab, "เรดาร์ชายฝั่ง")
    item = tab.page.locator(
        ".md-search-result__item", has=tab.page.locator("a[href*='2023-philippines-coastal-radars/']")
    )
    title = item.locator("h1").first.inner_text().strip()
    assert title.replace(ZWSP, "") == "ระบบเรดาร์ชายฝั่งสำหรับกองทัพเรือฟิลิปปินส์", title
    tags = item.locator(".md-tag").all_inner_texts()
    assert tags == ["โครงการ", "ฟิลิปปินส์", "ปีงบฯ 2566"], tags


def _switch(tab, to: str) -> None:
    tab.page.locator(".md-header__option .md-select").hover()
    tab.page.locator(f".md-select__link[hreflang='{to}']").click()
    tab.page.wait_for_load_state("load")


def test_language_switch_goes_to_the_twin_and_back(tab) -> None:
    tab.goto("recipients/philippines/")
    assert tab.page.locator("html").get_attribute("lang") == "en"
    _switch(tab, "th")
    assert tab.page.url.removeprefix(tab.base).split("#")[0] == "th/recipients/philippines/"
    assert tab.page.locator("html").get_attribute("lang") == "th"
    assert tab.page.locator("h1").first.inner_text().strip().replace("\u200b", "") == "ฟิลิปปินส์"
    _switch(tab, "en")
    assert tab.page.url.removeprefix(tab.base).split("#")[0] == "recipients/philippines/"
    assert tab.page.locator("h1").first.inner_text().strip() == "Philippines"


def test_the_home_pages_switch_language_without_a_list_of_every_page(tab) -> None:
    """Material's language script fetches the sitemap of each edition named by a home page's
    hreflang links: it gets the index (osa_site/output/sitemap.py), not every page's address,
    and the switch still goes to the other edition's home page and back."""
    responses: list = []
    tab.page.on("response", lambda response: responses.append(response))
    tab.goto("")
    tab.page.wait_for_load_state("networkidle")
    sitemaps = [r for r in responses if r.url.endswith("/sitemap.xml") and r.ok]
    assert {r.url for r in sitemaps} == {tab.url("sitemap.xml"), tab.url("th/sitemap.xml")}, sitemaps
    for response in sitemaps:
        body = response.body()
        assert b"<sitemapindex" in body and b"<url>" not in body and len(body) < 1024, response.url
    _switch(tab, "th")
    assert tab.page.url == tab.url("th/")
    _switch(tab, "en")
    assert tab.page.url == tab.url("")


def test_hreflang_links_point_at_the_twins_both_ways(tab) -> None:
    for path, twin in (("equipment/", "th/equipment/"), ("th/timeline/", "timeline/")):
        tab.goto(path)
        links = tab.page.locator("link[rel=alternate][hreflang]").evaluate_all(
            "ls => Object.fromEntries(ls.map(l => [l.hreflang, l.href]))"
        )
        english, thai = (path, twin) if not path.startswith("th/") else (twin, path)
        assert links["en"] == tab.url(english) and links["th"] == tab.url(thai), links
        assert links["x-default"] == tab.url(english)


@pytest.mark.parametrize("kind", THAI_PAGES)
def test_thai_page_is_self_contained_and_accessible(tab, axe_violations, kind: str) -> None:
    path = THAI_PAGES[kind]
    tab.goto(path)
    tab.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.page.wait_for_load_state("networkidle")
    problems = [f"requested another host: {url}" for url in tab.foreign()]
    problems += [f"script error: {error}" for error in tab.errors]
    if tab.page.locator("html").get_attribute("lang") != "th":
        problems.append("html lang is not th")
    report = axe_violations(tab.page)
    problems += [f"axe: {report}"] if report else []
    assert problems == [], f"{path}:\n" + "\n".join(problems)
