"""The record changes as the pages read them: one `RecordChange` per commit and record, in a `ChangeLog`.

Plain data, built from git by `history.changes.change_log`; the renderers and the feeds read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["RecordChange", "ChangeLog"]


@dataclass(frozen=True)
class RecordChange:
    """One commit's change to one record."""

    kind: str
    id: str
    path: str  # the record's file, relative to the project root
    commit: str
    time: int  # committer time, seconds since the Unix epoch
    action: str  # "added", "changed" or "removed"
    details: tuple[str, ...]  # what changed, in words, e.g. ("amount added",)
    title: str  # the record's title as of this change (before it, for a removal)
    recipient: str = ""  # the recipient id the record belongs to, if any

    @property
    def updated(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.time, dt.UTC)

    @property
    def day(self) -> str:
        """The commit's date in UTC, YYYY-MM-DD."""
        return self.updated.date().isoformat()

    @property
    def summary(self) -> str:
        text = "; ".join(self.details)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class ChangeLog:
    """Every record change, newest first, with how complete the history behind it is."""

    state: str = "unavailable"  # "complete", "shallow" or "unavailable" (see history.History)
    changes: tuple[RecordChange, ...] = ()
    recipient_names: dict[str, str] = field(default_factory=dict)  # id -> name, removed ones included
    _by_path: dict[str, list[RecordChange]] = field(init=False, repr=False, compare=False)
    _by_recipient: dict[str, list[RecordChange]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_path: dict[str, list[RecordChange]] = {}
        by_recipient: dict[str, list[RecordChange]] = {}
        for change in self.changes:
            by_path.setdefault(change.path, []).append(change)
            by_recipient.setdefault(change.recipient, []).append(change)
        object.__setattr__(self, "_by_path", by_path)  # the frozen dataclass's way to set derived fields
        object.__setattr__(self, "_by_recipient", by_recipient)

    def of(self, path: str) -> list[RecordChange]:
        """One record's changes, newest first."""
        return self._by_path.get(path, [])

    def of_recipient(self, recipient: str) -> list[RecordChange]:
        """Changes to a recipient and to the records that belong to it, newest first."""
        return self._by_recipient.get(recipient, []) if recipient else []

    def last_changed(self) -> dict[str, str]:
        """{record path: YYYY-MM-DD of its newest change}."""
        return {path: changes[0].day for path, changes in self._by_path.items()}
