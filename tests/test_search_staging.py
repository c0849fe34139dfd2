"""Pagefind reads only what it indexes of each page (search_index.indexed_part): the head, the body
tag and the element marked `data-pagefind-body`. The index is byte for byte the index of the whole
pages, on the real site's two editions."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from osa_site.app import search_index
from osa_site.app.search_index import index_edition, indexed_part

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
