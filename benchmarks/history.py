"""The cost of reading record history from git at scale (`python scripts/bench.py --history`).

A synthetic project (see synth.py) is committed into a temporary git repository in four
commits with fixed dates: every record; 5 % of the projects get a new amount; another 5 %
a handover step; 10 projects are removed. Then, each timed separately:

- reading git: `history.read_history`, one `git log` plus one `git cat-file --batch`;
- describing: `changes.change_log`, comparing each record's YAML before and after each commit;
- rendering: the /changes/ page and every Atom feed.

Reading git is mostly spent in git's own processes, so CPU time here counts this process and
its children (`os.times`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from osa_site.history.changes import change_log
from osa_site.history.feeds import render_feeds
from osa_site.history.git import read_history
from osa_site.model.index import build_index
from osa_site.model.site import SiteContext
from osa_site.output.generate import read_config
from osa_site.records.content import load_dataset
from osa_site.render.changes import render_changes_page

from .synth import make_project

__all__ = ["HistoryCost", "make_history_repo", "history_cost"]

DATES = (
    "2025-01-10T09:00:00+00:00",
    "2025-02-10T09:00:00+00:00",
    "2025-03-10T09:00:00+00:00",
    "2025-04-10T09:00:00+00:00",
)


def _git(repo: Path, *args: str, date: str = DATES[0]) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True, capture_output=True
    )


def _edit(file: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _handover(data: dict) -> None:
    data.setdefault("lifecycle", []).append(
        {"stage": "handover", "date": "2025-03", "sources": data["sources"][:1]}
    )


def make_history_repo(root: Path, projects: int) -> Path:
    """A synthetic project with four content commits (see the module's docstring)."""
    make_project(root, projects)
    files = sorted((root / "content" / "equipment").glob("synth-*.yaml"))
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Every record", date=DATES[0])
    for file in files[0::20] or files[:1]:  # tiny datasets still get one of each change
        _edit(file, lambda data: data.update(amount_jpy=(data.get("amount_jpy") or 0) + 1_000_000))
    _git(root, "commit", "-q", "--allow-empty", "-am", "New amounts", date=DATES[1])
    for file in files[7::20] or files[:1]:
        _edit(file, _handover)
    _git(root, "commit", "-q", "--allow-empty", "-am", "Handovers", date=DATES[2])
    removed = [f.relative_to(root).as_posix() for f in files[3:200:20] or files[-1:]]
    if removed:
        _git(root, "rm", "-q", *removed)
    _git(root, "commit", "-q", "--allow-empty", "-m", "Removals", date=DATES[3])
    return root


@dataclass(frozen=True)
class HistoryCost:
    records: int
    file_changes: int
    record_changes: int
    read_git: tuple[float, float]  # median (CPU incl. child processes, wall) seconds
    describe: tuple[float, float]
    render: tuple[float, float]


def _median(run: Callable[[], object], reps: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(max(1, reps)):
        before, started = os.times(), time.perf_counter()
        run()
        after = os.times()
        wall.append(time.perf_counter() - started)
        cpu.append(sum(after[:4]) - sum(before[:4]))
    return statistics.median(cpu), statistics.median(wall)


def history_cost(root: Path, reps: int) -> HistoryCost:
    """Time reading, describing and rendering the history of the repository at `root`."""
    index = build_index(load_dataset(root / "content", root))
    config = read_config(root)
    history = read_history(root)
    log = change_log(history, index)
    ctx = SiteContext(site_url=config.get("site_url", ""), changes=log)
    return HistoryCost(
        index.dataset.count(),
        len(history.changes),
        len(log.changes),
        _median(lambda: read_history(root), reps),
        _median(lambda: change_log(history, index), reps),
        _median(lambda: (render_changes_page(index, ctx), render_feeds(index, ctx)), reps),
    )
