"""Material's navigation, rendered once for all the pages it does not list.

Material renders its whole navigation (`partials/nav.html`) into every page. On a page that the
navigation does not list (every record page), nothing in it marks the reader's page, so it is the
same HTML on every such page of the same folder: only its relative links depend on the page, and
a link to a page outside the page's own address depends on the folder the page is in and on its
depth alone (`equipment/x/` and `equipment/y/` both reach `recipients/` by `../../recipients/`).
The compaction step then serves that HTML once as a file of its own (output/parts.py); this
plugin spares MkDocs rendering it again for each page.

`NavOnce` is a MkDocs plugin that `sitebuild.mkdocs_build` adds to every build. It wraps the
render function of the build's `partials/nav.html` template: a page the navigation lists gets
it rendered as before, and another page gets the HTML rendered for the first such page in the
same folder, at the same depth (`base_url`), with the same navigation (its pages' titles and
addresses). A page with a listed page under its own address is rendered as before too. Pages
come out byte for byte as without it (tests/test_build_plugins.py builds the site both ways).
Zensical has its own templates and engine: there the plugin does not exist and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

from mkdocs.plugins import BasePlugin

__all__ = ["NAV_TEMPLATE", "NavOnce", "Render", "folder_of", "once_per_key"]

NAV_TEMPLATE = "partials/nav.html"

Render = Callable[[Any], Iterator[str]]


def _signature(nav: Any) -> tuple[tuple[str, str], ...]:
    """What the navigation shows of its pages: each one's title and address, in order."""
    return tuple((str(page.title), str(page.url)) for page in nav.pages)


def _shared(page: Any, nav: Any) -> bool:
    """Whether the page's navigation is the one of any page in its folder: the navigation does not
    list it, nor any page under its address (whose relative link would depend on its name)."""
    url = str(page.url)
    return all(listed is not page and not str(listed.url).startswith(url) for listed in nav.pages)


def folder_of(url: str) -> str:
    """The folder a page's address is in: `equipment/` for `equipment/x/` or `equipment/x.html`."""
    return url.rstrip("/").rpartition("/")[0]


def once_per_key(render: Render, key: Callable[[Any], Hashable | None]) -> Render:
    """`render` (a Jinja render function) that renders once for each `key(context)` and gives that
    HTML to every later render with the same key; a context whose key is None is rendered as before."""
    kept: dict[Hashable, str] = {}

    def render_once(context: Any) -> Iterator[str]:
        found = key(context)
        if found is None:
            yield from render(context)
            return
        if found not in kept:
            kept[found] = "".join(render(context))
        yield kept[found]

    return render_once


def _nav_key(context: Any) -> tuple[Any, ...] | None:
    """A page's folder, depth (`base_url`) and navigation, or None for a page the navigation lists."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or not _shared(page, nav):
        return None
    return (folder_of(str(page.url)), context.get("base_url"), _signature(nav))


def rendered_once(render: Render) -> Render:
    """`render` (a Jinja template's root render function) that renders the navigation once for
    each folder, depth (`base_url`) and navigation of the pages the navigation does not list."""
    return once_per_key(render, _nav_key)


class NavOnce(BasePlugin):
    """Renders Material's navigation once for the pages it does not list (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self.load_config({})

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:  # noqa: ARG002 - MkDocs' signature
        from jinja2 import TemplateNotFound

        try:
            template = env.get_template(NAV_TEMPLATE)
        except TemplateNotFound:  # a theme without Material's navigation
            return env
        template.root_render_func = rendered_once(template.root_render_func)
        return env
