"""Back-references and derived facts, built once before any page is rendered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from .dataset import Dataset, Entry, source_refs
from .dates import PartialDate
from .schema import LIFECYCLE_LABELS, Domain, Equipment

K = TypeVar("K", bound=int | str)

__all__ = ["Event", "Index", "Total", "build_index", "project_status", "page_of", "tally", "EVENT_LABELS"]

EVENT_LABELS: dict[str, str] = {
    "milestone": "Milestone",
    "exchange-of-notes": "Exchange of notes",
    "agreement": "Agreement signed",
    **{str(stage): label for stage, label in LIFECYCLE_LABELS.items()},
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

    def recipient(self, id: str) -> Entry:
        entry = self.dataset.get("recipients", id)
        assert entry is not None, f"unknown recipient {id}"  # validation guarantees it
        return entry

    def recipient_for_agreement(self, agreement: Entry) -> Entry | None:
        return self.recipient_by_iso3.get(agreement.record.partner.iso3)

    def total_jpy(self, recipient_id: str) -> int:
        return self.totals_by_recipient.get(recipient_id, Total()).value

    def events_of(self, recipient_id: str) -> list[Event]:
        """One recipient's events in timeline order (a dict look-up, not a scan of every event)."""
        return self.events_by_recipient.get(recipient_id, [])


def project_status(entry: Entry) -> str:
    """The furthest lifecycle step a project has reached."""
    stages = {step.stage for step in entry.record.lifecycle}
    if "handover" in stages:
        return "Handed over"
    if "delivery" in stages:
        return "Delivered"
    if entry.record.exchange_of_notes:
        return "Notes exchanged"
    return "Announced"


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
        events.append(Event(step.date, step.stage, rec.title, page_of(entry), *who))
    return events


def _agreement_event(entry: Entry, recipient: Entry | None) -> Event:
    rec = entry.record
    return Event(rec.signed, "agreement", rec.title, page_of(entry),
                 recipient.id if recipient else "", rec.partner.name, rec.partner.iso3)


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
    index.recipient_years = {rid: _tally_by(ps, lambda p: p.record.fiscal_year)
                             for rid, ps in index.projects_by_recipient.items()}


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


def build_index(dataset: Dataset) -> Index:
    """Index every record: recipient → projects and agreements, source → citing records, events."""
    index = Index(dataset)
    index.recipient_by_iso3 = {e.record.iso3: e for e in dataset.of("recipients")}
    _index_projects(index)
    _index_totals(index)
    _index_agreements(index)
    for entry in dataset.of("milestones"):
        index.events.append(Event(entry.record.date, "milestone", entry.record.title, page_of(entry)))
    _index_citations(index)
    index.events.sort()
    by_recipient: dict[str, list[Event]] = defaultdict(list)
    for event in index.events:
        if event.country:
            by_recipient[event.country].append(event)
    index.events_by_recipient = dict(by_recipient)
    return index
