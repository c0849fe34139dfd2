"""`/changes/`: every record change read from git, newest first, grouped by month, filterable.

The renderers receive the change log as plain data (`SiteContext.changes`); reading git
happens before, in `history.read_history`.
"""

from __future__ import annotations

from itertools import groupby

from ..changes import ChangeLog, RecordChange
from ..feeds import SITE_FEED
from ..index import Index
from ..schema import KIND_NOUNS, KINDS
from ..urls import rel
from .common import HtmlText, SiteContext, front_matter
from .escape import attr, html, md
from .filters import changes_form
from .history import history_note

__all__ = ["render_changes_page", "change_list"]

PAGE = "changes/index.md"
_MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
def _month(change: RecordChange) -> str:
    return f"{_MONTHS[change.updated.month]} {change.updated.year}"


def _entry(change: RecordChange, index: Index) -> str:
    """One line of the changes page; removed records are named without a link."""
    kind = KIND_NOUNS.get(change.kind, change.kind).capitalize()
    present = index.dataset.get(change.kind, change.id) is not None and change.action != "removed"
    title = (HtmlText.link(PAGE, f"{change.kind}/{change.id}.md", change.title) if present
             else f"{html(change.title)} (no longer on the site)")
    what = "" if change.action != "changed" else f" ({html('; '.join(change.details))})"
    return (f'<li><span class="osa-change" data-kind="{attr(change.kind)}" '
            f'data-recipient="{attr(change.recipient)}"><strong>{change.day}</strong></span> · '
            f"{kind} {change.action}: {title}{what}</li>")


def _form(log: ChangeLog) -> str:
    present = {c.kind for c in log.changes}
    kinds = [(k, KIND_NOUNS.get(k, k).capitalize()) for k in KINDS if k in present]
    ids = {c.recipient for c in log.changes if c.recipient}
    names = sorted(((i, log.recipient_names.get(i, i)) for i in ids), key=lambda r: (r[1], r[0]))
    return changes_form(kinds, names)


def change_list(changes: list[RecordChange], index: Index) -> str:
    """Changes grouped by month, newest first, as raw HTML lists (thousands of lines at scale)."""
    parts = []
    for month, group in groupby(changes, key=_month):
        parts.append(f"## {month}\n\n<ul>")
        parts.extend(_entry(c, index) for c in group)
        parts.append("</ul>\n")
    return "\n".join(parts) + "\n"


def render_changes_page(index: Index, ctx: SiteContext) -> str:
    """`/changes/`: every change to any record, newest first, grouped by month, filterable."""
    log = ctx.changes
    feed = rel(PAGE, SITE_FEED)
    intro = ("Every change to a record, newest first and grouped by month. Dates are the dates of the "
             "commits that made the changes (UTC), and each summary says which fields changed. Follow the "
             f"changes in a feed reader with the [Atom feed]({feed}); each recipient's page has a feed of "
             "its own.\n\n")
    note = history_note(log, bool(log.changes), "No change to a record is recorded yet.")
    description = "What changed in OSA Monitor's records, and when: every change, newest first."
    body = [front_matter("Changes", description, {"search": {"exclude": True}}),  # the records are indexed
            "# Changes\n\n", intro, md(note) + "\n\n" if note else ""]
    if log.changes:
        body += [_form(log), '<div class="osa-changes" markdown>\n\n', change_list(list(log.changes), index),
                 "\n</div>\n"]
    return "".join(body)
