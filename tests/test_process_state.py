"""A build leaves the process as it found it: environment, log handlers and filters, bounded caches."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from osa_site.app import sitebuild
from osa_site.history.git import last_commit_epoch
from osa_site.output.generate import generate_tree

ROOT = Path(__file__).resolve().parents[1]


def test_environment_sets_only_what_is_unset_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSA_KEPT", "mine")
    monkeypatch.delenv("OSA_ADDED", raising=False)
    with sitebuild.environment(OSA_KEPT="theirs", OSA_ADDED="added", OSA_NONE=None):
        assert os.environ["OSA_KEPT"] == "mine"
        assert os.environ["OSA_ADDED"] == "added"
        assert "OSA_NONE" not in os.environ
    assert os.environ["OSA_KEPT"] == "mine"
    assert "OSA_ADDED" not in os.environ


def test_environment_is_restored_when_the_block_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSA_ADDED", raising=False)
    with pytest.raises(RuntimeError), sitebuild.environment(OSA_ADDED="added"):
        raise RuntimeError
    assert "OSA_ADDED" not in os.environ


def test_source_date_epoch_comes_from_git_during_the_build_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with sitebuild.source_date_epoch(ROOT):
        assert os.environ["SOURCE_DATE_EPOCH"] == last_commit_epoch(ROOT)
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_a_build_restores_environment_and_logging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("NO_MKDOCS_2_WARNING", raising=False)
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")]
    before = [(list(lg.handlers), list(lg.filters)) for lg in loggers]
    generate_tree(ROOT, tmp_path / "osa-build")
    sitebuild.build_site(tmp_path / "osa-build", tmp_path / "site", ROOT)
    sitebuild.mkdocs_build(tmp_path / "osa-build" / "mkdocs.yml", tmp_path / "site", strict=False, dirty=True)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert "NO_MKDOCS_2_WARNING" not in os.environ
    assert [(list(lg.handlers), list(lg.filters)) for lg in loggers] == before


def test_importing_the_package_touches_no_logger() -> None:
    """In a fresh interpreter: importing every adapter adds no handler or filter to any logger."""
    code = (
        "import logging, osa_site.app.cli, osa_site.app.preview, osa_site.app.sitebuild\n"
        "names = list(logging.root.manager.loggerDict)\n"
        "loggers = [logging.getLogger()] + [logging.getLogger(n) for n in names]\n"
        "print(sum(len(lg.filters) + len(lg.handlers) for lg in loggers))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0", done.stdout + done.stderr
