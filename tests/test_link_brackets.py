"""The link-bracket extension (render/link_brackets.py): Python-Markdown's own bracket map, entry for
entry. That every page converts to the same HTML with it as without it, and that the tree's config
names it, is in test_markdown_speed.py."""

from __future__ import annotations

import markdown
from hypothesis import example, given
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from osa_site.output.generate import LINK_BRACKETS
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
