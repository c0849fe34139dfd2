"""Portability: the generated tree builds with Zensical too, every generated page comes out, pages
have a working search box and load nothing from other hosts, and a hostile record title is inert.

Zensical comes with the test extra (pinned to the release that installs here); without it these tests fail.
The same hostile title is checked on the MkDocs build in test_determinism.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitetools import HOSTILE_PROJECT, HOSTILE_TITLE, ROOT, run_zensical, search_fragments, zensical_build

from osa_site.app.zensical import ZensicalFailed
from osa_site.app.zensical import zensical_build as run_zensical_into
from osa_site.model.urls import directory
from osa_site.output.generate import read_config
from osa_site.render.escape import read_front_matter


def expected_html(docs: Path, site: Path) -> list[Path]:
    """The HTML file each Markdown page of the docs tree should become (directory URLs)."""
    pages = sorted(md.relative_to(docs).as_posix() for md in docs.rglob("*.md"))
    return [site / directory(page) / "index.html" for page in pages]


def missing_pages(tree: Path) -> list[str]:
    expected = expected_html(tree / "docs", tree / "site")
    return [p.relative_to(tree).as_posix() for p in expected if not p.is_file()]


@pytest.fixture(scope="module")
def zensical_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return zensical_build(ROOT, tmp_path_factory.mktemp("zensical"))


@pytest.fixture(scope="module")
def hostile_tree(zensical_hostile_tree: Path) -> Path:
    """The Zensical build of the hostile copy (conftest.py), shared with the browser's search tests."""
    return zensical_hostile_tree


def test_every_generated_page_is_built_by_zensical(zensical_tree: Path) -> None:
    assert len(list((zensical_tree / "docs").rglob("*.md"))) > 50
    assert missing_pages(zensical_tree) == []


def test_zensical_pages_have_the_search_box(zensical_tree: Path) -> None:
    """Zensical draws its own header and search partials: the theme overrides none of them."""
    pages = sorted((zensical_tree / "site").rglob("index.html"))
    without = [
        p.relative_to(zensical_tree).as_posix()
        for p in pages
        if 'class="md-search__button"' not in p.read_text(encoding="utf-8")
    ]
    assert pages and without == []


def excluded_from_search(md: Path) -> bool:
    """The page's front matter says `search: {exclude: true}` (the changes page: its records are indexed)."""
    meta = read_front_matter(md.read_text(encoding="utf-8")) or {}
    return (meta.get("search") or {}).get("exclude") is True


def test_zensical_search_index_holds_every_page(zensical_tree: Path) -> None:
    """Pagefind indexes the Zensical build: every page but those excluded from search (the
    changes page: its records are indexed), and Zensical's search.json keeps only its settings."""
    located = set(search_fragments(zensical_tree / "site"))
    docs = sorted((zensical_tree / "docs").rglob("*.md"))
    pages = {"/" + directory(md.relative_to(zensical_tree / "docs").as_posix()): md for md in docs}
    excluded = {page for page, md in pages.items() if excluded_from_search(md)}
    assert excluded == {"/changes/"}
    assert set(pages) - excluded - located == set()
    assert excluded & located == set()
    settings = json.loads((zensical_tree / "site" / "search.json").read_text(encoding="utf-8"))
    assert settings["items"] == [] and settings["config"]["lang"] == ["en"]


def test_zensical_and_mkdocs_builds_index_the_same_pages_with_the_same_metadata(
    zensical_tree: Path, built_site: Path
) -> None:
    """One search on both engines: the same pages, each with the same kind, country, year and
    name that the ranking reads, and the same opening words."""
    zensical, mkdocs = search_fragments(zensical_tree / "site"), search_fragments(built_site)
    assert sorted(zensical) == sorted(mkdocs)
    differing = [url for url in mkdocs if zensical[url]["meta"] != mkdocs[url]["meta"]]
    assert differing == []
    opening = [url for url in mkdocs if zensical[url]["content"][:60] != mkdocs[url]["content"][:60]]
    assert opening == []


def test_zensical_pages_name_their_generator(zensical_tree: Path) -> None:
    page = (zensical_tree / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="zensical-[0-9.]+">', page)


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


ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; | *emphasis* radar"


def test_a_hostile_title_is_inert_on_zensical(hostile_tree: Path) -> None:
    site = hostile_tree / "site"
    pages = sorted(site.rglob("*.html"))
    injected = [p.relative_to(site).as_posix() for p in pages if "<script>alert" in p.read_text("utf-8")]
    assert injected == []
    page = (site / "equipment" / HOSTILE_PROJECT / "index.html").read_text(encoding="utf-8")
    assert f"<title>{ESCAPED} - OSA Monitor</title>" in page
    assert re.search(
        r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*'
        + re.escape(ESCAPED)
        + r"\s*</span>",
        page,
    )
    assert "<em>emphasis</em>" not in page


def test_the_zensical_search_index_holds_a_hostile_title_as_text(hostile_tree: Path) -> None:
    """As on the MkDocs build (test_determinism.py): the index holds the title as the reader reads
    it, as text; the worker escapes what it shows (tests/browser/test_zensical_search.py)."""
    fragment = search_fragments(hostile_tree / "site")[f"/equipment/{HOSTILE_PROJECT}/"]
    assert fragment["meta"]["title"] == fragment["meta"]["name"] == HOSTILE_TITLE
    assert fragment["content"].startswith(HOSTILE_TITLE + ". ")


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


def test_the_thai_tree_builds_with_zensical_too(zensical_tree: Path) -> None:
    """With its Thai heading ids: Zensical reads the `!!python/name:` slugify of the tree's config."""
    thai = zensical_tree / "th"
    run_zensical(thai)
    assert missing_pages(thai) == []
    assert '<html lang="th"' in (thai / "site" / "recipients" / "philippines" / "index.html").read_text(
        encoding="utf-8"
    )
    methodology = (thai / "site" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2\b[^>]*\bid="ที่มาของข้อมูล"', methodology)


def test_a_tree_zensical_refuses_fails_with_what_it_said(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ZensicalFailed) as failed:
        run_zensical_into(tmp_path / "mkdocs.yml", tmp_path / "out")
    said = str(failed.value)
    assert f"Zensical could not build {(tmp_path / 'mkdocs.yml').resolve()}" in said
    assert len(said.splitlines()) > 1  # what Zensical printed follows
    assert not (tmp_path / "out").exists()
