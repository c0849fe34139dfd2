"""Page-to-URL arithmetic, in one place: renderers, the preview and the tests all use it.

Pages are named by their Markdown file under the docs folder (`equipment/x.md`,
`recipients/index.md`, `index.md`). With MkDocs' directory URLs (which Zensical
follows too) each is served at a folder: `equipment/x/`, `recipients/`, the root.
Links are worked out by string arithmetic on these docs-relative paths; no
`posixpath.relpath`, which calls `os.getcwd()` twice per link.
"""

from __future__ import annotations

__all__ = ["rel", "href", "directory", "page_url"]


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
