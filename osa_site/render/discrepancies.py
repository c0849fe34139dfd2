"""The discrepancies page: every contested fact, with every reading and its sources."""

from __future__ import annotations

from ..i18n.languages import Language
from ..model.index import Index, page_of
from ..records.dataset import Entry
from ..records.provenance import NO_SOURCE
from ..records.schema import KIND_NOUNS
from .common import EN, front_matter, link, title_of
from .escape import heading_id, md
from .record_parts import dispute_list

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


def _source_links(index: Index, source_ids: list[str], lang: Language) -> str:
    links = []
    for sid in source_ids:
        source = index.dataset.get("sources", sid)
        assert source is not None  # validation guarantees it
        title, publisher = lang.text(source.record, "title"), lang.text(source.record, "publisher")
        links.append(f"{link(PAGE, page_of(source), title)} ({md(publisher)})")
    return "; ".join(links)


def _entry_section(entry: Entry, index: Index, lang: Language) -> str:
    _ = lang.gettext
    title = title_of(entry, lang)
    parts = [
        f"## {md(title)} {{#{heading_id('record', entry.kind, entry.id)}}}\n",
        _("The {kind} record: {link}.").format(
            kind=_(KIND_NOUNS[entry.kind]), link=link(PAGE, page_of(entry), title)
        )
        + "\n",
    ]

    def cite(ids: list[str]) -> str:
        return ". " + _("Source: {sources}.").format(sources=_source_links(index, ids, lang))

    for country, disputes in _disputes(entry):
        country_name = md(lang.text(index.recipient(country).record, "name")) if country else ""
        name = _("Country: {country}.").format(country=country_name) + "\n\n" if country else ""
        parts.append(name + dispute_list(entry, cite, disputes, scope=country or "", lang=lang))
    return "\n".join(parts) + "\n"


def render_discrepancies(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    entries = contested_entries(index)
    facts = sum(len(disputes) for e in entries for _country, disputes in _disputes(e))
    if entries:
        fact_count = lang.ngettext("{n} contested fact", "{n} contested facts", facts)
        record_count = lang.ngettext("{n} record", "{n} records", len(entries))
        counted = _("{facts} in {records}.").format(
            facts=fact_count.format(n=lang.number(facts)),
            records=record_count.format(n=lang.number(len(entries))),
        )
        recorded = _(
            "Where the sources disagree, every reading is recorded with its source, or marked "
            '"{no_source}" when no page stating it could be found.'
        ).format(no_source=_(NO_SOURCE))
        intro = (
            recorded
            + " "
            + counted
            + " "
            + _("The figure a record's page shows is explained in its notes.")
            + "\n\n"
        )
    else:
        intro = _("No contested fact is recorded.") + "\n\n"
    return (
        front_matter(
            _("Discrepancies"),
            _("Every fact on which the sources disagree, with each reading and its source."),
        )
        + f"# {_('Discrepancies between sources')}\n\n"
        + intro
        + "".join(_entry_section(e, index, lang) for e in entries)
    )
