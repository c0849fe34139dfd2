"""Plain wording shared by the pages and the change summaries: amounts of yen, and what no source states."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["NOT_STATED", "yen"]

NOT_STATED = "Not stated in the sources"


def yen(amount: int | None, approximate: bool = False) -> str:
    """`¥600 million`, `about ¥5 billion`, or a plain statement that it is unknown."""
    if amount is None:
        return NOT_STATED
    value = Decimal(amount)
    for size, word in ((Decimal(10**9), "billion"), (Decimal(10**6), "million")):
        if value >= size:
            text = f"¥{(value / size).normalize():f} {word}"
            break
    else:
        text = f"¥{amount:,}"
    return f"about {text}" if approximate else text
