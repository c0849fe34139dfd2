"""The search adapter (osa_site/app/search_index.py) on sites made here: a site whose search files
pass 2 MiB (the size at which Pagefind's Python service stopped answering), the same pages indexed
twice, an edition large enough to be indexed in parts, and a Pagefind binary that is missing or
fails."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.app.search_index import SearchIndexFailed, index_edition, parts_of

pytestmark = pytest.mark.quick


def _words(rng: random.Random, count: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(count))


def _site(folder: Path, pages: int, words: int, seed: int = 1) -> Path:
    """`pages` HTML pages of `words` made-up words each, so the index holds many distinct words."""
    rng = random.Random(seed)
    for n in range(pages):
        page = folder / f"page-{n}" / "index.html"
        page.parent.mkdir(parents=True)
        body = f"<h1>Page {n}</h1><p>{_words(rng, words)}</p>"
        page.write_text(f"<!doctype html><html lang='en'><body><main>{body}</main></body></html>")
    (folder / "404.html").write_text("<html><body><main>not found</main></body></html>")
    return folder


def _digest(bundle: Path) -> dict[str, str]:
    return {
        p.relative_to(bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    }


def test_a_site_whose_search_files_pass_two_mib_is_indexed(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", pages=300, words=1500)
    index_edition(site, "en")
    bundle = site / "pagefind"
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    assert size > 2 * 1024 * 1024
    assert (bundle / "pagefind.js").stat().st_size > 0
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == 300  # 404.html is left out
    assert not (bundle / "pagefind-ui.js").exists()
    assert (site / "search" / "search_index.json").is_file()


def test_the_same_pages_give_the_same_index_bytes(tmp_path: Path) -> None:
    first, second = _site(tmp_path / "a", 20, 200), _site(tmp_path / "b", 20, 200)
    index_edition(first, "en")
    index_edition(second, "en")
    assert _digest(first / "pagefind") == _digest(second / "pagefind") != {}


def test_a_missing_binary_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", 1, 5)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexFailed, match=r"could not index .*no-such-pagefind could not start"):
        index_edition(site, "en")


def test_a_failing_binary_says_what_it_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", 1, 5)
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: the page could not be parsed' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchIndexFailed, match="the page could not be parsed"):
        index_edition(site, "en")


def test_a_new_index_replaces_the_old_one_whole(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", 5, 50)
    index_edition(site, "en")
    before = _digest(site / "pagefind")
    page = site / "page-5" / "index.html"
    page.parent.mkdir()
    page.write_text("<html lang='en'><body><main><h1>Five</h1></main></body></html>")
    index_edition(site, "en")
    after = _digest(site / "pagefind")
    assert before != after and len(list((site / "pagefind/fragment").iterdir())) == 6
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []  # nothing left beside it


def test_a_failed_index_leaves_the_index_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", 3, 20)
    index_edition(site, "en")
    before = _digest(site / "pagefind")
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchIndexFailed, match="out of memory"):
        index_edition(site, "en", low_priority=True)
    assert _digest(site / "pagefind") == before
    assert not (site / ".pagefind-next").exists()


@settings(max_examples=200, deadline=None)
@given(count=st.integers(min_value=0, max_value=400), most=st.integers(min_value=1, max_value=120))
def test_parts_hold_every_page_once_in_as_few_parts_as_fit(count: int, most: int) -> None:
    pages = [(f"/page-{n:04d}/", Path(f"page-{n:04d}/index.html")) for n in range(count)]
    parts = parts_of(pages, most)
    assert sorted(page for part in parts for page in part) == pages
    assert all(len(part) <= most for part in parts)
    assert len(parts) == max(1, -(-count // most))  # no fewer parts would do
    assert max(map(len, parts)) - min(map(len, parts)) <= 1  # every n-th page: balanced
    for part in parts:
        assert part == sorted(part)


def _pages_in(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_large_edition_is_indexed_in_parts_that_the_worker_can_find(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", pages=25, words=50)
    index_edition(site, "en", shard_pages=10)
    bundle = site / "pagefind"
    folders = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert folders == [".", "part-1", "part-2"]
    assert [_pages_in(bundle / folder) for folder in folders] == [9, 8, 8]
    for folder in folders:
        assert (bundle / folder / "pagefind.js").is_file()
        assert not (bundle / folder / "pagefind-ui.js").exists()


def test_an_edition_within_one_part_is_indexed_as_before(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", pages=12, words=50)
    index_edition(site, "en")
    bundle = site / "pagefind"
    assert json.loads((bundle / "parts.json").read_text(encoding="utf-8")) == {"parts": ["."]}
    assert _pages_in(bundle) == 12
    assert not any(bundle.glob("part-*"))
