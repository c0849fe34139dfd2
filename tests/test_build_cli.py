"""`osa-site build` end to end on a copy of the real project: a new record goes live, and a
failed build (bad record, or MkDocs refusing a page) leaves the previous site byte for byte."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitetools import shipped_copy

from osa_site.app.cli import main
from osa_site.output.compact import compact_page
from osa_site.output.icons import SPRITE, icons_of, sprite
from osa_site.records.content import discover

ROOT = Path(__file__).resolve().parents[1]


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with one record added through `osa-site new`, then built."""
    root = tmp_path_factory.mktemp("project")
    shipped_copy(root)
    assert run(root, "new", "equipment", "2026-test-boats").exit_code == 0
    record = root / "content/equipment/2026-test-boats.yaml"
    values = {
        "title": '"Test boats for the Fiji Navy"',
        "recipient": "fiji",
        "fiscal_year": "2026",
        "domain": "maritime",
        "sources": "\n  - mofa-2023-fiji-patrol-boats",
    }
    text = record.read_text(encoding="utf-8")
    for name, value in values.items():
        text = re.sub(rf"^{name}:$", f"{name}: {value}", text, flags=re.M)
    record.write_text(text, encoding="utf-8")
    assert run(root, "check").exit_code == 0
    result = run(root, "build", "--no-pdf", "--out", str(root / "site"))
    assert result.exit_code == 0, result.output
    records = sum(1 for _ in discover(root / "content"))
    assert f"Read {records} records" in result.output and "Built the site" in result.output
    return root


def test_the_new_record_is_built_and_listed(project: Path) -> None:
    page = project / "site/equipment/2026-test-boats/index.html"
    assert "Test boats for the Fiji Navy" in page.read_text()
    assert "2026-test-boats/" in (project / "site/equipment/index.html").read_text()
    assert "2026-test-boats/" in (project / "site/recipients/fiji/index.html").read_text()


@contextmanager
def changed(file: Path, edit: Callable[[str], str]) -> Iterator[None]:
    """`file` edited for the duration of the block, then restored."""
    good = file.read_text(encoding="utf-8")
    file.write_text(edit(good), encoding="utf-8")
    try:
        yield
    finally:
        file.write_text(good, encoding="utf-8")


def test_a_bad_record_fails_the_build_and_leaves_the_site(project: Path) -> None:
    before = snapshot(project / "site")
    record = project / "content/equipment/2026-test-boats.yaml"
    with changed(record, lambda text: text.replace("fiscal_year: 2026", "fiscal_year: FY26")):
        result = run(project, "build", "--out", str(project / "site"))
    assert result.exit_code == 1
    assert "content/equipment/2026-test-boats.yaml:" in result.output and "fiscal_year" in result.output
    assert "Traceback" not in result.output
    assert snapshot(project / "site") == before


def test_a_page_mkdocs_refuses_fails_the_build_and_leaves_the_site(project: Path) -> None:
    before = snapshot(project / "site")
    page = project / "content/pages/about.md"
    with changed(page, lambda text: text + "\n[a broken link](no-such-page.md)\n"):
        result = run(project, "build", "--out", str(project / "site"))
    assert result.exit_code == 1
    assert "no-such-page.md" in result.output and "previous site is unchanged" in result.output
    assert snapshot(project / "site") == before
    assert not [p for p in project.glob(".osa-*") if p.is_dir()]  # no staging folder left behind


def test_the_zensical_engine_builds_both_editions_with_the_site_search(project: Path) -> None:
    out = project.parent / "zensical-site"
    result = run(project, "build", "--engine", "zensical", "--no-pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    for edition, language in ((out, "en"), (out / "th", "th")):
        page = (edition / "equipment/2026-test-boats/index.html").read_text(encoding="utf-8")
        assert 'name="generator" content="zensical' in page
        # Compacted, with the icons from the edition's sprite, as an MkDocs build's pages are.
        icons = icons_of((edition / "404.html").read_text(encoding="utf-8"))
        assert len(icons) >= 5 and f"../../{SPRITE}#" in page
        assert compact_page(page, icons, "../../") == page
        assert (edition / SPRITE).read_bytes() == sprite(icons)
        entry = json.loads((edition / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language]
        settings = json.loads((edition / "search.json").read_text(encoding="utf-8"))
        assert settings["items"] == [] and settings["config"]
    assert not (out / "search/search_index.json").exists()  # Material's file is not made


def test_an_unknown_engine_is_refused(project: Path) -> None:
    result = run(project, "build", "--engine", "hugo", "--out", str(project / "site"))
    assert result.exit_code == 2
    assert "'hugo' is not one of 'mkdocs', 'zensical'" in result.output
