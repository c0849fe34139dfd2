"""Heading ids that keep Thai words whole: the Thai edition's `toc` slugify (issue 13).

Python-Markdown's default slugify keeps ASCII only, so every Thai heading's id was `_1`, `_2`, …
Its `slugify_unicode`, and `pymdownx.slugs.slugify`, keep letters of any script but drop what
Python's `\\w` leaves out: combining marks (Unicode category M). Thai writes most vowels and every
tone mark as combining marks, so "ที่มาของข้อมูล" came out "ทมาของขอมล", misspelt. This slug keeps
letters, combining marks and digits, turns spaces into the separator, and drops everything else,
including the U+200B that segment.py puts between Thai words for search (category Cf) and
other invisible characters.

The generated Thai tree names this function in its mkdocs.yml (`!!python/name:`), so whatever
builds that tree (MkDocs or Zensical) must run where osa_site is installed, as `osa-site` is.
Unique ids on a page are Python-Markdown's job: a repeated heading gets `_1`, `_2` appended.
"""

from __future__ import annotations

import unicodedata

__all__ = ["slugify"]

_KEPT_CATEGORIES = ("L", "M", "N")  # letters, combining marks, digits


def _slug_char(char: str) -> str:
    """The character as it goes into a slug: itself, a space (for any space), or nothing."""
    if char.isspace():
        return " "
    if unicodedata.category(char).startswith(_KEPT_CATEGORIES) or char in "-_":
        return char
    return ""


def slugify(value: str, separator: str) -> str:
    """The id of a heading whose text is `value`: words (any script) joined by `separator`, lower case."""
    text = unicodedata.normalize("NFC", value)
    kept = "".join(_slug_char(char) for char in text)
    # normalised again: a dropped character can bring two combining marks together, out of order
    return unicodedata.normalize("NFC", separator.join(kept.lower().split()))
