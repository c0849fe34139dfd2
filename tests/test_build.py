"""End to end: the real content/ builds with MkDocs --strict, and every record is findable.

`built_site` (conftest.py) is the session's one build of the real content: generate + MkDocs --strict.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitetools import search_fragments, shipped_copy

from osa_site.output.generate import generate_tree
from osa_site.records.content import load_dataset
from osa_site.records.problems import RecordError

ROOT = Path(__file__).resolve().parents[1]


def test_every_record_has_its_page(built_site: Path) -> None:
    dataset = load_dataset(ROOT / "content", ROOT)
    for kind in ("recipients", "equipment", "agreements", "milestones", "budgets", "sources"):
        for entry in dataset.of(kind):
            assert (built_site / kind / entry.id / "index.html").is_file(), f"{kind}/{entry.id}"


def test_sections_exist(built_site: Path) -> None:
    for page in [
        "",
        "brief",
        "recipients",
        "equipment",
        "agreements",
        "timeline",
        "sources",
        "methodology",
        "open-questions",
        "about",
        "budgets",
        "milestones",
    ]:
        assert (built_site / page / "index.html").is_file(), page


def test_search_index_holds_every_project_recipient_and_agreement(built_site: Path) -> None:
    locations = set(search_fragments(built_site))
    dataset = load_dataset(ROOT / "content", ROOT)
    for kind in ("recipients", "equipment", "agreements"):
        for entry in dataset.of(kind):
            assert f"/{kind}/{entry.id}/" in locations


def test_search_results_say_what_each_page_is(built_site: Path) -> None:
    fragments = search_fragments(built_site)
    project = fragments["/equipment/2023-bangladesh-patrol-boats/"]["meta"]
    assert project["kind"] == "Project" and project["country"] == "Bangladesh" and project["year"] == "FY2023"
    assert project["name"] == project["title"] == "Patrol boats for the Bangladesh Navy"
    agreement = fragments["/agreements/mongolia-2024/"]["meta"]
    assert agreement["kind"] == "Agreement" and agreement["country"] == "Mongolia"
    assert agreement["name"].startswith("Japan Mongolia agreement")  # Pagefind keeps 'Japan–Mongolia' whole
    assert fragments["/recipients/djibouti/"]["meta"]["recipient"] == "Djibouti"
    sources = [
        f["meta"] for url, f in fragments.items() if url.startswith("/sources/") and url != "/sources/"
    ]
    source = sources[0]
    assert source["kind"] == "Source" and "name" not in source  # a source does not rank as the record
    assert fragments["/equipment/"]["meta"]["kind"] == "List"
    assert fragments["/"]["meta"]["kind"] == "Page"


def test_search_index_leaves_out_the_chrome_the_history_and_the_changes_page(built_site: Path) -> None:
    fragments = search_fragments(built_site)
    assert "/changes/" not in fragments and "/404.html" not in fragments
    radar = fragments["/equipment/2024-mongolia-atc-radar/"]
    assert "history" not in {anchor["id"] for anchor in radar["anchors"]}
    assert "Skip to content" not in radar["content"] and "Editing guide" not in radar["content"]  # nav
    assert radar["content"].startswith("Air traffic control radar for the Mongolian Air Force")


def _cited_names(page: Path) -> list[str]:
    """The names of the records that a built source page lists under "Cited by"."""
    section = page.read_text(encoding="utf-8").split('id="cited-by"', 1)[1].split("</div>", 1)[0]
    record_link = r'<a href="\.\./\.\./(?:equipment|recipients|agreements|milestones)/[^"]+">([^<]+)</a>'
    return re.findall(record_link, section)


def test_a_source_page_is_indexed_without_the_records_that_cite_it(built_site: Path) -> None:
    """A source page is found by its own words (its title), not by the names of the records it lists."""
    fragments = search_fragments(built_site)
    pages = sorted((built_site / "sources").glob("*/index.html"))
    cited = {page: _cited_names(page) for page in pages}
    assert sum(bool(names) for names in cited.values()) > 50
    for page, names in cited.items():
        source = fragments[f"/sources/{page.parent.name}/"]
        assert "cited-by" not in {anchor["id"] for anchor in source["anchors"]}, page
        assert source["meta"]["title"].split()[0] in source["content"], page
        assert not any(f"{name} (" in source["content"] for name in names), (page, names)


def test_patrol_boat_projects_are_indexed_under_those_words(built_site: Path) -> None:
    hits = {
        url
        for url, fragment in search_fragments(built_site).items()
        if url.startswith("/equipment/") and "patrol boats" in fragment["content"].lower()
    }
    for country in ("bangladesh", "fiji", "indonesia"):
        assert any(country in h for h in hits), country


def test_home_figures_are_computed_from_the_records(built_site: Path) -> None:
    html = (built_site / "index.html").read_text()
    dataset = load_dataset(ROOT / "content", ROOT)
    assert f"<strong>{len(dataset.of('equipment'))}</strong> signed projects" in html


def test_no_page_names_a_third_party_font_or_cdn(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        for host in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "cdnjs"):
            assert host not in text, (page, host)


def test_a_dangling_reference_fails_with_file_and_line_and_builds_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shipped_copy(project)
    record = project / "content" / "equipment" / "2024-mongolia-atc-radar.yaml"
    lines = record.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("recipient:"))
    lines[number] = "recipient: mongolai"
    record.write_text("\n".join(lines) + "\n")
    with pytest.raises(RecordError) as caught:
        generate_tree(project, project / "osa-build")
    problem = caught.value.problems[0]
    assert problem.path == "content/equipment/2024-mongolia-atc-radar.yaml"
    assert problem.line == number + 1 and problem.field == "recipient"
    assert "did you mean 'mongolia'?" in problem.message
    assert not (project / "osa-build").exists()
