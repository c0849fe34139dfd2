"""Designation pages: each fiscal year's designated countries, and the index of every designation."""

from __future__ import annotations

from ..dataset import Entry
from ..designations import Outcome, fiscal_year_end, months_between
from ..index import Index, page_of
from .common import (
    Citations,
    SiteContext,
    badge,
    cite_this,
    fiscal_year,
    front_matter,
    link,
    table,
    when,
)
from .escape import heading_id, md, text_block, title_heading
from .record_pages import dispute_list

__all__ = ["render_designation", "render_designations_index", "outcome_cell", "designation_rows",
           "designations_section"]


def outcome_cell(outcome: Outcome, page: str) -> str:
    """`Became a project: [title](…)`, `Did not become a project in FY2024`, or `No exchange … yet`."""
    text = outcome.text()
    if not outcome.projects:
        return md(text[0].upper() + text[1:])
    links = ", ".join(link(page, page_of(p), p.record.title) for p in outcome.projects)
    return f"Became a project: {links}"


def _wait(outcome: Outcome) -> str:
    notes = outcome.first_notes()
    months = months_between(outcome.country.reported, notes) if notes else None
    if months is None:
        return "—"
    return f"{months} month{'s' if months != 1 else ''}"


def designation_rows(outcomes: list[Outcome], page: str, index: Index, refs: Citations,
                     with_country: bool = True) -> list[list[str]]:
    rows = []
    for o in outcomes:
        row = [link(page, page_of(o.file), f"FY{o.fiscal_year}")]
        if with_country:
            recipient = index.recipient(o.recipient)
            row.append(link(page, page_of(recipient), recipient.record.name))
        row += [md(when(o.country.reported)) + refs.ref(o.country.sources), outcome_cell(o, page), _wait(o),
                badge(o.country.confidence)]
        rows.append(row)
    return rows


_HEAD = ["Fiscal year", "Country", "First reported", "Outcome", "Report to exchange of notes", "Confidence"]


def _as_of_note(index: Index, year: int | None = None) -> str:
    end = f" FY{year} ends on {fiscal_year_end(year).display()}." if year else ""
    return ("A designation became a project when a project record exists for that country and fiscal year. "
            "One that has none once its fiscal year has ended did not become a project in that year; before "
            f"then, no exchange of notes has been found yet.{end} Whether a year has ended is judged against "
            f"the date of the data, {index.as_of.display()} (the latest change to a record, or the latest "
            "date a record gives), not the day the site was built.")


def _country_details(entry: Entry, index: Index, refs: Citations) -> str:
    parts = []
    for country in entry.record.countries:
        name = md(index.recipient(country.recipient).record.name)
        if country.disputes:
            anchor = heading_id("designation", entry.id, country.recipient, "contested")
            parts.append(f"### {name}: contested {{#{anchor}}}\n\n"
                         "The sources disagree. Every reading is shown.\n\n"
                         + dispute_list(entry, refs.ref, country.disputes, level=4, scope=country.recipient))
        if country.notes:
            anchor = heading_id("designation", entry.id, country.recipient, "notes")
            parts.append(f"### {name} {{#{anchor}}}\n\n{text_block(country.notes)}\n\n")
    return "## Notes on each country\n\n" + "".join(parts) if parts else ""


def render_designation(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """One fiscal year's designation file: each country, when it was reported, and what became of it."""
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page)
    title = f"Countries designated for FY{rec.fiscal_year}"
    outcomes = [o for o in index.designations if o.file.id == entry.id]
    description = f"The countries reported as chosen for OSA in fiscal year {rec.fiscal_year}."
    body = [front_matter(title, description),
            title_heading(title),
            f"The countries reported as chosen or eligible for OSA in {md(fiscal_year(rec.fiscal_year))}. "
            + md(_as_of_note(index, rec.fiscal_year)) + "\n\n",
            table(_HEAD, designation_rows(outcomes, page, index, refs)) + "\n\n",
            f"## Notes\n\n{text_block(rec.notes)}\n\n" if rec.notes else "",
            _country_details(entry, index, refs),
            f"Every year is listed on the {link(page, 'designations/index.md', 'designations page')}.\n\n",
            cite_this(ctx, title, page, entry.path) + "\n"]
    body.append(_sources(refs) if refs.order else "")
    return "".join(body)


def _sources(refs: Citations) -> str:
    return "## Sources\n\nNumbered references on this page point to these sources.\n\n" + refs.footer() + "\n"


def designations_section(outcomes: list[Outcome], page: str, index: Index, refs: Citations) -> str:
    """A recipient page's designations: each fiscal year, when it was reported, and what became of it."""
    if not outcomes:
        return ""
    rows = designation_rows(outcomes, page, index, refs, with_country=False)
    return ("## Designations\n\nWhen the country was reported as chosen for a fiscal year's OSA, and whether "
            "that became a project.\n\n" + table([h for h in _HEAD if h != "Country"], rows) + "\n\n")


def render_designations_index(index: Index) -> str:
    page = "designations/index.md"
    refs = Citations(index, page)
    rows = designation_rows(index.designations, page, index, refs)
    body = (front_matter("Designations", "Every country reported as chosen for OSA in a fiscal year, and "
                         "whether the designation became a project.")
            + "# Designations\n\n"
            + "Before a project is signed, a country is often reported as chosen, or eligible, for a fiscal "
            "year's OSA. Each such report is a record here, with its date and sources. "
            + md(_as_of_note(index)) + "\n\n")
    if not rows:
        return body + "No designation is recorded yet.\n"
    return body + table(_HEAD, rows) + "\n\n" + _sources(refs)
