"""Renderer tests: page structure, citations and escaping, on the tiny projects of fixtures/projects.py."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from fixtures.projects import small_project

from osa_site.i18n.wording import yen
from osa_site.model.index import build_index, page_of, project_status
from osa_site.model.site import SiteContext
from osa_site.records.content import load_dataset
from osa_site.render.escape import md
from osa_site.render.site import render_site

HOSTILE = [
    "<script>alert(1)</script>",
    "a | b | c",
    "*bold* _it_ `code` [link](javascript:alert(1))",
    "# heading",
    "1. list",
    "&amp; &lt;",
    "![img](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "{: .class } \\ backslash",
]


def pages_for(root: Path) -> dict[str, str]:
    index = build_index(load_dataset(root / "content", root))
    return render_site(index, SiteContext(site_url="https://example.org/"))


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "footnotes", "attr_list", "md_in_html"])


def test_every_record_gets_a_page_and_sections_exist(tmp_path: Path) -> None:
    pages = pages_for(small_project(tmp_path))
    for path in [
        "index.md",
        "recipients/index.md",
        "recipients/atlantis.md",
        "equipment/index.md",
        "equipment/2023-radars.md",
        "agreements/index.md",
        "agreements/atlantis-2016.md",
        "sources/index.md",
        "sources/src-a.md",
        "timeline.md",
    ]:
        assert path in pages


def test_project_page_cites_each_fact_and_lists_sources_at_the_foot(tmp_path: Path) -> None:
    page = pages_for(small_project(tmp_path))["equipment/2023-radars.md"]
    html = to_html(page.split("---\n", 2)[2])
    assert "¥600 million" in html and 'href="#fn:1"' in html
    assert "November 2023, Manila" in html  # month precision kept, no invented day
    assert '<div class="footnote">' in html and "../sources/src-a.md" in html
    # both readings of the contested fact, each with its own source
    assert "four" in html and "five" in html and 'href="#fn:2"' in html
    assert "Cite this" in html and "https://example.org/equipment/2023-radars/" in html


def test_recipient_page_lists_projects_agreements_and_timeline(tmp_path: Path) -> None:
    page = pages_for(small_project(tmp_path))["recipients/atlantis.md"]
    assert "[Radars for the Navy](../equipment/2023-radars.md)" in page
    assert "[Transfer agreement](../agreements/atlantis-2016.md)" in page
    assert "## Timeline" in page and "### 2016" in page and "### 2023" in page


def test_source_page_lists_the_records_that_cite_it(tmp_path: Path) -> None:
    page = pages_for(small_project(tmp_path))["sources/src-b.md"]
    assert "2 records cite this source" in page
    assert "(../agreements/atlantis-2016.md)" in page and "(../equipment/2023-radars.md)" in page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_md_escape_renders_as_plain_text(hostile: str) -> None:
    html = to_html(f"| a |\n|---|\n| {md(hostile)} |\n\n{md(hostile)}\n")
    assert "<script" not in html and "<img" not in html and "<em>" not in html and "<strong>" not in html
    assert "<a " not in html and "<code>" not in html and "<h1" not in html and "<ol>" not in html
    assert html.count("<td>") == 1  # a pipe never splits the cell


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_titles_are_escaped_on_every_page(tmp_path: Path, hostile: str) -> None:
    pages = pages_for(small_project(tmp_path, title=hostile))
    for path, text in pages.items():
        html = to_html(text.split("---\n", 2)[2])
        assert "<script" not in html and "<img" not in html, path
        assert 'href="javascript' not in html, path


def test_amounts_keep_their_stated_precision() -> None:
    assert yen(1_600_000_000) == "¥1.6 billion"
    assert yen(575_000_000) == "¥575 million"
    assert yen(18_100_000_000, approximate=True) == "about ¥18.1 billion"
    assert yen(None) == "Not stated in the sources"


UNDATED_HANDOVER = (
    "lifecycle:\n  - stage: handover\n    date: unknown\n"
    '    description: "Five radars handed over"\n    sources: [src-b]\n'
)


def test_an_undated_handover_shows_without_a_date_and_stays_off_the_timeline(tmp_path: Path) -> None:
    """A handover no source dates is kept, undated, and never given a made-up date."""
    root = small_project(tmp_path, lifecycle=UNDATED_HANDOVER)
    index = build_index(load_dataset(root / "content", root))
    project = index.dataset.get("equipment", "2023-radars")
    assert project is not None
    assert [step.date for step in project.record.lifecycle] == ["unknown"]
    assert project_status(project) == "Handed over"
    pages = render_site(index, SiteContext(site_url="https://example.org/"))
    page = pages["equipment/2023-radars.md"]
    assert "| Not stated in the sources" in page and "Five radars handed over" in page
    assert not [e for e in index.events if e.page == page_of(project) and e.kind == "handover"]
    assert "Handed over" in pages["equipment/index.md"]
