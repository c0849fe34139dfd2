"""The discrepancies page: every contested fact, with every reading and its sources."""

from __future__ import annotations

from ..dataset import Entry
from ..i18n import Language
from ..index import Index, page_of
from ..schema import KIND_NOUNS
from .common import EN, front_matter, link, title_of
from .escape import md
from .record_pages import dispute_list

__all__ = ["render_discrepancies", "contested_entries"]

PAGE = "discrepancies.md"


def contested_entries(index: Index) -> list[Entry]:
    """Every record with at least one dispute, kind by kind, then by id."""
    return [e for entries in index.dataset.entries.values() for e in entries.values()
            if getattr(e.record, "disputes", None)]


def _source_links(index: Index, source_ids: list[str]) -> str:
    links = []
    for sid in source_ids:
        source = index.dataset.get("sources", sid)
        assert source is not None  # validation guarantees it
        links.append(f"{link(PAGE, page_of(source), source.record.title)} ({md(source.record.publisher)})")
    return "; ".join(links)


def _entry_section(entry: Entry, index: Index, lang: Language) -> str:
    _ = lang.gettext
    title = title_of(entry, lang)
    parts = [f"## {md(title)}\n",
             _("The {kind} record: {link}.").format(kind=_(KIND_NOUNS[entry.kind]),
                                                    link=link(PAGE, page_of(entry), title)) + "\n"]

    def cite(ids: list[str]) -> str:
        return ". " + _("Source: {sources}.").format(sources=_source_links(index, ids))

    return "\n".join(parts) + "\n" + dispute_list(entry, cite, lang)


def render_discrepancies(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    entries = contested_entries(index)
    facts = sum(len(e.record.disputes) for e in entries)
    if entries:
        fact_count = lang.ngettext("{n} contested fact", "{n} contested facts", facts)
        record_count = lang.ngettext("{n} record", "{n} records", len(entries))
        counted = _("{facts} in {records}.").format(facts=fact_count.format(n=lang.number(facts)),
                                                    records=record_count.format(n=lang.number(len(entries))))
        intro = (_("Where the sources disagree, every reading is recorded with its source.") + " " + counted
                 + " " + _("The figure a record's page shows is explained in its notes.") + "\n\n")
    else:
        intro = _("No contested fact is recorded.") + "\n\n"
    return (front_matter(_("Discrepancies"), _("Every fact on which the sources disagree, with each reading "
                                               "and its source."))
            + f"# {_('Discrepancies between sources')}\n\n" + intro
            + "".join(_entry_section(e, index, lang) for e in entries))
