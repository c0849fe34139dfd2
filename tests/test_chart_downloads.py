"""Charts to reuse (issue 21): every site-wide chart offers its SVG, PNG and numbers (CSV), with a
"Cite as" line under it, in both editions; the CSV has the numbers of the chart's table."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image, ImageColor
from sitetools import ROOT

from osa_site.history.git import read_history
from osa_site.i18n.languages import language
from osa_site.i18n.segment import ZWSP
from osa_site.model.index import build_index
from osa_site.output.generate import data_changed, read_config
from osa_site.records.content import load_dataset
from osa_site.render.charts.vega import BAR

SITE_URL = read_config(ROOT)["site_url"]
SLUGS = ["chart-projects-fy", "chart-projects-recipient", "chart-projects-domain", "chart-budget"]
EDITIONS = {"en": "", "th": "th/"}


def text(fragment: str) -> str:
    """The text of an HTML fragment, as a reader sees it (tags dropped, no word marks)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace(ZWSP, "").split())


def section(page: str, slug: str) -> str:
    """From the chart's figure to the next heading of its level."""
    start = page.index(f'<figure class="osa-chart" id="{slug}">')
    end = page.find("<h2", start)
    return page[start : end if end > 0 else len(page)]


def downloads(block: str, page_address: str) -> dict[str, str]:
    """{extension: address} of the chart's downloads, resolved against the page's address."""
    reuse = re.search(r'<div class="osa-chart-reuse">(.*?)</div>', block, re.S)
    assert reuse, "no downloads under the chart"
    links = re.findall(r'<a href="([^"]+)">(SVG|PNG|CSV)</a>', reuse.group(1))
    return {name.lower(): urljoin(page_address, href) for href, name in links}


def local(site: Path, address: str) -> Path:
    return site / address.removeprefix(SITE_URL)


def table_rows(block: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", block, re.S)
    assert body, "no table under the chart"
    return [
        [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in body.group(1).split("</tr>")[:-1]
    ]


@pytest.fixture(scope="module")
def index():
    """The index as the build makes it: the data's date from the records' git history."""
    return build_index(load_dataset(ROOT / "content", ROOT), data_changed(read_history(ROOT)))


@pytest.mark.parametrize("edition", sorted(EDITIONS))
@pytest.mark.parametrize("slug", SLUGS)
def test_each_chart_offers_svg_png_and_csv_with_its_citation(
    built_site: Path, edition: str, slug: str, index
) -> None:
    lang = language(edition)
    page_address = SITE_URL + EDITIONS[edition] + "charts/"
    page = (built_site / EDITIONS[edition] / "charts" / "index.html").read_text(encoding="utf-8")
    block = section(page, slug)
    files = downloads(block, page_address)
    assert files == {
        ext: f"{SITE_URL}{EDITIONS[edition]}data/charts/{slug}.{ext}" for ext in ("svg", "png", "csv")
    }

    svg = ET.fromstring(local(built_site, files["svg"]).read_text(encoding="utf-8"))
    assert svg.tag.endswith("svg") and 'aria-roledescription="bar"' in ET.tostring(svg, encoding="unicode")
    picture = Image.open(io.BytesIO(local(built_site, files["png"]).read_bytes()))
    picture.load()
    # At twice the chart's size (its labels are set in the bundled font, so the width differs a little
    # from the SVG's), and its bars drawn in the bar colour.
    width, height = float(svg.get("width") or 0), float(svg.get("height") or 0)
    assert picture.format == "PNG" and picture.size == pytest.approx((2 * width, 2 * height), rel=0.1)
    colours = {colour for _count, colour in picture.convert("RGB").getcolors(1 << 20) or []}
    assert ImageColor.getrgb(BAR) in colours

    rows = list(csv.reader(io.StringIO(local(built_site, files["csv"]).read_text(encoding="utf-8"))))
    head = re.search(r"<thead>(.*?)</thead>", block, re.S)
    assert head and rows[0] == [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1), re.S)]
    shown = table_rows(block)
    assert len(rows) - 1 == len(shown) > 0
    for numbers, cells in zip(rows[1:], shown, strict=True):
        assert numbers[0] == cells[0]
        if slug == "chart-budget":
            assert lang.yen(int(numbers[1])) in cells[1] and numbers[2] == cells[2]
        else:
            assert int(numbers[1]) == int(cells[1].replace(",", ""))
            assert (lang.yen(int(numbers[2])) if numbers[2] else lang.gettext("Not stated")) == cells[2]
            assert (numbers[3] if numbers[3] != "0" else "—") == cells[3]

    cite = text(re.search(r'<div class="osa-chart-reuse">(.*?)</div>', block, re.S).group(1))
    title = text(re.findall(r"<h2[^>]*>(.*?)</h2>", page[: page.index(f'id="{slug}"')], re.S)[-1])
    assert lang.gettext("Cite as") in cite and f'"{title}"' in cite and "OSA Monitor" in cite
    assert lang.date(index.as_of) in cite and f"{page_address}#{slug}" in cite


@pytest.mark.parametrize("edition", sorted(EDITIONS))
@pytest.mark.parametrize(
    ("page", "slug"), [("index.html", "chart-projects-fy"), ("budgets/index.html", "chart-budget")]
)
def test_charts_elsewhere_link_the_same_downloads(
    built_site: Path, edition: str, page: str, slug: str
) -> None:
    address = SITE_URL + EDITIONS[edition] + page.removesuffix("index.html")
    block = section((built_site / EDITIONS[edition] / page).read_text(encoding="utf-8"), slug)
    files = downloads(block, address)
    assert sorted(files) == ["csv", "png", "svg"]
    assert all(local(built_site, target).is_file() for target in files.values())
