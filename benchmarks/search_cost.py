"""What a reader's search costs, in Chromium: bytes of search data fetched before the first result,
and the time from the query's last character to its first result (`python scripts/bench.py --search`).

Each query is typed into a new browser context (an empty cache: a reader who has just arrived), on the
edition's home page, right after it loads, with the harness the relevance tests use
(benchmarks/search_harness.py). The site is the `osa-site` build (MkDocs) of the shipped content or
of synthetic data; each is built once and reused for both editions.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from osa_site.app.pdf import CHROME_ARGS, chromium_path, serve
from osa_site.model.urls import site_path
from osa_site.output.generate import read_config

from .search_harness import MATERIAL, Outcome, edition_of, search

__all__ = ["QUERIES", "SearchCost", "search_cost"]

# Words found at every size: the synthetic data keeps the real records and reuses their items.
QUERIES = {
    "en": ["patrol boats", "radar", "Djibouti", "rescue boats", "Mongolia agreement"],
    "th": ["เรือตรวจการณ์", "เรดาร์", "จิบูตี", "ชายฝั่ง", "โดรน"],
}


@dataclass(frozen=True)
class SearchCost:
    lang: str
    queries: int
    answered: int  # queries that showed a result before the timeout
    median_bytes: float  # search data fetched before the first result
    max_bytes: int
    median_ms: float | None  # last character → first result; None when no query was answered
    timeout_s: float

    def time(self) -> str:
        if self.median_ms is None:
            return f"no result within {self.timeout_s:.0f} s"
        late = "" if self.answered == self.queries else f"; {self.queries - self.answered} timed out"
        return f"{self.median_ms:,.0f} ms{late}"


def _outcomes(site: Path, lang: str, queries: list[str], timeout_s: float) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    prefix = _prefix(site)
    outcomes = []
    with serve(site, prefix) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path()), args=CHROME_ARGS)
        try:
            for query in queries:
                context = browser.new_context(service_workers="block")
                context.set_default_timeout(timeout_s * 1000)
                try:
                    page = context.new_page()
                    outcome = search(
                        page, base, MATERIAL, query, edition_of(lang), settle_ms=1000, timeout_s=timeout_s
                    )
                finally:
                    context.close()
                outcomes.append(outcome)
                if outcome.first_result_ms is None:
                    break  # the next would time out too: the index is too big to load in time
        finally:
            browser.close()
    return outcomes


def _prefix(site: Path) -> str:
    """The path the site is served under, from the mkdocs.yml of the tree it was built from."""
    return site_path(read_config(site.parent / "osa-build").get("site_url", ""))


def search_cost(site: Path, lang: str, timeout_s: float = 120) -> SearchCost:
    """Type each of the language's QUERIES into a fresh browser on `site` and sum up what it cost."""
    outcomes = _outcomes(site, lang, QUERIES[lang], timeout_s)
    times = [o.first_result_ms for o in outcomes if o.first_result_ms is not None]
    sizes = [o.search_bytes for o in outcomes]
    return SearchCost(
        lang,
        len(outcomes),
        len(times),
        statistics.median(sizes),
        max(sizes),
        statistics.median(times) if times else None,
        timeout_s,
    )
