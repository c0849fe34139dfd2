"""The discrepancies page: every contested fact, with every reading and its sources."""

from __future__ import annotations

from ..dataset import Entry
from ..index import Index, page_of
from ..schema import KIND_NOUNS
from .common import front_matter, link, title_of
from .escape import heading_id, md
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


def _entry_section(entry: Entry, index: Index) -> str:
    kind = KIND_NOUNS[entry.kind]
    parts = [f"## {md(title_of(entry))} {{#{heading_id('record', entry.kind, entry.id)}}}\n",
             f"The {kind} record: {link(PAGE, page_of(entry), title_of(entry))}.\n"]
    def cite(ids: list[str]) -> str:
        return f". Source: {_source_links(index, ids)}."

    return "\n".join(parts) + "\n" + dispute_list(entry, cite)


def render_discrepancies(index: Index) -> str:
    entries = contested_entries(index)
    facts = sum(len(e.record.disputes) for e in entries)
    intro = (f"Where the sources disagree, every reading is recorded with its source. "
             f"{facts} contested fact{'s' if facts != 1 else ''} in {len(entries)} "
             f"record{'s' if len(entries) != 1 else ''}. The figure a record's page shows is explained "
             "in its notes.\n\n") if entries else "No contested fact is recorded.\n\n"
    return (front_matter("Discrepancies", "Every fact on which the sources disagree, with each reading "
                         "and its source.")
            + "# Discrepancies between sources\n\n" + intro
            + "".join(_entry_section(e, index) for e in entries))
