"""Page-to-URL arithmetic, in one place: renderers, the preview and the tests all use it.

Pages are named by their Markdown file under the docs folder (`equipment/x.md`,
`recipients/index.md`, `index.md`). With MkDocs' directory URLs (which Zensical
follows too) each is served at a folder: `equipment/x/`, `recipients/`, the root.
Links are worked out by string arithmetic on these docs-relative paths; no
`posixpath.relpath`, which calls `os.getcwd()` twice per link.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

PDF_FOLDER = "pdf"  # where the printed PDFs go in the site

__all__ = ["rel", "href", "directory", "page_url", "site_path", "pdf_targets", "PDF_FOLDER"]


def rel(from_page: str, to_page: str) -> str:
    """The relative path from one page's file to another's, as Markdown links are written."""
    start = [part for part in from_page.split("/")[:-1] if part]
    target = to_page.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def directory(page: str) -> str:
    """The folder a page is served at, relative to the site: `equipment/x/`, `recipients/`, or `` (home)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def href(from_page: str, to_page: str) -> str:
    """The address of one page relative to another under directory URLs, for raw HTML links
    (which MkDocs does not rewrite): `equipment/x.md` from `recipients/y.md` is `../../equipment/x/`."""
    return rel(_as_index(from_page), _as_index(to_page)).removesuffix("index") or "./"


def _as_index(page: str) -> str:
    return directory(page) + "index"


def page_url(site_url: str, page: str) -> str:
    """The public address of a page: the site's address and the page's folder."""
    return site_url.rstrip("/") + "/" + directory(page)


def site_path(site_url: str) -> str:
    """The path the site is published under, from its address: '/osa-monitor/', or '/' at a host's root."""
    path = urlsplit(site_url).path.strip("/")
    return f"/{path}/" if path else "/"


def pdf_targets(pages: Iterable[str]) -> dict[str, str]:
    """{docs page: PDF path in the site} for the pages that come as PDFs: the brief and each recipient."""
    targets = {}
    for page in sorted(pages):
        path = PurePosixPath(page)
        if page == "brief.md" or (
            path.parent.name == "recipients"
            and len(path.parts) == 2
            and path.suffix == ".md"
            and path.stem != "index"
        ):
            targets[page] = f"{PDF_FOLDER}/{path.with_suffix('.pdf')}"
    return targets
