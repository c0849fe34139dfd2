"""Hostile input through the real build (issue 9).

- Property test: arbitrary Unicode, with a tag and a would-be formula in it, in every text field
  of one record of each kind; generate + MkDocs --strict; every accepted input is inert in every
  output (HTML body, <title>, meta, ids, inline SVG, search index, CSV) and exact in the JSON.
- A held-out corpus of hostile output folders and command lines: each refused with a message,
  exit 2, no traceback, nothing changed on disk.
- A build killed at any moment leaves the last good site; two builds at once leave a good site.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.projects import FIELDS, write_project
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sitetools import page_as_read

from osa_site.app.cli import main
from osa_site.app.sitebuild import build_site
from osa_site.output import outdir
from osa_site.output.generate import generate_tree
from osa_site.output.outdir import MARKER, MARKER_TEXT, check_output_dir, mark, remove_leftovers
from osa_site.records.problems import RecordError

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = '<i data-pwn="1">x</i>'


class _Elements(HTMLParser):
    """Every element with its attributes, and every id, of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[str] = []
        self.ids: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [name for name, _ in attrs]
        self.ids += [value or "" for name, value in attrs if name == "id"]
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, _tag: str) -> None:
        self._in_title = False


def parse(page: Path) -> _Elements:
    parser = _Elements()
    parser.feed(page_as_read(page))  # ids unique in the document, with the parts served once
    parser.close()
    return parser


def assert_inert(site: Path) -> None:
    """No element or attribute from the records anywhere, ids unique, CSV cells no formulas."""
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        elements = parse(page)
        assert "data-pwn" not in elements.attributes, page
        duplicated = {i for i in elements.ids if elements.ids.count(i) > 1}
        assert not duplicated, (page, duplicated)
    # Material shows a result's title and text as HTML: the index it reads holds no page text (the
    # search worker escapes what Pagefind's index gives it; tests/browser/test_search.py).
    assert json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"] == []
    for table in sorted((site / "data").glob("*.csv")):
        for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"))):
            for cell in row:
                formula = cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
                assert cell.isdigit() or not formula, (table, cell)


def assert_json_exact(site: Path, project: Path) -> None:
    from osa_site.records.content import load_dataset

    dataset = load_dataset(project / "content", project)
    for kind, field in (
        ("equipment", "title"),
        ("recipients", "name"),
        ("sources", "publisher"),
        ("milestones", "summary"),
        ("budgets", "notes"),
        ("agreements", "notes"),
    ):
        records = json.loads((site / f"data/{kind}.json").read_text(encoding="utf-8"))
        for record in records:
            assert record[field] == getattr(dataset.get(kind, record["id"]).record, field)


# Mostly text the schema accepts (no controls, surrogates or separators), so most examples are built;
# one field of some examples gets fully arbitrary text, so the refusal path is exercised too.
clean = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)
formula = st.sampled_from(["", "=", "+", "-", "@", " =", '=HYPERLINK("x")'])


@st.composite
def hostile(draw: st.DrawFn) -> str:
    return f"{draw(formula)}{draw(clean)}{PAYLOAD}{draw(clean)}"


@st.composite
def record_texts(draw: st.DrawFn) -> dict[str, str]:
    texts = draw(st.fixed_dictionaries({name: hostile() for name in FIELDS}))
    wild = draw(st.one_of(st.none(), st.tuples(st.sampled_from(FIELDS), st.text(max_size=12))))
    if wild:
        texts[wild[0]] = f"{wild[1]}{PAYLOAD}"
    return texts


@settings(
    max_examples=int(os.environ.get("OSA_HOSTILE_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(record_texts())
def test_any_accepted_text_is_inert_in_every_output(
    tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]
) -> None:
    project = write_project(tmp_path_factory.mktemp("hostile"), texts)
    try:
        generate_tree(project, project / "osa-build")
    except RecordError as error:  # refused: every problem is located in a record
        assert all(p.path.startswith("content/") and p.line >= 1 for p in error.problems)
        event("refused by the schema")
        return
    event("built")
    build_site(project / "osa-build", project / "site", project)
    assert_inert(project / "site")
    assert_json_exact(project / "site", project)


THEME_IDS = [
    "__search",
    "__drawer",
    "__toc",
    "__config",
    "search",
    "content",
    "osa-title",
    "osa-map",
    "__nav_1",
    "notes",
    "sources",
]


def test_titles_equal_to_theme_ids_do_not_duplicate_any_id(tmp_path: Path) -> None:
    texts = {name: THEME_IDS[i % len(THEME_IDS)] for i, name in enumerate(FIELDS)}
    project = write_project(tmp_path, texts)
    generate_tree(project, project / "osa-build")
    build_site(project / "osa-build", project / "site", project)
    assert_inert(project / "site")  # includes: every id on every page is unique


def test_invisible_and_line_breaking_characters_are_refused_or_keep_the_header(tmp_path: Path) -> None:
    """Before issue 9 a title holding U+0080 or U+0085 lost its front matter and its HTML reached the
    page. Now such characters are refused by the schema (located); the ones it accepts stay inert."""
    refused = {name: f"x{ch}{PAYLOAD}" for name, ch in zip(FIELDS, "\u2028\x85\x7f\x80" * 6, strict=True)}
    project = write_project(tmp_path / "refused", refused)
    with pytest.raises(RecordError) as caught:
        generate_tree(project, project / "osa-build")
    assert all(p.path.startswith("content/") and p.line >= 1 for p in caught.value.problems)

    accepted = "\ufeff \u200b \u202eevil\u202c \u00a0 \u3000 --- ... : # ' \" \\N"
    project = write_project(tmp_path / "accepted", {name: f"x{accepted}{PAYLOAD}" for name in FIELDS})
    generate_tree(project, project / "osa-build")
    build_site(project / "osa-build", project / "site", project)
    assert_inert(project / "site")
    page = parse(project / "site/equipment/2023-radars/index.html")
    assert page.title.startswith("x") and PAYLOAD in page.title  # the header was read: the title is there


# --- Hostile folders and command lines -----------------------------------------------------------


def tree_hash(folder: Path) -> dict[str, str]:
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            result[rel] = "dir"
    return result


@pytest.fixture
def scene(tmp_path: Path) -> Path:
    """tmp/project (a real project with .git/ and osa_site/), tmp/foreign (someone's folder),
    tmp/foreign-tree (someone's mkdocs project), tmp/afile, tmp/link -> foreign."""
    project = write_project(tmp_path / "project", {name: "Plain text" for name in FIELDS})
    for folder in (".git", "osa_site"):
        (project / folder).mkdir()
        (project / folder / "keep").write_text("mine", encoding="utf-8")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign/thesis.txt").write_text("years of work", encoding="utf-8")
    mine = tmp_path / "foreign-tree"
    for rel in ("mkdocs.yml", "docs/index.md", "theme/main.html"):
        (mine / rel).parent.mkdir(parents=True, exist_ok=True)
        (mine / rel).write_text(f"foreign {rel}", encoding="utf-8")
    (tmp_path / "afile").write_text("a file", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "foreign")
    return tmp_path


HOSTILE_COMMANDS = [
    (["build", "--out", "{project}"], "is the project folder itself"),
    (["build", "--out", "."], "is the project folder itself"),  # run from inside the project
    (["build", "--out", "{project}/content"], "inside the project's content/ folder"),
    (["build", "--out", "{project}/content/pages/new"], "inside the project's content/ folder"),
    (["build", "--out", "{project}/.git"], "inside the project's .git/ folder"),
    (["build", "--out", "{project}/osa_site"], "did not make"),
    (["build", "--out", ".."], "a folder that holds the project"),
    (["build", "--out", "{tmp}"], "a folder that holds the project"),
    (["build", "--out", "/"], "a folder that holds the project"),
    (["build", "--out", "{tmp}/foreign"], "did not make (it has no .osa-site-output file)"),
    (["build", "--out", "{tmp}/foreign-tree"], "did not make"),
    (["build", "--out", "{tmp}/afile"], "is a file"),
    (["build", "--out", "{tmp}/link"], "is a symbolic link"),
    (["generate", "{tmp}/foreign-tree"], "did not make"),
    (["generate", "{project}"], "is the project folder itself"),
    (["generate", "{project}/content"], "inside the project's content/ folder"),
    (["generate", "{tmp}"], "a folder that holds the project"),
    (["generate", "/"], "a folder that holds the project"),
    (["generate", "{tmp}/foreign"], "did not make"),
]


@pytest.mark.parametrize("args,fragment", HOSTILE_COMMANDS, ids=[" ".join(a) for a, _ in HOSTILE_COMMANDS])
def test_hostile_output_folders_are_refused_and_untouched(
    scene: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fragment: str
) -> None:
    project = scene / "project"
    monkeypatch.chdir(project)
    filled = [a.format(project=project, tmp=scene) for a in args]
    before, root_before = tree_hash(scene), sorted(os.listdir("/"))
    result = CliRunner().invoke(main, ["--root", str(project), *filled])
    assert result.exit_code == 2, result.output
    assert "Error: " in result.output and fragment in result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    assert tree_hash(scene) == before
    assert sorted(os.listdir("/")) == root_before


def test_an_output_folder_of_ours_or_an_empty_one_is_used(scene: Path) -> None:
    project, empty = scene / "project", scene / "empty"
    empty.mkdir()
    assert CliRunner().invoke(main, ["--root", str(project), "generate", str(empty)]).exit_code == 0
    assert (empty / MARKER).is_file() and (empty / "mkdocs.yml").is_file()
    (empty / "docs/stale.md").write_text("# Stale\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(project), "generate", str(empty)])
    assert result.exit_code == 0 and "1 removed" in result.output  # ours: stale files go


# --- Killed and concurrent builds ----------------------------------------------------------------


def test_marking_a_folder_of_ours_again_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each build marks its output folder: a marker that is already whole is left as it is, so a
    build killed there cannot leave it cut short."""
    mark(tmp_path)
    before = (tmp_path / MARKER).stat()

    def written_again(path: Path, text: str, encoding: str) -> None:
        pytest.fail(f"{path.name} was written again ({len(text)} characters, {encoding})")

    monkeypatch.setattr(Path, "write_text", written_again)
    mark(tmp_path)
    after = (tmp_path / MARKER).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


class Killed(BaseException):
    """What a SIGKILL does to the process, at the point it is raised."""


@pytest.mark.parametrize("earlier_version", [False, True])
@pytest.mark.parametrize("written", [0, 9, len(MARKER_TEXT)])
def test_a_build_killed_while_marking_a_folder_leaves_one_the_next_build_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: int, earlier_version: bool
) -> None:
    """Killed before the new marker was renamed into place, with any part of it written: the
    folder is taken by the next build (a new one counts as empty, an earlier version's output stays
    ours), which marks it whole."""
    folder = tmp_path / "osa-build"
    folder.mkdir()
    if earlier_version:  # a generated tree from before markers existed
        (folder / "docs/assets/stylesheets").mkdir(parents=True)
        (folder / "docs/assets/stylesheets/osa.css").write_text("body {}\n", encoding="utf-8")

    def killed_while_writing(path: Path, text: str, encoding: str) -> None:
        with path.open("w", encoding=encoding) as out:
            out.write(text[:written])
        raise Killed

    with monkeypatch.context() as during:
        during.setattr(Path, "write_text", killed_while_writing)
        with pytest.raises(Killed):
            mark(folder)
    assert not (folder / MARKER).exists()
    assert check_output_dir(folder, None) == folder.resolve()  # not refused as someone else's
    mark(folder)
    assert (folder / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [MARKER, *(["docs"] if earlier_version else [])]
    )


def test_a_build_killed_between_writing_and_renaming_the_marker_leaves_it_whole_or_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(source: Path, target: Path) -> None:
        raise Killed(f"before {source.name} became {target.name}")

    with monkeypatch.context() as during:
        during.setattr(outdir.os, "replace", killed)
        with pytest.raises(Killed):
            mark(tmp_path)
    assert not (tmp_path / MARKER).exists() and check_output_dir(tmp_path, None) == tmp_path.resolve()
    mark(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [MARKER] and outdir.is_ours(tmp_path)


def _build_command(project: Path) -> list[str]:
    return [sys.executable, "-m", "osa_site", "--root", str(project), "build", "--out", str(project / "site")]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}  # this work tree's code, not an installed copy


def _leftovers(project: Path) -> list[str]:
    """Hidden folders next to site/: what a killed build would leave behind (staging, old site)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.is_dir())


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(tmp_path_factory.mktemp("killed"), {name: "Plain text" for name in FIELDS})
    subprocess.run(_build_command(project), check=True, env=_env(), cwd=ROOT, capture_output=True)
    return project


@pytest.mark.parametrize("delay", [0.5, 1.5, "staging"])
def test_a_killed_build_leaves_the_last_good_site_and_the_next_build_cleans_up(
    built_project: Path, delay: float | str
) -> None:
    project = built_project
    good = tree_hash(project / "site")
    record = project / "content/equipment/2023-radars.yaml"
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("Plain text", "Changed text", 1), encoding="utf-8")
    try:
        process = subprocess.Popen(
            _build_command(project),
            env=_env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        if delay == "staging":  # kill while MkDocs writes the staging folder
            while not _leftovers(project) and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.01)
            time.sleep(0.2)
        else:
            time.sleep(float(delay))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert tree_hash(project / "site") == good
    finally:
        record.write_text(original, encoding="utf-8")
    finished = subprocess.run(_build_command(project), env=_env(), cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _leftovers(project) == []
    assert tree_hash(project / "site") == good  # the same records again: the same site


def test_a_kill_between_the_two_renames_of_a_swap_is_repaired(tmp_path: Path) -> None:
    site_old = tmp_path / ".osa-old-site-abc123"
    site_old.mkdir()
    (site_old / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (site_old / "index.html").write_text("good", encoding="utf-8")
    (tmp_path / ".osa-staging-site-xyz").mkdir()
    remove_leftovers(tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "good"
    assert sorted(os.listdir(tmp_path)) == ["site"]


def test_two_builds_at_once_leave_one_good_site(built_project: Path) -> None:
    project = built_project
    good = tree_hash(project / "site")
    first, second = (
        subprocess.Popen(
            _build_command(project),
            env=_env(),
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    )
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert any("waiting for it to finish" in err for _, err in outputs), outputs
    assert _leftovers(project) == []
    assert tree_hash(project / "site") == good
