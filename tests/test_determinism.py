"""Full builds (generate + MkDocs) are reproducible, and record text stays text all the way to HTML."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from sitetools import HOSTILE_PROJECT, ROOT, build_into, hostile_copy, search_fragments

from osa_site.history.git import last_commit_epoch


def digests(folder: Path) -> dict[str, str]:
    return {
        f.relative_to(folder).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*"))
        if f.is_file()
    }


def test_two_builds_of_the_same_tree_are_byte_identical(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's build (conftest.py: SOURCE_DATE_EPOCH unset, so taken from the last commit),
    made earlier in the run, against a new one given that commit's time explicitly."""
    epoch = last_commit_epoch(ROOT)
    assert epoch, "the work tree has no commit to take SOURCE_DATE_EPOCH from"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    first = digests(built_site)
    second = digests(build_into(ROOT, tmp_path / "two"))
    assert len(first) > 100
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_build_takes_source_date_epoch_from_the_last_commit(built_site: Path) -> None:
    """The session's build is made with SOURCE_DATE_EPOCH unset (conftest.py), as CI builds."""
    site = built_site
    commit_day = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    for name in ("sitemap.xml", "sitemap-1.xml"):  # the index, and the file of pages it lists
        sitemap = (site / name).read_text(encoding="utf-8")
        lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
        assert lastmods == {commit_day}, name


# --- Escaping, end to end: a hostile record title in a copy of the real content -----------------

PROJECT = HOSTILE_PROJECT
HEADER_TOPIC = re.compile(
    r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*'
    r"&lt;script&gt;alert\(1\)&lt;/script&gt; \| \*emphasis\* radar\s*</span>"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_copy(tmp_path_factory.mktemp("hostile"))
    return build_into(root, root / "out")


def test_hostile_title_is_text_in_every_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    showing = [p for p in pages if "&lt;script&gt;alert(1)&lt;/script&gt;" in p.read_text(encoding="utf-8")]
    injected = [
        p.relative_to(hostile_site).as_posix()
        for p in pages
        if "<script>alert" in p.read_text(encoding="utf-8")
    ]
    assert injected == []
    names = {p.relative_to(hostile_site).as_posix() for p in showing}
    expected = {f"equipment/{PROJECT}/index.html", "equipment/index.html", "recipients/mongolia/index.html"}
    assert expected <= names


def test_hostile_title_keeps_its_markdown_characters_literal(hostile_site: Path) -> None:
    page = (hostile_site / "equipment" / PROJECT / "index.html").read_text(encoding="utf-8")
    assert "<em>emphasis</em>" not in page
    assert "&lt;/script&gt; | *emphasis* radar</h1>" in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; | *emphasis* radar - " in page
    assert HEADER_TOPIC.search(page), "the header shows the title escaped"
    register = (hostile_site / "equipment" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>.*?</tr>", register.split("<tbody>", 1)[1].split("</tbody>", 1)[0], re.S)
    projects = len(list((ROOT / "content" / "equipment").glob("*.yaml")))
    assert len(rows) == projects, "the '|' in the title split a register row"
    hostile_row = next(r for r in rows if "alert(1)" in r)
    assert hostile_row.count("<td") == rows[0].count("<td")


def test_search_index_holds_the_hostile_title_as_text(hostile_site: Path) -> None:
    fragments = search_fragments(hostile_site)
    page = fragments.get(f"/equipment/{PROJECT}/")
    assert page, "the project page is not in the search index"
    # The index holds the title as the reader reads it, as text: no markup of the record's became
    # an element (the worker escapes what it shows; tests/browser/test_search.py sees it as text).
    assert page["meta"]["title"] == "<script>alert(1)</script> | *emphasis* radar"
    assert page["content"].startswith("<script>alert(1)</script> | *emphasis* radar. ")
