"""The link-bracket extension (render/link_brackets.py): Python-Markdown's own bracket map, entry for
entry, so every page converts to the same HTML with it as without it; and the tree's config names it."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from osa_site.output.generate import LINK_BRACKETS, out_config
from osa_site.render.link_brackets import bracket_ends

# Python-Markdown's own map; the extension is only worth having while Python-Markdown builds one.
UPSTREAM = LinkInlineProcessor._findBracketEnds
# Every pattern of Python-Markdown's that reads a link's text through the map.
LINK_PATTERNS = ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref")


@given(st.text(alphabet="[]a\\(", max_size=60))
@example("]][[a]")
@example("[[[]")
@example("")
def test_the_map_is_python_markdowns_at_every_index(text: str) -> None:
    assert bracket_ends(text) == UPSTREAM(text)


@given(st.text(max_size=200))
def test_any_text_gives_python_markdowns_map(text: str) -> None:
    assert bracket_ends(text) == UPSTREAM(text)


def test_the_extension_reaches_every_link_pattern() -> None:
    patterns = markdown.Markdown(extensions=[LINK_BRACKETS]).inlinePatterns
    assert all(patterns[name]._findBracketEnds is bracket_ends for name in LINK_PATTERNS)
    assert all(p._findBracketEnds is bracket_ends for p in patterns if isinstance(p, LinkInlineProcessor))


def _bodies(docs: Path) -> dict[str, str]:
    """Each page's Markdown without its front matter, split off as MkDocs splits it."""
    return {
        page.relative_to(docs).as_posix(): get_data(page.read_text(encoding="utf-8"))[0]
        for page in sorted(docs.rglob("*.md"))
    }


@pytest.mark.parametrize("edition", ["", "th"])
def test_every_page_converts_to_the_same_html_with_it_and_without_it(built_site: Path, edition: str) -> None:
    config = load_config(str(built_site.parent / "osa-build" / edition / "mkdocs.yml"))
    extensions = list(config.markdown_extensions)
    assert extensions[-1] == LINK_BRACKETS
    without = [name for name in extensions if name != LINK_BRACKETS]
    bodies = _bodies(Path(config.docs_dir))
    assert len(bodies) > 200 and sum(body.count("](") for body in bodies.values()) > 1000
    for name, body in bodies.items():
        fast = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(body)
        plain = markdown.Markdown(extensions=without, extension_configs=config.mdx_configs).convert(body)
        assert fast == plain, name


def test_the_tree_config_names_it_once_and_leaves_a_bad_list_to_mkdocs() -> None:
    assert out_config({})["markdown_extensions"] == [LINK_BRACKETS]
    given_list = out_config({"markdown_extensions": ["tables", {"toc": {"permalink": False}}]})
    assert given_list["markdown_extensions"] == ["tables", {"toc": {"permalink": False}}, LINK_BRACKETS]
    assert out_config(given_list)["markdown_extensions"].count(LINK_BRACKETS) == 1
    assert out_config({"markdown_extensions": "tables"})["markdown_extensions"] == "tables"
