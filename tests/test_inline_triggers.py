"""The inline-trigger extension (render/inline_triggers.py): a pattern passed over only where it cannot
match, so any Markdown converts to the same HTML with it as without it. That every page of the site
does is in test_markdown_speed.py."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from hypothesis import example, given
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor
from mkdocs.config import load_config

from osa_site.output.generate import INLINE_TRIGGERS
from osa_site.render.inline_triggers import NEEDS, TriggeredInlineProcessor, needs_of

# Python-Markdown compiles each inline expression so.
FLAGS = re.DOTALL | re.UNICODE
# The characters Markdown's inline syntax is made of, and some that are not.
MARKUP = "`\\[]^!()<>:/@&#;*_ \n\t-=\"'"
SITE_EXTENSIONS = ["tables", "footnotes", "attr_list", "md_in_html", "admonition", "toc"]


@given(st.sampled_from(sorted(NEEDS)), st.text(alphabet=MARKUP + "ab1", max_size=40))
@example(r"\*|_", "a*b*")  # the second alternative only
@example(markdown.inlinepatterns.LINE_BREAK_RE, "a \n b")  # one space short of a line break
def test_a_pattern_never_matches_text_without_what_it_needs(expression: str, text: str) -> None:
    needs = NEEDS[expression]
    if any(s in text for s in needs):
        return
    assert re.compile(expression, FLAGS).search(text) is None


def _converted(text: str, extensions: list[str | Extension]) -> str:
    return markdown.Markdown(extensions=extensions).convert(text)


LINES = st.lists(
    st.one_of(
        st.text(alphabet=MARKUP + "abc1", max_size=30),
        st.sampled_from(
            [
                "| a | b |",
                "|---|---|",
                "[^1]: note *it*",
                "[x]: https://example.org",
                "# Title {: #id }",
                '<div markdown="1">',
                "</div>",
                "!!! note",
                "    indented `code`",
                "- [link](https://example.org) and <https://example.org>",
                "mail <a@example.org> &amp; &#169; ![img](a.png)",
            ]
        ),
    ),
    max_size=12,
)


@given(LINES)
@example(["a [^1] b", "", "[^1]: note"])
@example(["*a* _b_ `c` \\* <b>d</b> &amp;  ", "e"])
def test_any_markdown_converts_the_same_with_it(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert _converted(text, [*SITE_EXTENSIONS, INLINE_TRIGGERS]) == _converted(text, SITE_EXTENSIONS)


@given(st.text(alphabet="abc ~\n", max_size=30))
@example("~~gone~~ and ~~more~~")
def test_a_pattern_it_does_not_know_is_always_tried(text: str) -> None:
    """Another extension's pattern (strike-through with `~~`) has no entry in NEEDS: no text is
    passed over for it, so it finds what it finds without the extension."""

    class Strike(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
            md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~{2})(.+?)~~", "del"), "del", 65)

    fast = _converted(text, [Strike(), INLINE_TRIGGERS])
    assert fast == _converted(text, [Strike()])
    if "~~gone~~" in text:
        assert "<del>gone</del>" in fast


def test_it_replaces_only_python_markdowns_own_inline_processor_in_its_place() -> None:
    plain = markdown.Markdown()
    fast = markdown.Markdown(extensions=[INLINE_TRIGGERS])
    assert type(fast.treeprocessors["inline"]) is TriggeredInlineProcessor
    assert [p.name for p in fast.treeprocessors._priority] == [p.name for p in plain.treeprocessors._priority]

    class Own(InlineProcessor):
        pass

    class Replace(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
            md.treeprocessors.register(Own(md), "inline", 20)

    assert type(markdown.Markdown(extensions=[Replace(), INLINE_TRIGGERS]).treeprocessors["inline"]) is Own


def test_every_pattern_of_the_site_is_known(built_site: Path) -> None:
    """The speed-up is whole only if each inline pattern the site's Markdown uses has its entry."""
    for edition in ("", "th"):
        config = load_config(str(built_site.parent / "osa-build" / edition / "mkdocs.yml"))
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        assert type(md.treeprocessors["inline"]) is TriggeredInlineProcessor
        unknown = [p.name for p in md.inlinePatterns._priority if needs_of(md.inlinePatterns[p.name]) is None]
        assert unknown == []
