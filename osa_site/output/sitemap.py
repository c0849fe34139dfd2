"""An edition's sitemap as a sitemap index: `sitemap.xml` lists the files that list the pages.

The engines write every page of an edition into one `sitemap.xml`. Material's language selector
script fetches "sitemap.xml" below the address of each `<link rel="alternate">` of the page it runs
on, and parses it on the page's main thread. On an edition's home page those addresses are the
editions' roots, so every reader who opened the home page of a 10,000-project site downloaded
6.5 MB of sitemaps and waited about 3 s for the page to answer (the search box included).

`index_sitemap` moves the pages into `sitemap-1.xml`, `sitemap-2.xml`, … (at most `PAGES_PER_FILE`
each, the sitemap protocol's limit) and writes `sitemap.xml`, and its `.gz` copy, as an index of
them, which search engines read as they read a sitemap (https://www.sitemaps.org/protocol.html).
Material finds no page in an index, and the selector's links already name each page's twin in
the other edition (theme/partials/osa-twin.html), so the script has nothing to map.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["PAGES_PER_FILE", "index_sitemap"]

PAGES_PER_FILE = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<{{root}} xmlns="{NS}">\n'


def _fields(url: ET.Element) -> list[tuple[str, str]]:
    """A page's entry (loc, lastmod, …) as (name, text) pairs, in order."""
    return [(child.tag.removeprefix(f"{{{NS}}}"), (child.text or "").strip()) for child in url]


def _document(root: str, entries: list[list[tuple[str, str]]], entry: str) -> bytes:
    lines = [_HEAD.format(root=root)]
    for fields in entries:
        inner = "".join(f"<{name}>{escape(text)}</{name}>" for name, text in fields)
        lines.append(f"  <{entry}>{inner}</{entry}>\n")
    lines.append(f"</{root}>\n")
    return "".join(lines).encode("utf-8")


def _gzip_mtime(path: Path) -> int:
    """The time the engine wrote into its .gz copy's header (the build's SOURCE_DATE_EPOCH)."""
    try:
        with path.open("rb") as stream:
            header = stream.read(8)
    except OSError:
        return 0
    return int.from_bytes(header[4:8], "little") if header[:2] == b"\x1f\x8b" else 0


def index_sitemap(site_dir: Path, site_url: str, most: int = PAGES_PER_FILE) -> None:
    """Turn the edition's `site_dir/sitemap.xml` into an index of files of at most `most` pages,
    named by their addresses below `site_url` (the edition's public root).

    Nothing happens where there is no sitemap, where it is an index already, or where there is no
    absolute `site_url` (an index must name its files by their absolute addresses).
    """
    path = site_dir / SITEMAP
    if not path.is_file() or not site_url.startswith(("https://", "http://")):
        return
    root = ET.fromstring(path.read_bytes())
    if root.tag != f"{{{NS}}}urlset":
        return
    pages = [_fields(url) for url in root.findall(f"{{{NS}}}url")]
    base = site_url.rstrip("/") + "/"
    files = []
    for n, start in enumerate(range(0, max(len(pages), 1), most), start=1):
        part = pages[start : start + most]
        name = f"sitemap-{n}.xml"
        (site_dir / name).write_bytes(_document("urlset", part, "url"))
        modified = max((text for fields in part for key, text in fields if key == "lastmod"), default="")
        files.append([("loc", base + name), *([("lastmod", modified)] if modified else [])])
    index = _document("sitemapindex", files, "sitemap")
    compressed = site_dir / f"{SITEMAP}.gz"
    mtime = _gzip_mtime(compressed)
    path.write_bytes(index)
    compressed.write_bytes(gzip.compress(index, mtime=mtime))
