"""One project regenerated and rebuilt into a temporary site folder, as fast as an edit allows.

Each rebuild regenerates the Markdown tree (only files whose bytes change are written), with a
`RenderMemo` kept from the last rebuild: record pages whose inputs are unchanged are not rendered
again (render/memo.py). When only
pages' Markdown changed, each edition renders just those pages again (`incremental.EditionSite`:
the record's own page, the pages that list it, the figures that count it, whatever generate
rewrote), with the MkDocs state of the first build; anything else (a page added or removed, the
config, an asset) gets a full build. Pagefind then indexes each edition again (the whole
edition, from its HTML: about a second at the shipped size), at once, or in the background when
the preview is served (`search.SearchCatchUp`: the reload does not wait for it). While a record is
invalid its problems go to `on_error` and the last good site stays up.

Served (`edit_first`), an edit to existing records is answered in two steps. First the record pages
it changed, in both editions (output/ahead.py: the record's own page, its recipient's and its
sources' pages, whatever read what changed), are written and rendered, and the browser reloads.
Then, in a thread of its own, the whole tree is generated again and the pages that list or count
every record (the register, the timeline, the home page's figures, the downloads) are rendered;
`on_complete` is called (the server reloads the browser again) and the search index catches up.
Every page ends as the one-step rebuild writes it; only the order differs.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from ...history.git import HistoryCache
from ...i18n.editions import THAI_DIR
from ...output.ahead import write_pages_ahead
from ...output.generate import TREE_DIR, ConfigError, generate_tree
from ...records.problems import RecordError
from ...render.memo import RenderMemo
from ..sitebuild import index_search
from .caches import RecordCache
from .incremental import EditionSite
from .search import SearchCatchUp

__all__ = ["Preview"]

log = logging.getLogger("osa_site.app.preview")


class Preview:
    """Regenerates and rebuilds one project into a temporary site folder."""

    def __init__(
        self,
        root: Path,
        on_error: Callable[[RecordError], None],
        serve_url: str = "",
        search_in_background: bool = False,
        edit_first: bool = False,
        on_complete: Callable[[], None] | None = None,
    ):
        self.root = root
        self.on_error = on_error
        self.serve_url = serve_url
        self.tree = root / TREE_DIR
        self.site_dir = Path(tempfile.mkdtemp(prefix="osa-preview-"))
        self.records = RecordCache()
        self.history = HistoryCache()
        self.memo = RenderMemo()
        self.sites: list[EditionSite] = []
        self.built = False
        self.rebuilt: dict[str, list[str] | None] = {}  # what the last rebuild rendered (see `_build`)
        self._lock = threading.Lock()
        self.search = SearchCatchUp(self._index_search) if search_in_background else None
        self.on_complete = on_complete
        self.rest = SearchCatchUp(self._complete, "pages") if edit_first else None

    def rebuild(self) -> bool:
        """Regenerate and build; False (and `on_error` called) when records have problems. With
        `edit_first`, the pages an edit changed come first, and the rest follows in the background."""
        with self._lock:
            try:
                ahead = self._write_ahead()
            except (RecordError, ConfigError) as error:
                return self._refused(error)
            if ahead is None:
                return self._generate_and_build()
            self.rebuilt = self._update_ahead(ahead)
            if self.rest is not None:
                self.rest.request()
            return True

    def _write_ahead(self) -> dict[str, list[str]] | None:
        """The pages an edit changed, written into the tree (output/ahead.py), when served and
        after the first build; None when the whole tree is to be built at once."""
        if self.rest is None or not self.built:
            return None
        return write_pages_ahead(self.root, self.tree, self.records.load, self.history, self.memo)

    def _refused(self, error: RecordError | ConfigError) -> bool:
        """Say why nothing was built; the last good site stays up."""
        if isinstance(error, RecordError):
            self.on_error(error)
        else:
            log.error("%s (the last good site stays up)", error)
        return False

    def _generate_and_build(self) -> bool:
        try:
            generate_tree(self.root, self.tree, load=self.records.load, history=self.history, memo=self.memo)
        except (RecordError, ConfigError) as error:
            return self._refused(error)
        self.rebuilt = self._build()
        self.built = True
        return True

    def _update_ahead(self, ahead: dict[str, list[str]]) -> dict[str, list[str] | None]:
        """Render the pages written ahead in each edition (`EditionSite.update`)."""
        for site, code in zip(self._editions(), ("en", THAI_DIR), strict=False):
            site.update(ahead.get(code, []))
        return {code: list(files) for code, files in ahead.items()}

    def _complete(self) -> None:
        """The rest of an edit: the whole tree generated again, its changed pages rendered (the
        search index then catches up), and `on_complete` told."""
        with self._lock:
            done = self._generate_and_build()
        if done and self.on_complete is not None:
            self.on_complete()

    def _editions(self) -> list[EditionSite]:
        """The English edition, then the Thai one (tree/th, served under /th/) when generated."""
        thai = (self.tree / THAI_DIR / "mkdocs.yml").is_file()
        if len(self.sites) != 1 + thai:
            thai_url = self.serve_url.rstrip("/") + f"/{THAI_DIR}/" if self.serve_url else None
            self.sites = [EditionSite(self.tree, self.site_dir, self.serve_url or None)]
            if thai:
                self.sites.append(EditionSite(self.tree / THAI_DIR, self.site_dir / THAI_DIR, thai_url))
        return self.sites

    def _build(self) -> dict[str, list[str] | None]:
        """Build each edition, in full or only its changed pages; returns what each rebuilt
        ({"en": ["equipment/x.md", ...], "th": None}: None for a full build)."""
        editions = self._editions()
        changes = [site.changed_files() if self.built else None for site in editions]
        if changes[0] is None:  # the English full build empties the folder, the Thai one's included
            changes = [None] * len(editions)
        done: dict[str, list[str] | None] = {}
        for site, pages, code in zip(editions, changes, ("en", THAI_DIR), strict=False):
            if pages is None:
                site.build()
            elif pages:
                site.update(pages)
            done[code] = pages
        if any(pages is None or pages for pages in done.values()):
            if self.search is not None:
                self.search.request()
            else:
                self._index_search()
        return done

    def _index_search(self) -> None:
        others = [THAI_DIR] if len(self.sites) > 1 else []
        index_search(self.site_dir, others, low_priority=self.search is not None)

    def wait_for_search(self, timeout: float | None = None) -> bool:
        """Block until every page and the search index cover the last rebuild; False on timeout."""
        if self.rest is not None and not self.rest.wait(timeout):
            return False
        return self.search.wait(timeout) if self.search is not None else True

    def wait_for_pages(self, timeout: float | None = None) -> bool:
        """Block until every page covers the last rebuild (the search index may still be behind)."""
        return self.rest.wait(timeout) if self.rest is not None else True

    def close(self) -> None:
        if self.rest is not None:
            self.rest.close()
        if self.search is not None:
            self.search.close()
        shutil.rmtree(self.site_dir, ignore_errors=True)
