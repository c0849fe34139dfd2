"""Issue 13's "done when": a record added with only `th: {title: …}` as Thai text appears in Thai on
its Thai page, in the Thai register and in Thai search, with no code change. Here a reader finds it
in Chromium, in a copy of the shipped project with one such record added (built once for the module).

The made-up title holds two words found nowhere in the shipped content, inside unspaced Thai running
text: มะละกอ ("papaya") and ทดสอบ ("test"). Both PyThaiNLP (build time) and Chromium's
Intl.Segmenter (query time) cut them as words of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sitetools import LocalServer, build_into, shipped_copy, site_prefix
from typed_search import thai_search

from osa_site.i18n.segment import ZWSP

RECORD = "2026-philippines-papaya-lamps"
THAI_TITLE = "โคมไฟมะละกอทดสอบสำหรับกองทัพเรือฟิลิปปินส์"
ENGLISH_TITLE = "Papaya test lamps for the Philippine Navy"
# Only the title has Thai text: the rest is the least a project needs.
RECORD_YAML = f"""\
title: "{ENGLISH_TITLE}"
recipient: philippines
fiscal_year: 2026
domain: maritime
sources:
  - mofa-2023-11-03-philippines-coastal-radars
th:
  title: "{THAI_TITLE}"
"""
THAI_PAGE = f"th/equipment/{RECORD}/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Overrides the session's site: the shipped project plus RECORD, built and served for this module."""
    root = tmp_path_factory.mktemp("thai-only-record")
    shipped_copy(root)
    (root / "content" / "equipment" / f"{RECORD}.yaml").write_text(RECORD_YAML, encoding="utf-8")
    site = build_into(root, root / "out")
    with LocalServer(site, site_prefix(root)) as server:
        yield server.url


def visible_text(locator) -> str:
    return locator.inner_text().replace(ZWSP, "").strip()


def test_a_thai_word_inside_the_title_finds_the_record(tab) -> None:
    found = thai_search(tab, "มะละกอ")
    assert THAI_PAGE in found, found
    assert tab.foreign() == [] and tab.errors == []


def test_two_words_of_the_title_typed_together_find_the_record(tab) -> None:
    found = thai_search(tab, "มะละกอทดสอบ")  # "papaya" and "test", typed without a space
    assert THAI_PAGE in found, found


def test_the_search_result_shows_the_thai_title(tab) -> None:
    thai_search(tab, "มะละกอ")
    result = tab.page.locator(f".md-search-result__item > a[href*='{RECORD}/'] h1").first
    assert visible_text(result) == THAI_TITLE


def test_the_thai_page_is_titled_in_thai(tab) -> None:
    tab.goto(THAI_PAGE)
    assert tab.page.locator("html").get_attribute("lang") == "th"
    assert visible_text(tab.page.locator("article h1").first) == THAI_TITLE


def test_the_thai_register_lists_the_record_in_thai(tab) -> None:
    tab.goto("th/equipment/")
    link = tab.page.locator(f".osa-register table tbody tr a[href$='{RECORD}/']")
    assert link.count() == 1
    assert visible_text(link) == THAI_TITLE
    assert link.evaluate("a => a.closest('[lang]').lang") == "th"  # not the English fallback
