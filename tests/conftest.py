"""Shared fixtures: the project root, one built site per test run, and a local server for it.

The site is built once (generate + MkDocs, as `osa-site build` does) into a temporary
folder and served on 127.0.0.1 on a free port, under site_url's path, so every test
that needs real HTML shares one build. The Zensical build of the hostile copy is shared
the same way (test_zensical.py reads it, the browser tests search it). Under pytest-xdist
the workers share both builds too (`made_once`); each worker serves its own copy of the
server on its own free port.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from quickloop import QUICK_MODULES
from sitetools import (
    LINK_REPORT,
    ROOT,
    LocalServer,
    build_into,
    hostile_copy,
    made_once,
    site_prefix,
    zensical_build,
)
from skipguard import pytest_runtest_makereport, pytest_sessionfinish  # noqa: F401 - hooks: no skip under CI

from osa_site.output.cards import CACHE_ENV


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks the inner loop's tests `quick`, and puts the tests marked `long` first, in their order:
    pytest-xdist hands out whole scopes in this order (pyproject's --no-loadscope-reorder), so the
    longest start first and the run does not end with one worker busy and the other idle."""
    for item in items:
        if item.path.name in QUICK_MODULES:
            item.add_marker(pytest.mark.quick)
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


# test_links' external-link reports (file, count), from its reports' user properties: a property
# travels with the test's report, so the summary sees it from pytest-xdist's workers too.
_link_reports: list[tuple[str, int]] = []


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session", autouse=True)
def picture_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Card pictures and chart PNGs are cached in the run's temporary folder, shared by pytest-xdist's
    workers (writes are atomic), never in the work tree; tests of the cache set their own."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "picture-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


def _build_without_epoch(folder: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:  # restored as soon as the build is done
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build_into(ROOT, folder)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of this work tree, built once per run as CI's `osa-site build` builds it: with
    SOURCE_DATE_EPOCH unset, so the build takes it from the last commit (test_determinism.py relies
    on that). Treat it as read-only: test_determinism.py compares it byte for byte with a new build."""
    return made_once(tmp_path_factory, "built", _build_without_epoch)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served on 127.0.0.1 under site_url's path (ends in /)."""
    with LocalServer(built_site, site_prefix()) as server:
        yield server.url


def _hostile_zensical(folder: Path) -> Path:
    return zensical_build(hostile_copy(folder), folder / "tree")


@pytest.fixture(scope="session")
def zensical_hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the content whose one project has a hostile title, generated and built with Zensical
    into tree/site, once per run. Read-only."""
    return made_once(tmp_path_factory, "zensical-hostile", _hostile_zensical)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":  # the teardown's report carries the same properties again
        _link_reports.extend(value for name, value in report.user_properties if name == LINK_REPORT)


def pytest_terminal_summary(terminalreporter) -> None:
    for report, count in _link_reports:
        terminalreporter.write_line(f"external links (not fetched): {count}, listed in {report}")
