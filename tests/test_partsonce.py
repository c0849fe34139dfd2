"""The theme's parts that do not read the page are rendered once per folder and depth
(app/partsonce.py). On a real build, every page is the page MkDocs renders without the plugin
(test_build_plugins.py); here, with a render function that counts its calls."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from osa_site.app.navonce import folder_of
from osa_site.app.partsonce import rendered_once_per_place


class _Counting:
    """A part's render function whose links depend on the page's folder and depth, as MkDocs'
    `url` filter makes them; it counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, context: dict) -> Iterator[str]:
        self.calls += 1
        yield f'<script src="{context["base_url"]}/assets/a.js">'
        page = context.get("page")
        yield f"</script><!-- {folder_of(str(page.url)) if page else 'no page'} -->"


def _render(render, url: str, base: str) -> str:
    return "".join(render({"page": SimpleNamespace(url=url), "base_url": base}))


def test_pages_of_one_folder_and_depth_share_one_render() -> None:
    counting = _Counting()
    render = rendered_once_per_place(counting)
    first = _render(render, "equipment/a/", "../..")
    assert _render(render, "equipment/b/", "../..") == first == _render(_Counting(), "equipment/a/", "../..")
    assert counting.calls == 1
    _render(render, "sources/a/", "../..")  # another folder
    _render(render, "equipment/", "..")  # another depth
    assert counting.calls == 3


def test_a_render_without_a_page_is_rendered_every_time() -> None:
    counting = _Counting()
    render = rendered_once_per_place(counting)
    assert (
        "".join(render({"base_url": "."}))
        == "".join(render({"base_url": "."}))
        == ('<script src="./assets/a.js"></script><!-- no page -->')
    )
    assert counting.calls == 2


FOLDERS = st.sampled_from(["", "equipment", "sources", "th/equipment"])
VISITS = st.lists(
    st.tuples(FOLDERS, st.sampled_from(["a", "b", "c"]), st.booleans()),
    max_size=30,
)


@given(VISITS)
def test_any_order_of_pages_gets_what_each_would_get_alone(visits: list[tuple[str, str, bool]]) -> None:
    counting = _Counting()
    render = rendered_once_per_place(counting)
    places = set()
    for folder, name, directory in visits:
        url = f"{folder}/{name}/" if folder else f"{name}/"
        url = url if directory else url.rstrip("/") + ".html"
        base = "/".join([".."] * (url.count("/") or 1))
        assert _render(render, url, base) == _render(_Counting(), url, base)
        places.add((folder_of(url), base))
    assert counting.calls == len(places)
