"""The speed targets of issue 22, one function each: an edit seen in the reloaded preview, a
second build with nothing changed against the same build without PDFs, and a fresh build.

`reload_latency` times what an editor waits for: from saving a record to the moment the preview's
live-reload answer tells the browser to reload (the long poll MkDocs' reload script makes, made
here over HTTP), both editions rebuilt. CPU time is this process's (the server and its rebuilds
run in its threads) and its children's. The search index catches up behind the reload; how long
after the save it is complete is timed too, and the next edit waits for it, so no edit's CPU time
holds another's indexing.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import yaml

from .measure import Timing, cpu_seconds
from .synth import REPO

__all__ = ["real_project", "reload_latency", "second_build", "build_command"]


def real_project(folder: Path) -> Path:
    """A copy of the shipped content and settings (the site at its real size)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.read().decode("utf-8")


def _edit(record: Path, i: int) -> None:
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["title"] = f"Edited {i}: {data['title']}"
    record.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _poll(base: str, epoch: str, answer: list[str]) -> None:
    """Wait, as the reload script does, until the preview shows a newer version than `epoch`
    (MkDocs answers an unchanged version after a minute: ask again)."""
    for _ in range(20):
        now = _get(f"{base}livereload/{epoch}/1")
        if int(now) > int(epoch):
            answer.append(now)
            return


def reload_latency(root: Path, edits: int) -> tuple[Timing, float, float]:
    """Median time from saving one edited project record to the preview's first reload answer (the
    pages the edit changed), median wall time from the save to every page covering it (the register,
    the timeline, the figures: the second reload), and to the search index covering it."""
    from osa_site.app.preview import start_preview

    server = start_preview(root, _free_port(), on_error=lambda error: print(error, file=sys.stderr))
    try:
        files = sorted((root / "content" / "equipment").glob("*.yaml"))
        cpu, wall, complete, searched = [], [], [], []
        for i in range(max(1, edits)):
            epoch = _get(f"{server.url}livereload/0/0")  # the version now shown, at once
            answer: list[str] = []
            poll = threading.Thread(target=_poll, args=(server.url, epoch, answer))
            poll.start()
            time.sleep(0.3)  # the poll is waiting before the save
            started, started_cpu = time.perf_counter(), cpu_seconds()
            _edit(files[(i * 97) % len(files)], i)
            poll.join()
            wall.append(time.perf_counter() - started)
            cpu.append(cpu_seconds() - started_cpu)
            assert answer and int(answer[0]) > int(epoch), "the preview did not reload"
            rebuilt = getattr(server.preview, "rebuilt", {"en": []})  # (older previews did not say)
            assert rebuilt.get("en") is not None, "the edit was rebuilt in full"
            pages = getattr(server.preview, "wait_for_pages", lambda _timeout: True)  # (older: at once)
            assert pages(1800), "the rest of the pages did not catch up"
            complete.append(time.perf_counter() - started)
            wait = getattr(server.preview, "wait_for_search", lambda _timeout: True)  # (older: at once)
            assert wait(1800), "the search index did not catch up"
            searched.append(time.perf_counter() - started)
            time.sleep(0.3)
        timing = Timing(statistics.median(cpu), statistics.median(wall))
        return timing, statistics.median(complete), statistics.median(searched)
    finally:
        server.stop()


def build_command(root: Path, pdf: bool) -> list[str]:
    osa_site = Path(sys.executable).with_name("osa-site")
    return [str(osa_site), "--root", str(root), "build", "--pdf" if pdf else "--no-pdf", "--out", "site"]


def _timed_run(command: list[str]) -> Timing:
    """One command in a new process: its CPU time (children's, from os.times) and wall time."""
    before, started = os.times(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Timing(cpu, time.perf_counter() - started)


def second_build(root: Path, reps: int) -> tuple[Timing, Timing]:
    """`osa-site build --pdf` with nothing changed since the last one, against `osa-site build
    --no-pdf` (also after one of its own), each a new process, taking turns: (with PDFs, without)."""
    _timed_run(build_command(root, pdf=True))
    with_pdf, without = [], []
    for _ in range(max(1, reps)):
        _timed_run(build_command(root, pdf=False))
        without.append(_timed_run(build_command(root, pdf=False)))
        _timed_run(build_command(root, pdf=True))
        with_pdf.append(_timed_run(build_command(root, pdf=True)))
    return _median(with_pdf), _median(without)


def _median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.cpu for t in timings), statistics.median(t.wall for t in timings))
