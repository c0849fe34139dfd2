"""Browser fixtures: Debian's Chromium through Playwright, one browser per session, a fresh tab per test.

Every request any page or worker makes is recorded (context-level route plus request
events); requests to any host but the local server are recorded and aborted, so a
test can assert the site is self-contained. Chromium's own DNS look-ups are stopped
by --host-resolver-rules. Never run `playwright install`: the browser is Debian's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitetools import ROOT, LocalServer, made_once, parted_copy, site_prefix, zensical_editions_build

from osa_site.app.pdf import CHROME_ARGS  # one set of flags for the tests and the PDF step

CHROMIUM = Path(os.environ.get("OSA_CHROMIUM", "/usr/bin/chromium"))  # Debian's; override for tests
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BROWSER_DIR = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _missing_system_packages() -> list[str]:
    """What the browser tests need from Debian (.ci/apt-packages installs both): the browser, and a
    Thai font, without which Chromium lays Thai text out in fallback glyphs of other widths."""
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    fc_list = shutil.which("fc-list")  # fontconfig, which Chromium's package brings
    fonts = fc_list and subprocess.run([fc_list, ":lang=th", "family"], capture_output=True, text=True)
    if not (fonts and fonts.stdout.strip()):
        missing.append("no Thai font is installed: apt-get install fonts-thai-tlwg")
    return missing


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if missing := _missing_system_packages():
        message = "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A fresh browser context and page, with every request it made."""

    base: str
    page: object
    context: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def goto(self, path: str) -> None:
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"

    def foreign(self) -> list[str]:
        """Requests to anything but the local server (data: and blob: URLs are not requests)."""
        local = urlsplit(self.base).netloc
        return sorted(
            {
                u
                for u in self.requests
                if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != local
            }
        )


def _record(tab: Tab, local: str):
    def handle(route) -> None:
        url = route.request.url
        tab.requests.append(url)
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == local:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    return handle


@contextmanager
def open_tab(browser, base: str) -> Iterator[Tab]:
    """A fresh context and page on the site served at `base`, recording every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(10_000)
    page = context.new_page()
    t = Tab(base, page, context)
    local = urlsplit(base).netloc
    context.route("**/*", _record(t, local))
    context.on("request", lambda r: t.requests.append(r.url))
    page.on("request", lambda r: t.requests.append(r.url))
    page.on("pageerror", lambda e: t.errors.append(str(e)))
    try:
        yield t
    finally:
        context.close()


@pytest.fixture
def tab(browser, site_url: str) -> Iterator[Tab]:
    """A tab on the MkDocs (Material) build of the site."""
    with open_tab(browser, site_url) as t:
        yield t


PARTED_PAGES = 60  # pages per part of the parted copy's indexes: three or more parts per edition


@pytest.fixture(scope="session")
def parted_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site with each edition's search index in parts, as a large site's is, served locally."""
    site = made_once(tmp_path_factory, "parted", lambda f: parted_copy(built_site, f, PARTED_PAGES))
    with LocalServer(site, site_prefix()) as server:
        yield server.url


@pytest.fixture
def parted_tab(browser, parted_url: str) -> Iterator[Tab]:
    """A tab on the built site whose search indexes are in parts."""
    with open_tab(browser, parted_url) as t:
        yield t


@pytest.fixture(scope="session")
def zensical_url(zensical_hostile_tree: Path) -> Iterator[str]:
    """The Zensical build of a copy of the content whose one project has a hostile title, served locally
    (the same build test_zensical.py checks, see conftest.py)."""
    with LocalServer(zensical_hostile_tree / "site", site_prefix()) as server:
        yield server.url


@pytest.fixture
def zensical_tab(browser, zensical_url: str) -> Iterator[Tab]:
    """A tab on the Zensical build of the site."""
    with open_tab(browser, zensical_url) as t:
        yield t


@pytest.fixture(scope="session")
def zensical_editions_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both editions of this work tree's content built with Zensical (English at the root, Thai under
    th/), once per run, served locally."""
    site = made_once(
        tmp_path_factory, "zensical-editions", lambda f: zensical_editions_build(ROOT, f / "tree")
    )
    with LocalServer(site, site_prefix()) as server:
        yield server.url


@pytest.fixture
def zensical_editions_tab(browser, zensical_editions_url: str) -> Iterator[Tab]:
    """A tab on the Zensical build of both editions."""
    with open_tab(browser, zensical_editions_url) as t:
        yield t


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())[:240]
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_violations():
    """A function: the page's axe-core violations as readable text ('' when none).

    axe is injected inline from the vendored copy, so it makes no request.
    """
    source = AXE.read_text(encoding="utf-8")

    def check(page) -> str:
        page.add_script_tag(content=source)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        return _describe(violations)

    return check
