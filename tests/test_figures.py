"""Figures in hand-written pages: the catalogue, placeholders, errors, and a brief that follows the data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures.projects import BASE, BUDGET, dataset_of, make_project, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from sitetools import ROOT
from test_designations import FILES

from osa_site.model.figures import figure_catalogue
from osa_site.model.index import build_index
from osa_site.output.generate import hand_pages
from osa_site.records.content import load_dataset
from osa_site.records.provenance import LEVELS
from osa_site.render.pages import fill_page

BRIEF = "content/pages/brief.md"


def catalogue(root: Path) -> dict[str, str]:
    return {name: f.text for name, f in figure_catalogue(build_index(dataset_of(root))).items()}


def test_the_catalogue_computes_each_figure_from_the_records(tmp_path: Path) -> None:
    values = catalogue(make_project(tmp_path, FILES))
    assert values["projects.signed"] == "1"
    assert values["value.signed.fy2024"] == "¥1.3 billion"
    assert values["budget.fy2024"] == "about ¥5 billion"
    assert values["value.signed.fy2024.share_of_budget"] == "26%"
    assert values["projects.air.share"] == "100%" and values["projects.maritime.share"] == "0%"
    assert values["recipients.signed"] == "1" and values["recipients.region.east_asia"] == "1"
    assert values["recipients.designated_only"] == "2" and values["designations.lapsed"] == "1"
    assert values["designation_to_notes.median"] == "3 months"
    assert values["designation_to_notes.each"] == "Mongolia (FY2024): 3 months"
    assert values["data.last_change"] == "June 2025"  # no git here: the latest date in a record


def test_a_placeholder_becomes_a_link_to_where_the_figure_comes_from(tmp_path: Path) -> None:
    figures = figure_catalogue(build_index(dataset_of(make_project(tmp_path, FILES))))
    text, problems = fill_page(
        "Signed: {{ projects.signed }}; FY2024: {{value.signed.fy2024}}.\n", "brief.md", BRIEF, figures
    )
    assert problems == []
    assert text == "Signed: [1](equipment/index.md); FY2024: [¥1\\.3 billion](equipment/index.md?fy=2024).\n"


def test_figures_built_from_record_text_are_escaped(tmp_path: Path) -> None:
    contested = BASE[BUDGET] + (
        "confidence: contested\ndisputes:\n  - topic: Amount\n    readings:\n"
        '      - value: "<script>alert(1)</script>"\n        sources: [mofa-2025-mongolia-atc-radar]\n'
        '      - value: "[x](javascript:alert(1))"\n        according_to: "*someone*"\n'
        "        sources: []\n"
    )
    figures = figure_catalogue(build_index(dataset_of(make_project(tmp_path, {BUDGET: contested}))))
    text, _ = fill_page("{{ budget.fy2024.readings }}", "brief.md", BRIEF, figures)
    assert "<script" not in text and "](javascript" not in text and "*someone*" not in text
    assert "&lt;script&gt;" in text


def test_unknown_names_are_located_errors_in_check_and_build(tmp_path: Path) -> None:
    page = "# Brief\n\nWe count {{ projects.signed }} projects\nand {{ projects.sigend }} more.\n"
    make_project(tmp_path, {BRIEF: page})
    expected = (
        f"{BRIEF}:4:5: unknown figure 'projects.sigend'; did you mean 'projects.signed'? "
        "(the editing guide lists every figure name)"
    )
    result = run_cli(tmp_path, "check")
    assert result.exit_code == 1 and expected in result.stdout
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = run_cli(tmp_path, "build", "--out", str(tmp_path / "site"))
    assert result.exit_code == 1 and expected in result.output
    assert not (tmp_path / "site").exists()


def test_a_placeholder_that_is_not_a_name_and_a_block_inside_a_sentence_are_errors(tmp_path: Path) -> None:
    figures = figure_catalogue(build_index(dataset_of(make_project(tmp_path))))
    _, problems = fill_page(
        "a {{ Projects Signed }} b\nsee {{ rules.confidence }} here\n", "x.md", "x.md", figures
    )
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            1,
            3,
            "expected a figure name (lowercase letters, digits, dots, underscores) between {{ and }}, "
            "received 'Projects Signed'",
        ),
        (2, 5, "the block {{ rules.confidence }} must stand alone on its own line"),
    ]


def test_the_confidence_rules_block_comes_from_the_checker_definitions(tmp_path: Path) -> None:
    figures = figure_catalogue(build_index(dataset_of(make_project(tmp_path))))
    text, problems = fill_page("{{ rules.confidence }}", "methodology.md", "m.md", figures)
    assert problems == []
    for level in LEVELS:
        assert f"**{level.name.capitalize()}**" in text
        assert level.requirement.split(",")[0].replace(".", "\\.") in text


def test_the_methodology_page_includes_the_generated_rules() -> None:
    assert "{{ rules.confidence }}" in (ROOT / "content/pages/methodology.md").read_text(encoding="utf-8")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_text_without_placeholders_passes_through_unchanged(text: str) -> None:
    text = text.replace("{{", "{ {")
    out, problems = fill_page(text, "x.md", "x.md", {})
    assert out == text and problems == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc.{}_ Z9\n", max_size=40))
def test_any_braces_give_a_located_problem_or_a_figure_never_a_crash(text: str) -> None:
    out, problems = fill_page(text, "x.md", "x.md", {})
    assert all(p.line >= 1 and p.column >= 1 for p in problems)
    assert ("{{" in text and "}}" in text) or (out == text and not problems)


# --- The real brief follows the records --------------------------------------------------------------

NEW_PROJECT = """\
title: "Coastal radar for Mongolia (test)"
recipient: mongolia
fiscal_year: 2025
domain: maritime
amount_jpy: 900000000
exchange_of_notes:
  date: "2026-01-15"
sources:
  - mofa-2025-mongolia-atc-radar
"""
COUNTED = "# Brief\n\nWe count {{ projects.signed }} signed projects.\n"


def _brief(root: Path) -> str:
    return hand_pages(root, build_index(load_dataset(root / "content", root)))["brief.md"]


def test_adding_a_project_record_changes_the_brief_with_no_edit_to_it(tmp_path: Path) -> None:
    make_project(tmp_path, {BRIEF: COUNTED})
    before = _brief(tmp_path)
    (tmp_path / "content/equipment/2025-mongolia-test-radar.yaml").write_text(NEW_PROJECT, encoding="utf-8")
    after = _brief(tmp_path)
    assert (tmp_path / BRIEF).read_text(encoding="utf-8") == COUNTED
    assert "[1](equipment/index.md)" in before and "[2](equipment/index.md)" in after
    figures = figure_catalogue(build_index(load_dataset(tmp_path / "content", tmp_path)))
    assert figures["projects.signed"].text == "2"
    assert figures["value.signed.fy2025"].text == "¥900 million"


def test_the_error_report_link_comes_from_citation_cff_when_it_names_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OSA_REPOSITORY_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"):  # set in GitHub Actions
        monkeypatch.delenv(name, raising=False)
    page = "Please {{ site.report_error }}.\n"
    make_project(tmp_path, {"content/pages/about.md": page})
    index = build_index(dataset_of(tmp_path))
    assert hand_pages(tmp_path, index)["about.md"] == (
        "Please write to whoever published this copy of the site \\(it was built without the address of its "
        "code repository, which has the correction form\\).\n"
    )
    (tmp_path / "CITATION.cff").write_text(
        'cff-version: 1.2.0\nrepository-code: "https://example.org/osa/"\n', encoding="utf-8"
    )
    assert hand_pages(tmp_path, index)["about.md"] == (
        "Please [fill in the correction form in the project's code repository]"
        "(https://example.org/osa/issues/new?template=correction.yml).\n"
    )
    monkeypatch.setenv("OSA_REPOSITORY_URL", "https://example.org/own")
    assert (
        "(https://example.org/own/issues/new?template=correction.yml)"
        in hand_pages(tmp_path, index)["about.md"]
    )
