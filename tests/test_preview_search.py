"""The preview's search index catches up behind the reload (osa_site/app/preview/search.py): one
index at a time, in a thread of its own, and rebuilds that come meanwhile ask for one more."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from osa_site.app.preview.search import SearchCatchUp


class Index:
    """An index step that counts its runs and, until `release`, holds each one."""

    def __init__(self, fail_first: bool = False) -> None:
        self.runs = 0
        self.running = threading.Event()
        self.go = threading.Event()
        self.fail_first = fail_first

    def __call__(self) -> None:
        self.runs += 1
        self.running.set()
        assert self.go.wait(10), "never released"
        if self.fail_first and self.runs == 1:
            raise RuntimeError("Pagefind refused a page")

    def release(self) -> None:
        self.go.set()


@pytest.fixture
def index() -> Index:
    return Index()


@pytest.fixture
def search(index: Index) -> Iterator[SearchCatchUp]:
    catch_up = SearchCatchUp(index)
    try:
        yield catch_up
    finally:
        index.release()  # a test that failed while an index was held
        catch_up.close()


def test_a_request_is_answered_in_the_background(index: Index, search: SearchCatchUp) -> None:
    search.request()  # returns while the index is still being written
    assert index.running.wait(5)
    assert not search.wait(0.05)
    index.release()
    assert search.wait(5)
    assert index.runs == 1


def test_requests_made_while_an_index_runs_ask_for_one_more(index: Index, search: SearchCatchUp) -> None:
    search.request()
    assert index.running.wait(5)
    for _ in range(3):
        search.request()  # three rebuilds during the first index
    index.release()
    assert search.wait(5)
    assert index.runs == 2


def test_a_failed_index_is_said_and_the_next_request_runs_again(
    index: Index, search: SearchCatchUp, caplog: pytest.LogCaptureFixture
) -> None:
    index.fail_first = True
    index.release()
    search.request()
    assert search.wait(5)
    assert "search index was not updated: Pagefind refused a page" in caplog.text
    search.request()
    assert search.wait(5)
    assert index.runs == 2


def test_close_ends_the_thread(index: Index, search: SearchCatchUp) -> None:
    index.release()
    search.request()
    assert search.wait(5)
    search.close()
    assert search._thread is not None and not search._thread.is_alive()
