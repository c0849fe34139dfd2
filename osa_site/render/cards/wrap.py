"""Breaking a card's title into lines that fit: at spaces, and between Thai words (segment.py).

Thai is written without spaces, so a line may end between any two words that PyThaiNLP finds; a
single word wider than the line is cut between characters, never through a combining mark.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ...i18n.segment import ZWSP, thai_words

__all__ = ["pieces", "wrap", "ELLIPSIS"]

ELLIPSIS = "…"
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_TOKENS = re.compile(r"\s+|[\u0e00-\u0e7f]+|[^\s\u0e00-\u0e7f]+")

Measure = Callable[[str], float]


def pieces(text: str) -> list[str]:
    """The text as the pieces a line may break between: runs of spaces, Thai words, other words."""
    text = text.replace(ZWSP, "")
    found: list[str] = []
    for token in _TOKENS.findall(text):
        found.extend(thai_words(token) if _THAI_RUN.fullmatch(token) else [token])
    return found


def _clusters(word: str) -> list[str]:
    """A word's characters, each with the combining marks that follow it."""
    out: list[str] = []
    for char in word:
        if out and (unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Mc")):
            out[-1] += char
        else:
            out.append(char)
    return out


def _split_long(word: str, measure: Measure, width: float) -> list[str]:
    """A word wider than the line, cut into pieces that each fit (at least one character each)."""
    parts, current = [], ""
    for cluster in _clusters(word):
        if current and measure(current + cluster) > width:
            parts.append(current)
            current = cluster
        else:
            current += cluster
    return parts + [current] if current else parts


def _fitted(line: str, measure: Measure, width: float) -> str:
    """The line, shortened until it fits with an ellipsis after it."""
    clusters = _clusters(line.rstrip())
    while clusters and measure("".join(clusters).rstrip() + ELLIPSIS) > width:
        clusters.pop()
    return "".join(clusters).rstrip() + ELLIPSIS


def wrap(text: str, measure: Measure, width: float, max_lines: int) -> tuple[list[str], bool]:
    """The text's lines, each at most `width` wide as `measure` reports; and whether it all fit.

    When it needs more than `max_lines`, the last line ends with an ellipsis."""
    lines: list[str] = []
    current = ""
    for piece in pieces(" ".join(text.split())):
        if current.strip() and measure(current + piece) > width:
            lines.append(current)
            current = ""
            if piece.isspace():
                continue
        current = current + piece if current.strip() else piece.lstrip()
        if current and measure(current) > width:  # one piece alone is wider than the line
            *full, current = _split_long(current, measure, width)
            lines.extend(full)
    if current.strip():
        lines.append(current.rstrip())
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) <= max_lines:
        return lines, True
    return lines[: max_lines - 1] + [_fitted(lines[max_lines - 1], measure, width)], False
