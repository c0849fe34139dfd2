"""The live preview: saving a record rebuilds its page; a broken record keeps the last good site."""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from sitetools import search_fragments, shipped_copy

from osa_site.app.preview import Preview, PreviewServer, start_preview
from osa_site.records.problems import RecordError

ROOT = Path(__file__).resolve().parents[1]
RECORD = "content/equipment/2023-fiji-patrol-boats.yaml"
PAGE = "equipment/2023-fiji-patrol-boats/"
OLD_TITLE = yaml.safe_load((ROOT / RECORD).read_text(encoding="utf-8"))["title"]
NEW_TITLE = "Renamed patrol boats for the preview test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(condition: Callable[[], bool], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path)


@pytest.fixture
def preview(project: Path) -> Iterator[tuple[PreviewServer, list[RecordError]]]:
    errors: list[RecordError] = []
    server = start_preview(project, _free_port(), errors.append)
    try:
        yield server, errors
    finally:
        server.stop()
    assert server._thread is not None and not server._thread.is_alive()
    assert not server.server.serve_thread.is_alive()
    assert not server.preview.site_dir.exists()


def _search_titles(server: PreviewServer) -> list[str]:
    """The page titles in the preview's Pagefind index of the English edition."""
    return [f["meta"]["title"] for f in search_fragments(server.preview.site_dir).values()]


def test_edit_reloads_the_page_and_a_broken_record_keeps_the_last_good_site(
    project: Path, preview: tuple[PreviewServer, list[RecordError]]
) -> None:
    server, errors = preview
    assert OLD_TITLE in _fetch(server.url + PAGE)
    titles_before = _search_titles(server)

    record = project / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    assert _wait_for(lambda: NEW_TITLE in _fetch(server.url + PAGE)), "the page was not rebuilt"
    assert NEW_TITLE in _fetch(server.url + "recipients/fiji/")  # written ahead with the record's page
    # The lists of every record follow behind the first reload (output/ahead.py), with a second one.
    assert server.preview.wait_for_pages(120), "the rest of the pages did not catch up"
    assert NEW_TITLE in _fetch(server.url + "equipment/")  # the register links to it by title
    # The edition is indexed again after the incremental build, behind the reload: every page, the
    # edited one renamed.
    assert server.preview.wait_for_search(120), "the search index did not catch up"
    titles_after = _search_titles(server)
    assert NEW_TITLE in titles_after and OLD_TITLE not in titles_after
    assert len(titles_after) == len(titles_before)

    record.write_text("title: [this list is never closed\n", encoding="utf-8")
    assert _wait_for(lambda: bool(errors)), "on_error was not called"
    assert any(p.path.endswith("2023-fiji-patrol-boats.yaml") for p in errors[0].problems)
    assert NEW_TITLE in _fetch(server.url + PAGE)  # the last good site is still served


def _files(site: Path) -> dict[str, bytes]:
    return {f.relative_to(site).as_posix(): f.read_bytes() for f in sorted(site.rglob("*")) if f.is_file()}


def test_pages_rebuilt_after_an_edit_are_those_of_a_fresh_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One record saved: both editions render only the pages whose Markdown changed (its own page,
    its recipient, the register, the timeline, the figures that count it), and every file of the
    site, those pages and the search indexes included, is byte for byte what a fresh build gives."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    live, fresh = Preview(project, pytest.fail), Preview(project, pytest.fail)
    try:
        assert live.rebuild()
        record = project / RECORD
        text = record.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE)
        record.write_text(text.replace("amount_jpy: 400000000", "amount_jpy: 1400000000"), encoding="utf-8")
        assert live.rebuild()
        english, thai = live.rebuilt["en"], live.rebuilt["th"]
        assert english is not None and thai is not None, "an edit is not a full build"
        for page in (PAGE.rstrip("/") + ".md", "recipients/fiji.md", "equipment/index.md"):
            assert page in english and page in thai, page  # the amount shows in both editions
        assert "timeline.md" in english and "timeline.md" not in thai, "the Thai timeline has the Thai title"
        assert {"brief.md", "charts.md"} <= set(english) & set(thai), "the figures that count it"
        pages = sum(1 for _ in (live.tree / "docs").rglob("*.md"))
        assert len([p for p in english if p.endswith(".md")]) < pages / 4
        assert fresh.rebuild() and fresh.rebuilt == {"en": None, "th": None}
        rebuilt, built = _files(live.site_dir), _files(fresh.site_dir)
        assert sorted(rebuilt) == sorted(built)
        assert [name for name in built if rebuilt[name] != built[name]] == []
        assert NEW_TITLE in rebuilt[PAGE + "index.html"].decode("utf-8")
    finally:
        live.close()
        fresh.close()


def test_the_rest_of_an_edit_reloads_the_browsers_again_unless_a_build_is_under_way(
    preview: tuple[PreviewServer, list[RecordError]],
) -> None:
    server, _ = preview
    live = server.server
    before = int(_fetch(server.url + "livereload/0/0"))
    server._reload_browsers()  # what the preview calls when the rest of an edit's pages are rendered
    after = int(_fetch(server.url + "livereload/0/0"))
    assert after > before
    with live._epoch_cond:
        live._wanted_epoch = after + 1000  # as while the server's own build runs
    server._reload_browsers()
    assert live._visible_epoch == after  # that build's own answer will reload the browsers
    with live._epoch_cond:
        live._wanted_epoch = live._visible_epoch  # the build is over: requests are served again
