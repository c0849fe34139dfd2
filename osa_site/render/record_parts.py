"""Parts every record page shares: the facts table, contested readings, notes and numbered sources."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n.languages import Language
from ..records.dataset import Entry
from ..records.provenance import NO_SOURCE
from .common import EN, Citations, table
from .escape import heading_id, md, text_block

__all__ = ["facts", "dispute_list", "render_disputes", "notes_section", "sources_section"]


def facts(rows: list[tuple[str, str]], lang: Language) -> str:
    """The table of a record's facts, each row a label and its value (already escaped)."""
    return table([lang.gettext("Fact"), lang.pgettext("facts table", "Value")], rows)


def dispute_list(
    entry: Entry,
    cite: Callable[[list[str]], str],
    disputes: list | None = None,
    level: int = 3,
    scope: str = "",
    lang: Language = EN,
) -> str:
    """Each contested fact as a heading, then every reading with `cite(its source ids)`, or
    "no source on record" for a reading whose source could not be found. `scope` tells apart the
    heading ids of several dispute lists of one record (a designation file's countries)."""
    _ = lang.gettext
    parts = []
    for number, dispute in enumerate(entry.record.disputes if disputes is None else disputes, start=1):
        anchor = heading_id("dispute", entry.kind, entry.id, scope, number)
        parts.append(f"{'#' * level} {md(lang.text(dispute, 'topic'))} {{#{anchor}}}\n")
        for reading in dispute.readings:
            value = md(lang.text(reading, "value"))
            who = md(lang.text(reading, "according_to")) if reading.according_to else ""
            if reading.sources:
                line = _("{reading} (according to {who})").format(reading=value, who=who) if who else value
                parts.append(f"- {line}{cite(reading.sources)}")
            elif who:
                parts.append(
                    "- "
                    + _("{reading} (according to {who}; {no_source})").format(
                        reading=value, who=who, no_source=_(NO_SOURCE)
                    )
                )
            else:
                parts.append(f"- {value} ({_(NO_SOURCE)})")
        parts.append("")
    return "\n".join(parts) + "\n"


def render_disputes(entry: Entry, refs: Citations) -> str:
    """A record page's contested facts, each reading with its numbered references."""
    if not entry.record.disputes:
        return ""
    _ = refs.lang.gettext
    intro = _("The sources disagree on the following. Every reading is shown.")
    return f"## {_('Contested facts')}\n\n{intro}\n\n" + dispute_list(entry, refs.ref, lang=refs.lang)


def notes_section(entry: Entry, lang: Language) -> str:
    """The record's notes under their heading, or nothing when it has none."""
    notes = lang.text(entry.record, "notes")
    return f"## {lang.gettext('Notes')}\n\n{text_block(notes)}\n\n" if notes else ""


def sources_section(refs: Citations) -> str:
    """The page's numbered references, each a source with its links."""
    _ = refs.lang.gettext
    return (
        f"## {_('Sources')}\n\n{_('Numbered references on this page point to these sources.')}\n\n"
        + refs.footer()
        + "\n"
    )
