"""Corrections (issue 21): the repository's address comes from settings, never guessed; with it,
every record page links to the issue form with the record's id and title filled in, and About links
to the form; without it, pages say how to report an error and `osa-site check` says what is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from click.testing import CliRunner
from sitetools import ROOT

from osa_site.app.cli import main
from osa_site.output.addresses import read_addresses
from osa_site.output.generate import generate_tree
from osa_site.records.schema import KINDS
from osa_site.render.cite_block import FORM, correction_url

FORM_FILE = ROOT / ".github" / "ISSUE_TEMPLATE" / FORM
GITHUB = {"GITHUB_SERVER_URL": "https://github.example", "GITHUB_REPOSITORY": "someone/osa-monitor"}
ADDRESS_VARIABLES = ("OSA_REPOSITORY_URL", "OSA_SITE_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")


def _project(folder: Path) -> Path:
    """A copy of the project's records and settings (no CITATION.cff, so no address from it)."""
    shutil.copytree(ROOT / "content", folder / "content")
    (folder / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture
def no_addresses(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ADDRESS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# --- Where the addresses come from ----------------------------------------------------------------


def test_github_actions_variables_give_the_repository(tmp_path: Path) -> None:
    found = read_addresses(tmp_path, {"site_url": "https://a.example/x"}, GITHUB)
    assert found.repository == "https://github.example/someone/osa-monitor" and not found.notes
    assert found.site_url == "https://a.example/x/"


def test_the_settings_in_order(tmp_path: Path) -> None:
    (tmp_path / "CITATION.cff").write_text("repository-code: https://cff.example/r\n", encoding="utf-8")
    config = {"extra": {"repository_url": "https://extra.example/r/"}, "site_url": "https://s.example/"}
    assert read_addresses(tmp_path, {}, {}).repository == "https://cff.example/r"
    assert read_addresses(tmp_path, config, {}).repository == "https://extra.example/r"
    assert read_addresses(tmp_path, config, GITHUB).repository == "https://github.example/someone/osa-monitor"
    env = {**GITHUB, "OSA_REPOSITORY_URL": "https://own.example/r", "OSA_SITE_URL": "https://p.example/o"}
    found = read_addresses(tmp_path, config, env)
    assert (found.repository, found.site_url) == ("https://own.example/r", "https://p.example/o/")


def test_a_missing_or_bad_address_is_a_note_not_a_guess(tmp_path: Path) -> None:
    missing = read_addresses(tmp_path, {}, {})
    assert missing.repository == "" and "OSA_REPOSITORY_URL" in missing.notes[0]
    bad = read_addresses(tmp_path, {}, {"OSA_REPOSITORY_URL": "javascript:alert(1)"})
    assert bad.repository == "" and "expected an https address" in bad.notes[0]
    assert read_addresses(tmp_path, {}, {"GITHUB_REPOSITORY": "a/b"}).repository == ""  # no server: unset


def test_the_correction_url_carries_the_id_and_title_encoded() -> None:
    title = 'Radar & "boats" <script>?x=1#y'
    address = correction_url("https://github.example/someone/osa-monitor", "equipment/x", title)
    parts = urlsplit(address)
    assert parts.path == "/someone/osa-monitor/issues/new" and not parts.fragment
    assert parse_qs(parts.query) == {
        "template": [FORM],
        "record-id": ["equipment/x"],
        "title": [f"Correction: {title}"],
    }
    assert not set('"<> ') & set(address)


# --- The issue form -------------------------------------------------------------------------------


def test_the_issue_form_matches_githubs_schema() -> None:
    args = ["--builtin-schema", "vendor.github-issue-forms", str(FORM_FILE)]
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_issue_form_asks_for_the_id_what_is_wrong_and_the_page() -> None:
    form = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert {"record-id", "what-is-wrong", "evidence"} <= set(fields)
    assert all(fields[name]["validations"]["required"] for name in ("record-id", "what-is-wrong", "evidence"))
    assert fields["record-id"]["type"] == "input" and fields["what-is-wrong"]["type"] == "textarea"
    query = parse_qs(urlsplit(correction_url("https://h.example/o/r", "x/y", "t")).query)
    assert set(query) - {"template", "title"} <= set(fields)  # every filled-in value names a field


# --- The pages, with and without the address ------------------------------------------------------


def _record_pages(docs: Path) -> list[Path]:
    pages = [p for kind in KINDS for p in sorted((docs / kind).glob("*.md")) if p.name != "index.md"]
    assert len(pages) > 100
    return pages


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Generated trees of the project: with GitHub's variables set, and with no address at all."""
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        for name in ADDRESS_VARIABLES:
            patch.delenv(name, raising=False)
        project = _project(tmp_path_factory.mktemp("corrections") / "project")
        generate_tree(project, project / "without")
        made["without"] = project / "without"
        for name, value in GITHUB.items():
            patch.setenv(name, value)
        generate_tree(project, project / "with")
        made["with"] = project / "with"
    return made


@pytest.mark.parametrize("edition", ["", "th/"])
def test_every_record_page_links_to_the_form_with_its_id_and_title(
    trees: dict[str, Path], edition: str
) -> None:
    docs = trees["with"] / edition / "docs"
    for page in _record_pages(docs):
        text = page.read_text(encoding="utf-8")
        links = [line for line in text.splitlines() if "/issues/new?" in line]
        assert len(links) == 1, page
        address = links[0].split("](", 1)[1].split(")", 1)[0]
        query = parse_qs(urlsplit(address).query)
        assert address.startswith("https://github.example/someone/osa-monitor/issues/new?")
        assert query["template"] == [FORM]
        assert query["record-id"] == [f"{page.parent.name}/{page.stem}"]
        assert query["title"][0].startswith("Correction: ") and len(query["title"][0]) > 13


def test_about_links_to_the_form(trees: dict[str, Path]) -> None:
    about = (trees["with"] / "docs" / "about.md").read_text(encoding="utf-8")
    assert "(https://github.example/someone/osa-monitor/issues/new?template=correction.yml)" in about
    thai = (trees["with"] / "th" / "docs" / "about.md").read_text(encoding="utf-8")
    assert "issues/new?template=correction.yml" in thai


def test_without_the_address_pages_say_how_to_report(trees: dict[str, Path]) -> None:
    docs = trees["without"] / "docs"
    for page in _record_pages(docs):
        text = page.read_text(encoding="utf-8")
        assert "/issues/new" not in text, page
        assert "built without the address of its code repository" in text, page
    about = (docs / "about.md").read_text(encoding="utf-8")
    assert "/issues/new" not in about and "write to whoever published this copy" in about


def test_check_notes_the_missing_setting(tmp_path: Path, no_addresses: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path / "project")
    result = CliRunner().invoke(main, ["--root", str(project), "check"])
    assert result.exit_code == 0, result.output
    assert "Note: the code repository's address is not set (OSA_REPOSITORY_URL" in result.output
    no_addresses.setenv("OSA_REPOSITORY_URL", "https://github.example/someone/osa-monitor")
    again = CliRunner().invoke(main, ["--root", str(project), "check"])
    assert again.exit_code == 0 and "Note:" not in again.output
