"""The search relevance set and its scoring (benchmarks/search_harness.py), without a browser: the set
is large enough, in both languages, and names pages the site has; success@3, MRR and the result
paths are computed as tests/relevance/queries.yaml says."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitetools import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks.search_harness import Query, is_search_data, load_queries, page_paths, score  # noqa: E402

BASE = "http://127.0.0.1:8000/osa-monitor/"


def q(expect: list[str], match: str = "all", lang: str = "en") -> Query:
    return Query("x", lang, tuple(expect), match, "")  # type: ignore[arg-type]


def test_the_set_has_40_queries_in_both_languages() -> None:
    queries = load_queries()
    langs = Counter(query.lang for query in queries)
    assert len(queries) >= 40 and set(langs) == {"en", "th"} and min(langs.values()) >= 20
    assert len({(query.lang, query.text) for query in queries}) == len(queries)  # no repeats
    assert all(query.match in ("all", "any", "only") and query.expect for query in queries)


def test_every_expected_page_is_in_the_built_site(built_site: Path) -> None:
    missing = [
        page
        for query in load_queries()
        for page in query.expect
        if not (built_site / page / "index.html").is_file() or page.startswith("th/") != (query.lang == "th")
    ]
    assert missing == []


def test_the_issue_examples_are_in_the_set() -> None:
    texts = {query.text: query for query in load_queries()}
    assert {
        "patrol boats",
        "Djibouti",
        "radar",
        "Mongolia agreement",
        "Philipines",
        "patrol",
        "ชายฝั่ง",
    } <= set(texts)
    assert {"equipment/2024-indonesia-patrol-boats/", "equipment/2025-indonesia-patrol-boats/"} <= set(
        texts["patrol boats"].expect
    )


def test_result_links_become_pages_without_anchors_or_queries() -> None:
    hrefs = [
        BASE + "recipients/djibouti/?h=djibouti",
        BASE + "recipients/djibouti/?h=djibouti#projects",
        BASE + "th/recipients/djibouti/#x",
        BASE + "sources/a/",
    ]
    assert page_paths(hrefs, BASE) == ["recipients/djibouti/", "th/recipients/djibouti/", "sources/a/"]


@pytest.mark.parametrize(
    ("query", "ranked", "ok"),
    [
        (q(["a/", "b/"]), ["b/", "x/", "a/"], True),
        (q(["a/", "b/"]), ["b/", "x/", "y/", "a/"], False),
        (q(["a/", "b/"], "any"), ["x/", "y/", "b/"], True),
        (q(["a/", "b/"], "any"), ["x/", "y/", "z/", "a/"], False),
        (q(["a/", "b/", "c/", "d/"], "only"), ["d/", "a/", "c/", "x/"], True),
        (q(["a/", "b/", "c/", "d/"], "only"), ["d/", "x/", "a/"], False),
        (q(["a/", "b/"], "only"), ["b/", "a/", "x/"], True),
        (q(["a/", "b/"], "only"), ["b/"], False),
        (q(["a/"]), [], False),
    ],
)
def test_success_at_3(query: Query, ranked: list[str], ok: bool) -> None:
    assert query.succeeds(ranked) is ok


def test_score_counts_successes_and_mean_reciprocal_rank() -> None:
    results = [
        (q(["a/"]), ["a/"]),  # rank 1
        (q(["a/"]), ["x/", "y/", "a/"]),  # rank 3
        (q(["a/"]), ["x/", "y/", "z/", "w/", "a/"]),  # rank 5: a miss at 3
        (q(["a/"]), []),  # nothing
        (q(["a/"], lang="th"), ["a/"]),  # the other language: not counted
    ]
    result = score("en", results)
    assert (result.queries, result.successes) == (4, 2)
    assert result.success_at_3 == 0.5
    assert result.mrr == pytest.approx((1 + 1 / 3 + 1 / 5 + 0) / 4)
    assert [ranked for _, ranked in result.failures] == [["x/", "y/", "z/", "w/", "a/"], []]


@given(
    st.lists(st.sampled_from(["a/", "b/", "c/", "d/", "e/"]), unique=True),
    st.sampled_from(["all", "any", "only"]),
)
def test_a_success_has_an_expected_page_in_the_top_3(ranked: list[str], match: str) -> None:
    query = q(["a/", "b/"], match)
    if query.succeeds(ranked):
        assert query.reciprocal_rank(ranked) >= 1 / 3
    assert 0 <= query.reciprocal_rank(ranked) <= 1


def test_search_data_is_told_from_other_requests() -> None:
    assert is_search_data(BASE + "search/search_index.json")
    assert is_search_data(BASE + "th/search.json")
    assert is_search_data(BASE + "pagefind/fragment/en_1a2b.pf_fragment")
    assert is_search_data(BASE + "assets/javascripts/workers/search.a7633da7.min.js")
    assert is_search_data(BASE + "assets/javascripts/workers/pagefind-search.js")
    assert not is_search_data(BASE + "assets/javascripts/bundle.min.js")
    assert not is_search_data(BASE + "search-tips/")
