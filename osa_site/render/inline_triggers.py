"""Inline patterns tried only where they can match: a Python-Markdown extension for speed, same HTML.

Python-Markdown applies every inline pattern, in order, to every piece of text in a page: each
table cell, list item, link text and the text after each link. Most of those pieces are plain
words ("Delivered", "Coast Guard", a date), yet each one costs fifteen regular-expression searches
and the Python around them. On the record pages, with their tables and footnote markers, that was
about a quarter of Python-Markdown's time.

Each of Python-Markdown's own patterns can only match where a certain character is present: a link
needs `[`, inline HTML `<`, an entity `&`, emphasis `*` or `_`, and so on (`NEEDS`, keyed by the
pattern's regular expression). `TriggeredInlineProcessor` is Python-Markdown's inline processor
with one change: before it tries a pattern on a piece of text, it checks that the text holds one of
the characters the pattern needs, and a text that holds none of any pattern's is passed over at
once. A pattern that cannot match leaves the text as it was, so this skips only work whose result
is known. A pattern whose expression is not in `NEEDS` (another extension's) is always tried.

The generated tree's config names this module (`output/generate.out_config`), so MkDocs and
Zensical both load it. On a Markdown instance whose inline processor is not Python-Markdown's own,
it changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown import Markdown, inlinepatterns
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

__all__ = ["NEEDS", "InlineTriggersExtension", "TriggeredInlineProcessor", "makeExtension", "needs_of"]

# The footnotes extension's marker pattern (it keeps no module constant for it).
FOOTNOTE_RE = r"\[\^([^\]]*)\]"

# For each of Python-Markdown's inline expressions, strings one of which every match contains.
NEEDS: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    FOOTNOTE_RE: ("[^",),
    inlinepatterns.LINK_RE: ("[",),  # also REFERENCE_RE, the same expression
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("://",),
    inlinepatterns.AUTOMAIL_RE: ("@",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong (`em_strong`)
}

# Python-Markdown's priority for its inline processor among the tree processors.
INLINE_PRIORITY = 20


def needs_of(pattern: Any) -> tuple[str, ...] | None:
    """The strings one of which any match of `pattern` contains, or None when that is not known."""
    compiled = getattr(pattern, "compiled_re", None)
    if not isinstance(pattern, inlinepatterns.InlineProcessor) or compiled is None:
        return None
    return NEEDS.get(compiled.pattern)


def _any_of(needs: Sequence[tuple[str, ...] | None]) -> re.Pattern[str] | None:
    """An expression that finds any string some pattern needs; None if a pattern may match anywhere."""
    if any(strings is None for strings in needs):
        return None
    return re.compile("|".join(re.escape(s) for strings in needs for s in strings or ()))


class TriggeredInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, trying a pattern only on text that holds a string it
    needs (see the module)."""

    inlinePatterns: Any  # noqa: N815 - upstream's name: its registry, a sorted list during a run

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self._patterns: list[Any] = []
        self._needs: list[tuple[str, ...] | None] = []
        self._any: re.Pattern[str] | None = None

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        """Python-Markdown's run, over the patterns as a list, sorted once for the page (the
        registry checks its order at each lookup)."""
        registry = self.inlinePatterns
        self._patterns = list(registry)
        self._needs = [needs_of(pattern) for pattern in self._patterns]
        self._any = _any_of(self._needs)
        self.inlinePatterns = self._patterns
        try:
            return super().run(tree, ancestors)
        finally:
            self.inlinePatterns = registry

    # Python-Markdown's private `__handleInline`, which `run` calls by this (mangled) name.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 - upstream's names
        if isinstance(data, AtomicString) or (self._any is not None and self._any.search(data) is None):
            return data
        start = 0
        while patternIndex < len(self._patterns):
            needs = self._needs[patternIndex]
            if needs is not None and not any(s in data for s in needs):
                patternIndex, start = patternIndex + 1, 0  # what an unmatched pattern gives back
                continue
            data, matched, start = self._InlineProcessor__applyPattern(
                self._patterns[patternIndex], data, patternIndex, start
            )
            if not matched:
                patternIndex += 1
        return data


class InlineTriggersExtension(Extension):
    """Puts `TriggeredInlineProcessor` in place of Python-Markdown's own inline processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            md.treeprocessors.register(TriggeredInlineProcessor(md), "inline", INLINE_PRIORITY)


def makeExtension(**kwargs: Any) -> InlineTriggersExtension:  # noqa: N802 - Python-Markdown's name
    return InlineTriggersExtension(**kwargs)
