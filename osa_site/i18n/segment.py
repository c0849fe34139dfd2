"""Thai word boundaries for search: U+200B between the words of Thai running text, at build time.

Thai is written without spaces between words, so the search index (lunr, split on the edition's
separator `[\\s\\u200b\\-]+`) would hold whole phrases as single tokens and find no word inside
them. `segment_markdown` cuts every run of Thai letters into words with PyThaiNLP's `newmm`
dictionary tokenizer and joins the words with ZERO WIDTH SPACE, which readers do not see (and
which browsers treat as a line-break opportunity). HTML tags with their attributes, Markdown link
destinations, attribute lists and code spans are left exactly as they are.

PyThaiNLP is imported on first use: only a build of the Thai edition pays for it, and its
dictionary ships inside the package (nothing is downloaded). `newmm` asks its dictionary only for
the words that start at a position (`prefixes`); `WordSet` answers that from two Python sets,
which load about four times faster than PyThaiNLP's own trie and cut text into the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["ZWSP", "WordSet", "segment_markdown", "segment_words", "thai_words"]

ZWSP = "\u200b"
_THAI_RUN = r"[\u0e00-\u0e7f]+"
# Left alone: tags and their attributes, link destinations, attribute lists, code spans.
_PROTECTED = r"<[^<>]*>|\]\([^()\s]*\)|\{[:#.][^{}\n]*\}|`[^`\n]*`"
_PIECES = re.compile(f"({_PROTECTED})|({_THAI_RUN})")


class WordSet:
    """A word list with the one method `newmm` calls on its dictionary (PyThaiNLP's `Trie.prefixes`)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word.strip() for word in words if word.strip())
        # Every proper beginning of a word: the search for longer words stops outside these.
        self.beginnings = frozenset(word[:end] for word in self.words for end in range(1, len(word)))

    def __len__(self) -> int:
        return len(self.words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words of the list that `text` has at `start`, shortest first."""
        found, end = [], start + 1
        while end <= len(text):
            piece = text[start:end]
            if piece in self.words:
                found.append(piece)
            if piece not in self.beginnings:
                break
            end += 1
        return found


@lru_cache(maxsize=1)
def _dictionary() -> WordSet:
    from pythainlp.corpus.common import thai_words as dictionary_words

    return WordSet(dictionary_words())


@lru_cache(maxsize=1 << 16)
def thai_words(run: str) -> tuple[str, ...]:
    """The words of one run of Thai letters (a memo: labels repeat on every page)."""
    from pythainlp.tokenize.newmm import segment

    return tuple(w for w in segment(run, custom_dict=_dictionary()) if w and not w.isspace())  # type: ignore[arg-type]


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
