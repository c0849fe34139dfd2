"""The code passes the project's linter, formatter check and type checker, so `pytest` alone runs every check.

ruff and mypy come with the test extra; a missing one fails here rather than skipping.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_every_file_as_it_is() -> None:
    result = run("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_passes_on_the_package() -> None:
    """mypy reads its settings (files, strictness, the pydantic plugin) from pyproject.toml."""
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_type_checker_catches_a_type_error(tmp_path: Path) -> None:
    """The check can fail: the same settings refuse a wrong type."""
    bad = tmp_path / "bad.py"
    bad.write_text("def twice(n: int) -> int:\n    return n * 2\n\n\ntwice('2')\n", encoding="utf-8")
    result = run("mypy", "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(bad))
    assert result.returncode == 1 and "arg-type" in result.stdout, result.stdout + result.stderr
