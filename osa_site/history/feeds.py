"""Atom 1.0 feeds of record changes, written with feedgen: one for the site, one per recipient.

Every date comes from a commit, never from the build's clock, so rebuilding the same commit
gives byte-identical feeds: the feed's `updated` is its newest entry's commit date, and a feed
with no entries carries `EMPTY_FEED_UPDATED`, a fixed value (the Unix epoch). The generator is
named without a version, so upgrading feedgen does not change the bytes either.
"""

from __future__ import annotations

import datetime as dt
import uuid

from feedgen.feed import FeedGenerator

from ..model.changelog import RecordChange
from ..model.index import Index, page_of
from ..model.site import SiteContext
from ..model.urls import page_url
from ..records.schema import KIND_NOUNS

__all__ = ["SITE_FEED", "EMPTY_FEED_UPDATED", "MAX_ENTRIES", "recipient_feed", "render_feeds", "atom_feed"]

SITE_FEED = "changes/feed.xml"
EMPTY_FEED_UPDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MAX_ENTRIES = 200  # the newest changes; the changes page lists every one


def recipient_feed(recipient: str) -> str:
    """The docs path of a recipient's feed, served beside its page: recipients/<id>/feed.xml."""
    return f"recipients/{recipient}/feed.xml"


def _address(ctx: SiteContext, docs_path: str) -> str:
    """The absolute address of a page or file (relative to the site's root without site_url)."""
    if docs_path.endswith(".md"):
        return page_url(ctx.site_url, docs_path)
    return ctx.site_url.rstrip("/") + "/" + docs_path


def _entry_id(ctx: SiteContext, change: RecordChange) -> str:
    """Stable per record and commit: the record's address with the commit as fragment."""
    if ctx.site_url:
        return f"{page_url(ctx.site_url, f'{change.kind}/{change.id}.md')}#change-{change.commit}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{change.path}@{change.commit}").urn


def _add_entry(fg: FeedGenerator, change: RecordChange, index: Index, ctx: SiteContext) -> None:
    present = change.action != "removed" and index.dataset.get(change.kind, change.id) is not None
    kind = KIND_NOUNS.get(change.kind, change.kind)
    entry = fg.add_entry(order="append")
    entry.id(_entry_id(ctx, change))
    entry.title(f"{kind.capitalize()} {change.action}: {change.title}")
    entry.updated(change.updated)
    entry.link(
        href=_address(ctx, f"{change.kind}/{change.id}.md" if present else "changes/index.md"),
        rel="alternate",
    )
    entry.summary(f"{change.summary}. Commit {change.commit[:7]}, {change.day}.")


def atom_feed(
    changes: list[RecordChange], index: Index, ctx: SiteContext, title: str, page: str, path: str
) -> str:
    """An Atom feed of `changes` (newest first), announced by `page`, published at `path`."""
    fg = FeedGenerator()
    fg.id(_address(ctx, path))
    fg.title(title)
    fg.subtitle("Changes to the records, from the project's git history; dates are commit dates.")
    fg.author({"name": ctx.publisher})
    fg.link(href=_address(ctx, path), rel="self", type="application/atom+xml")
    fg.link(href=_address(ctx, page), rel="alternate", type="text/html")
    fg.language("en")
    fg.generator(ctx.site_name)
    fg.updated(changes[0].updated if changes else EMPTY_FEED_UPDATED)
    for change in changes[:MAX_ENTRIES]:
        _add_entry(fg, change, index, ctx)
    return fg.atom_str(pretty=True).decode("utf-8")


def render_feeds(index: Index, ctx: SiteContext) -> dict[str, str]:
    """The site's feed and every recipient's: {docs path: XML}."""
    log = ctx.changes
    files = {
        SITE_FEED: atom_feed(
            list(log.changes), index, ctx, f"{ctx.site_name}: changes", "changes/index.md", SITE_FEED
        )
    }
    for entry in index.dataset.of("recipients"):
        path = recipient_feed(entry.id)
        files[path] = atom_feed(
            log.of_recipient(entry.id),
            index,
            ctx,
            f"{ctx.site_name}: changes for {entry.record.name}",
            page_of(entry),
            path,
        )
    return files
