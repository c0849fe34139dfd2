"""The live preview: saving a record rebuilds its page; a broken record keeps the last good site."""

from __future__ import annotations

import json
import shutil
import socket
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from osa_site.preview import PreviewServer, SearchCache, start_preview
from osa_site.problems import RecordError

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
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


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
    index = json.loads(_fetch(server.url + "search/search_index.json"))
    return [doc["title"] for doc in index["docs"]]


def test_edit_reloads_the_page_and_a_broken_record_keeps_the_last_good_site(
    project: Path, preview: tuple[PreviewServer, list[RecordError]]
) -> None:
    server, errors = preview
    assert OLD_TITLE in _fetch(server.url + PAGE)
    titles_before = _search_titles(server)

    record = project / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    assert _wait_for(lambda: NEW_TITLE in _fetch(server.url + PAGE)), "the page was not rebuilt"
    assert NEW_TITLE in _fetch(server.url + "equipment/")  # the register links to it by title
    assert NEW_TITLE in _fetch(server.url + "recipients/fiji/")
    # The incremental build keeps every other page's search entries and replaces the edited ones.
    titles_after = _search_titles(server)
    assert NEW_TITLE in titles_after and OLD_TITLE not in titles_after
    assert len(titles_after) == len(titles_before)

    record.write_text("title: [this list is never closed\n", encoding="utf-8")
    assert _wait_for(lambda: bool(errors)), "on_error was not called"
    assert any(p.path.endswith("2023-fiji-patrol-boats.yaml") for p in errors[0].problems)
    assert NEW_TITLE in _fetch(server.url + PAGE)  # the last good site is still served


def test_search_cache_replaces_rebuilt_pages_only() -> None:
    cache = SearchCache()
    cache.replace(
        [
            {"location": "a/", "title": "A"},
            {"location": "a/#x", "title": "A x"},
            {"location": "b/", "title": "B"},
        ],
        set(),
        full=True,
    )
    cache.replace([{"location": "a/", "title": "A2"}], {"a/"}, full=False)
    assert [d["title"] for d in cache.document()["docs"]] == ["A2", "B"]
