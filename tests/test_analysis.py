"""Analysis and views (issue 20): the record kind's messages with their lines, its pages in both
editions, the escaping of hostile text, the back-links from recipients and projects, and open data.

The fixture project (fixtures/projects.py) has one recipient (Mongolia) and one project; these tests
add analysis records that discuss them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.projects import assert_reported, dataset_of, make_project, problems_of, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.i18n.languages import language
from osa_site.model.index import build_index, newest_first
from osa_site.model.site import SiteContext
from osa_site.records.schema import ANALYSIS_FORM_LABELS, NO_AUTHOR, THEME_LABELS, Analysis
from osa_site.render.site import render_docs

PIECE = "content/analysis/2025-radar-commentary.yaml"
PAGE = "analysis/2025-radar-commentary.md"


def piece(**changes: str | None) -> str:
    """An analysis record; a field given as None is left out, any other replaces the default line."""
    fields: dict[str, str | None] = {
        "title": '"Radars for Mongolia: a commentary"',
        "author": '"A. Writer"',
        "publisher": '"Example Institute"',
        "publisher_type": "research",
        "form": "commentary",
        "date": '"2025-03"',
        "url": '"https://example.org/radar-commentary"',
        "argument": '"The piece argues that the radar helps Mongolia watch its skies."',
        "themes": "[strategy, budget-and-scale]",
        "recipients": "[mongolia]",
        "projects": "[2024-mongolia-atc-radar]",
        "th": '\n  argument: "บทความโต้แย้งว่าเรดาร์ช่วยมองโกเลียเฝ้าระวังน่านฟ้า"',
    }
    fields.update(changes)
    lines = ["# yaml-language-server: $schema=../../schema/analysis.schema.json"]
    lines += [f"{name}: {value}" for name, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def docs(root: Path, lang: str = "en") -> dict[str, str]:
    index = build_index(dataset_of(root))
    return render_docs(index, SiteContext(lang=language(lang)))


# --- Validation: every problem located, with what was expected and what was received ---------------


def test_a_valid_piece_is_accepted(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece()})
    assert problems_of(tmp_path) == []
    assert run_cli(tmp_path, "check").exit_code == 0


def test_an_unknown_theme_is_refused_at_its_place_in_the_list(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(themes="[strategy, militarism]")})
    assert_reported(
        tmp_path,
        PIECE,
        10,
        20,
        "themes[1]: expected one of 'strategy', 'maritime-security', 'pacifism-and-arms",
    )


def test_a_piece_needs_at_least_one_theme(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(themes="[]")})
    assert_reported(tmp_path, PIECE, 10, 9, "themes: expected a list of one or more themes: strategy, ")


def test_an_unknown_recipient_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(recipients="[mongolla]")})
    assert_reported(
        tmp_path,
        PIECE,
        11,
        14,
        "recipients[0]: no recipient record has the id 'mongolla' (looked for "
        "content/recipients/mongolla.yaml); did you mean 'mongolia'?",
    )


def test_an_unknown_project_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(projects="[2024-mongolia-radar]")})
    assert_reported(
        tmp_path, PIECE, 12, 12, "projects[0]: no equipment record has the id '2024-mongolia-radar'"
    )


def test_a_refused_piece_still_has_its_references_checked(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(form="op-ed", recipients="[atlantis]")})
    messages = [p.message for p in problems_of(tmp_path)]
    assert any("expected one of 'commentary', 'research-paper'" in m for m in messages), messages
    assert any("no recipient record has the id 'atlantis'" in m for m in messages), messages


def test_a_missing_argument_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(argument=None)})
    assert_reported(tmp_path, PIECE, 2, 1, "argument: required field is missing")


def test_a_theme_named_twice_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(themes="[strategy, strategy]")})
    assert_reported(
        tmp_path, PIECE, 10, 9, "themes: expected each value once, received 'strategy' more than once"
    )


def test_more_than_three_quotations_are_refused(tmp_path: Path) -> None:
    quotes = '["one", "two", "three", "four"]'
    make_project(tmp_path, {PIECE: piece(quotes=quotes)})
    assert_reported(tmp_path, PIECE, 15, 9, "quotes: expected a list of at most three short quotations")


def test_a_quotation_longer_than_a_short_phrase_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(quotes=f'["{"word " * 40}"]')})
    assert_reported(tmp_path, PIECE, 15, 10, "quotes[0]: ")
    assert "at most 160 characters" in problems_of(tmp_path)[0].message


def test_new_writes_a_skeleton_that_check_refuses_until_filled(tmp_path: Path) -> None:
    make_project(tmp_path)
    result = run_cli(tmp_path, "new", "analysis", "2026-new-piece")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content/analysis/2026-new-piece.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/analysis.schema.json\n")
    assert "\nargument:\n" in text and "\nthemes:\n" in text and "\n# quotes:\n" in text
    assert run_cli(tmp_path, "check").exit_code == 1


# --- Pages -------------------------------------------------------------------------------------------


def test_the_piece_has_its_page_and_the_index_groups_it_by_theme(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece()})
    pages = docs(tmp_path)
    page = pages[PAGE]
    assert "| Author | A\\. Writer |" in page
    assert "| Publisher | Example Institute (Research) |" in page
    assert "| Kind of piece | Commentary |" in page
    assert "| Date | March 2025 |" in page
    assert '## Argument\n\n<p class="osa-text">The piece argues that the radar helps' in page
    assert "[Strategy and regional security](index.md#osa-theme-strategy)" in page
    listing = pages["analysis/index.md"]
    for theme in ("strategy", "budget-and-scale"):
        section = listing.split(f"{{#osa-theme-{theme}}}", 1)[1].split("\n## ", 1)[0]
        assert "[Radars for Mongolia: a commentary](2025-radar-commentary.md): A\\. Writer" in section
    assert "{#osa-theme-oversight}" not in listing  # a theme no piece discusses has no section


def test_recipient_and_project_pages_list_the_pieces_about_them(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece()})
    pages = docs(tmp_path)
    line = "- [Radars for Mongolia: a commentary](../analysis/2025-radar-commentary.md): A\\. Writer"
    for page in ("recipients/mongolia.md", "equipment/2024-mongolia-atc-radar.md"):
        assert "## Analysis and views" in pages[page]
        assert line in pages[page], page


def test_pages_of_things_no_piece_discusses_have_no_analysis_section(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(recipients=None, projects=None)})
    pages = docs(tmp_path)
    assert "## Analysis and views" not in pages["recipients/mongolia.md"]
    assert "## Analysis and views" not in pages["equipment/2024-mongolia-atc-radar.md"]


def test_the_thai_edition_has_the_page_in_thai(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(author=f'"{NO_AUTHOR}"')})
    pages = docs(tmp_path, "th")
    assert pages["analysis/index.md"].startswith('---\n"title": "บทวิเคราะห์และความเห็น"')
    page = pages[PAGE]
    assert "บทความโต้แย้งว่าเรดาร์ช่วยมองโกเลียเฝ้าระวังน่านฟ้า" in page.replace("\u200b", "")
    assert "| ผู้เขียน | ไม่ระบุชื่อผู้เขียน |" in page.replace("\u200b", "")
    assert "## บทวิเคราะห์และความเห็น" in pages["recipients/mongolia.md"].replace("\u200b", "")


def test_no_author_named_is_shown_as_such(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(author=f'"{NO_AUTHOR}"')})
    assert "| Author | No author named |" in docs(tmp_path)[PAGE]


def test_quotations_are_marked_with_their_language_and_linked(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece(quotes='["a new pillar"]', language="ja")})
    page = docs(tmp_path)[PAGE]
    assert '- “<span lang="ja">a new pillar</span>” ([source](https://example.org/radar-commentary))' in page


HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) *bold* | pipe"


def test_hostile_text_is_escaped_everywhere_it_shows(tmp_path: Path) -> None:
    hostile = json.dumps(HOSTILE)
    make_project(
        tmp_path, {PIECE: piece(title=hostile, author=hostile, argument=hostile, quotes=f"[{hostile}]")}
    )
    pages = docs(tmp_path)
    for path in (PAGE, "analysis/index.md", "recipients/mongolia.md"):
        assert "<script>" not in pages[path], path
        body = pages[path].split("\n---\n", 1)[1]  # the front matter is YAML data, HTML-escaped
        markdown = [line for line in body.splitlines() if not line.startswith('<p class="osa-text">')]
        assert not [line for line in markdown if "](javascript:" in line], path  # raw <p> is not Markdown
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(javascript:alert\\(1\\)\\)" in pages[PAGE]


def test_open_data_has_the_pieces_with_their_thai_text(tmp_path: Path) -> None:
    make_project(tmp_path, {PIECE: piece()})
    files = docs(tmp_path)
    rows = json.loads(files["data/analysis.json"])
    assert rows[0]["id"] == "2025-radar-commentary"
    assert rows[0]["themes"] == ["strategy", "budget-and-scale"]
    assert rows[0]["argument_th"].startswith("บทความโต้แย้ง")
    assert rows[0]["page"].endswith("analysis/2025-radar-commentary/")
    header = files["data/analysis.csv"].splitlines()[0]
    assert '"argument"' in header and '"recipients"' in header
    package = json.loads(files["data/datapackage.json"])
    assert {"analysis-csv", "analysis-json"} <= {r["name"] for r in package["resources"]}


# --- Order and themes, as properties ------------------------------------------------------------------


DATES = st.one_of(
    st.just("unknown"),
    st.integers(2023, 2026).map(str),
    st.tuples(st.integers(2023, 2026), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(DATES, min_size=1, max_size=6))
def test_pieces_are_listed_newest_first_with_undated_ones_last(dates: list[str]) -> None:
    from types import SimpleNamespace

    entries = [
        SimpleNamespace(id=f"p{i}", record=Analysis.model_validate(_minimal(date)))
        for i, date in enumerate(dates)
    ]
    ordered = newest_first(entries)  # type: ignore[arg-type]
    dated = [e.record.date for e in ordered if e.record.date != "unknown"]
    assert dated == sorted(dated, reverse=True)
    unknown_at = [i for i, e in enumerate(ordered) if e.record.date == "unknown"]
    assert unknown_at == list(range(len(dated), len(ordered)))
    assert sorted(e.id for e in ordered) == sorted(e.id for e in entries)


def _minimal(date: str) -> dict:
    return {
        "title": "T",
        "author": "A",
        "publisher": "P",
        "publisher_type": "research",
        "form": "commentary",
        "date": date,
        "url": "https://example.org/",
        "argument": "It argues.",
        "themes": ["strategy"],
    }


@pytest.mark.parametrize("theme", list(THEME_LABELS))
def test_every_theme_has_a_thai_label(theme: str) -> None:
    thai = language("th")
    assert thai.gettext(THEME_LABELS[theme]) != THEME_LABELS[theme]  # type: ignore[index]


def test_the_shipped_pieces_are_at_least_eight_and_cover_each_kind_of_voice(root: Path) -> None:
    pieces = dataset_of(root).of("analysis")
    assert len(pieces) >= 8
    forms = {p.record.form for p in pieces}
    assert forms == set(ANALYSIS_FORM_LABELS)  # every kind of voice the schema names is heard
    assert any(p.id.startswith("isc-2025") for p in pieces)  # the seed brief is one of them
