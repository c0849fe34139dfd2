"""The measurements behind `scripts/bench.py`, one small function each.

Every timing is the median of `reps` runs in this process. Sizes are counted in
equipment records; the other kinds grow in proportion (see `synth.counts_for`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from osa_site.history.git import read_history
from osa_site.model.index import build_index
from osa_site.output.cards import cache_folder
from osa_site.output.generate import data_changed, generate_tree, read_config, site_context
from osa_site.records.content import discover, load_dataset
from osa_site.render.site import render_site

from .plain import make_plain_project
from .synth import REPO, make_project

__all__ = [
    "Workspace",
    "Timing",
    "median_time",
    "pipeline_rates",
    "full_build",
    "fresh_build",
    "plain_build",
    "site_sizes",
    "preview_latency",
]


class Workspace:
    """Temporary project folders, removed on exit; or, given `keep`, that folder, kept, so that a
    later run reuses the sites built there (`scripts/bench.py --search --workspace DIR`)."""

    def __init__(self, keep: Path | None = None) -> None:
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
        self.base = keep or Path(tempfile.mkdtemp(prefix="osa-bench-"))
        self.kept = keep is not None
        self._projects: dict[int, Path] = {}

    def project(self, size: int) -> Path:
        if size not in self._projects:
            self._projects[size] = make_project(self.base / f"p{size}", size)
        return self._projects[size]

    def fresh(self, name: str) -> Path:
        folder = self.base / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.kept:
            shutil.rmtree(self.base, ignore_errors=True)


@dataclass(frozen=True)
class Timing:
    """Median seconds of CPU time (this process, all threads) and of wall-clock time.

    Targets are judged on CPU time: on a shared 2-core machine the wall clock measures the neighbours.
    """

    cpu: float
    wall: float

    def __str__(self) -> str:
        return f"{self.cpu:.2f} s CPU ({self.wall:.2f} s wall)"


def cpu_seconds() -> float:
    """CPU time so far of this process and of every child it has waited for (the Thai edition's
    MkDocs build runs in a forked worker; git runs in its own processes)."""
    return sum(os.times()[:4])


def median_time(run: Callable[[], object], reps: int) -> Timing:
    cpu, wall = [], []
    for _ in range(max(1, reps)):
        started, started_cpu = time.perf_counter(), cpu_seconds()
        run()
        cpu.append(cpu_seconds() - started_cpu)
        wall.append(time.perf_counter() - started)
    return Timing(statistics.median(cpu), statistics.median(wall))


def _parse_only(root: Path) -> int:
    count = 0
    for _, file in discover(root / "content"):
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    return count


def _pipeline(root: Path) -> int:
    dataset = load_dataset(root / "content", root)
    history = read_history(root)
    index = build_index(dataset, data_changed(history))
    render_site(index, site_context(read_config(root), index, history))
    return dataset.count()


@dataclass(frozen=True)
class Rates:
    records: int
    pipeline: float  # records per second
    parse_only: float

    @property
    def ratio(self) -> float:
        return self.pipeline / self.parse_only


def pipeline_rates(root: Path, reps: int) -> Rates:
    """Load + validate + index + render (no writing) against libyaml's parse of the same files."""
    records = _pipeline(root)  # warm the file cache and imports
    pipeline = median_time(lambda: _pipeline(root), reps).cpu
    parse = median_time(lambda: _parse_only(root), reps).cpu
    return Rates(records, records / pipeline, records / parse)


def _build_once(root: Path, out: Path, editions: tuple[str, ...] = ("en", "th")) -> None:
    from osa_site.app.sitebuild import build_site

    shutil.rmtree(out, ignore_errors=True)
    generate_tree(root, out / "osa-build", editions=editions)
    build_site(out / "osa-build", out / "site")


_BUILD_IN_A_NEW_PROCESS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from benchmarks.measure import _build_once
_build_once(Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3].split(",")))
"""


def _build_in_a_new_process(root: Path, out: Path, editions: tuple[str, ...]) -> None:
    """One full build the way `osa-site build` runs: a new Python process, nothing imported or
    remembered (PyThaiNLP's dictionary, the segmentation memo, the message catalogues)."""
    command = [
        sys.executable,
        "-c",
        _BUILD_IN_A_NEW_PROCESS,
        str(root),
        str(out),
        ",".join(editions),
        str(REPO),
    ]
    subprocess.run(command, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def thai_cost(ws: Workspace, size: int, reps: int) -> tuple[Timing, Timing]:
    """Full builds of both editions and of English alone, at the same size, each in a new process
    and taking turns (so both see the same machine): (both, English only)."""
    root, out = ws.project(size), ws.base / f"editions{size}"
    both: list[Timing] = []
    english: list[Timing] = []
    for _ in range(max(1, reps)):
        both.append(median_time(lambda: _build_in_a_new_process(root, out, ("en", "th")), 1))
        english.append(median_time(lambda: _build_in_a_new_process(root, out, ("en",)), 1))
    return _median_timing(both), _median_timing(english)


def _median_timing(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.cpu for t in timings), statistics.median(t.wall for t in timings))


def full_build(ws: Workspace, size: int, reps: int) -> tuple[Timing, Path]:
    """Generate from scratch and build with MkDocs --strict; returns (median seconds, site folder)."""
    root, out = ws.project(size), ws.base / f"out{size}"
    seconds = median_time(lambda: _build_once(root, out), reps)
    return seconds, out / "site"


def fresh_build(ws: Workspace, size: int, pictures_cached: bool) -> tuple[Timing, Path]:
    """One build into a new output folder (`full_build`): with the project's picture cache emptied
    first, so every card picture is drawn as on a new machine, or with the pictures the last build
    left in it."""
    if not pictures_cached:
        shutil.rmtree(cache_folder(ws.project(size)), ignore_errors=True)
    return full_build(ws, size, 1)


def page_count(site: Path) -> int:
    """How many pages a built site has (one index.html per page under directory URLs)."""
    return sum(1 for _ in site.rglob("index.html"))


def plain_build(ws: Workspace, pages: int, reps: int) -> Timing:
    """A default mkdocs-material build of `pages` simple pages, all listed in the nav."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = make_plain_project(ws.fresh(f"plain{pages}"), pages)

    def run() -> None:
        build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site")))

    return median_time(run, reps)


@dataclass(frozen=True)
class Sizes:
    median_record_page: int  # bytes, equipment record pages
    median_page: int
    largest_page: int
    largest_page_name: str
    total_site: int
    search_index: int
    records: int

    @property
    def search_per_record(self) -> float:
        return self.search_index / self.records


def site_sizes(site: Path, records: int) -> Sizes:
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    record_pages = [
        n for name, n in pages.items() if name.startswith("equipment/") and name != "equipment/index.html"
    ]
    largest = max(pages, key=lambda name: pages[name])
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    # Pagefind's index of the English edition, stored in full (a reader fetches only a query's share).
    index = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return Sizes(
        int(statistics.median(record_pages)),
        int(statistics.median(pages.values())),
        pages[largest],
        largest,
        total,
        index,
        records,
    )


def preview_latency(ws: Workspace, size: int, edits: int) -> Timing:
    """Seconds from saving one edited project record to the rebuilt preview (median over `edits`)."""
    from osa_site.app.preview import Preview

    root = ws.base / f"preview{size}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ws.project(size), root)
    preview = Preview(root, on_error=lambda _error: None)
    try:
        assert preview.rebuild(), "the synthetic project does not validate"
        files = sorted((root / "content" / "equipment").glob("synth-*.yaml"))
        edited = iter(range(max(1, edits)))

        def edit_and_rebuild() -> None:
            i = next(edited)
            record = files[(i * 97) % len(files)]
            data = yaml.safe_load(record.read_text(encoding="utf-8"))
            data["title"] = f"Edited {i}: {data['title']}"
            record.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            assert preview.rebuild(), "the edited record does not validate"

        return median_time(edit_and_rebuild, edits)
    finally:
        preview.close()
