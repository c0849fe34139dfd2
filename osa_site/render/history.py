"""Each record page's History section: the commits that changed the record, newest first.

The renderers receive the change log as plain data (`SiteContext.changes`); reading git
happens before, in `history.read_history`.
"""

from __future__ import annotations

from ..changes import ChangeLog, RecordChange
from ..dataset import Entry
from ..feeds import recipient_feed
from ..urls import rel
from .common import SiteContext, table
from .escape import md

__all__ = ["render_record_history", "render_recipient_history", "recipient_feed_meta", "history_note"]

_UNAVAILABLE = ("History is not available: this site was built without the project's git history, so "
                "no change can be dated.")
_SHALLOW = ("The site was built from a shallow clone of the repository, which holds only its latest "
            "commits, so earlier changes are not known here.")


def history_note(log: ChangeLog, has_changes: bool,
                 none: str = "No committed change to this record is recorded yet.") -> str:
    """What readers should know about how complete the listed history is; `none` when there is
    nothing to list in a complete history, and nothing when the list is complete."""
    if log.state == "unavailable":
        return _UNAVAILABLE
    if log.state == "shallow":
        return _SHALLOW if has_changes else "History is not available here. " + _SHALLOW
    return "" if has_changes else none


def _action(change: RecordChange) -> str:
    return change.action.capitalize()


def render_record_history(entry: Entry, ctx: SiteContext) -> str:
    """A record page's History section: each commit that changed the record, newest first."""
    changes = ctx.changes.of(entry.path)
    parts = ["## History { data-search-exclude }\n\n"]  # dates and commits: noise in search results
    if changes:
        parts.append("Each change to this record, newest first, from the project's git history. Dates are "
                     "commit dates (UTC); the summaries compare the record before and after each commit.\n\n")
        rows = [[c.day, _action(c), md(c.summary), f"`{c.commit[:7]}`"] for c in changes]
        parts.append(table(["Date", "Change", "What changed", "Commit"], rows) + "\n\n")
    note = history_note(ctx.changes, bool(changes))
    if note:
        parts.append(md(note) + "\n\n")
    return "".join(parts)


def render_recipient_history(entry: Entry, ctx: SiteContext) -> str:
    """A recipient's History section and its own feed, which also follows its projects and agreements."""
    feed = rel(f"recipients/{entry.id}.md", recipient_feed(entry.id))
    return (render_record_history(entry, ctx)
            + f"Follow changes to {md(entry.record.name)}, its projects and its agreements in a feed reader: "
            f"[Atom feed]({feed}).\n\n")




def recipient_feed_meta(entry: Entry) -> dict[str, str]:
    """Front matter naming the recipient's own feed, which the theme announces in the page head."""
    return {"osa_feed": recipient_feed(entry.id)}
