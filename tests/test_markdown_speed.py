"""The Markdown extensions the tree's config names for speed (output/generate.SPEED_EXTENSIONS):
every page of both editions converts to the same HTML with each of them as without it, and the
config names each once, after the project's own extensions."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from osa_site.output.generate import INLINE_TRIGGERS, LINK_BRACKETS, SPEED_EXTENSIONS, out_config


def _bodies(docs: Path) -> dict[str, str]:
    """Each page's Markdown without its front matter, split off as MkDocs splits it."""
    return {
        page.relative_to(docs).as_posix(): get_data(page.read_text(encoding="utf-8"))[0]
        for page in sorted(docs.rglob("*.md"))
    }


@pytest.mark.parametrize("extension", SPEED_EXTENSIONS)
@pytest.mark.parametrize("edition", ["", "th"])
def test_every_page_converts_to_the_same_html_with_it_and_without_it(
    built_site: Path, edition: str, extension: str
) -> None:
    config = load_config(str(built_site.parent / "osa-build" / edition / "mkdocs.yml"))
    extensions = list(config.markdown_extensions)
    assert extensions[-len(SPEED_EXTENSIONS) :] == list(SPEED_EXTENSIONS)
    without = [name for name in extensions if name != extension]
    bodies = _bodies(Path(config.docs_dir))
    assert len(bodies) > 200 and sum(body.count("](") for body in bodies.values()) > 1000
    for name, body in bodies.items():
        fast = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(body)
        plain = markdown.Markdown(extensions=without, extension_configs=config.mdx_configs).convert(body)
        assert fast == plain, name


def test_the_tree_config_names_them_once_and_leaves_a_bad_list_to_mkdocs() -> None:
    assert SPEED_EXTENSIONS == (LINK_BRACKETS, INLINE_TRIGGERS)
    assert out_config({})["markdown_extensions"] == [LINK_BRACKETS, INLINE_TRIGGERS]
    given_list = out_config({"markdown_extensions": ["tables", {"toc": {"permalink": False}}]})
    assert given_list["markdown_extensions"] == [
        "tables",
        {"toc": {"permalink": False}},
        LINK_BRACKETS,
        INLINE_TRIGGERS,
    ]
    assert out_config(given_list)["markdown_extensions"] == given_list["markdown_extensions"]
    named_already = out_config({"markdown_extensions": [INLINE_TRIGGERS, "tables"]})
    assert named_already["markdown_extensions"] == [INLINE_TRIGGERS, "tables", LINK_BRACKETS]
    assert out_config({"markdown_extensions": "tables"})["markdown_extensions"] == "tables"
