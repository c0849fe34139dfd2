"""The pages an edit changes, written ahead of the rest (output/ahead.py): after any edit, each file
written ahead is the file a fresh build writes, every record page the edit changed is among them,
and the memo's next build is not changed by the look ahead. In the preview, the rest follows and
the site ends as a fresh build's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from sitetools import shipped_copy
from test_memo import EDITS, RECORDS, ROOT, _differences, _edit

from osa_site.app.preview import Preview, RecordCache
from osa_site.history.git import read_history
from osa_site.output.ahead import pages_ahead
from osa_site.output.cards import CardCache, cache_folder
from osa_site.output.generate import RenderedDocs, render_files, site_config
from osa_site.records.problems import RecordError
from osa_site.render.memo import RenderMemo

pytestmark = pytest.mark.long  # three builds and edits, about a minute in all

RECORD = "content/equipment/2023-fiji-patrol-boats.yaml"
PAGE = "equipment/2023-fiji-patrol-boats/"
OLD_TITLE = yaml.safe_load((ROOT / RECORD).read_text(encoding="utf-8"))["title"]
NEW_TITLE = "Patrol boats renamed ahead of the register"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shipped_copy(tmp_path_factory.mktemp("ahead"))


def _render(root: Path, memo: RenderMemo | None) -> RenderedDocs:
    """Every file of both editions, card pictures and Open Graph text included, as a build has them."""
    return render_files(root, site_config(root), cards=CardCache(cache_folder(root)), memo=memo)


def _edition(docs: RenderedDocs, code: str) -> dict[str, bytes]:
    return docs.files if code == "en" else docs.thai or {}


def _record_page(name: str) -> bool:
    kind, _, rest = name.partition("/")
    return rest.endswith(".md") and "/" not in rest and rest != "index.md" and kind != "data"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_the_pages_written_ahead_are_a_fresh_builds_and_miss_no_changed_record_page(
    project: Path, edits: list[tuple[str, str, int]]
) -> None:
    memo, records = RenderMemo(), RecordCache()
    try:
        before = _render(project, memo)
        for record, change, value in edits:
            assume(_edit(project, record, change, value))
        try:
            fresh = _render(project, None)
        except RecordError:
            assume(False)  # the edit made the records invalid: a whole build refuses it too
        ahead = pages_ahead(project, records.load, read_history, memo)
        changed = [name for name in _differences(before, fresh) if _record_page(name.removeprefix("th/"))]
        if ahead is None:
            assume(False)  # nothing a record page shows changed: the whole tree is built at once
        for code, files in ahead.items():
            for name, data in files.items():
                assert data == _edition(fresh, code)[name], (code, name)
        written = {name for name in ahead["en"]} | {f"th/{name}" for name in ahead["th"]}
        assert set(changed) <= written
        assert _differences(_render(project, memo), fresh) == []  # the memo was left as it was
    finally:
        for record in RECORDS:
            (project / record).write_bytes((ROOT / record).read_bytes())


def _files(site: Path) -> dict[str, bytes]:
    return {f.relative_to(site).as_posix(): f.read_bytes() for f in sorted(site.rglob("*")) if f.is_file()}


def test_an_edit_first_reloads_its_own_pages_and_ends_as_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    project = shipped_copy(tmp_path)
    completed: list[bool] = []
    live = Preview(project, pytest.fail, edit_first=True, on_complete=lambda: completed.append(True))
    fresh = Preview(project, pytest.fail)
    try:
        assert live.rebuild() and live.rebuilt == {"en": None, "th": None}
        assert live.wait_for_pages(60) and completed == []  # the first build is whole at once
        thai_page = live.site_dir / "th" / PAGE / "index.html"
        thai_before = thai_page.read_bytes()
        record = project / RECORD
        text = record.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE)
        record.write_text(text.replace("amount_jpy: 400000000", "amount_jpy: 1400000000"), encoding="utf-8")
        assert live.rebuild()
        first = live.rebuilt
        for code in ("en", "th"):
            pages = [name for name in first[code] or [] if name.endswith(".md")]
            assert PAGE.rstrip("/") + ".md" in pages and "recipients/fiji.md" in pages, (code, pages)
            assert "equipment/index.md" not in pages and "index.md" not in pages  # they come next
        # The record's page is rendered before rebuild() returns, that is before the reload.
        assert NEW_TITLE in (live.site_dir / PAGE / "index.html").read_text(encoding="utf-8")
        assert thai_page.read_bytes() != thai_before  # the amount, in the Thai edition's words
        assert live.wait_for_search(300) and completed == [True]
        assert NEW_TITLE in (live.site_dir / "equipment/index.html").read_text(encoding="utf-8")
        assert fresh.rebuild()
        rebuilt, built = _files(live.site_dir), _files(fresh.site_dir)
        assert sorted(rebuilt) == sorted(built)
        assert [name for name in built if rebuilt[name] != built[name]] == []
    finally:
        live.close()
        fresh.close()


def test_an_edit_that_changes_no_record_page_is_built_at_once(tmp_path: Path) -> None:
    """A hand-written page changes no record's page: nothing is written ahead, and the pages it
    changed are rendered before rebuild() returns, with nothing left to follow."""
    project = shipped_copy(tmp_path)
    completed: list[bool] = []
    live = Preview(project, pytest.fail, edit_first=True, on_complete=lambda: completed.append(True))
    try:
        assert live.rebuild()
        page = project / "content/pages/about.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\nA sentence added for the test.\n", encoding="utf-8"
        )
        assert live.rebuild()
        assert "about.md" in (live.rebuilt["en"] or [])
        assert "A sentence added for the test." in (live.site_dir / "about/index.html").read_text(
            encoding="utf-8"
        )
        assert live.wait_for_pages(60) and completed == []
    finally:
        live.close()
