"""Back-references and derived facts, built once before any page is rendered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from ..i18n.dates import PartialDate, parse_partial_date
from ..i18n.languages import N_
from ..records.dataset import Dataset, Entry, source_refs
from ..records.schema import LIFECYCLE_LABELS, THEME_LABELS, Domain, Equipment, Theme
from .designations import Outcome, designation_outcomes, latest_date

K = TypeVar("K", bound=int | str)

__all__ = [
    "Event",
    "Index",
    "Total",
    "build_index",
    "project_status",
    "page_of",
    "tally",
    "newest_first",
    "EVENT_LABELS",
    "RecipientStatus",
    "RECIPIENT_STATUS_LABELS",
]

EVENT_LABELS: dict[str, str] = {
    "milestone": N_("Milestone"),
    "exchange-of-notes": N_("Exchange of notes"),
    "agreement": N_("Agreement signed"),
    **{str(stage): label for stage, label in LIFECYCLE_LABELS.items()},
    "designated": N_("Designation reported"),
}


# A recipient's status is derived from its projects and designations (Index.status), with one wording each.
RecipientStatus = Literal["recipient", "designated", "none"]
RECIPIENT_STATUS_LABELS: dict[RecipientStatus, str] = {
    "recipient": N_("Recipient"),
    "designated": N_("Designated only (no signed project found)"),
    "none": N_("No signed project found"),
}


def page_of(entry: Entry) -> str:
    """The generated Markdown file of a record, relative to the docs folder."""
    return f"{entry.kind}/{entry.id}.md"


@dataclass(frozen=True, order=True)
class Event:
    """One dated thing on a timeline; sorts by date, then kind, then title."""

    date: PartialDate
    kind: str
    title: str
    page: str
    country: str = ""  # recipient id, when the event belongs to one
    country_name: str = ""
    country_code: str = ""  # ISO 3166-1 alpha-3 of the recipient or agreement partner

    @property
    def country_key(self) -> str:
        """What the timeline's country filter matches: the lower-case ISO code, never the name,
        so any name in any script (or two names that look alike) gets its own stable key."""
        return self.country_code.lower()


@dataclass(frozen=True)
class Total:
    """Signed projects of one group (a fiscal year, a recipient, a domain) and their known value."""

    projects: int = 0
    value: int = 0  # yen, adding up the amounts the sources state
    unknown: int = 0  # projects whose amount the sources do not state


def tally(projects: Iterable[Entry[Equipment]]) -> Total:
    amounts = [p.record.amount_jpy for p in projects]
    return Total(len(amounts), sum(a or 0 for a in amounts), sum(a is None for a in amounts))


def _tally_by(projects: list[Entry[Equipment]], key: Callable[[Entry[Equipment]], K]) -> dict[K, Total]:
    groups: dict[K, list[Entry[Equipment]]] = defaultdict(list)
    for project in projects:
        groups[key(project)].append(project)
    return {k: tally(groups[k]) for k in sorted(groups)}


@dataclass
class Index:
    """Every join the renderers need, computed in one pass over the records."""

    dataset: Dataset
    projects_by_recipient: dict[str, list[Entry]] = field(default_factory=dict)
    agreements_by_recipient: dict[str, list[Entry]] = field(default_factory=dict)
    recipient_by_iso3: dict[str, Entry] = field(default_factory=dict)
    cited_by: dict[str, list[Entry]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    events_by_recipient: dict[str, list[Event]] = field(default_factory=dict)
    fiscal_years: list[int] = field(default_factory=list)  # first to last year with a project
    # Every sum of project values, computed here once: overall, by fiscal year, recipient and domain,
    # and by fiscal year within each recipient.
    total: Total = Total()
    totals_by_fiscal_year: dict[int, Total] = field(default_factory=dict)
    totals_by_recipient: dict[str, Total] = field(default_factory=dict)
    totals_by_domain: dict[Domain, Total] = field(default_factory=dict)
    recipient_years: dict[str, dict[int, Total]] = field(default_factory=dict)
    signed_total: Total = Total()  # the same sums over the projects with an exchange of notes on record
    signed_totals_by_fiscal_year: dict[int, Total] = field(default_factory=dict)
    data_changed: str | None = None  # YYYY-MM-DD of the latest commit that changed a record, if known
    as_of: PartialDate = PartialDate(1)  # the data's own date: data_changed or the latest date in a record
    designations: list[Outcome] = field(default_factory=list)  # by fiscal year, then file order
    designations_by_recipient: dict[str, list[Outcome]] = field(default_factory=dict)
    signed_recipients: frozenset[str] = frozenset()  # recipients with an exchange of notes on record
    # Analysis and views, newest first: by theme (in the schema's order), by recipient and by project.
    analysis_by_theme: dict[Theme, list[Entry]] = field(default_factory=dict)
    analysis_by_recipient: dict[str, list[Entry]] = field(default_factory=dict)
    analysis_by_project: dict[str, list[Entry]] = field(default_factory=dict)

    def recipient(self, id: str) -> Entry:
        entry = self.dataset.get("recipients", id)
        assert entry is not None, f"unknown recipient {id}"  # validation guarantees it
        return entry

    def recipient_for_agreement(self, agreement: Entry) -> Entry | None:
        return self.recipient_by_iso3.get(agreement.record.partner.iso3)

    def total_jpy(self, recipient_id: str) -> int:
        return self.totals_by_recipient.get(recipient_id, Total()).value

    def status(self, recipient_id: str) -> RecipientStatus:
        """Derived: "recipient" (a signed project), "designated" (designations only) or "none"."""
        if recipient_id in self.signed_recipients:
            return "recipient"
        return "designated" if self.designations_by_recipient.get(recipient_id) else "none"

    def events_of(self, recipient_id: str) -> list[Event]:
        """One recipient's events in timeline order (a dict look-up, not a scan of every event)."""
        return self.events_by_recipient.get(recipient_id, [])


def project_status(entry: Entry) -> str:
    """The furthest lifecycle step a project has reached."""
    stages = {step.stage for step in entry.record.lifecycle}
    if "handover" in stages:
        return N_("Handed over")
    if "delivery" in stages:
        return N_("Delivered")
    if entry.record.exchange_of_notes:
        return N_("Notes exchanged")
    return N_("Announced")


def project_sort_key(entry: Entry) -> tuple[int, str, str]:
    notes = entry.record.exchange_of_notes
    return (entry.record.fiscal_year, notes.date.iso() if notes else "9999", entry.id)


def _project_events(entry: Entry, recipient: Entry) -> list[Event]:
    rec = entry.record
    who = (rec.recipient, recipient.record.name, recipient.record.iso3)
    events = []
    if rec.exchange_of_notes:
        events.append(Event(rec.exchange_of_notes.date, "exchange-of-notes", rec.title, page_of(entry), *who))
    for step in rec.lifecycle:
        if (date := step.known_date()) is not None:  # an undated step has no place on a timeline
            events.append(Event(date, step.stage, rec.title, page_of(entry), *who))
    return events


def _agreement_event(entry: Entry, recipient: Entry | None) -> Event:
    rec = entry.record
    return Event(
        rec.signed,
        "agreement",
        rec.title,
        page_of(entry),
        recipient.id if recipient else "",
        rec.partner.name,
        rec.partner.iso3,
    )


def _index_projects(index: Index) -> None:
    by_recipient: dict[str, list[Entry]] = defaultdict(list)
    for entry in index.dataset.of("equipment"):
        by_recipient[entry.record.recipient].append(entry)
        index.events.extend(_project_events(entry, index.recipient(entry.record.recipient)))
    index.projects_by_recipient = {k: sorted(v, key=project_sort_key) for k, v in by_recipient.items()}
    years = sorted({entry.record.fiscal_year for entry in index.dataset.of("equipment")})
    index.fiscal_years = list(range(years[0], years[-1] + 1)) if years else []


def _index_totals(index: Index) -> None:
    projects = index.dataset.of("equipment")
    index.total = tally(projects)
    index.totals_by_fiscal_year = _tally_by(projects, lambda p: p.record.fiscal_year)
    index.totals_by_recipient = _tally_by(projects, lambda p: p.record.recipient)
    index.totals_by_domain = _tally_by(projects, lambda p: p.record.domain)
    index.recipient_years = {
        rid: _tally_by(ps, lambda p: p.record.fiscal_year) for rid, ps in index.projects_by_recipient.items()
    }
    signed = [p for p in projects if p.record.exchange_of_notes]
    index.signed_total = tally(signed)
    index.signed_totals_by_fiscal_year = _tally_by(signed, lambda p: p.record.fiscal_year)


def _index_agreements(index: Index) -> None:
    by_recipient: dict[str, list[Entry]] = defaultdict(list)
    for entry in index.dataset.of("agreements"):
        recipient = index.recipient_for_agreement(entry)
        if recipient:
            by_recipient[recipient.id].append(entry)
        index.events.append(_agreement_event(entry, recipient))
    index.agreements_by_recipient = {
        k: sorted(v, key=lambda e: (e.record.signed, e.id)) for k, v in by_recipient.items()
    }


def _index_citations(index: Index) -> None:
    cited_by: dict[str, list[Entry]] = defaultdict(list)
    for entries in index.dataset.entries.values():
        for entry in entries.values():
            for ref in dict.fromkeys(ref for _, ref in source_refs(entry.record)):
                cited_by[ref].append(entry)
    index.cited_by = dict(cited_by)


def _index_designations(index: Index) -> None:
    index.designations = designation_outcomes(index.dataset, index.as_of)
    by_recipient: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in index.designations:
        by_recipient[outcome.recipient].append(outcome)
        country = index.recipient(outcome.recipient).record
        title = f"Designated for FY{outcome.fiscal_year}"
        index.events.append(
            Event(
                outcome.country.reported,
                "designated",
                title,
                page_of(outcome.file),
                outcome.recipient,
                country.name,
                country.iso3,
            )
        )
    index.designations_by_recipient = dict(by_recipient)


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Analysis pieces newest first (ties and undated pieces by id, the undated last)."""
    by_id = sorted(entries, key=lambda e: e.id)
    dated = [e for e in by_id if isinstance(e.record.date, PartialDate)]
    undated = [e for e in by_id if not isinstance(e.record.date, PartialDate)]
    return sorted(dated, key=lambda e: e.record.date, reverse=True) + undated  # a stable sort keeps ids


def _index_analysis(index: Index) -> None:
    pieces = newest_first(index.dataset.of("analysis"))
    by_theme: dict[Theme, list[Entry]] = {theme: [] for theme in THEME_LABELS}
    by_recipient: dict[str, list[Entry]] = defaultdict(list)
    by_project: dict[str, list[Entry]] = defaultdict(list)
    for entry in pieces:
        for theme in entry.record.themes:
            by_theme[theme].append(entry)
        for rid in entry.record.recipients:
            by_recipient[rid].append(entry)
        for pid in entry.record.projects:
            by_project[pid].append(entry)
    index.analysis_by_theme = {theme: found for theme, found in by_theme.items() if found}
    index.analysis_by_recipient = dict(by_recipient)
    index.analysis_by_project = dict(by_project)


def _as_of(dataset: Dataset, data_changed: str | None) -> PartialDate:
    dates = [parse_partial_date(data_changed)] if data_changed else []
    latest = latest_date(e.record for entries in dataset.entries.values() for e in entries.values())
    return max(dates + ([latest] if latest else []), default=PartialDate(1))


def build_index(dataset: Dataset, data_changed: str | None = None) -> Index:
    """Index every record: recipient → projects, agreements and designations, source → citing records,
    events. `data_changed` is the date of the latest commit that changed a record (None outside git)."""
    index = Index(dataset, data_changed=data_changed, as_of=_as_of(dataset, data_changed))
    index.recipient_by_iso3 = {e.record.iso3: e for e in dataset.of("recipients")}
    index.signed_recipients = frozenset(
        e.record.recipient for e in dataset.of("equipment") if e.record.exchange_of_notes
    )
    _index_projects(index)
    _index_totals(index)
    _index_agreements(index)
    _index_designations(index)
    for entry in dataset.of("milestones"):
        index.events.append(Event(entry.record.date, "milestone", entry.record.title, page_of(entry)))
    _index_citations(index)
    _index_analysis(index)
    index.events.sort()
    by_recipient: dict[str, list[Event]] = defaultdict(list)
    for event in index.events:
        if event.country:
            by_recipient[event.country].append(event)
    index.events_by_recipient = dict(by_recipient)
    return index
