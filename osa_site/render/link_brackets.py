"""Link brackets matched bracket by bracket: a Python-Markdown extension for speed, same HTML.

Python-Markdown (3.11) reads a link's text by asking where the `[` before it closes. It answers
from a map of the whole text (`LinkInlineProcessor._findBracketEnds`), built one character at a
time in Python, and built again each time a pattern has replaced part of the text. On the record
pages, whose tables and lists are full of links, that was 10 to 15 % of Python-Markdown's time.

`bracket_ends` builds the same map, entry for entry, but visits only the brackets: between two
brackets the depth does not change, so every position there gets the same entry, written as one
slice. The generated tree's config names this module (`output/generate.out_config`), so MkDocs and
Zensical both load it; on a Python-Markdown without that map, it changes nothing.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

__all__ = ["LinkBracketsExtension", "bracket_ends", "makeExtension"]

_BRACKET = re.compile(r"[\[\]]")


def bracket_ends(data: str) -> list[int | None]:
    """For each index of `data` (and its end), the index just past the `]` that closes a bracket
    opened before that index, or None: what Python-Markdown's `_findBracketEnds` returns.

    Each run of positions between two brackets has one depth; such a run waits on a stack until a
    `]` takes the depth below its own, and then all its entries point just past that `]`."""
    ends: list[int | None] = [None] * (len(data) + 1)
    waiting: list[tuple[int, int, int]] = []  # (first position, past the last, depth), in order
    depth = 0
    start = 0
    for match in _BRACKET.finditer(data):
        at = match.start()
        waiting.append((start, at + 1, depth))
        depth += 1 if data[at] == "[" else -1
        start = at + 1
        while waiting and depth < waiting[-1][2]:
            first, past, _ = waiting.pop()
            ends[first:past] = [start] * (past - first)
    return ends


class LinkBracketsExtension(Extension):
    """Gives every link, image and reference pattern of a Markdown instance `bracket_ends`."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor) and hasattr(processor, "_findBracketEnds"):
                processor._findBracketEnds = bracket_ends


def makeExtension(**kwargs: Any) -> LinkBracketsExtension:  # noqa: N802 - Python-Markdown's name
    return LinkBracketsExtension(**kwargs)
