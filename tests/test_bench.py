"""Smoke test of the benchmark: synthetic data is valid, and a tiny run produces the table (not timed)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import PLANS, run, table  # noqa: E402
from benchmarks.synth import counts_for, make_project  # noqa: E402
from osa_site.validate import load_dataset  # noqa: E402


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
