"""Each record page's History section: the commits that changed the record, newest first.

The renderers receive the change log as plain data (`SiteContext.changes`); reading git
happens before, in `history.read_history`.
"""

from __future__ import annotations

from ..history.feeds import recipient_feed
from ..i18n.dates import parse_partial_date
from ..i18n.languages import N_, Fallback, Language
from ..model.changelog import ChangeLog, RecordChange
from ..model.urls import rel
from ..records.dataset import Entry
from .common import EN, SiteContext, table, unindexed_section
from .escape import md

__all__ = ["render_record_history", "render_recipient_history", "recipient_feed_meta", "history_note"]

_UNAVAILABLE = N_(
    "History is not available: this site was built without the project's git history, so "
    "no change can be dated."
)
_SHALLOW = N_(
    "The site was built from a shallow clone of the repository, which holds only its latest "
    "commits, so earlier changes are not known here."
)
NO_CHANGE = N_("No committed change to this record is recorded yet.")


def history_note(log: ChangeLog, has_changes: bool, none: str = NO_CHANGE, lang: Language = EN) -> str:
    """What readers should know about how complete the listed history is; `none` when there is
    nothing to list in a complete history, and nothing when the list is complete."""
    _ = lang.gettext
    if log.state == "unavailable":
        return _(_UNAVAILABLE)
    if log.state == "shallow":
        return _(_SHALLOW) if has_changes else _("History is not available here.") + " " + _(_SHALLOW)
    return "" if has_changes else _(none)


ACTIONS = {"added": N_("Added"), "changed": N_("Changed"), "removed": N_("Removed")}


def _action(change: RecordChange, lang: Language) -> str:
    label = ACTIONS.get(change.action)
    return lang.gettext(label) if label else change.action.capitalize()


def render_record_history(entry: Entry, ctx: SiteContext) -> str:
    """A record page's History section: each commit that changed the record, newest first.

    The summaries are generated in English from the records' fields; other editions mark them so."""
    lang = ctx.lang
    _ = lang.gettext
    changes = ctx.changes.of(entry.path)
    # Dates and commits are noise in search results: the section is left out of search.
    parts = []
    if changes:
        parts.append(
            _(
                "Each change to this record, newest first, from the project's git history. Dates are "
                "commit dates (UTC); the summaries compare the record before and after each commit."
            )
            + "\n\n"
        )
        rows = [
            [
                c.day if lang.code == "en" else md(lang.date(parse_partial_date(c.day))),
                _action(c, lang),
                md(c.summary if lang.code == "en" else Fallback(c.summary)),
                f"`{c.commit[:7]}`",
            ]
            for c in changes
        ]
        parts.append(table([_("Date"), _("Change"), _("What changed"), _("Commit")], rows) + "\n\n")
    note = history_note(ctx.changes, bool(changes), lang=lang)
    if note:
        parts.append(md(note) + "\n\n")
    return unindexed_section(_("History"), "".join(parts))


def render_recipient_history(entry: Entry, ctx: SiteContext) -> str:
    """A recipient's History section and its own feed, which also follows its projects and agreements."""
    lang = ctx.lang
    feed = rel(f"recipients/{entry.id}.md", recipient_feed(entry.id))
    follow = lang.gettext(
        "Follow changes to {country}, its projects and its agreements in a feed reader: {feed}."
    ).format(country=md(lang.text(entry.record, "name")), feed=f"[{lang.gettext('Atom feed')}]({feed})")
    return render_record_history(entry, ctx) + follow + "\n\n"


def recipient_feed_meta(entry: Entry) -> dict[str, str]:
    """Front matter naming the recipient's own feed, which the theme announces in the page head."""
    return {"osa_feed": recipient_feed(entry.id)}
