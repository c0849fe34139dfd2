"""Pagefind reads only what it indexes of each page (search_index.indexed_part): the head, the body
tag and the element marked `data-pagefind-body`. The index is byte for byte the index of the whole
pages, on the real site's two editions."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from osa_site.app import search_index
from osa_site.app.search_index import index_edition, indexed_part, scratch_folder

HEAD_OPEN = '<!doctype html>\n<html lang="en">\n<head>\n<title>T</title>\n'
HEAD = HEAD_OPEN + "</head>\n"
BODY_TAG = '<body dir="ltr">'
INDEXED = '<div data-pagefind-body data-pagefind-weight="0.5">\n<h1>Title</h1>\n<p>Text</p>\n</div>\n'


def _page(indexed: str = INDEXED, around: str = "<nav>menu</nav>") -> str:
    body = f"<header>{around}</header>\n<article>\n{indexed}</article>\n<footer>f</footer>\n"
    return f"{HEAD}{BODY_TAG}\n{body}</body>\n</html>\n"


def test_the_page_keeps_its_head_and_the_indexed_element_only() -> None:
    kept = indexed_part(_page())
    assert kept == f"{HEAD}{BODY_TAG}\n{INDEXED}\n</body>\n</html>\n"
    assert "menu" not in kept and "<footer>" not in kept and "<title>T</title>" in kept


@pytest.mark.parametrize(
    "page",
    [
        _page(indexed="<div>\n<h1>No body marked</h1>\n</div>\n"),  # Pagefind reads it all
        _page(indexed=INDEXED + INDEXED),  # two marked elements
        _page().replace("</article>", "</section>"),  # not the theme's layout
        "<html><body><div data-pagefind-body>no head</div></article></body></html>",
    ],
)
def test_a_page_not_laid_out_as_the_theme_lays_it_out_is_kept_whole(page: str) -> None:
    assert indexed_part(page) == page


TEXT = st.text(alphabet=st.sampled_from(list("abc <>/=\"'&;\u0e01\u200b\u2013")), max_size=40)


@given(TEXT, TEXT)
def test_the_indexed_element_is_kept_exactly_and_keeping_it_twice_changes_nothing(
    inner: str, around: str
) -> None:
    indexed = f"<div class='x' data-pagefind-body>\n<p>{inner}</p>\n</div>\n"
    assume(not any(mark in inner + around for mark in ("</article>", "data-pagefind-body", "</head>")))
    page = _page(indexed=indexed, around=around)
    kept = indexed_part(page)
    assert indexed in kept and kept.startswith(HEAD)
    assert indexed_part(kept) == kept


def _digest(bundle: Path) -> dict[str, str]:
    return {
        p.relative_to(bundle).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(("folder", "language"), [("", "en"), ("th", "th")])
def test_the_index_is_the_index_of_the_whole_pages(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, language: str
) -> None:
    edition = built_site / folder if folder else built_site
    others = ("th",) if not folder else ()
    trimmed, whole = tmp_path / "trimmed", tmp_path / "whole"
    for copy in (trimmed, whole):
        shutil.copytree(edition, copy, ignore=shutil.ignore_patterns("pagefind", *others))
    index_edition(trimmed, language)
    monkeypatch.setattr(search_index, "indexed_part", lambda html: html)
    index_edition(whole, language)
    assert len(list((whole / "pagefind" / "fragment").iterdir())) > 100
    assert _digest(trimmed / "pagefind") == _digest(whole / "pagefind")


def _pages(folder: Path, sizes: list[int]) -> list[tuple[str, Path]]:
    pages = []
    for n, size in enumerate(sizes):
        path = folder / f"p{n}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x" * size)
        pages.append((f"/p{n}/", path))
    return pages


def test_pages_are_staged_in_memory_where_there_is_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, memory = _pages(tmp_path / "site", [300, 200]), tmp_path / "memory"
    memory.mkdir()
    usage = shutil.disk_usage(memory)
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage._replace(free=1001))
    assert scratch_folder(pages, memory) == str(memory)
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage._replace(free=1000))  # twice the pages
    assert scratch_folder(pages, memory) is None


def test_without_a_memory_folder_pages_are_staged_in_the_usual_temporary_folder(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "site", [10])
    assert scratch_folder(pages, tmp_path / "absent") is None
    (tmp_path / "a-file").write_text("")
    assert scratch_folder(pages, tmp_path / "a-file") is None


def _fragments(bundle: Path) -> dict[str, str]:
    return {name: digest for name, digest in _digest(bundle).items() if name.startswith("fragment/")}


def _page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_staged_in_memory_or_on_disk_the_same_pages_are_indexed(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same pages, each with the same text (fragment), whether staged in memory or on disk;
    Pagefind numbers the pages in the order its folder lists them, which differs from one file
    system to another, so the index files name them differently. In memory, twice: the same bytes."""
    sites = {name: tmp_path / name for name in ("memory", "memory-again", "disk")}
    for copy in sites.values():
        shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns("pagefind", "th"))
    used: list[str | None] = []

    def chosen(pages: list[tuple[str, Path]]) -> str | None:
        used.append(scratch_folder(pages))
        return used[-1]

    def on_disk(_pages: list[tuple[str, Path]]) -> None:
        used.append(None)

    monkeypatch.setattr(search_index, "scratch_folder", chosen)
    index_edition(sites["memory"], "en")
    index_edition(sites["memory-again"], "en")
    monkeypatch.setattr(search_index, "scratch_folder", on_disk)
    index_edition(sites["disk"], "en")
    memory = "/dev/shm" if Path("/dev/shm").is_dir() else None  # Linux has one
    assert used == [memory, memory, None]
    bundles = {name: site / "pagefind" for name, site in sites.items()}
    assert _digest(bundles["memory"]) == _digest(bundles["memory-again"])
    assert _fragments(bundles["memory"]) == _fragments(bundles["disk"])
    assert (
        _page_count(bundles["memory"])
        == _page_count(bundles["disk"])
        == len(_fragments(bundles["disk"]))
        > 100
    )
