"""Every internal link and asset reference in the built site resolves; external links are listed.

Internal: href/src/srcset values that point into the site, including #anchors on the
same page and on other pages, which must match an id (or <a name>) there. External
links are never fetched: they are written to a report (OSA_LINK_REPORT, or a file in
the session's temporary folder) and summarised at the end of the run.
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from sitetools import LINK_REPORT, page_as_read, site_prefix

LINK_ATTRS = {"href", "src", "poster", "data", "action"}
SKIP_SCHEMES = {"javascript", "data", "blob", "about"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRS:
                self.links.append((tag, value.strip()))
            elif name == "srcset":
                self.links += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]


@functools.cache
def parse(file: Path) -> _Page:
    page = _Page()
    page.feed(page_as_read(file))  # the navigation a record page loads is checked too
    return page


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, file: Path, prefix: str) -> str:
    """The URL a file is served at: folder/index.html → /prefix/folder/."""
    rel = file.relative_to(site).as_posix()
    rel = rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel
    return "http://site" + prefix + rel


def target_file(site: Path, path: str, prefix: str) -> Path | None:
    """The file a site URL path serves, or None."""
    if not path.startswith(prefix):
        return None
    rel = unquote(path[len(prefix) :])
    candidate = site / rel
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site: Path, prefix: str) -> tuple[list[str], dict[str, set[str]]]:
    """(broken internal references, {external URL: pages linking to it})."""
    broken: list[str] = []
    external: dict[str, set[str]] = defaultdict(set)
    for file in html_files(site):
        base = page_url(site, file, prefix)
        where = file.relative_to(site).as_posix()
        for tag, value in parse(file).links:
            scheme = urlsplit(value).scheme.lower()
            if scheme in SKIP_SCHEMES or value == "":
                continue
            if scheme in EXTERNAL_SCHEMES or value.startswith("//"):
                external[value].add(where)
                continue
            url = urlsplit(urljoin(base, value))
            target = target_file(site, url.path, prefix)
            if target is None:
                broken.append(f"{where}: <{tag}> {value!r} → no file at {url.path}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parse(target).ids:
                broken.append(
                    f"{where}: <{tag}> {value!r} → no id {url.fragment!r} in "
                    f"{target.relative_to(site).as_posix()}"
                )
    return broken, external


def write_report(external: dict[str, set[str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{url}\t{len(pages)} page(s)\t{', '.join(sorted(pages)[:3])}"
        for url, pages in sorted(external.items())
    ]
    path.write_text(
        "# External links (not fetched): URL, how many pages, first pages\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )


def test_every_internal_link_resolves(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, record_property
) -> None:
    broken, external = check_site(built_site, site_prefix())
    default = tmp_path_factory.mktemp("links") / "external-links.txt"
    report = Path(os.environ.get("OSA_LINK_REPORT") or default)
    write_report(external, report)
    record_property(LINK_REPORT, (str(report), len(external)))  # conftest.py lists it in the summary
    assert len(html_files(built_site)) > 50
    assert broken == [], f"{len(broken)} broken internal references:\n" + "\n".join(broken[:50])


def test_sources_are_linked_externally(built_site: Path) -> None:
    """Every source page links out to its source: the report is not empty by accident."""
    _, external = check_site(built_site, site_prefix())
    source_pages = {
        p.parent.relative_to(built_site).as_posix() + "/index.html"
        for p in (built_site / "sources").glob("*/index.html")
    }
    linked = {page for pages in external.values() for page in pages}
    assert source_pages and source_pages <= linked, sorted(source_pages - linked)[:5]


def test_sitemap_lists_only_existing_pages(built_site: Path, root: Path) -> None:
    from osa_site.output.generate import read_config

    site_url = read_config(root)["site_url"].rstrip("/") + "/"
    listed = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert listed == [f"{site_url}sitemap-1.xml"]  # an index (osa_site/output/sitemap.py)
    locs = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap-1.xml").read_text(encoding="utf-8"))
    assert len(locs) > 50
    missing = [
        loc
        for loc in locs
        if not loc.startswith(site_url)
        or target_file(built_site, site_prefix() + loc[len(site_url) :], site_prefix()) is None
    ]
    assert missing == []


def test_checker_catches_broken_links_and_anchors(tmp_path: Path) -> None:
    """The checker itself: a missing page, a missing cross-page anchor, a missing asset."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top" id="top">ok</a>'
        '<a href="b/">missing page</a><a href="a/#nowhere">missing anchor</a><img src="x.png">'
        '<a href="https://example.org/">external</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">Here</h2><a href="../">up</a>', encoding="utf-8"
    )
    broken, external = check_site(tmp_path, "/")
    assert [b.split(" → ")[0] for b in broken] == [
        "index.html: <a> 'b/'",
        "index.html: <a> 'a/#nowhere'",
        "index.html: <img> 'x.png'",
    ]
    assert set(external) == {"https://example.org/"}
