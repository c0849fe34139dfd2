"""Output safety (issue 9): front matter written by a YAML emitter, free text at bounded cost,
CSV cells that cannot become formulas, theme-safe heading ids, filter keys for any name, the
pages folder policy, and the command line's edges (one message, non-zero exit, no traceback)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import time
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from sitetools import shipped_copy

from osa_site.output.generate import generate_tree
from osa_site.records.problems import RecordError
from osa_site.render.data import neutralise
from osa_site.render.escape import (
    FrontMatterError,
    front_matter,
    md,
    read_front_matter,
    template_text,
    text_block,
)

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN_EXTENSIONS = ["tables", "footnotes", "attr_list", "md_in_html", "admonition", "toc"]

HOSTILE_TEXT = [
    "Boats\u2028<img src=x onerror=alert(1)>",  # LINE SEPARATOR
    "Boats\u0085<script>alert(1)</script>",  # NEXT LINE (C1)
    "\ufeffBOM <b>x</b>",
    "del \x7f and C1 \x80\x9f <i>x</i>",
    "noncharacters \ufffe\uffff",
    "bidi \u202eevil\u202c \u2066x\u2069",
    "quotes ' \" and \\N \\\\ backslashes",
    "---\ntitle: injected\n---",
    "...\n# heading",
    "key: value # comment",
    "!!python/object:os.system ls",
    "&anchor *alias {a: 1} [1, 2]",
    "tab\tcarriage\rreturn\nnewline",
    "emoji 🛥️ Thai ไทย Arabic عربي",
]


# --- Front matter ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_front_matter_reads_back_exactly_as_mkdocs_reads_it(text: str) -> None:
    page = front_matter(text, text, {"hide": ["toc"]}) + "# Body\n"
    body, meta = get_data(page)  # MkDocs' own front matter reader
    # The title and description come back HTML-escaped, as both engines' themes print them raw.
    assert meta == {"title": template_text(text), "description": template_text(text), "hide": ["toc"]}
    assert body == "# Body\n"
    assert read_front_matter(page) == meta


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
def test_any_text_survives_the_front_matter_round_trip(title: str, description: str) -> None:
    expected = {"title": template_text(title)}
    if description:
        expected["description"] = template_text(description)
    assert get_data(front_matter(title, description) + "x\n")[1] == expected


def test_a_header_mkdocs_cannot_read_is_reported() -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        read_front_matter('---\ntitle: "\x80"\n---\n\ntext\n')
    with pytest.raises(FrontMatterError, match="no closing"):
        read_front_matter("---\ntitle: x\n")
    with pytest.raises(FrontMatterError, match="mapping"):
        read_front_matter("---\n- a\n---\n")
    assert read_front_matter("# No header\n") is None


# --- Free text at bounded cost -------------------------------------------------------------------


def _seconds(source: str) -> float:
    started = time.perf_counter()
    markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ["[", "*", "_", "`", "<", "!", "[*_`<!", "[a](", "<!--", "&#"])
def test_a_note_of_markdown_punctuation_renders_as_escaped_text_in_linear_time(unit: str) -> None:
    note = (unit * 5000)[:5000]
    block = text_block(note)
    assert block.startswith('<p class="osa-text">') and "<" not in block[20:].replace("</p>", "")
    html = markdown.markdown("## Notes\n\n" + block, extensions=MARKDOWN_EXTENSIONS)
    assert html.count("<p") == 1
    assert _seconds("## Notes\n\n" + block) < 0.5


def test_text_block_keeps_paragraphs_and_no_markup() -> None:
    html = markdown.markdown(text_block("*a* <b>\n\n[x](javascript:1)"), extensions=MARKDOWN_EXTENSIONS)
    assert html == ('<p class="osa-text">*a* &lt;b&gt;</p>\n\n<p class="osa-text">[x](javascript:1)</p>')


# --- CSV downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("Patrol boats", "Patrol boats"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_follows_owasp(text: str, expected: str) -> None:
    assert neutralise(text) == expected


# --- Projects on disk ----------------------------------------------------------------------------


def set_field(record: Path, field: str, value: str) -> None:
    """Replace a top-level `field:` line of a record with a JSON-quoted value (JSON is YAML)."""
    lines = record.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[number] = f"{field}: {json.dumps(value, ensure_ascii=False)}"
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def formula_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = shipped_copy(tmp_path_factory.mktemp("formula"))
    set_field(project / "content/equipment/2023-fiji-patrol-boats.yaml", "title", "=1+1 boats")
    generate_tree(project, project / "osa-build")
    return project / "osa-build/docs"


def test_csv_cells_are_neutralised_and_json_keeps_the_exact_text(formula_tree: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((formula_tree / "data/equipment.csv").read_text("utf-8"))))
    fiji = next(r for r in rows if r["id"] == "2023-fiji-patrol-boats")
    assert fiji["title"] == "'=1+1 boats"
    for row in rows:
        for value in row.values():
            assert not value.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), value
    raw = (formula_tree / "data/equipment.csv").read_text("utf-8")
    assert ',"\'=1+1 boats",' in raw  # the neutralised cell is quoted
    assert f",{fiji['fiscal_year']}," in raw  # numbers stay unquoted numbers
    records = json.loads((formula_tree / "data/equipment.json").read_text("utf-8"))
    assert next(r for r in records if r["id"] == "2023-fiji-patrol-boats")["title"] == "=1+1 boats"


def test_datapackage_and_data_page_say_what_was_done(formula_tree: Path) -> None:
    package = json.loads((formula_tree / "data/datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        assert ("OWASP" in resource["description"]) == (resource["format"] == "csv")
    assert "OWASP" in (formula_tree / "data/index.md").read_text("utf-8")


# --- Pages folder --------------------------------------------------------------------------------


def _problems(project: Path) -> list[str]:
    with pytest.raises(RecordError) as caught:
        generate_tree(project, project / "osa-build")
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path / "project")


def test_only_page_file_types_are_published(project: Path) -> None:
    (project / "content/pages/notes.txt").write_text("secret", encoding="utf-8")
    (project / "content/pages/tool.exe").write_bytes(b"MZ")
    problems = _problems(project)
    refused = "content/pages/notes.txt: files of type '.txt' are not published"
    assert any(p.startswith(refused) for p in problems)
    assert any(p.startswith("content/pages/tool.exe:") for p in problems)
    assert not (project / "osa-build").exists()


def test_hidden_files_are_skipped_with_a_warning(project: Path) -> None:
    (project / "content/pages/.DS_Store").write_bytes(b"\0")
    result = generate_tree(project, project / "osa-build")
    assert result.skipped == ["content/pages/.DS_Store"]
    assert not (project / "osa-build/docs/.DS_Store").exists()


def test_symlinked_pages_and_folders_are_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (project / "content/pages/leak.md").symlink_to(outside / "secret.md")
    (project / "content/pages/folder").symlink_to(outside)
    problems = _problems(project)
    assert any(p.startswith("content/pages/leak.md: is a symbolic link") for p in problems)
    assert any(p.startswith("content/pages/folder: is a symbolic link") for p in problems)


@pytest.mark.parametrize(
    "rel,generated",
    [
        ("recipients/index.md", "recipients/index.md"),
        ("data/equipment.csv", "data/equipment.csv"),
        ("index.md", "index.md"),
        ("timeline/index.md", "timeline.md"),
        ("assets/stylesheets/osa.css", "assets/stylesheets/osa.css"),
    ],
)
def test_a_hand_written_file_cannot_replace_a_generated_one(project: Path, rel: str, generated: str) -> None:
    path = project / "content/pages" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Mine\n", encoding="utf-8")
    problems = _problems(project)
    assert (
        f"content/pages/{rel}: would replace the generated '{generated}'; rename or move the "
        "hand-written file" in problems
    )


def test_a_hand_written_page_with_unreadable_front_matter_fails(project: Path) -> None:
    (project / "content/pages/broken.md").write_text('---\ntitle: "a\n---\n\n# Broken\n', encoding="utf-8")
    problems = _problems(project)
    assert any(
        p.startswith("content/pages/broken.md: front matter: the header is not valid YAML") for p in problems
    )


# --- Filter keys and ids -------------------------------------------------------------------------

PARTNERS = [
    ("ราชอาณาจักรไทย", "THA"),
    ("日本の友好国", "KOR"),
    ("المملكة العربية", "SAU"),
    ("🛥️🛥️", "NZL"),
    ("!!!", "CHL"),
    ("Côte", "CIV"),
    ("Cote", "COG"),
]


def test_timeline_keys_work_for_any_partner_name(project: Path) -> None:
    folder = project / "content/agreements"
    template = (folder / "sweden-2022.yaml").read_text(encoding="utf-8")
    for number, (name, iso3) in enumerate(PARTNERS):
        quoted = json.dumps(name, ensure_ascii=False)
        text = template.replace('name: "Sweden"', f"name: {quoted}").replace('"SWE"', iso3)
        assert text != template
        (folder / f"partner-{number}.yaml").write_text(text, encoding="utf-8")
    generate_tree(project, project / "osa-build")
    timeline = (project / "osa-build/docs/timeline.md").read_text(encoding="utf-8")
    for name, iso3 in PARTNERS:
        assert f'<option value="{iso3.lower()}">' in timeline, name
        assert f'data-country="{iso3.lower()}"' in timeline, name
    assert 'data-kind="agreement" data-country=""' not in timeline  # only milestones have no country


# --- Command-line edges --------------------------------------------------------------------------


def run(project: Path, *args: str):
    from click.testing import CliRunner

    from osa_site.app.cli import main

    return CliRunner().invoke(main, ["--root", str(project), *args])


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "config,code,fragment",
    [
        (None, 2, "there is no mkdocs.yml in"),
        ("site_name: [unclosed\n", 1, "mkdocs.yml:2:1: mkdocs.yml is not valid YAML"),
        ("- a list\n", 1, "expected a mapping of settings such as 'site_name: ...', received list"),
        ("site_name: x\ntheme: 5\n", 1, "theme: expected a mapping such as 'name: material', received int"),
        ("site_name: x\nnav: 5\n", 1, "Expected nav to be a list"),
        (b"site_name: \xff\n", 1, "is not UTF-8 text"),
    ],
)
@pytest.mark.parametrize("command", [["build"], ["generate", "tree"]])
def test_a_missing_or_malformed_mkdocs_yml_is_one_message(
    project: Path, config, code: int, fragment: str, command: list[str]
) -> None:
    config_file = project / "mkdocs.yml"
    if config is None:
        config_file.unlink()
    elif isinstance(config, bytes):
        config_file.write_bytes(config)
    else:
        config_file.write_text(config, encoding="utf-8")
    if command[0] == "generate" and "nav" in str(config):
        return  # generate does not run MkDocs, so it has nothing to say about nav
    result = run(project, *command[:1], *[str(project / a) for a in command[1:]])
    assert result.exit_code == code, result.output
    assert fragment in result.output
    _no_traceback(result)


def test_a_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for args in (["build"], ["generate", str(tmp_path / "tree")], ["serve"]):
        result = run(tmp_path, *args)
        assert result.exit_code == 2 and "there is no content/ folder in" in result.output
        _no_traceback(result)


def test_serve_on_a_busy_port_is_one_message(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(project, "serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.output
    _no_traceback(result)


def test_an_unreadable_file_is_one_message_and_debug_shows_the_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = project / "content/pages/about.md"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == page:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run(project, "generate", str(project / "tree"))
    assert result.exit_code == 1
    assert f"Error: cannot use {page}: Permission denied" in result.output
    _no_traceback(result)
    debug = run(project, "--debug", "generate", str(project / "tree"))
    assert isinstance(debug.exception, PermissionError)
    monkeypatch.setenv("OSA_SITE_DEBUG", "1")
    assert isinstance(run(project, "generate", str(project / "tree")).exception, PermissionError)


def test_an_unexpected_error_names_itself_and_the_debug_switch(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("osa_site.app.cli.generate_tree", explode)
    result = run(project, "generate", str(project / "tree"))
    assert result.exit_code == 1
    assert (
        "Error: unexpected RuntimeError: boom. This is a bug in osa-site; run the command again with "
        "--debug" in result.output
    )
    _no_traceback(result)


def test_md_escape_is_unchanged_for_single_line_fields() -> None:
    assert md("a\u2028b\x85c") == "a b c"


# --- Ids on the real site ------------------------------------------------------------------------


def test_every_id_is_unique_on_every_page_of_the_real_site(built_site: Path) -> None:
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []

        def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids += [value or "" for name, value in attrs if name == "id"]

    for page in sorted(built_site.rglob("*.html")):
        parser = Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        duplicated = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        assert not duplicated, (page.relative_to(built_site).as_posix(), duplicated)
