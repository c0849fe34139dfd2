"""Readers' features: charts, the world map, filters, open data, discrepancies, citation file."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from functools import partial
from pathlib import Path

import pytest
import yaml
from frictionless import validate
from sitetools import ROOT, build_into, shipped_copy

from osa_site.model.index import build_index
from osa_site.model.site import SiteContext
from osa_site.output.generate import generate_tree
from osa_site.records.content import load_dataset
from osa_site.records.schema import KINDS
from osa_site.render.charts import sitewide as charts
from osa_site.render.charts import vega
from osa_site.render.charts.page import render_charts_page
from osa_site.render.charts.worldmap import map_entries
from osa_site.render.data import columns

EXTERNAL = re.compile(r"https?://|@import|url\((?!#)|@font-face")
MAP = re.compile(r'<svg class="osa-map__svg".*?</svg>', re.S)
SVGS = re.compile(r'<svg class="osa-(?:chart|map)__svg.*?</svg>', re.S)
MAP_LINK = re.compile(r'<a class="osa-map__recipient" href="([^"]*)" aria-label="([^"]*)">')


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated docs folder of the real content."""
    out = tmp_path_factory.mktemp("readers")
    generate_tree(ROOT, out)
    return out / "docs"


@pytest.fixture(scope="module")
def index():
    return build_index(load_dataset(ROOT / "content", ROOT))


def read(docs: Path, name: str) -> str:
    return (docs / name).read_text(encoding="utf-8")


# --- Charts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make", [charts.budget_chart, *(partial(charts.bar_chart, name) for name in charts.BAR_CHARTS)]
)
def test_chart_svg_has_marks_a_text_alternative_and_no_outside_url(index, make) -> None:
    chart = make(index, "charts.md")
    block = charts.render_chart(chart)
    svg = re.search(r"<svg.*?</svg>", block, re.S).group(0)
    assert 'aria-roledescription="bar"' in svg  # one path per bar
    assert svg.count('aria-roledescription="bar"') == len(chart.spec["data"]["values"])
    assert not EXTERNAL.search(svg)
    assert 'role="img"' in svg and f'<title id="{chart.slug}-title">' in svg and "<desc " in svg
    assert "<figcaption>" in block and "\n| " in block  # the same numbers as a table


def test_every_chart_on_the_site_is_offline_and_in_a_figure(docs: Path) -> None:
    for page in ["index.md", "charts.md", "budgets/index.md", "recipients/philippines.md"]:
        text = read(docs, page)
        svgs = SVGS.findall(text)
        assert svgs, page
        for svg in svgs:
            assert not EXTERNAL.search(svg), page
            assert "\n\n" not in svg, page  # a blank line would end the raw HTML block


def test_budget_chart_shows_the_proposal_apart_and_notes_the_conflict(index) -> None:
    chart = charts.budget_chart(index, "budgets/index.md")
    stages = {v["fy"]: v["stage"] for v in chart.spec["data"]["values"]}
    assert stages["FY2026"] != stages["FY2024"]  # coloured by stage, with a legend
    svg = vega.vega_svg(chart.spec)
    assert "role-legend" in svg and "Cabinet proposal" in svg
    assert "8.0 billion" in chart.description and "about ¥5 billion" in chart.description
    assert any("¥8\\.0 billion" in " ".join(row) for row in chart.rows)  # Markdown-escaped


def test_chart_text_from_records_is_escaped() -> None:
    spec = vega.spec(
        "t",
        [{"key": "<script>alert(1)</script>", "billions": 1.0, "label": "<b>x</b>"}],
        [{"mark": "bar", "encoding": {"x": {"field": "billions", "type": "quantitative"}}}],
        encoding={"y": {"field": "key", "type": "nominal"}},
    )
    svg = vega.vega_svg(spec)
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_recipient_page_charts_its_projects_over_time(docs: Path, index) -> None:
    page = read(docs, "recipients/philippines.md")
    svg = re.search(r'<svg class="osa-chart__svg osa-chart__svg--small".*?</svg>', page, re.S).group(0)
    projects = index.projects_by_recipient["philippines"]
    assert svg.count("<rect ") == len({p.record.fiscal_year for p in projects if p.record.amount_jpy})
    assert "Projects over time" in page
    assert "osa-chart__svg--small" not in read(docs, "recipients/thailand.md")  # designated: no projects


# --- The map ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "prefix"), [("index.md", "recipients/"), ("recipients/index.md", "")])
def test_map_links_every_recipient_with_an_accessible_name(docs: Path, index, page: str, prefix: str) -> None:
    svg = MAP.search(read(docs, page)).group(0)
    links = dict(MAP_LINK.findall(svg))
    drawn = [m for m in map_entries(index) if m.placement != "absent"]
    assert len(links) == len(drawn) == len(index.dataset.of("recipients"))
    for m in drawn:
        label = links[f"{prefix}{m.entry.id}/"]
        assert label.startswith(m.entry.record.name + ":")
    assert not EXTERNAL.search(svg)


def test_map_marks_designated_and_small_recipients(index) -> None:
    entries = {m.entry.id: m for m in map_entries(index)}
    assert entries["thailand"].shade == "hatch"  # designated, no signed project
    assert entries["thailand"].designated_for == "FY2025"  # read from content/designations/2025.yaml
    assert entries["tonga"].placement == "circle"  # not in the 110m data
    assert entries["philippines"].placement == "shape" and entries["philippines"].shade.startswith("#")


# --- Register and timeline -------------------------------------------------------------------------


def test_register_rows_carry_filter_values_and_the_form_starts_hidden(docs: Path, index) -> None:
    page = read(docs, "equipment/index.md")
    form = re.search(r'<form class="osa-filters" data-osa-filter="register"[^>]*hidden>.*?</form>', page)
    assert form
    for name in ["recipient", "fy", "domain", "confidence"]:
        assert f'name="{name}"' in form.group(0)
    keys = re.findall(r'class="osa-row" data-recipient="([^"]+)"', page)
    assert sorted(keys) == sorted(p.record.recipient for p in index.dataset.of("equipment"))


def test_timeline_has_a_hidden_filter_and_plain_list(docs: Path, index) -> None:
    page = read(docs, "timeline.md")
    assert re.search(r'<form class="osa-filters" data-osa-filter="timeline"[^>]*hidden>', page)
    assert page.count('class="osa-event"') == len(index.events)


def test_scripts_and_styles_are_vendored_and_make_no_request() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for asset in config["extra_javascript"] + config["extra_css"]:
        text = (ROOT / "osa_site" / asset).read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # licence banners name their home page
        assert not re.search(r"https?://|fetch\(|XMLHttpRequest|@import", code), asset
    assert (ROOT / "osa_site/assets/javascripts/LICENSE-tablesort.txt").is_file()
    assert (ROOT / "osa_site/assets/data/LICENSE-world-atlas.txt").is_file()


# --- Open data ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_downloads_have_every_record_and_column(docs: Path, index, kind: str) -> None:
    ids = sorted(e.id for e in index.dataset.of(kind))
    table = list(csv.DictReader(io.StringIO(read(docs, f"data/{kind}.csv"), newline="")))
    records = json.loads(read(docs, f"data/{kind}.json"))
    assert [r["id"] for r in table] == ids == [r["id"] for r in records]
    names = [c.name for c in columns(kind)]
    assert list(table[0]) == names == list(records[0])
    if kind not in ("sources", "analysis"):  # a source, and an analysis piece, is its own address
        assert all(r["source_urls"] for r in records)


def test_datapackage_validates_and_catches_a_bad_value(docs: Path, tmp_path: Path) -> None:
    report = validate(str(docs / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    copy = tmp_path / "data"
    shutil.copytree(docs / "data", copy)
    budgets = json.loads((copy / "budgets.json").read_text(encoding="utf-8"))
    budgets[0]["stage"] = "imagined"
    (copy / "budgets.json").write_text(json.dumps(budgets), encoding="utf-8")
    assert not validate(str(copy / "datapackage.json")).valid


def test_data_page_lists_downloads_licence_and_citation(docs: Path) -> None:
    page = read(docs, "data/index.md")
    for kind in KINDS:
        assert f"]({kind}.csv)" in page and f"]({kind}.json)" in page
    assert "CC BY 4.0" in page and "How to cite" in page


def test_citation_file_is_cff_1_2() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"] and cff["authors"]
    assert "CC-BY-4.0" in cff["license"]


# --- Discrepancies ---------------------------------------------------------------------------------------


def test_discrepancies_show_every_reading_with_its_source_pages(docs: Path, index) -> None:
    page = read(docs, "discrepancies.md")
    contested = [e for kind in KINDS for e in index.dataset.of(kind) if getattr(e.record, "disputes", None)]
    assert contested
    for entry in contested:
        assert f"]({entry.kind}/{entry.id}.md)" in page
        for dispute in entry.record.disputes:
            for reading in dispute.readings:
                for sid in reading.sources:
                    assert f"](sources/{sid}.md)" in page


# --- New records need no code change; builds are deterministic ------------------------------------------


def _add_kenya(root: Path, index) -> None:
    # an official source, so the new project may be confirmed under the confidence rules
    source = sorted(e.id for e in index.dataset.of("sources") if e.record.publisher_type == "official")[0]
    (root / "content/recipients/kenya.yaml").write_text(
        'name: "Kenya"\niso3: KEN\nregion: Africa\n', encoding="utf-8"
    )
    (root / "content/equipment/2025-kenya-test-boats.yaml").write_text(
        f'title: "Test boats for the Kenya Navy"\nrecipient: kenya\nfiscal_year: 2025\ndomain: maritime\n'
        f"amount_jpy: 700000000\nsources: [{source}]\n",
        encoding="utf-8",
    )


def test_a_new_recipient_and_project_appear_everywhere(tmp_path: Path, index) -> None:
    root = shipped_copy(tmp_path / "project")
    _add_kenya(root, index)
    site = build_into(root, tmp_path / "out")  # strict MkDocs build of the new pages
    docs = tmp_path / "out" / "osa-build" / "docs"
    home_map = MAP.search(read(docs, "index.md")).group(0)
    assert 'href="recipients/kenya/" aria-label="Kenya: 1 signed project, ¥700 million"' in home_map
    assert 'href="kenya/"' in MAP.search(read(docs, "recipients/index.md")).group(0)
    assert "Kenya: ¥700 million" in read(docs, "charts.md")
    assert 'data-recipient="kenya"' in read(docs, "equipment/index.md")
    assert "2025-kenya-test-boats" in read(docs, "data/equipment.csv")
    assert any(r["id"] == "kenya" for r in json.loads(read(docs, "data/recipients.json")))
    assert (site / "recipients" / "kenya" / "index.html").is_file()
    assert validate(str(docs / "data" / "datapackage.json")).valid


def _tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate_tree(ROOT, tmp_path / "a")
    vega.clear_cache()  # convert every chart again, not from the cache
    generate_tree(ROOT, tmp_path / "b")
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_empty_content_renders_without_charts(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    index = build_index(load_dataset(tmp_path / "content", tmp_path))
    assert "nothing is charted" in render_charts_page(index, SiteContext())


def test_chart_cache_is_bounded() -> None:
    assert vega._svg.cache_info().maxsize == vega.CACHE_SIZE


def test_totals_are_computed_once_in_the_index(index) -> None:
    projects = index.dataset.of("equipment")
    assert index.total.projects == len(projects)
    assert index.total.value == sum(p.record.amount_jpy or 0 for p in projects)
    assert sum(t.value for t in index.totals_by_fiscal_year.values()) == index.total.value
    assert sum(t.projects for t in index.totals_by_recipient.values()) == len(projects)
    for rid, years in index.recipient_years.items():
        assert sum(t.value for t in years.values()) == index.total_jpy(rid)
    signed = [p for p in projects if p.record.exchange_of_notes]
    assert index.signed_total.value == sum(p.record.amount_jpy or 0 for p in signed)
    assert sum(t.projects for t in index.signed_totals_by_fiscal_year.values()) == len(signed)
