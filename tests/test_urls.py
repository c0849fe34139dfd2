"""Page-to-URL arithmetic (osa_site.model.urls): examples, and agreement with posixpath on served folders."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osa_site.model.urls import directory, href, page_url, rel


@pytest.mark.parametrize(
    ("page", "folder"),
    [
        ("index.md", ""),
        ("recipients/index.md", "recipients/"),
        ("equipment/x.md", "equipment/x/"),
        ("timeline.md", "timeline/"),
        ("xindex.md", "xindex/"),
        ("a/b/index.md", "a/b/"),
    ],
)
def test_directory_is_where_a_page_is_served(page: str, folder: str) -> None:
    assert directory(page) == folder


def test_links_between_pages() -> None:
    assert rel("equipment/x.md", "recipients/y.md") == "../recipients/y.md"
    assert rel("index.md", "recipients/y.md") == "recipients/y.md"
    assert rel("recipients/index.md", "recipients/y.md") == "y.md"
    assert href("index.md", "recipients/philippines.md") == "recipients/philippines/"
    assert href("recipients/index.md", "recipients/philippines.md") == "philippines/"
    assert href("recipients/fiji.md", "index.md") == "../../"
    assert href("timeline.md", "timeline.md") == "./"


def test_public_addresses() -> None:
    assert page_url("https://example.org/osa/", "equipment/x.md") == "https://example.org/osa/equipment/x/"
    assert page_url("https://example.org/osa", "index.md") == "https://example.org/osa/"
    assert page_url("", "recipients/index.md") == "/recipients/"


segment = st.sampled_from(["a", "b", "index", "recipients", "x-1"])
pages = st.lists(segment, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + ".md")


@given(pages, pages)
def test_href_agrees_with_posixpath_on_the_served_folders(from_page: str, to_page: str) -> None:
    here, there = "/" + directory(from_page), "/" + directory(to_page)
    expected = posixpath.relpath(there, here)
    assert href(from_page, to_page) == ("./" if expected == "." else expected + "/")


@given(pages, pages)
def test_rel_agrees_with_posixpath_on_the_files(from_page: str, to_page: str) -> None:
    assert rel(from_page, to_page) == posixpath.relpath("/" + to_page, "/" + posixpath.dirname(from_page))
