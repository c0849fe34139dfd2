"""Material's navigation is rendered once for the pages it does not list (app/navonce.py): each
page comes out byte for byte as MkDocs renders it without the plugin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitetools import hostile_copy

from osa_site.app.navonce import rendered_once
from osa_site.app.sitebuild import environment, mkdocs_build
from osa_site.output.generate import generate_tree


def _nav(*pages: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(pages=list(pages))


def _page(title: str, url: str) -> SimpleNamespace:
    return SimpleNamespace(title=title, url=url)


class _Counting:
    """A template's render function that says what it rendered and counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, context: dict) -> Iterator[str]:
        """Like Material's: links relative to the page's depth, and the reader's page marked."""
        self.calls += 1
        folder = context["page"].url.rstrip("/").rpartition("/")[0]
        yield f"<nav>{context['base_url']}|{folder}|"
        pages = context["nav"].pages
        yield ",".join(f"*{p.title}" if p is context["page"] else p.title for p in pages) + "</nav>"


HOME, ABOUT = _page("Home", ""), _page("About", "about/")


def _render(render, page: SimpleNamespace, nav: SimpleNamespace, base: str) -> str:
    return "".join(render({"page": page, "nav": nav, "base_url": base}))


def test_a_page_the_navigation_lists_is_rendered_every_time() -> None:
    counting = _Counting()
    render, nav = rendered_once(counting), _nav(HOME, ABOUT)
    assert _render(render, ABOUT, nav, "..") == _render(counting, ABOUT, nav, "..")
    _render(render, ABOUT, nav, "..")
    assert counting.calls == 3


def test_pages_it_does_not_list_share_one_render_per_folder() -> None:
    counting = _Counting()
    render, nav = rendered_once(counting), _nav(HOME, ABOUT)
    first = _render(render, _page("A", "equipment/a/"), nav, "../..")
    second = _render(render, _page("B", "equipment/b/"), nav, "../..")
    assert first == second and counting.calls == 1
    _render(render, _page("C", "c/"), nav, "..")
    _render(render, _page("D", "sources/d/"), nav, "../..")  # same depth, another folder
    assert counting.calls == 3


def test_a_page_with_a_listed_page_under_its_address_is_rendered_every_time() -> None:
    counting = _Counting()
    render, nav = rendered_once(counting), _nav(HOME, _page("Sub", "equipment/a/sub/"))
    for _ in range(2):
        _render(render, _page("A", "equipment/a/"), nav, "../..")
    assert counting.calls == 2


def test_a_changed_navigation_is_rendered_again() -> None:
    counting = _Counting()
    render = rendered_once(counting)
    before = _render(render, _page("A", "equipment/a/"), _nav(HOME, ABOUT), "../..")
    after = _render(render, _page("A", "equipment/a/"), _nav(HOME, _page("About us", "about/")), "../..")
    assert before != after and "About us" in after and counting.calls == 2


FOLDERS = {"": "..", "equipment": "../..", "th/equipment": "../../.."}


@given(st.lists(st.tuples(st.sampled_from(sorted(FOLDERS)), st.booleans()), max_size=30))
def test_any_order_of_pages_gives_what_each_would_get_alone(visits: list[tuple[str, bool]]) -> None:
    """Whatever pages come in whatever order, each gets the navigation rendered for it alone; a
    listed page is rendered each time, and an unlisted one once per folder."""
    counting = _Counting()
    render, nav = rendered_once(counting), _nav(HOME, ABOUT)
    for n, (folder, listed) in enumerate(visits):
        page = ABOUT if listed else _page(f"P{n}", f"{folder}/p{n}/".lstrip("/"))
        base = FOLDERS[folder]
        assert _render(render, page, nav, base) == _render(_Counting(), page, nav, base)
    unlisted_folders = {folder for folder, listed in visits if not listed}
    assert counting.calls == sum(listed for _, listed in visits) + len(unlisted_folders)


def _mkdocs_without_plugins(config_file: Path, site: Path) -> None:
    """The edition built by MkDocs alone, as `mkdocs build` would (no plugin of ours)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with environment(NO_MKDOCS_2_WARNING="1"):
        build(load_config(config_file=str(config_file), site_dir=str(site)))


@pytest.mark.parametrize("edition", ["", "th"])
def test_every_page_is_the_page_mkdocs_renders_alone(tmp_path: Path, edition: str) -> None:
    """The hostile copy of the shipped site (record text that tries to be markup), both editions."""
    project = hostile_copy(tmp_path / "project")
    generate_tree(project, tmp_path / "tree")
    config_file = tmp_path / "tree" / edition / "mkdocs.yml"
    mkdocs_build(config_file, tmp_path / "with", root=None)
    _mkdocs_without_plugins(config_file, tmp_path / "without")
    pages = sorted(p.relative_to(tmp_path / "without") for p in (tmp_path / "without").rglob("*.html"))
    assert len(pages) > 100
    assert sorted(p.relative_to(tmp_path / "with") for p in (tmp_path / "with").rglob("*.html")) == pages
    with_it, without = tmp_path / "with", tmp_path / "without"
    assert [p for p in pages if (with_it / p).read_bytes() != (without / p).read_bytes()] == []
    record_pages = [p for p in pages if p.parts[0] == "equipment" and len(p.parts) == 3]
    assert record_pages  # pages the navigation does not list were rendered, and compared
