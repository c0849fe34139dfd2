"""What each page's card says: its title, its kind and one key figure, and where its picture goes.

The key figure, chosen per kind of page:

- a project: its amount (or "Amount not stated") and fiscal year;
- a recipient: its number of signed projects and their known value (or its status, if none);
- a transfer agreement: the date it was signed; a milestone: its date;
- a budget year: its amount and stage; a fiscal year's designations: how many countries;
- an analysis or view: who published it, and when (if known);
- a section or hand-written page: the whole record's projects and their known value.

Source records get no card of their own: they are many (about one per project), rarely shared,
and their pages show the sources section's card, which keeps the site small at 10,000 projects.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ...i18n.dates import PartialDate
from ...i18n.languages import N_, Language
from ...i18n.segment import ZWSP
from ...model.index import Index, Total
from ...records.dataset import Entry
from ...records.schema import BUDGET_STAGE_LABELS
from ..escape import read_front_matter
from .draw import Card

__all__ = ["card_of", "card_file", "page_title", "KIND_LABELS", "SHARED_CARDS", "SECTION", "HOME"]

KIND_LABELS: dict[str, str] = {
    "recipients": N_("Recipient"),
    "equipment": N_("Project"),
    "agreements": N_("Transfer agreement"),
    "milestones": N_("Milestone"),
    "budgets": N_("Budget"),
    "designations": N_("Designations"),
    "sources": N_("Source"),
    "analysis": N_("Analysis or view"),
}
SECTION = N_("Section")
HOME = N_("Japan's Official Security Assistance")
# Record kinds whose pages show their section's card instead of one of their own.
SHARED_CARDS = frozenset({"sources"})


def card_file(page: str) -> str:
    """Where a page's card picture goes in the docs folder: `cards/equipment/x.png`."""
    return "cards/" + page.removesuffix(".md") + ".png"


def page_title(page: str, meta: dict[str, Any] | None = None) -> tuple[str, str]:
    """A page's title and description as plain text: from its front matter (`meta`, when already
    read), else its first heading."""
    meta = (read_front_matter(page) or {}) if meta is None else meta
    title = meta.get("title")
    if not isinstance(title, str) or not title:
        heading = re.search(r"^# +(.+?)(?: +\{[^{}]*\})? *$", page, re.MULTILINE)
        title = heading.group(1) if heading else ""
    description = meta.get("description")
    return _plain(title), _plain(description) if isinstance(description, str) else ""


def _plain(text: str) -> str:
    return " ".join(html.unescape(text).replace(ZWSP, "").split())


def record_of(path: str, index: Index) -> Entry[Any] | None:
    """The record whose page this is (`equipment/x.md`), or None for any other page."""
    kind, _, name = path.partition("/")
    if not name.endswith(".md") or "/" in name or name == "index.md":
        return None
    return index.dataset.get(kind, name.removesuffix(".md"))


def _money(total: Total, lang: Language) -> str:
    projects = lang.ngettext("{n} project", "{n} projects", total.projects).format(
        n=lang.number(total.projects)
    )
    if not total.value:
        return projects
    return f"{projects} · {lang.yen(total.value)}"


def _figure(entry: Entry[Any], index: Index, lang: Language) -> str:
    _ = lang.gettext
    rec = entry.record
    if entry.kind == "equipment":
        amount = lang.yen(rec.amount_jpy) if rec.amount_jpy is not None else _("Amount not stated")
        return f"{amount} · {lang.fy(rec.fiscal_year)}"
    if entry.kind == "recipients":
        total = index.totals_by_recipient.get(entry.id)
        return _money(total, lang) if total else _("No signed project found")
    if entry.kind == "agreements":
        return _("Signed {date}").format(date=lang.date(rec.signed))
    if entry.kind == "milestones":
        return lang.date(rec.date)
    if entry.kind == "budgets":
        stage = _(BUDGET_STAGE_LABELS[rec.stage])
        return f"{lang.yen(rec.amount_jpy, rec.approximate)} · {stage}"
    if entry.kind == "analysis":
        published = lang.date(rec.date) if isinstance(rec.date, PartialDate) else ""
        return " · ".join(part for part in (str(lang.text(rec, "publisher")), published) if part)
    if entry.kind == "designations":
        n = len(rec.countries)
        return lang.ngettext("{n} country", "{n} countries", n).format(n=lang.number(n))
    return _money(index.total, lang)


def card_of(path: str, title: str, index: Index, lang: Language, site_name: str) -> Card:
    """The card of one page (`path` under the docs folder, `title` its title as plain text)."""
    entry = record_of(path, index)
    if entry is not None:
        label = KIND_LABELS.get(entry.kind, SECTION)  # a kind added later shows as a section page
        kind, figure = lang.gettext(label), _figure(entry, index, lang)
    else:
        label = HOME if path == "index.md" else SECTION
        kind = lang.gettext(label)
        figure = _money(index.total, lang)
    return Card(site_name, kind, title or site_name, figure)
