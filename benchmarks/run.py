"""Run every measurement, compare with the targets and write the results table."""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .cards import card_cost, median_size, projected_bytes
from .floor import floor_times, floor_tree, phase_times
from .history import history_cost, make_history_repo
from .measure import (
    Timing,
    Workspace,
    fresh_build,
    full_build,
    page_count,
    pipeline_rates,
    plain_build,
    preview_latency,
    site_sizes,
    thai_cost,
)
from .search_cost import SearchCost, search_cost
from .search_harness import MATERIAL, load_queries, run_relevance, score
from .speed import real_project, reload_latency, second_build
from .synth import REPO, shipped_copy

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


def thai_rows(ws: Workspace, size: int, reps: int) -> list[Row]:
    """Issue 13: the cost of the Thai edition, both editions against English only."""
    both, english = thai_cost(ws, size, reps)
    _say(f"both editions {size}: {both}; English only: {english}")
    cost = both.cpu / english.cpu
    return [
        Row(
            f"Thai edition: full build of both editions ÷ English only, {size:,} projects, "
            f"each build a new process (CPU time, the Thai worker's included), median of {reps}",
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
        rows += thai_rows(ws, min(THAI_SIZE, large), plan.reps[0])  # the tiny plan of the tests stays tiny
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


SEARCH_SIZES = (2000, 10000)  # besides the shipped content; `--search-sizes` chooses others
SEARCH_BYTES_SIZE, SEARCH_BYTES_TARGET = 2000, 300 * 1024  # issue 18
SEARCH_GROWTH_TARGET = 2.0  # time to the first result at the largest size ÷ at real size


def _search_site(ws: Workspace, size: int | None) -> Path:
    """The `osa-site` build of the shipped content (None) or of `size` synthetic projects, made once
    (and reused from a kept workspace: the 10,000-project build is heavy)."""
    from .measure import _build_once

    out = ws.base / f"search-{size or 'real'}"
    if not (out / "site").is_dir():
        _build_once(REPO if size is None else ws.project(size), out)
    return out / "site"


def relevance_rows(site: Path) -> list[Row]:
    """The relevance set (tests/relevance/queries.yaml) on the build of the shipped content."""
    from playwright.sync_api import sync_playwright

    from osa_site.app.pdf import CHROME_ARGS, chromium_path, serve

    from .search_cost import _prefix

    queries = load_queries()
    with serve(site, _prefix(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path()), args=CHROME_ARGS)
        page = browser.new_context(service_workers="block").new_page()
        results = run_relevance(page, base, MATERIAL, queries)
        browser.close()
    rows = []
    for lang in ("en", "th"):
        result = score(lang, results)
        _say(result.report())
        rows.append(
            Row(
                f"Search relevance, {lang} edition, shipped content: success@3 ({result.queries} queries "
                "of tests/relevance/queries.yaml); MRR",
                f"{result.success_at_3:.0%} ({result.successes}/{result.queries}); MRR {result.mrr:.2f}",
                "≥ 95 %",
                result.success_at_3 >= 0.95,
            )
        )
    return rows


def cost_rows(label: str, size: int | None, cost: SearchCost) -> list[Row]:
    where = f"{cost.lang} edition, {label}"
    bytes_ok = cost.max_bytes <= SEARCH_BYTES_TARGET if size == SEARCH_BYTES_SIZE else None
    return [
        Row(
            f"Search data fetched before the first result, {where} (median; max of {cost.queries} queries)",
            f"{_kb(cost.median_bytes)}; max {_kb(cost.max_bytes)}",
            "≤ 300 KB" if bytes_ok is not None else "",
            bytes_ok,
        ),
        Row(
            f"Search: last character typed → first result, {where}, median of {cost.answered} "
            "(wall clock, fresh browser context each)",
            cost.time(),
            "",
            None,
        ),
    ]


def growth_row(lang: str, large: int, real: SearchCost, big: SearchCost) -> Row:
    """Time to the first result at `large` projects against the shipped content's, same run."""
    ratio = big.median_ms / real.median_ms if real.median_ms and big.median_ms is not None else None
    return Row(
        f"Search: time to the first result, {large:,} projects ÷ shipped content, {lang} edition (same run)",
        f"{ratio:.2f}" if ratio is not None else f"not measured ({big.time()})",
        f"≤ {SEARCH_GROWTH_TARGET:.1f}",
        ratio is not None and ratio <= SEARCH_GROWTH_TARGET,
    )


def search_rows(ws: Workspace, sizes: tuple[int, ...]) -> list[Row]:
    """Issue 18: search relevance at real size, and what search costs a reader at each size."""
    rows = relevance_rows(_search_site(ws, None))
    costs: dict[int | None, dict[str, SearchCost]] = {}
    for size in (None, *sizes):
        label = "shipped content" if size is None else f"{size:,} projects"
        site = _search_site(ws, size)
        costs[size] = {}
        for lang in ("en", "th"):
            costs[size][lang] = cost = search_cost(site, lang)
            _say(f"search {label} {lang}: {_kb(cost.median_bytes)}, {cost.time()}")
            rows += cost_rows(label, size, cost)
    if sizes:
        large = max(sizes)
        rows += [growth_row(lang, large, costs[None][lang], costs[large][lang]) for lang in ("en", "th")]
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


CARD_SIZES = (0, 2000)  # the shipped site (no synthetic records) and the reference size


def card_rows(ws: Workspace) -> list[Row]:
    """Issue 21: drawing the cards, cold and cached, and their weight, projected to 10,000 projects."""
    rows: list[Row] = []
    for size in CARD_SIZES:
        root = ws.project(size) if size else shipped_copy(ws.fresh("shipped"))
        cost = card_cost(root, ws.fresh(f"cards{size}"))
        where = "the shipped site" if size == 0 else f"{size:,} projects"
        per = (cost.cold.cpu - cost.without.cpu) / max(1, cost.pictures) * 1000
        _say(f"cards {where}: {cost.pictures} pictures, cold {cost.cold}, warm {cost.warm}")
        rows += [
            Row(
                f"Cards, {where} ({cost.pages:,} pages of both editions): generate without cards",
                str(cost.without),
                "",
                None,
            ),
            Row(
                f"Cards, {where}: generate with cards, empty cache ({cost.pictures:,} pictures drawn)",
                f"{cost.cold} = {per:.1f} ms CPU a picture",
                "",
                None,
            ),
            Row(
                f"Cards, {where}: generate again, every picture cached",
                f"{cost.warm}, {cost.warm_drawn} drawn",
                "0 drawn",
                cost.warm_drawn == 0,
            ),
        ]
        median = median_size(cost.card_sizes)
        rows.append(
            Row(
                f"Card pictures, {where}: median and largest, total of both editions",
                f"{_kb(median)}, {_kb(max(cost.card_sizes, default=0))}, {_mb(sum(cost.card_sizes))}",
                "",
                None,
            )
        )
    cards, weight = projected_bytes(median, 10_000)
    rows.append(
        Row(
            f"Card pictures projected to 10,000 projects ({cards:,} cards, both editions, median size)",
            _mb(weight),
            "",
            None,
        )
    )
    return rows


SPEED_SIZES = (2000, 10000)  # issue 22: the preview at 2,000 projects, the fresh build and site at 10,000


def speed_rows(ws: Workspace, edits: tuple[int, int], reps: int) -> list[Row]:
    """Issue 22: an edit in the reloaded preview (real size and 2,000 projects, both editions), and
    a second build with nothing changed against the same build without PDFs (real size)."""
    rows = []
    for label, root, limit, edits_here in (
        ("the real site", real_project(ws.base / "real-preview"), 1.0, edits[0]),
        (f"{SPEED_SIZES[0]:,} projects", ws.project(SPEED_SIZES[0]), 2.0, edits[1]),
    ):
        latency, complete, searched = reload_latency(root, edits_here)
        _say(
            f"reload after an edit, {label}: {latency}; every page after {complete:.2f} s; "
            f"search index after {searched:.2f} s"
        )
        rows.append(
            Row(
                f"Preview: one project record saved → the preview's first reload answer (the pages it "
                f"changed), {label}, both editions, median of {edits_here}",
                str(latency),
                f"< {limit:.0f} s",
                latency.cpu < limit,
            )
        )
        rows.append(
            Row(
                f"Preview: the same save → every page covers it (the lists and figures, behind the first "
                f"reload: a second reload), {label}, both editions, median of {edits_here}",
                f"{complete:.2f} s wall",
                "",
                None,
            )
        )
        rows.append(
            Row(
                f"Preview: the same save → the search index covers it (behind the reload), {label}, "
                f"both editions, median of {edits_here}",
                f"{searched:.2f} s wall",
                "",
                None,
            )
        )
    with_pdf, without = second_build(real_project(ws.base / "real-build"), reps)
    ratio = with_pdf.cpu / without.cpu
    _say(f"second build with PDFs {with_pdf}; without {without}")
    rows.append(
        Row(
            "Second `osa-site build --pdf` with nothing changed ÷ the same build with --no-pdf, real site, "
            f"each a new process, median of {reps}",
            f"{ratio:.2f} ({with_pdf} vs {without}; wall {with_pdf.wall / without.wall:.2f})",
            "≤ 1.2",
            ratio <= 1.2,
        )
    )
    return rows


def large_rows(ws: Workspace) -> list[Row]:
    """Issue 22: a fresh build of both editions at 10,000 projects, and the size of its site."""
    size = SPEED_SIZES[1]
    seconds, site = fresh_build(ws, size, pictures_cached=False)
    _say(f"fresh build {size}, every card drawn: {seconds}")
    cached, site = fresh_build(ws, size, pictures_cached=True)
    _say(f"fresh build {size}, card pictures cached: {cached}")
    by_kind = size_by_kind(site)
    total = sum(by_kind.values())
    return [
        *_time_rows(size, seconds, cached),
        *phase_rows(ws, size),
        Row(f"Site size, {size:,} projects, both editions", _mb(total), "< 1 GB", total < 1024**3),
        Row(
            f"Site size by kind of file, {size:,} projects, both editions",
            ", ".join(f"{kind} {_mb(n)}" for kind, n in by_kind.most_common()),
            "",
            None,
        ),
        Row(f"Pages, {size:,} projects, both editions", f"{page_count(site):,}", "", None),
    ]


FRESH_TARGET_S = 150  # issue 22: a fresh build of both editions at 10,000 projects, CPU seconds


def _time_rows(size: int, seconds: Timing, cached: Timing) -> list[Row]:
    return [
        Row(
            f"Fresh full build, {size:,} projects, both editions (generate + mkdocs --strict, no PDFs), "
            "empty picture cache: every card drawn",
            str(seconds),
            f"≤ {FRESH_TARGET_S} s CPU",
            seconds.cpu <= FRESH_TARGET_S,
        ),
        Row(
            "The same build into a new folder, card pictures cached (as CI keeps .osa-cache)",
            str(cached),
            "",
            None,
        ),
    ]


def phase_rows(ws: Workspace, size: int) -> list[Row]:
    """Where the fresh build's time goes (benchmarks/floor.py): the build phase by phase, then
    MkDocs alone on the same pages cut to one line each, and what that leaves of the target."""
    out = ws.base / f"phases{size}"
    phases = phase_times(ws.project(size), out)  # the pictures are cached by the builds before
    _say("phases: " + ", ".join(f"{name} {t}" for name, t in phases.items()))
    pages = floor_tree(out / "osa-build", ws.base / f"floor{size}")
    floor = floor_times(ws.base / f"floor{size}")
    _say("MkDocs on one-line pages: " + ", ".join(f"{lang} {t}" for lang, t in floor.items()))
    fixed = sum(t.cpu for t in floor.values()) + phases["Pagefind"].cpu
    return [
        Row(
            f"The same build phase by phase in one process, {size:,} projects, pictures cached",
            ", ".join(f"{name} {t.cpu:.1f}" for name, t in phases.items())
            + f": {sum(t.cpu for t in phases.values()):.1f} s CPU",
            "",
            None,
        ),
        Row(
            f"MkDocs and Material alone: the same {pages:,} pages of both editions, each cut to one line "
            "of text (front matter kept)",
            ", ".join(f"{lang} {t}" for lang, t in floor.items()),
            "",
            None,
        ),
        Row(
            f"The target's {FRESH_TARGET_S} s less MkDocs on one-line pages and Pagefind: left for "
            "generating the pages, their text and their cards",
            f"{FRESH_TARGET_S - fixed:.1f} s CPU",
            "",
            None,
        ),
    ]


def size_by_kind(site: Path) -> Counter[str]:
    """Bytes of the site's files by kind: pages, card pictures, search index, downloads..."""
    kinds: Counter[str] = Counter()
    for path in site.rglob("*"):
        if path.is_file():
            kinds[_kind_of(path)] += path.stat().st_size
    return kinds


def _kind_of(path: Path) -> str:
    if "pagefind" in path.parts:
        return "search index"
    if "cards" in path.parts and path.suffix == ".png":
        return "card pictures"
    if path.name.startswith("citation."):
        return "citation files"
    named = {".html": "pages", ".csv": "CSV", ".xml": "XML and feeds", ".json": "JSON data"}
    return named.get(path.suffix, "assets and other")


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
    parser.add_argument(
        "--thai",
        action="store_true",
        help=f"only the cost of the Thai edition, at {THAI_SIZE} projects, median of 5 (~3 minutes)",
    )
    parser.add_argument(
        "--cards",
        action="store_true",
        help="only the cost of the share cards, on the shipped site and at 2,000 projects (~3 minutes)",
    )
    parser.add_argument(
        "--speed",
        action="store_true",
        help="only issue 22's preview and second-build targets (real size and 2,000 projects, ~5 minutes)",
    )
    parser.add_argument(
        "--large",
        action="store_true",
        help="only issue 22's fresh build and site size at 10,000 projects (heavy: run it alone)",
    )
    parser.add_argument(
        "--search",
        action="store_true",
        help="only search: relevance, and bytes and time to the first result in Chromium, at real size "
        "and at --search-sizes (~15-30 minutes at the default sizes)",
    )
    parser.add_argument(
        "--search-sizes",
        default=",".join(map(str, SEARCH_SIZES)),
        help="synthetic sizes for --search, comma-separated ('' for the shipped content only)",
    )
    parser.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help="--search: build in this folder, keep it, and reuse the sites a previous run built there",
    )
    parser.add_argument("--out", type=Path, default=None, help="where to write the Markdown table")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    flags = ("search", "history", "thai", "cards", "speed", "large", "quick")
    name = next((flag for flag in flags if getattr(args, flag)), "full")
    out = args.out or REPO / "benchmarks" / f"results{'' if name == 'full' else '-' + name}.md"
    started = time.perf_counter()
    if args.history:
        with Workspace() as ws:
            rows = history_rows(ws, PLANS["full"].sizes[1], 3)
    elif args.thai:
        with Workspace() as ws:
            rows = thai_rows(ws, THAI_SIZE, 5)
    elif args.cards:
        with Workspace() as ws:
            rows = card_rows(ws)
    elif args.speed:
        with Workspace() as ws:
            rows = speed_rows(ws, edits=(5, 3), reps=2)
    elif args.large:
        with Workspace() as ws:
            rows = large_rows(ws)
    elif args.search:
        sizes = tuple(int(n) for n in args.search_sizes.replace(",", " ").split())
        with Workspace(args.workspace) as ws:
            _say(f"workspace {ws.base}")
            rows = search_rows(ws, sizes)
    else:
        rows = run(PLANS[name])
    command = "python scripts/bench.py" + ("" if name == "full" else f" --{name}")
    if args.search and args.search_sizes != ",".join(map(str, SEARCH_SIZES)):
        command += f" --search-sizes '{args.search_sizes}'"
    header = (
        f"# OSA Monitor benchmark ({name})\n\n`{command}` on {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; ran {time.perf_counter() - started:.0f} s."
    )
    text = table(rows, header)
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(r.ok is not False for r in rows) else 1
