"""Portability: the generated tree builds with Zensical too, and every generated page comes out.

Zensical comes with the test extra (pinned to the release that installs here); without it these tests fail.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitetools import ROOT

from osa_site.generate import generate_tree, read_config
from osa_site.urls import directory


def expected_html(docs: Path, site: Path) -> list[Path]:
    """The HTML file each Markdown page of the docs tree should become (directory URLs)."""
    pages = sorted(md.relative_to(docs).as_posix() for md in docs.rglob("*.md"))
    return [site / directory(page) / "index.html" for page in pages]


def missing_pages(tree: Path) -> list[str]:
    expected = expected_html(tree / "docs", tree / "site")
    return [p.relative_to(tree).as_posix() for p in expected if not p.is_file()]


@pytest.fixture(scope="module")
def zensical_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("zensical")
    generate_tree(ROOT, tree)
    done = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(tree / "mkdocs.yml")],
                          cwd=tree, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return tree


def test_every_generated_page_is_built_by_zensical(zensical_tree: Path) -> None:
    assert len(list((zensical_tree / "docs").rglob("*.md"))) > 50
    assert missing_pages(zensical_tree) == []


RESOURCE = re.compile(r"<(?:link|script|img|iframe|source)\b[^>]*>", re.I)
URL_ATTR = re.compile(r"\b(?:src|href)=\"([^\"]*)\"", re.I)


def foreign_resources(site: Path, own_host: str) -> set[tuple[str, str]]:
    """(page, URL) of every stylesheet, script, image or frame taken from a host but the site's."""
    found = set()
    for page in sorted(site.rglob("*.html")):
        for tag in RESOURCE.findall(page.read_text(encoding="utf-8")):
            for url in URL_ATTR.findall(tag):
                host = urlsplit(url).netloc
                if host and host != own_host:
                    found.add((page.relative_to(site).as_posix(), url))
    return found


def test_zensical_pages_load_nothing_from_other_hosts(zensical_tree: Path) -> None:
    own_host = urlsplit(read_config(ROOT)["site_url"]).netloc
    assert sorted(foreign_resources(zensical_tree / "site", own_host))[:10] == []


def test_missing_pages_are_reported(tmp_path: Path) -> None:
    """The check itself: a Markdown page without its HTML is listed."""
    (tmp_path / "docs" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "a" / "index.md").write_text("# A\n")
    (tmp_path / "docs" / "b.md").write_text("# B\n")
    (tmp_path / "site" / "b").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("<h1>Home</h1>")
    (tmp_path / "site" / "b" / "index.html").write_text("<h1>B</h1>")
    assert missing_pages(tmp_path) == ["site/a/index.html"]
