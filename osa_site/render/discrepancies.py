"""The discrepancies page: every contested fact, with every reading and its sources."""

from __future__ import annotations

from ..dataset import Entry
from ..index import Index, page_of
from ..provenance import NO_SOURCE
from ..schema import KIND_NOUNS
from .common import front_matter, link, title_of
from .escape import heading_id, md
from .record_pages import dispute_list

__all__ = ["render_discrepancies", "contested_entries"]

PAGE = "discrepancies.md"


def contested_entries(index: Index) -> list[Entry]:
    """Every record with at least one dispute (a designation file: in any of its countries), kind by kind,
    then by id."""
    return [e for entries in index.dataset.entries.values() for e in entries.values() if _disputes(e)]


def _disputes(entry: Entry) -> list[tuple[str, list]]:
    """(country, disputes): one pair for most records, one per contested country of a designation file."""
    if entry.kind == "designations":
        return [(c.recipient, c.disputes) for c in entry.record.countries if c.disputes]
    return [("", entry.record.disputes)] if getattr(entry.record, "disputes", None) else []


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

    for country, disputes in _disputes(entry):
        name = f"Country: {md(index.recipient(country).record.name)}.\n\n" if country else ""
        parts.append(name + dispute_list(entry, cite, disputes, scope=country or ""))
    return "\n".join(parts) + "\n"


def render_discrepancies(index: Index) -> str:
    entries = contested_entries(index)
    facts = sum(len(disputes) for e in entries for _, disputes in _disputes(e))
    intro = (f"Where the sources disagree, every reading is recorded with its source, or marked "
             f"\"{NO_SOURCE}\" when no page stating it could be found. "
             f"{facts} contested fact{'s' if facts != 1 else ''} in {len(entries)} "
             f"record{'s' if len(entries) != 1 else ''}. The figure a record's page shows is explained "
             "in its notes.\n\n") if entries else "No contested fact is recorded.\n\n"
    return (front_matter("Discrepancies", "Every fact on which the sources disagree, with each reading "
                         "and its source.")
            + "# Discrepancies between sources\n\n" + intro
            + "".join(_entry_section(e, index) for e in entries))
