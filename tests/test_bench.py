"""Smoke test of the benchmark: synthetic data is valid, and a tiny run produces the table (not timed)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.floor import ONE_LINE, PHASES, floor_times, floor_tree, one_line_page, phase_times  # noqa: E402
from benchmarks.run import PLANS, cost_rows, growth_row, run, table  # noqa: E402
from benchmarks.search_cost import SearchCost  # noqa: E402
from benchmarks.synth import counts_for, make_project  # noqa: E402
from osa_site.records.content import load_dataset  # noqa: E402
from osa_site.render.escape import front_matter, read_front_matter  # noqa: E402


def test_synthetic_project_validates_under_the_real_schema(tmp_path: Path) -> None:
    make_project(tmp_path, 60)
    dataset = load_dataset(tmp_path / "content", tmp_path)  # raises RecordError on any problem
    kinds = Counter({kind: len(entries) for kind, entries in dataset.entries.items()})
    assert kinds["equipment"] == 60
    assert kinds["sources"] > kinds["equipment"]  # the real sources plus one per synthetic project
    iso3 = [e.record.iso3 for e in dataset.of("recipients")]
    assert len(iso3) == len(set(iso3)) and all(pycountry.countries.get(alpha_3=c) for c in iso3)
    assert any(e.record.confidence == "contested" for e in dataset.of("equipment"))


def test_synthetic_data_is_deterministic(tmp_path: Path) -> None:
    first, second = make_project(tmp_path / "a", 30), make_project(tmp_path / "b", 30)
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_counts_stay_within_200_recipients() -> None:
    assert counts_for(10_000).recipients == 200
    assert counts_for(2_000).agreements == 100


@pytest.mark.long
def test_tiny_bench_produces_the_results_table() -> None:
    rows = run(PLANS["tiny"])
    text = table(rows, "# Tiny")
    assert "| Measure | Value | Target |" in text and text.startswith("# Tiny\n")
    measures = " ".join(r.measure for r in rows)
    for words in (
        "Pipeline ÷ parse-only",
        "Full build, 20 projects",
        "Growth",
        "plain build",
        "Median project page HTML",
        "Search index",
        "Preview rebuild",
        "History: read git",
        "History: describe",
        "History: render",
        "Thai edition",
    ):
        assert words.lower() in measures.lower(), words
    targets = [r for r in rows if r.ok is not None]
    assert len(targets) == 7 and all(f"| {r.target} |" in text for r in targets)


def _cost(median_ms: float | None, max_bytes: int, lang: str = "en") -> SearchCost:
    return SearchCost(lang, 5, 0 if median_ms is None else 5, max_bytes / 2, max_bytes, median_ms, 120)


def test_search_bytes_are_judged_on_the_largest_query_at_2000_projects_only() -> None:
    over = 301 * 1024
    assert cost_rows("2,000 projects", 2000, _cost(80, over))[0].ok is False
    assert cost_rows("2,000 projects", 2000, _cost(80, 299 * 1024))[0].ok is True
    assert cost_rows("shipped content", None, _cost(80, over))[0].ok is None  # informative elsewhere
    assert cost_rows("10,000 projects", 10000, _cost(80, over))[0].ok is None


def test_search_time_may_at_most_double_from_real_size_to_the_largest() -> None:
    assert growth_row("en", 10000, _cost(100, 1), _cost(200, 1)).ok is True
    assert growth_row("en", 10000, _cost(100, 1), _cost(201, 1)).ok is False
    unanswered = growth_row("th", 10000, _cost(100, 1), _cost(None, 1))
    assert unanswered.ok is False and "no result within 120 s" in unanswered.value


# --- Where a fresh build's time goes (benchmarks/floor.py) ---------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.text(min_size=1, max_size=40),
    st.text(st.characters(exclude_characters="-"), max_size=200),
    st.booleans(),
)
def test_a_floor_page_keeps_its_front_matter_and_says_one_line(
    title: str, body: str, with_header: bool
) -> None:
    page = (front_matter(title) if with_header else "") + body
    cut = one_line_page(page)
    assert read_front_matter(cut) == read_front_matter(page)
    assert cut.endswith("\n" + ONE_LINE) and cut.count(ONE_LINE) == 1
    assert cut == (front_matter(title).removesuffix("\n") if with_header else "") + "\n" + ONE_LINE


def _pages(site: Path) -> set[str]:
    """The pages of one edition: the Thai edition's folder inside the English one is not its."""
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    return {page for page in pages if page.split("/")[0] != "th"}


@pytest.mark.long
def test_the_phases_build_the_whole_site_and_the_floor_builds_its_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", 20)
    phases = phase_times(root, tmp_path / "out")
    assert list(phases) == list(PHASES) and all(t.cpu > 0 and t.wall > 0 for t in phases.values())
    site = tmp_path / "out" / "site"
    for edition in (site, site / "th"):  # indexed and finished: icons from the sprite, a sitemap index
        assert (edition / "pagefind" / "pagefind.js").is_file()
        assert "osa-icons.svg#" in (edition / "equipment" / "index.html").read_text(encoding="utf-8")
        assert "<sitemapindex" in (edition / "sitemap.xml").read_text(encoding="utf-8")
    pages = floor_tree(tmp_path / "out" / "osa-build", tmp_path / "floor")
    assert pages == len(list((tmp_path / "out" / "osa-build").rglob("*.md")))
    times = floor_times(tmp_path / "floor")
    assert list(times) == ["en", "th"] and all(t.cpu > 0 for t in times.values())
    assert _pages(tmp_path / "floor" / "site-en") == _pages(site)
    assert _pages(tmp_path / "floor" / "site-th") == _pages(site / "th")
    real = (site / "equipment" / "2023-philippines-coastal-radars" / "index.html").read_text(encoding="utf-8")
    floor = tmp_path / "floor" / "site-en" / "equipment" / "2023-philippines-coastal-radars" / "index.html"
    text = floor.read_text(encoding="utf-8")
    assert ONE_LINE.strip() in text and ONE_LINE.strip() not in real
    assert re.search("<title>(.*?)</title>", text)[1] == re.search("<title>(.*?)</title>", real)[1]
