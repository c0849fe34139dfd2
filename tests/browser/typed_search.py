"""Searching the site as a reader does, for the browser tests: the benchmark's harness
(benchmarks/search_harness.py) types the query key by key into the edition's search box and reads
the results once they have stopped changing. Reading them as soon as the first one shows is a
race: the search may answer a partly typed query first (Material also searches the box's text
when the index finishes loading, which on a loaded machine can happen mid-query)."""

from __future__ import annotations

import sys

from sitetools import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks.search_harness import MATERIAL, ZENSICAL, SearchUI, search  # noqa: E402

__all__ = ["MATERIAL", "ZENSICAL", "thai_search", "typed_search"]


def typed_search(tab, query: str, edition: str = "", ui: SearchUI = MATERIAL) -> list[str]:
    """Type `query` into the search of the edition at `tab.base + edition` (a new page load) and
    return the result pages' paths, each once, in rank order; the results stay on screen."""
    return search(tab.page, tab.base, ui, query, edition).ranked


def thai_search(tab, query: str) -> list[str]:
    """`typed_search` in the Thai edition's Material search box. Thai characters typed by Playwright
    fire no key events, and Material searches on keyup: the harness ends the query with a key press,
    as a reader's keyboard gives."""
    return typed_search(tab, query, "th/")
