"""Smoke test of the benchmark: synthetic data is valid, and a tiny run produces the table (not timed)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import PLANS, cost_rows, growth_row, run, table  # noqa: E402
from benchmarks.search_cost import SearchCost  # noqa: E402
from benchmarks.synth import counts_for, make_project  # noqa: E402
from osa_site.records.content import load_dataset  # noqa: E402


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
