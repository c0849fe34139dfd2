"""Run every measurement, compare with the targets and write the results table."""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import dataclass
from pathlib import Path

from .history import history_cost, make_history_repo
from .measure import (
    Workspace,
    full_build,
    page_count,
    pipeline_rates,
    plain_build,
    preview_latency,
    site_sizes,
    thai_cost,
)
from .synth import REPO

__all__ = ["Plan", "PLANS", "Row", "run", "main", "table"]


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, int, int]  # small, reference, large (equipment records)
    reps: tuple[int, int, int]  # build repetitions per size
    plain_reps: int
    pipeline_reps: int
    preview_edits: int


PLANS = {
    "full": Plan((200, 2000, 10000), (3, 3, 1), 1, 3, 3),
    "quick": Plan((100, 300, 600), (1, 1, 1), 1, 3, 2),
    "tiny": Plan((16, 18, 20), (1, 1, 1), 1, 1, 1),  # the smoke test's: real records plus a few
}


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str
    ok: bool | None  # None: informative only


THAI_SIZE = 200  # issue 13: adding the Thai edition at most doubles the build time at this size


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def _say(text: str) -> None:
    print(text, flush=True)


def run(plan: Plan) -> list[Row]:
    small, ref, large = plan.sizes
    rows: list[Row] = []
    with Workspace() as ws:
        for size in plan.sizes:
            ws.project(size)
        rates = pipeline_rates(ws.project(ref), plan.pipeline_reps)
        _say(f"pipeline {rates.pipeline:,.0f} rec/s, parse-only {rates.parse_only:,.0f} rec/s")
        rows += [
            Row(
                f"Pipeline throughput at {ref:,} projects ({rates.records:,} records): "
                "load + validate + index + render",
                f"{rates.pipeline:,.0f} records/s",
                "",
                None,
            ),
            Row(
                "Parse-only rate, same files (yaml.load with CSafeLoader)",
                f"{rates.parse_only:,.0f} records/s",
                "",
                None,
            ),
            Row("Pipeline ÷ parse-only (CPU time)", f"{rates.ratio:.2f}", "≥ 0.70", rates.ratio >= 0.7),
        ]
        times, sites = {}, {}
        for size, reps in zip(plan.sizes, plan.reps, strict=True):
            times[size], sites[size] = full_build(ws, size, reps)
            _say(f"full build {size}: {times[size]}")
            rows.append(
                Row(
                    f"Full build, {size:,} projects (generate + mkdocs --strict), median of {reps}",
                    str(times[size]),
                    "",
                    None,
                )
            )
        thai_size = min(THAI_SIZE, large)  # the tiny plan of the tests stays tiny
        both, english = thai_cost(ws, thai_size, plan.reps[0])
        _say(f"both editions {thai_size}: {both}; English only: {english}")
        cost = both.cpu / english.cpu
        rows += [
            Row(
                f"Thai edition: full build of both editions ÷ English only, {thai_size:,} projects, "
                f"each build a new process (CPU time, the Thai worker's included), median of {plan.reps[0]}",
                f"{cost:.2f} ({both} vs {english})",
                "≤ 2.0",
                cost <= 2.0,
            ),
            Row(
                "Thai edition: the same, wall-clock time (the Thai MkDocs build runs beside the English one)",
                f"{both.wall / english.wall:.2f}",
                "",
                None,
            ),
        ]
        growth, linear = times[large].cpu / times[ref].cpu, large / ref
        rows.append(
            Row(
                f"Growth {ref:,} → {large:,} projects",
                f"× {growth:.2f} (linear: × {linear:.0f})",
                f"≤ × {1.2 * linear:.1f}",
                growth <= 1.2 * linear,
            )
        )
        sizes = site_sizes(sites[ref], rates.records)
        pages = page_count(sites[ref])  # the baseline builds as many pages as ours does
        plain = plain_build(ws, pages, plan.plain_reps)
        _say(f"plain build {pages}: {plain}")
        ratio = times[ref].cpu / plain.cpu
        rows += [
            Row(
                f"Plain default mkdocs-material build of the same number of pages ({pages:,}, all in "
                f"the nav), median of {plan.plain_reps}",
                str(plain),
                "",
                None,
            ),
            Row(f"OSA build ÷ plain build, {ref:,} projects", f"{ratio:.2f}", "≤ 0.20", ratio <= 0.2),
            Row(
                f"Median project page HTML, at {ref:,}",
                _kb(sizes.median_record_page),
                "≤ 60 KB",
                sizes.median_record_page <= 60 * 1024,
            ),
            Row("Median page HTML, all pages", _kb(sizes.median_page), "", None),
            Row("Largest page HTML", f"{_kb(sizes.largest_page)} ({sizes.largest_page_name})", "", None),
            Row("Total site size", _mb(sizes.total_site), "", None),
            Row(
                "Search index",
                f"{_mb(sizes.search_index)} = {sizes.search_per_record / 1024:.2f} KB/record "
                f"({sizes.records:,} records); {sizes.search_index / ref / 1024:.2f} KB per project",
                "≤ 2 KB/record",
                sizes.search_per_record <= 2048,
            ),
        ]
        rows += history_rows(ws, ref, plan.pipeline_reps)
        latency = preview_latency(ws, ref, plan.preview_edits)
        _say(f"preview rebuild {ref}: {latency}")
        rows.append(
            Row(
                f"Preview rebuild after one project edit, at {ref:,}, median of {plan.preview_edits}",
                str(latency),
                "< 3 s",
                latency.cpu < 3,
            )
        )
    return rows


def _seconds(cost: tuple[float, float]) -> str:
    return f"{cost[0]:.2f} s CPU ({cost[1]:.2f} s wall)"


def history_rows(ws: Workspace, size: int, reps: int) -> list[Row]:
    """The cost of the records' history at `size` projects (see benchmarks/history.py)."""
    cost = history_cost(make_history_repo(ws.fresh(f"history{size}"), size), reps)
    _say(f"history {size}: read {cost.read_git}, describe {cost.describe}, render {cost.render}")
    where = f"at {size:,} projects ({cost.records:,} records, 4 commits, {cost.file_changes:,} file changes)"
    return [
        Row(
            f"History: read git (one git log + one git cat-file, CPU incl. git), {where}, median of {reps}",
            _seconds(cost.read_git),
            "",
            None,
        ),
        Row(
            f"History: describe {cost.record_changes:,} record changes (compare YAML before/after), "
            f"median of {reps}",
            _seconds(cost.describe),
            "",
            None,
        ),
        Row(
            f"History: render /changes/ and every Atom feed, median of {reps}",
            _seconds(cost.render),
            "",
            None,
        ),
    ]


def table(rows: list[Row], header: str) -> str:
    mark = {True: "met", False: "**missed**", None: ""}
    lines = [
        header,
        "",
        "Times are medians; targets are judged on CPU time (the machine is shared).",
        "",
        "| Measure | Value | Target | |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r.measure} | {r.value} | {r.target} | {mark[r.ok]} |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark OSA Monitor at scale.")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, about 2 minutes")
    parser.add_argument(
        "--history",
        action="store_true",
        help="only the cost of record history from git, at 2,000 projects (~1 minute)",
    )
    parser.add_argument("--out", type=Path, default=None, help="where to write the Markdown table")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    name = "history" if args.history else "quick" if args.quick else "full"
    out = (
        args.out
        or REPO
        / "benchmarks"
        / {"history": "results-history.md", "quick": "results-quick.md", "full": "results.md"}[name]
    )
    started = time.perf_counter()
    if args.history:
        with Workspace() as ws:
            rows = history_rows(ws, PLANS["full"].sizes[1], 3)
    else:
        rows = run(PLANS[name])
    command = "python scripts/bench.py" + {"history": " --history", "quick": " --quick", "full": ""}[name]
    header = (
        f"# OSA Monitor benchmark ({name})\n\n`{command}` on {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; ran {time.perf_counter() - started:.0f} s."
    )
    text = table(rows, header)
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(r.ok is not False for r in rows) else 1
