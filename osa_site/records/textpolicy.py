"""The one policy for free text in records: which characters a title, name or note may hold.

Refused anywhere in free text:
- control characters: C0 (U+0000-U+001F) except tab and line feed, DEL, and C1 (U+0080-U+009F);
- the line and paragraph separators U+2028 and U+2029 (a plain line break does their job);
- noncharacters (U+FDD0-U+FDEF and the last two code points of every plane, U+xxFFFE/U+xxFFFF);
- lone surrogates;
- bidirectional embeddings, overrides and isolates (LRE RLE LRO RLO PDF LRI RLI FSI PDI) that are not
  closed, or closed without being opened, on the same line.

Refused as a whole: text that is empty, blank or made only of invisible characters (white space,
format characters such as U+200B ZERO WIDTH SPACE or U+FEFF, and fillers such as U+3164).

One-line kinds (titles, names) also refuse line breaks and tabs. Lengths count code points.
Messages name a character by its code point and position, never by echoing it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["TextRule", "text_problem", "describe", "FORBIDDEN_CLASS", "VISIBLE_LOOKAHEAD", "is_invisible"]

_OPENERS = {
    "\u202a": "embed",
    "\u202b": "embed",
    "\u202d": "embed",
    "\u202e": "embed",
    "\u2066": "isolate",
    "\u2067": "isolate",
    "\u2068": "isolate",
}
_CLOSERS = {"\u202c": "embed", "\u2069": "isolate"}
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")  # look like nothing, yet are not Cf

# The same refusals as a regex character class, for the JSON Schemas editors get. BMP only, and no
# surrogate range: an editor's JavaScript regex sees an emoji as two surrogates and would refuse it.
# Lone surrogates, astral noncharacters and unbalanced bidi controls are caught by the validator alone.
FORBIDDEN_CLASS = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
VISIBLE_LOOKAHEAD = (
    r"(?=[\s\S]*[^\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u2800\u3164\ufeff\uffa0])"
)


def describe(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+0007 (a control character)` for unnamed ones."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} {name}" if name else f"{code} ({_kind_of_unnamed(char)})"


def _kind_of_unnamed(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "a lone surrogate"
    if _is_noncharacter(char):
        return "a noncharacter"
    return "an unassigned character"


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


_ASTRAL_NONCHARACTERS = "".join(chr(plane << 16 | end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF))
# Exactly the Cc, Cs, Zl and Zp categories (less tab and line feed) and the noncharacters.
_FORBIDDEN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff" + _ASTRAL_NONCHARACTERS
)
_FORBIDDEN_RE = re.compile(f"[{_FORBIDDEN}]")
_FORBIDDEN_ONE_LINE_RE = re.compile(f"[{_FORBIDDEN}\t\n]")
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def is_invisible(char: str) -> bool:
    """White space, format characters and blank fillers: nothing a reader can see."""
    return char.isspace() or char in _FILLERS or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp")


def _forbidden_character(text: str, one_line: bool) -> str | None:
    found = (_FORBIDDEN_ONE_LINE_RE if one_line else _FORBIDDEN_RE).search(text)
    if not found:
        return None
    char = found.group()
    what = "a line break or tab" if char in "\n\t" else describe(char)
    return f"{what} at position {found.start() + 1}"


def _unbalanced_bidi(text: str) -> str | None:
    """Every embedding, override or isolate is closed, in order, on the line that opens it."""
    if not _BIDI_RE.search(text):
        return None
    position = 0
    for line in text.split("\n"):
        open_: list[tuple[str, str, int]] = []
        for offset, char in enumerate(line, start=1):
            if char in _OPENERS:
                open_.append((_OPENERS[char], char, position + offset))
            elif char in _CLOSERS:
                if not open_ or open_[-1][0] != _CLOSERS[char]:
                    return f"{describe(char)} at position {position + offset} closes nothing"
                open_.pop()
        if open_:
            _, char, at = open_[-1]
            return f"{describe(char)} at position {at} is never closed"
        position += len(line) + 1
    return None


def text_problem(text: str, max_length: int, *, one_line: bool) -> str | None:
    """What is wrong with `text` under the policy, as a message, or None when it is acceptable."""
    kind = "one line of visible text" if one_line else "visible text"
    if len(text) > max_length:
        return f"expected at most {max_length:,} characters, received {len(text):,}"
    if not text:
        return f"expected {kind}, received an empty value"
    found = _forbidden_character(text, one_line)
    if found:
        return f"expected {kind}, received {found}"
    found = _unbalanced_bidi(text)
    if found:
        return f"expected {kind} with every direction control closed, received {found}"
    if all(is_invisible(char) for char in text):
        return f"expected {kind}, received only blank or invisible characters"
    return None


@dataclass(frozen=True)
class TextRule:
    """The policy for one kind of free-text field: its length limit and whether it is one line."""

    max_length: int
    one_line: bool

    def check(self, value: str) -> str:
        """A pydantic validator: the value itself, or ValueError with the policy's message."""
        problem = text_problem(value, self.max_length, one_line=self.one_line)
        if problem:
            raise ValueError(problem)
        return value

    def json_schema(self) -> dict[str, object]:
        """The rule for editors: length, and the forbidden characters as a pattern (BMP only)."""
        forbidden = FORBIDDEN_CLASS + (r"\t\n" if self.one_line else "")
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "pattern": f"^{VISIBLE_LOOKAHEAD}[^{forbidden}]*$",
        }

    @property
    def words(self) -> str:
        """The rule in the editing guide's words."""
        lines = "one line of text" if self.one_line else "text (paragraphs allowed)"
        return f"{lines}, at most {self.max_length:,} characters"
