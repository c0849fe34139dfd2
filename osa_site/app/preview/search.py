"""The preview's search index, brought up to date in a thread of its own after each rebuild.

Pagefind reads every page of an edition, however few an edit changed: about a second at the
shipped size, over half a minute per edition at 2,000 projects. So the preview sends the reload
as soon as the pages are written, and the index catches up behind it, at a lower CPU priority.
Rebuilds that come while an index is being written ask for one more, not one each.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

__all__ = ["SearchCatchUp"]

log = logging.getLogger("osa_site.app.preview")


class SearchCatchUp:
    """Runs `index` in a background thread each time `request` is called, once at a time (the
    preview also catches up the rest of an edit's pages with one: `what` names it in messages)."""

    def __init__(self, index: Callable[[], None], what: str = "search index"):
        self._index = index
        self._what = what
        self._asked = 0  # requests made
        self._covered = 0  # requests that a finished index covers
        self._closed = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        """Ask for a new index of the pages as they are now."""
        with self._changed:
            self._asked += 1
            if self._thread is None:
                name = f"osa-preview-{self._what.replace(' ', '-')}"
                self._thread = threading.Thread(target=self._run, name=name, daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._closed or self._covered < self._asked)
                if self._closed:
                    return
                asked = self._asked
            try:
                self._index()
            except Exception as exc:  # noqa: BLE001 - a failed index is said; the next request retries
                log.error("The preview's %s was not updated: %s", self._what, exc)
            with self._changed:
                self._covered = asked
                self._changed.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every request so far is covered by a finished index; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._covered >= self._asked, timeout)

    def close(self, timeout: float = 120) -> None:
        """Stop after the index being written, if any (waiting at most `timeout` seconds)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
