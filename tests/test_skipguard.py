"""The suite's own guard: under CI=true a skip fails the run; elsewhere it stays a skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SUITE = """
import pytest

def test_passes():
    assert True

def test_skips():
    pytest.skip("a feature is missing")

@pytest.mark.xfail(reason="known")
def test_expected_failure():
    assert False
"""
MODULE_SKIP = 'import pytest\n\npytest.skip("this module needs a tool", allow_module_level=True)\n'


def inner_pytest(tmp_path: Path, ci: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A pytest of its own on `tmp_path`, with only the guard and xdist as plugins.

    Nothing of the outer run leaks in: its PYTEST_* variables (an xdist worker's among them) are dropped, and
    no installed plugin loads by itself, so the tiny suite starts and stops in seconds even on a busy machine.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env |= {"CI": ci, "PYTHONPATH": str(TESTS), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    plugins = ["-p", "xdist.plugin", "-p", "skipguard", "-p", "no:cacheprovider"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *plugins, "-q", "--rootdir", str(tmp_path), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_suite(tmp_path: Path, ci: str, *options: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_tiny.py").write_text(SUITE, encoding="utf-8")
    (tmp_path / "test_module_skip.py").write_text(MODULE_SKIP, encoding="utf-8")
    return inner_pytest(tmp_path, ci, "-rs", *options, str(tmp_path))


def test_a_skip_fails_the_run_under_ci(tmp_path: Path) -> None:
    result = run_suite(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed, 1 skipped, 1 xfailed" in result.stdout  # the module skip fails the run too
    assert "skipped under CI=true, which allows no skip: a feature is missing" in result.stdout


@pytest.mark.long  # starts a pytest of its own with two workers
def test_a_skip_fails_the_run_under_ci_with_xdist_workers(tmp_path: Path) -> None:
    """The suite runs on pytest-xdist's workers (pyproject.toml): skips there fail the run as well."""
    result = run_suite(tmp_path, "true", "-n", "2")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed, 1 skipped, 1 xfailed" in result.stdout
    assert "skipped under CI=true, which allows no skip: a feature is missing" in result.stdout
    (tmp_path / "test_tiny.py").unlink()  # left alone, a module skipped at collection still fails the run
    alone = inner_pytest(tmp_path, "true", "-n", "2")
    assert alone.returncode == 1 and "1 skipped" in alone.stdout, alone.stdout


def test_a_skip_stays_a_skip_outside_ci(tmp_path: Path) -> None:
    result = run_suite(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped, 1 xfailed" in result.stdout
    assert "SKIPPED [1] test_tiny.py" in result.stdout  # the -rs summary names it
