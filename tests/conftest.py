"""Shared fixtures: the project root, one built site per test session, and a local server for it.

The site is built once (generate + MkDocs, as `osa-site build` does) into a temporary
folder and served on 127.0.0.1 on a free port, under site_url's path, so every test
that needs real HTML shares one build. The Zensical build of the hostile copy is shared
the same way (test_zensical.py reads it, the browser tests search it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitetools import (
    EXTERNAL_LINK_REPORTS,
    ROOT,
    LocalServer,
    build_into,
    hostile_copy,
    site_prefix,
    zensical_build,
)
from skipguard import pytest_runtest_makereport, pytest_sessionfinish  # noqa: F401 - hooks: no skip under CI


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of this work tree, built once per session as CI's `osa-site build` builds it: with
    SOURCE_DATE_EPOCH unset, so the build takes it from the last commit (test_determinism.py relies
    on that). Treat it as read-only: test_determinism.py compares it byte for byte with a new build."""
    with pytest.MonkeyPatch.context() as patch:  # restored as soon as the build is done
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build_into(ROOT, tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served on 127.0.0.1 under site_url's path (ends in /)."""
    with LocalServer(built_site, site_prefix()) as server:
        yield server.url


@pytest.fixture(scope="session")
def zensical_hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the content whose one project has a hostile title, generated and built with Zensical
    into tree/site, once per session. Read-only."""
    root = hostile_copy(tmp_path_factory.mktemp("zensical-hostile"))
    return zensical_build(root, root / "tree")


def pytest_terminal_summary(terminalreporter) -> None:
    for report, count in EXTERNAL_LINK_REPORTS:
        terminalreporter.write_line(f"external links (not fetched): {count}, listed in {report}")
