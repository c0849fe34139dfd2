"""The theme's parts that do not read the page, rendered once per folder and depth.

Material writes into every page its settings for the theme's scripts (`block config` of its
`base.html`), the style sheets and scripts it loads (`block styles`, `block scripts`) and the
search dialog (`partials/material-search.html`, our copy, and `partials/osa-search.html`, the
script that points the dialog at Pagefind), the header's logo and the back-to-top button
(`partials/logo.html`, `partials/top.html`). None of them reads the page. Only their relative links
depend on it, through MkDocs' `url` filter, and a link to a file outside the page's own address
depends on the page's folder and depth (`base_url`) alone (navonce.py says why). Yet MkDocs renders
each of them again for each of the site's pages.

`PartsOnce` is a MkDocs plugin that `sitebuild.mkdocs_build` adds to every build. It wraps each of
those blocks and partials so that it is rendered for the first page of each folder and depth, and
that HTML is given to every other page there. A page comes out byte for byte as without it
(tests/test_build_plugins.py builds the site both ways). Zensical has its own templates and engine:
there the plugin does not exist and nothing changes.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin

from .navonce import Render, folder_of, once_per_key

__all__ = ["BLOCKS", "PARTIALS", "PartsOnce", "rendered_once_per_place"]

# Material's blocks (in its base.html) and the partials that do not read the page.
BLOCKS = ("config", "styles", "scripts")
PARTIALS = (
    "partials/material-search.html",
    "partials/osa-search.html",
    "partials/logo.html",
    "partials/top.html",
)


def _place(context: Any) -> tuple[str, Any] | None:
    """The folder and depth (`base_url`) of the page being rendered, or None without a page."""
    page = context.get("page")
    return None if page is None else (folder_of(str(page.url)), context.get("base_url"))


def rendered_once_per_place(render: Render) -> Render:
    """`render` (a block's or a template's render function, which does not read the page) that
    renders once for each folder and depth (`base_url`) of the pages it is rendered for."""
    return once_per_key(render, _place)


class PartsOnce(BasePlugin):
    """Renders the theme's parts that do not read the page once per folder and depth (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self.load_config({})

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:  # noqa: ARG002 - MkDocs' signature
        from jinja2 import TemplateNotFound

        try:
            base = env.get_template("base.html")
        except TemplateNotFound:  # a theme without Material's base template
            return env
        for name in BLOCKS:
            if name in base.blocks:
                base.blocks[name] = rendered_once_per_place(base.blocks[name])
        for name in PARTIALS:
            try:
                partial = env.get_template(name)
            except TemplateNotFound:
                continue
            partial.root_render_func = rendered_once_per_place(partial.root_render_func)
        return env
