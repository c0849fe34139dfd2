"""Designation pages: each fiscal year's designated countries, and the index of every designation."""

from __future__ import annotations

from ..i18n.languages import N_, Language
from ..model.designations import OUTCOME_LABELS, Outcome, fiscal_year_end, months_between
from ..model.index import Index, page_of
from ..records.dataset import Entry
from .cite_block import cite_this
from .common import (
    EN,
    Citations,
    SiteContext,
    badge,
    fiscal_year,
    front_matter,
    link,
    table,
    title_of,
    when,
)
from .escape import heading_id, md, text_block, title_heading
from .record_parts import dispute_list, sources_section

__all__ = [
    "render_designation",
    "render_designations_index",
    "outcome_cell",
    "designation_rows",
    "designations_section",
]


def _outcome_text(outcome: Outcome, lang: Language) -> str:
    if outcome.status == "lapsed":
        return lang.gettext("did not become a project in {fy}").format(fy=lang.fy(outcome.fiscal_year))
    return lang.gettext(OUTCOME_LABELS[outcome.status])


def outcome_cell(outcome: Outcome, page: str, lang: Language = EN) -> str:
    """`Became a project: [title](…)`, `Did not become a project in FY2024`, or `No exchange … yet`."""
    text = _outcome_text(outcome, lang)
    if not outcome.projects:
        return md(text[0].upper() + text[1:])
    links = ", ".join(link(page, page_of(p), lang.text(p.record, "title")) for p in outcome.projects)
    return lang.gettext("Became a project: {projects}").format(projects=links)


def _wait(outcome: Outcome, lang: Language) -> str:
    notes = outcome.first_notes()
    months = months_between(outcome.country.reported, notes) if notes else None
    if months is None:
        return "—"
    return lang.ngettext("{n} month", "{n} months", months).format(n=lang.number(months))


def designation_rows(
    outcomes: list[Outcome], page: str, index: Index, refs: Citations, with_country: bool = True
) -> list[list[str]]:
    lang = refs.lang
    rows = []
    for o in outcomes:
        row = [link(page, page_of(o.file), lang.fy(o.fiscal_year))]
        if with_country:
            recipient = index.recipient(o.recipient)
            row.append(link(page, page_of(recipient), lang.text(recipient.record, "name")))
        row += [
            md(when(o.country.reported, lang)) + refs.ref(o.country.sources),
            outcome_cell(o, page, lang),
            _wait(o, lang),
            badge(o.country.confidence, lang),
        ]
        rows.append(row)
    return rows


_HEAD = [
    N_("Fiscal year"),
    N_("Country"),
    N_("First reported"),
    N_("Outcome"),
    N_("Report to exchange of notes"),
    N_("Confidence"),
]


def _head(lang: Language, with_country: bool = True) -> list[str]:
    return [lang.gettext(h) for h in _HEAD if with_country or h != "Country"]


def _as_of_note(index: Index, lang: Language, year: int | None = None) -> str:
    _ = lang.gettext
    end = (
        " " + _("{fy} ends on {date}.").format(fy=lang.fy(year), date=lang.date(fiscal_year_end(year)))
        if year
        else ""
    )
    return (
        _(
            "A designation became a project when a project record exists for that country and fiscal "
            "year. One that has none once its fiscal year has ended did not become a project in that year; "
            "before then, no exchange of notes has been found yet."
        )
        + end
        + " "
        + _(
            "Whether a year has ended is judged against the date of the data, {date} (the latest change "
            "to a record, or the latest date a record gives), not the day the site was built."
        ).format(date=lang.date(index.as_of))
    )


def _country_details(entry: Entry, index: Index, refs: Citations) -> str:
    lang = refs.lang
    _ = lang.gettext
    parts = []
    for country in entry.record.countries:
        name = md(lang.text(index.recipient(country.recipient).record, "name"))
        if country.disputes:
            anchor = heading_id("designation", entry.id, country.recipient, "contested")
            parts.append(
                "### "
                + _("{country}: contested").format(country=name)
                + f" {{#{anchor}}}\n\n"
                + _("The sources disagree. Every reading is shown.")
                + "\n\n"
                + dispute_list(entry, refs.ref, country.disputes, level=4, scope=country.recipient, lang=lang)
            )
        notes = lang.text(country, "notes")
        if notes:
            anchor = heading_id("designation", entry.id, country.recipient, "notes")
            parts.append(f"### {name} {{#{anchor}}}\n\n{text_block(notes)}\n\n")
    return f"## {_('Notes on each country')}\n\n" + "".join(parts) if parts else ""


def render_designation(entry: Entry, index: Index, ctx: SiteContext) -> str:
    """One fiscal year's designation file: each country, when it was reported, and what became of it."""
    lang = ctx.lang
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    refs = Citations(index, page, lang)
    title = title_of(entry, lang)
    outcomes = [o for o in index.designations if o.file.id == entry.id]
    description = _("The countries reported as chosen for OSA in fiscal year {year}.").format(
        year=lang.year(rec.fiscal_year)
    )
    notes = lang.text(rec, "notes")
    intro = _("The countries reported as chosen or eligible for OSA in {fy}.").format(
        fy=md(fiscal_year(rec.fiscal_year, lang))
    )
    listed = _("Every year is listed on the {designations_page}.").format(
        designations_page=link(page, "designations/index.md", _("designations page"))
    )
    body = [
        front_matter(title, description),
        title_heading(title),
        intro + " " + md(_as_of_note(index, lang, rec.fiscal_year)) + "\n\n",
        table(_head(lang), designation_rows(outcomes, page, index, refs)) + "\n\n",
        f"## {_('Notes')}\n\n{text_block(notes)}\n\n" if notes else "",
        _country_details(entry, index, refs),
        listed + "\n\n",
        cite_this(entry, ctx) + "\n",
    ]
    body.append(sources_section(refs) if refs.order else "")
    return "".join(body)


def designations_section(outcomes: list[Outcome], page: str, index: Index, refs: Citations) -> str:
    """A recipient page's designations: each fiscal year, when it was reported, and what became of it."""
    if not outcomes:
        return ""
    _ = refs.lang.gettext
    rows = designation_rows(outcomes, page, index, refs, with_country=False)
    return (
        f"## {_('Designations')}\n\n"
        + _(
            "When the country was reported as chosen for a fiscal year's OSA, and whether that became a "
            "project."
        )
        + "\n\n"
        + table(_head(refs.lang, False), rows)
        + "\n\n"
    )


def render_designations_index(index: Index, lang: Language = EN) -> str:
    _ = lang.gettext
    page = "designations/index.md"
    refs = Citations(index, page, lang)
    rows = designation_rows(index.designations, page, index, refs)
    description = _(
        "Every country reported as chosen for OSA in a fiscal year, and whether the designation "
        "became a project."
    )
    body = (
        front_matter(_("Designations"), description)
        + f"# {_('Designations')}\n\n"
        + _(
            "Before a project is signed, a country is often reported as chosen, or eligible, for a "
            "fiscal year's OSA. Each such report is a record here, with its date and sources."
        )
        + " "
        + md(_as_of_note(index, lang))
        + "\n\n"
    )
    if not rows:
        return body + _("No designation is recorded yet.") + "\n"
    return body + table(_head(lang), rows) + "\n\n" + sources_section(refs)
