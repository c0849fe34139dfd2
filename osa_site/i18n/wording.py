"""Wording every layer shares: an amount of yen in the reader's language, and what no source states."""

from __future__ import annotations

from .languages import EN, N_, Language

__all__ = ["NOT_STATED", "yen"]

NOT_STATED = N_("Not stated in the sources")


def yen(amount: int | None, approximate: bool = False, lang: Language = EN) -> str:
    """`¥600 million`, `about ¥5 billion` (`600 ล้านเยน` in Thai), or a plain statement that it is unknown."""
    if amount is None:
        return lang.gettext(NOT_STATED)
    return lang.yen(amount, approximate)
