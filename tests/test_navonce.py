"""Material's navigation is rendered once for the pages it does not list (app/navonce.py): each
page gets the navigation rendered for it alone. On a real build, every page is the page MkDocs
renders without the plugin (test_build_plugins.py)."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from osa_site.app.navonce import rendered_once


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
