"""End to end: the real content/ builds with MkDocs --strict, and every record is findable.

`built_site` (conftest.py) is the session's one build of the real content: generate + MkDocs --strict.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from osa_site.generate import generate_tree
from osa_site.problems import RecordError
from osa_site.validate import load_dataset

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
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    dataset = load_dataset(ROOT / "content", ROOT)
    for kind in ("recipients", "equipment", "agreements"):
        for entry in dataset.of(kind):
            assert f"{kind}/{entry.id}/" in locations


def test_patrol_boat_projects_are_indexed_under_those_words(built_site: Path) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    hits = {
        d["location"].split("#")[0]
        for d in docs
        if d["location"].startswith("equipment/") and "patrol boats" in (d["title"] + " " + d["text"]).lower()
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
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    record = project / "content" / "equipment" / "2024-mongolia-atc-radar.yaml"
    lines = record.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("recipient:"))
    lines[number] = "recipient: mongolai"
    record.write_text("\n".join(lines) + "\n")
    with pytest.raises(RecordError) as caught:
        generate_tree(project, project / "build")
    problem = caught.value.problems[0]
    assert problem.path == "content/equipment/2024-mongolia-atc-radar.yaml"
    assert problem.line == number + 1 and problem.field == "recipient"
    assert "did you mean 'mongolia'?" in problem.message
    assert not (project / "build").exists()
