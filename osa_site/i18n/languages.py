"""The site's languages: message catalogues, dates, numbers and yen amounts for readers.

English is the source language: every generated label and sentence is written in English in the
code, marked with `_()` (or `ngettext()`), and looked up in the language's catalogue,
`osa_site/locale/<code>/LC_MESSAGES/messages.po`. The catalogues are compiled in memory with Babel
when a language is first asked for; no compiled `.mo` file is committed.

A `Language` is immutable and is handed to the renderers; nothing here keeps per-build state.

Thai conventions chosen for the Thai edition:

- Years are Buddhist Era (พ.ศ. = Gregorian + 543), the way Thai government and newspapers write
  dates: `5 เมษายน 2566`, `เมษายน 2566`, `พ.ศ. 2566`. A date keeps the precision it was written
  with, as in English.
- Japanese fiscal years are given in the same era: `ปีงบประมาณ 2566 (เมษายน 2566 – มีนาคม 2567)`.
- Amounts stay in yen and are counted in ล้าน (millions), as Thai news reports yen grants:
  `600 ล้านเยน`, `1,600 ล้านเยน`, `ประมาณ 5,000 ล้านเยน`; below a million, `250,000 เยน`.
"""

from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import get_month_names
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .dates import PartialDate

__all__ = [
    "EN",
    "LANGUAGES",
    "Language",
    "language",
    "LOCALE_DIR",
    "read_catalog",
    "source_catalog",
    "BUDDHIST_ERA_OFFSET",
    "Fallback",
    "N_",
]

LOCALE_DIR = Path(__file__).parent.parent / "locale"
LANGUAGES = ("en", "th")
BUDDHIST_ERA_OFFSET = 543


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it (it is looked up where it is shown)."""
    return message


class Fallback(str):
    """English text shown in place of a missing translation; the escapers wrap it in lang="en"."""

    lang = "en"


def read_catalog(code: str) -> Catalog:
    """The Babel catalogue of one language, read from its committed `.po` file."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=code, domain="messages")


KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
_CALL_IN_FSTRING = re.compile(r"""\b(?:_|gettext)\((['"])([^'"\\]+)\1\)""")


def source_catalog(root: Path) -> Catalog:
    """Every message the code and the site settings show readers, as a Babel catalogue (English).

    Strings marked in osa_site/ with _(), gettext(), ngettext() or N_(), and the nav titles, the
    description and the copyright of `root`/mkdocs.yml, which the Thai edition translates too.
    """
    import yaml
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(locale=None, domain="messages", project="osa-site")
    package = Path(__file__).parent.parent
    for filename, _lineno, message, _comments, context in extract_from_dir(
        package, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        catalog.add(message, locations=[(f"osa_site/{filename}", 0)], context=context)
    for file in sorted(package.rglob("*.py")):  # calls inside f-strings, which Babel's lexer skips
        for match in _CALL_IN_FSTRING.finditer(file.read_text(encoding="utf-8")):
            catalog.add(match.group(2), locations=[(f"osa_site/{file.relative_to(package).as_posix()}", 0)])
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = [config.get("site_description"), config.get("copyright")]
    for text in _nav_titles(config.get("nav") or []) + settings:
        if text:
            catalog.add(" ".join(str(text).split()), locations=[("mkdocs.yml", 0)])
    return catalog


def _nav_titles(nav: object) -> list[str]:
    if isinstance(nav, list):
        return [t for item in nav for t in _nav_titles(item)]
    if isinstance(nav, dict):
        return [t for title, target in nav.items() for t in [title, *_nav_titles(target)]]
    return []


def _translations(code: str) -> _gettext.NullTranslations:
    """The language's catalogue compiled in memory (English, the source language, has none)."""
    if code == "en":
        return _gettext.NullTranslations()
    buffer = BytesIO()
    write_mo(buffer, read_catalog(code), use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def _decimal(value: Decimal) -> str:
    return f"{value.normalize():f}"


@dataclass(frozen=True)
class Language:
    """One language of the site: its catalogue and its ways of writing dates and amounts."""

    code: str
    translations: _gettext.NullTranslations
    months: tuple[str, ...]  # index 1..12; index 0 unused

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    _ = gettext

    def pgettext(self, context: str, message: str) -> str:
        """A message whose translation depends on where it is shown (`context`)."""
        return self.translations.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def text(self, obj: object, name: str) -> str:
        """A record's text field in this language: its `th:` value, else the English as a Fallback
        ("" when the field is empty in English too)."""
        english = getattr(obj, name)
        if english is None:
            return ""
        if self.code == "en":
            return english
        translated = getattr(getattr(obj, self.code, None), name, None)
        return translated if translated else Fallback(english)

    def year(self, year: int) -> int:
        """The year number readers of this language use (Buddhist Era in Thai)."""
        return year + BUDDHIST_ERA_OFFSET if self.code == "th" else year

    def date(self, date: PartialDate) -> str:
        """A date at its own precision: `5 April 2023`, `April 2023`, `2023` (or their Thai forms)."""
        if self.code == "en":
            return date.display()
        year = self.year(date.year)
        if date.day:
            return f"{date.day} {self.months[date.month]} {year}"
        if date.month:
            return f"{self.months[date.month]} {year}"
        return f"พ.ศ. {year}"

    def number(self, value: int | Decimal) -> str:
        """A number as the language writes it: Thai groups digits (`1,600`); English pages keep `1600`."""
        if self.code == "en":
            return str(value)
        if isinstance(value, int):  # Thai groups digits by three with commas, as Python's "," does
            return f"{value:,}"
        return format_decimal(value, locale=self.code)

    def yen(self, amount: int, approximate: bool = False) -> str:
        """`¥600 million`, `about ¥5 billion`; in Thai `600 ล้านเยน`, `ประมาณ 5,000 ล้านเยน`."""
        text = self._yen_en(amount) if self.code == "en" else self._yen_th(amount)
        return self.gettext("about {amount}").format(amount=text) if approximate else text

    @staticmethod
    def _yen_en(amount: int) -> str:
        value = Decimal(amount)
        for size, word in ((Decimal(10**9), "billion"), (Decimal(10**6), "million")):
            if value >= size:
                return f"¥{_decimal(value / size)} {word}"
        return f"¥{amount:,}"

    def _yen_th(self, amount: int) -> str:
        value = Decimal(amount)
        if value >= 10**6:
            return f"{self.number((value / 10**6).normalize())} ล้านเยน"
        return f"{self.number(amount)} เยน"

    def fiscal_year(self, year: int) -> str:
        """`FY2023 (April 2023 – March 2024)`; in Thai the Buddhist Era years."""
        if self.code == "en":
            return f"FY{year} (April {year} – March {year + 1})"
        return (
            f"ปีงบประมาณ {self.year(year)} "
            f"({self.months[4]} {self.year(year)} – {self.months[3]} {self.year(year + 1)})"
        )

    def fy(self, year: int) -> str:
        """The short label of a Japanese fiscal year: `FY2023`, `ปีงบฯ 2566`."""
        return f"FY{year}" if self.code == "en" else f"ปีงบฯ {self.year(year)}"


@cache
def language(code: str) -> Language:
    """The language with this code ('en' or 'th'); built once, immutable after."""
    if code not in LANGUAGES:
        raise ValueError(f"expected one of {', '.join(LANGUAGES)}, received {code!r}")
    names = get_month_names("wide", locale=code)
    return Language(code, _translations(code), ("",) + tuple(names[m] for m in range(1, 13)))


EN = language("en")  # the default edition's language, built once
