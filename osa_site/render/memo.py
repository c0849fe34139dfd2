"""What one build keeps for the next in the same process (the preview): record pages, each with
what its renderer read, and the results of pure functions.

- A record's page is rendered again only when the site context of its edition changed, or a value
  it read changed: its own record, or anything it read from the index (model/reads.py notes every
  read, an absent key or a listed kind included). Otherwise the text of the last build is used,
  which is the text rendering it again would give.
- `Calls` keeps what a pure function (same arguments, same result: a page's head added to its
  front matter, its Thai words marked) returned for the last build's arguments.

Only the last build's values are kept, so what a build no longer asks for is let go. `fresh`
renders and calls everything (a one-off build keeps nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..model.index import Index
from ..model.reads import Address, ReadLog, changed, tracked
from ..model.site import SiteContext
from ..records.dataset import Entry

__all__ = ["RenderMemo", "Renders", "Calls", "fresh"]

Render = Callable[[Entry[Any], Index, SiteContext], Any]
T = TypeVar("T")
_NONE = object()


class Calls:
    """Calls of pure functions; with `keep`, each result is kept for the same call in the next build."""

    def __init__(self, keep: bool = False):
        self.keep = keep
        self._before: dict[tuple[Any, ...], Any] = {}
        self._now: dict[tuple[Any, ...], Any] = {}

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)`; the arguments must be hashable."""
        if not self.keep:
            return function(*args)
        key = (function, *args)
        if key in self._now:
            return cast(T, self._now[key])
        value = self._before[key] if key in self._before else function(*args)
        self._now[key] = value
        return value

    def next_build(self) -> None:
        """Keep only what the build that ended asked for."""
        self._before, self._now = self._now, {}


@dataclass(frozen=True)
class _Kept:
    addresses: frozenset[Address]
    value: Any


@dataclass
class _Build:
    """One edition's renders in one build: the index and context they read, and what they gave."""

    index: Index
    ctx: SiteContext
    kept: dict[tuple[str, str, str], _Kept] = field(default_factory=dict)
    calls: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # see Renders.in_context


class Renders:
    """The record renders of one edition in one build; `before` is the last build's, if usable."""

    def __init__(self, now: _Build | None, before: _Build | None = None, calls: Calls | None = None):
        self.now, self.before = now, before
        self.calls = calls or Calls()
        self.rendered: list[tuple[str, str, str]] = []  # (what, kind, id) rendered, not reused, this build

    def render(self, what: str, entry: Entry[Any], index: Index, ctx: SiteContext, render: Render) -> Any:
        """`render(entry, index, ctx)`, or the value it gave last build when nothing it read changed."""
        if self.now is None:
            return render(entry, index, ctx)
        key = (what, entry.kind, entry.id)
        kept = self._unchanged(key, index)
        if kept is None:
            log = ReadLog()
            log.addresses.add(("dataset", entry.kind, entry.id))
            value = render(entry, tracked(index, log), ctx)
            kept = _Kept(frozenset(log.addresses), value)
            self.rendered.append(key)
        self.now.kept[key] = kept
        return kept.value

    def in_context(self, function: Callable[..., T], ctx: SiteContext, *args: Any) -> T:
        """`function(*args, ctx)` for a function that reads only its arguments and `ctx`, the
        edition's context; kept from the last build when its context was the same (`args` must be
        hashable)."""
        if self.now is None or ctx is not self.now.ctx:
            return function(*args, ctx)
        key = (function, *args)
        found = self.now.calls.get(key, _NONE)
        if found is _NONE and self.before is not None:
            found = self.before.calls.get(key, _NONE)
        value = function(*args, ctx) if found is _NONE else found
        self.now.calls[key] = value
        return cast(T, value)

    def _unchanged(self, key: tuple[str, str, str], index: Index) -> _Kept | None:
        """The last build's render of `key`, when nothing it read differs in `index`."""
        if self.before is None or (kept := self.before.kept.get(key)) is None:
            return None
        return None if changed(kept.addresses, self.before.index, index) else kept


def fresh() -> Renders:
    """Renders that keep nothing: every call renders."""
    return Renders(None)


class RenderMemo:
    """Each edition's record renders of the last build, for the next build in the same process."""

    def __init__(self) -> None:
        self._last: dict[str, _Build] = {}
        self.calls = Calls(keep=True)
        self.latest: dict[str, Renders] = {}  # each edition's renders of the latest build

    def next_build(self) -> None:
        """Called as a build starts: the results of pure calls kept are the last build's."""
        self.calls.next_build()

    def look_ahead(self, index: Index, ctx: SiteContext) -> Renders | None:
        """Renders of `ctx`'s edition for `index` that reuse the last build's and leave the memo as
        it was, so the next build still compares with the last one (the preview renders an edit's
        own pages first: output/ahead.py); None when there is no last build of the same context."""
        before = self._last.get(ctx.lang.code)
        if before is None or before.ctx != ctx:
            return None
        return Renders(_Build(index, ctx), before, self.calls)

    def renders(self, index: Index, ctx: SiteContext) -> Renders:
        """The renders of `ctx`'s edition for a build of `index`; the last build's are reused only
        when its site context is the same."""
        code = ctx.lang.code
        before = self._last.get(code)
        now = self._last[code] = _Build(index, ctx)
        renders = Renders(now, before if before is not None and before.ctx == ctx else None, self.calls)
        self.latest[code] = renders
        return renders
