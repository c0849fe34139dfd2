"""Helpers shared by the tests that need a built site: build it (once per run, even across
pytest-xdist's workers), and serve it on 127.0.0.1."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from osa_site.generate import generate_tree, read_config
from osa_site.pdf import serve
from osa_site.sitebuild import build_site
from osa_site.urls import site_path

ROOT = Path(__file__).resolve().parent.parent

# The user property (report file, number of external links) test_links records; the summary shows it.
LINK_REPORT = "external_link_report"


def build_into(root: Path, folder: Path) -> Path:
    """Generate and build the site of `root` into `folder`/site; returns the site folder."""
    generate_tree(root, folder / "build")
    build_site(folder / "build", folder / "site", root)
    return folder / "site"


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """`make(folder)`'s result, made once per test run and shared by every process of the run.

    Without pytest-xdist that is `make` in a new temporary folder. Under xdist, each worker has its
    own temporary folder inside the run's: the first worker to ask makes the thing there, in
    `<run>/<name>`, holding a lock, and the others wait for the lock and reuse it. A failed `make` is
    tried again by the next worker, which then fails the same way. Treat the result as read-only.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(factory.mktemp(name))
    run = factory.getbasetemp().parent  # xdist gives worker gwN the base <run>/popen-gwN
    folder, made = run / name, run / f"{name}.made"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            made.write_text(make(folder).relative_to(folder).as_posix(), encoding="utf-8")
        return folder / made.read_text(encoding="utf-8")


def run_zensical(tree: Path) -> None:
    """Build `tree`/mkdocs.yml with Zensical into tree/site.

    The Thai tree's config names a function of osa_site (its heading slugs), so Zensical runs with
    this work tree's osa_site first on its path, not whichever copy is installed.
    """
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(tree / "mkdocs.yml")],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert done.returncode == 0, done.stdout + done.stderr


def zensical_build(root: Path, tree: Path) -> Path:
    """Generate `root`'s tree into `tree` and build it with Zensical into tree/site; returns tree."""
    generate_tree(root, tree)
    run_zensical(tree)
    return tree


# A record title that would inject markup, break a table row and start emphasis if it were not escaped.
HOSTILE_PROJECT = "2024-mongolia-atc-radar"
HOSTILE_TITLE = "<script>alert(1)</script> | *emphasis* radar"


def hostile_copy(root: Path) -> Path:
    """A copy of the project's content and settings in `root`, one project titled HOSTILE_TITLE."""
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    record = root / "content" / "equipment" / f"{HOSTILE_PROJECT}.yaml"
    text, count = re.subn(
        r"^title: .*$",
        f"title: {json.dumps(HOSTILE_TITLE)}",
        record.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    assert count == 1
    record.write_text(text, encoding="utf-8")
    return root


def site_prefix(root: Path = ROOT) -> str:
    """The path the site is published under, from site_url: '/osa-monitor/' or '/'."""
    return site_path(read_config(root).get("site_url", ""))


class LocalServer:
    """The site served on 127.0.0.1 under its published prefix, as GitHub Pages does (404.html uses
    absolute URLs): the PDF step's server (`osa_site.pdf.serve`), with its address as `url`."""

    def __init__(self, directory: Path, prefix: str = "/") -> None:
        self._serving = serve(directory, prefix)
        self.url = ""

    def __enter__(self) -> LocalServer:
        self.url = self._serving.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._serving.__exit__(None, None, None)
