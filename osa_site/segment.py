"""Thai word boundaries for search: U+200B between the words of Thai running text, at build time.

Thai is written without spaces between words, so the search index (lunr, split on the edition's
separator `[\\s\\u200b\\-]+`) would hold whole phrases as single tokens and find no word inside
them. `segment_markdown` cuts every run of Thai letters into words with PyThaiNLP's `newmm`
dictionary tokenizer and joins the words with ZERO WIDTH SPACE, which readers do not see (and
which browsers treat as a line-break opportunity). HTML tags with their attributes, Markdown link
destinations, attribute lists and code spans are left exactly as they are.

PyThaiNLP is imported on first use: only a build of the Thai edition pays for it, and its
dictionary ships inside the package (nothing is downloaded).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["ZWSP", "segment_markdown", "segment_words", "thai_words"]

ZWSP = "\u200b"
_THAI_RUN = r"[\u0e00-\u0e7f]+"
# Left alone: tags and their attributes, link destinations, attribute lists, code spans.
_PROTECTED = r"<[^<>]*>|\]\([^()\s]*\)|\{[:#.][^{}\n]*\}|`[^`\n]*`"
_PIECES = re.compile(f"({_PROTECTED})|({_THAI_RUN})")


@lru_cache(maxsize=1 << 16)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of one run of Thai letters (a memo: labels repeat on every page)."""
    from pythainlp.tokenize import word_tokenize

    return tuple(w for w in word_tokenize(run, engine="newmm", keep_whitespace=False) if w)


def segment_words(run: str) -> str:
    """One run of Thai letters with U+200B between its words."""
    return ZWSP.join(thai_words(run))


def _replace(match: re.Match[str]) -> str:
    protected, run = match.groups()
    return protected if protected is not None else segment_words(run)


def segment_markdown(text: str) -> str:
    """Markdown (or HTML) with its Thai running text cut into words; everything else unchanged."""
    if not re.search(_THAI_RUN, text):
        return text
    return _PIECES.sub(_replace, text)
