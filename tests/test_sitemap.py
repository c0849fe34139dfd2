"""An edition's sitemap made an index (osa_site/output/sitemap.py): examples, and properties over
any list of pages."""

from __future__ import annotations

import gzip
import re
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.output.sitemap import index_sitemap

SITE = "https://example.org/osa/"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def engine_sitemap(pages: list[tuple[str, str]]) -> str:
    """A sitemap as MkDocs writes it (indented, one <url> per page)."""
    inner = " " * 9
    entries = "".join(
        f"    <url>\n{inner}<loc>{loc}</loc>\n{inner}<lastmod>{day}</lastmod>\n    </url>\n"
        for loc, day in pages
    )
    return HEAD + entries + "</urlset>"


def written(site: Path, pages: list[tuple[str, str]], mtime: int = 1764000000) -> Path:
    site.mkdir(parents=True, exist_ok=True)
    text = engine_sitemap(pages)
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode(), mtime=mtime))
    return site


def locs(text: str) -> list[str]:
    return re.findall(r"<loc>([^<]*)</loc>", text)


def test_the_sitemap_becomes_an_index_of_a_file_that_lists_the_pages(tmp_path: Path) -> None:
    site = written(tmp_path, [(SITE, "2026-12-01"), (SITE + "about/", "2026-12-02")])
    index_sitemap(site, SITE)
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and locs(index) == [SITE + "sitemap-1.xml"]
    assert "<lastmod>2026-12-02</lastmod>" in index  # the newest of its pages
    pages = (site / "sitemap-1.xml").read_text(encoding="utf-8")
    assert locs(pages) == [SITE, SITE + "about/"]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == index


def test_the_gz_copy_keeps_the_engines_time(tmp_path: Path) -> None:
    site = written(tmp_path, [(SITE, "2026-12-01")], mtime=1796256000)
    index_sitemap(site, SITE)
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == (1796256000).to_bytes(4, "little")


def test_an_address_with_an_ampersand_stays_escaped(tmp_path: Path) -> None:
    site = written(tmp_path, [(SITE + "a&amp;b/", "2026-12-01")])
    index_sitemap(site, SITE)
    assert locs((site / "sitemap-1.xml").read_text(encoding="utf-8")) == [SITE + "a&amp;b/"]


def test_without_an_absolute_site_address_the_sitemap_is_left_alone(tmp_path: Path) -> None:
    site = written(tmp_path, [("/about/", "2026-12-01")])
    before = (site / "sitemap.xml").read_bytes()
    index_sitemap(site, "")
    index_sitemap(site, "/osa/")
    assert (site / "sitemap.xml").read_bytes() == before and not (site / "sitemap-1.xml").exists()


def test_a_site_without_a_sitemap_is_left_alone(tmp_path: Path) -> None:
    index_sitemap(tmp_path, SITE)
    assert list(tmp_path.iterdir()) == []


DAYS = st.dates().map(lambda d: d.isoformat())
PATHS = st.text("abc-/&<>é", max_size=12)


@settings(max_examples=60, deadline=None)
@given(pages=st.lists(st.tuples(PATHS, DAYS), max_size=40), most=st.integers(1, 15))
def test_every_page_is_listed_once_in_order_in_files_of_at_most_most(
    pages: list[tuple[str, str]], most: int
) -> None:
    escaped = [(SITE + escape(p), day) for p, day in pages]
    with tempfile.TemporaryDirectory() as folder:
        site = written(Path(folder), escaped)
        index_sitemap(site, SITE, most)
        once = {p.name: p.read_bytes() for p in site.iterdir()}
        index_sitemap(site, SITE, most)  # again: an index is left as it is
        assert {p.name: p.read_bytes() for p in site.iterdir()} == once
        files = locs(once["sitemap.xml"].decode())
        assert files == [f"{SITE}sitemap-{n}.xml" for n in range(1, max(1, -(-len(pages) // most)) + 1)]
        listed = [locs(once[f.removeprefix(SITE)].decode()) for f in files]
        assert all(len(part) <= most for part in listed)
        assert [loc for part in listed for loc in part] == [loc for loc, _ in escaped]
        days = re.findall(r"<lastmod>([^<]*)</lastmod>", once["sitemap-1.xml"].decode())
        assert days == [d for _, d in escaped[:most]]
