"""`/changes/`: every record change read from git, newest first, grouped by month, filterable.

The renderers receive the change log as plain data (`SiteContext.changes`); reading git
happens before, in `history.read_history`.
"""

from __future__ import annotations

from itertools import groupby

from ..history.feeds import SITE_FEED
from ..i18n.dates import PartialDate, parse_partial_date
from ..i18n.languages import N_, Fallback, Language
from ..model.changelog import ChangeLog, RecordChange
from ..model.index import Index
from ..model.urls import rel
from ..records.schema import KIND_NOUNS, KINDS
from .common import EN, HtmlText, SiteContext, front_matter, title_of
from .escape import fragment, in_language, md
from .filters import changes_form
from .history import history_note

__all__ = ["render_changes_page", "change_list"]

PAGE = "changes/index.md"


def _month(change: RecordChange, lang: Language) -> str:
    return lang.date(PartialDate(change.updated.year, change.updated.month))


def _entry(change: RecordChange, index: Index, lang: Language) -> str:
    """One line of the changes page; removed records are named without a link."""
    _ = lang.gettext
    kind = _(KIND_NOUNS[change.kind]) if change.kind in KIND_NOUNS else change.kind
    kind = kind[:1].upper() + kind[1:]
    present = index.dataset.get(change.kind, change.id) is not None and change.action != "removed"
    entry = index.dataset.get(change.kind, change.id)
    name = title_of(entry, lang) if entry is not None and lang.code != "en" else change.title
    title = (
        HtmlText.link(PAGE, f"{change.kind}/{change.id}.md", name)
        if present
        else fragment(_("{title} (no longer on the site)"), title=in_language(name))
    )
    details = "; ".join(change.details)
    shown = details if lang.code == "en" else Fallback(details)  # summaries are written in English
    what = "" if change.action != "changed" else fragment(" ({})", in_language(shown))
    action = _("{kind} {action}").format(kind=kind, action=_(ACTIONS_LOWER.get(change.action, change.action)))
    return fragment(
        '<li><span class="osa-change" data-kind="{}" data-recipient="{}"><strong>{}</strong></span> · '
        "{}: {}{}</li>",
        change.kind,
        change.recipient,
        _day(change, lang),
        action,
        title,
        what,
    )


ACTIONS_LOWER = {"added": N_("added"), "changed": N_("changed"), "removed": N_("removed")}


def _day(change: RecordChange, lang: Language) -> str:
    return change.day if lang.code == "en" else lang.date(parse_partial_date(change.day))


def _form(log: ChangeLog, index: Index, lang: Language) -> str:
    present = {c.kind for c in log.changes}
    kinds = [
        (
            k,
            lang.gettext(KIND_NOUNS.get(k, k)).capitalize()
            if lang.code == "en"
            else lang.gettext(KIND_NOUNS.get(k, k)),
        )
        for k in KINDS
        if k in present
    ]
    ids = {c.recipient for c in log.changes if c.recipient}

    def name(rid: str) -> str:
        entry = index.dataset.get("recipients", rid)
        if entry and lang.code != "en":
            return lang.text(entry.record, "name")
        return log.recipient_names.get(rid, rid)

    names = sorted(((i, name(i)) for i in ids), key=lambda r: (r[1], r[0]))
    return changes_form(kinds, names, lang)


def change_list(changes: list[RecordChange], index: Index, lang: Language = EN) -> str:
    """Changes grouped by month, newest first, as raw HTML lists (thousands of lines at scale)."""
    parts = []
    for month, group in groupby(changes, key=lambda c: _month(c, lang)):
        parts.append(f"## {month}\n\n<ul>")
        parts.extend(_entry(c, index, lang) for c in group)
        parts.append("</ul>\n")
    return "\n".join(parts) + "\n"


def render_changes_page(index: Index, ctx: SiteContext) -> str:
    """`/changes/`: every change to any record, newest first, grouped by month, filterable."""
    lang = ctx.lang
    _ = lang.gettext
    log = ctx.changes
    feed = rel(PAGE, SITE_FEED)
    intro = (
        _(
            "Every change to a record, newest first and grouped by month. Dates are the dates of the "
            "commits that made the changes (UTC), and each summary says which fields changed. Follow the "
            "changes in a feed reader with the {feed}; each recipient's page has a feed of its "
            "own."
        ).format(feed=f"[{_('Atom feed')}]({feed})")
        + "\n\n"
    )
    note = history_note(log, bool(log.changes), N_("No change to a record is recorded yet."), lang)
    description = _("What changed in OSA Monitor's records, and when: every change, newest first.")
    body = [
        front_matter(_("Changes"), description, {"search": {"exclude": True}}),  # the records are indexed
        f"# {_('Changes')}\n\n",
        intro,
        md(note) + "\n\n" if note else "",
    ]
    if log.changes:
        body += [
            _form(log, index, lang),
            '<div class="osa-changes" markdown>\n\n',
            change_list(list(log.changes), index, lang),
            "\n</div>\n",
        ]
    return "".join(body)
