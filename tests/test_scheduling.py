"""The suite's order under pytest-xdist: the scopes marked `long` are handed out first
(tests/conftest.py, pyproject's --no-loadscope-reorder), so a run does not end with one worker on
a long scope and the other idle."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _collected(*args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}  # not an xdist worker's
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_the_long_tests_come_first_and_xdist_keeps_the_order() -> None:
    everything, long = _collected(), _collected("-m", "long")
    assert 5 <= len(long) < len(everything) // 10
    assert everything[: len(long)] == long
    assert any("test_search_relevance.py::TestZensicalBuild" in test for test in long)
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--dist loadscope" in addopts and "--no-loadscope-reorder" in addopts
