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

    def rebuild(self) -> bool:
        """Regenerate and build; False (and `on_error` called) when records have problems."""
        with self._lock:
            try:
                generate_tree(
                    self.root, self.tree, load=self.records.load, history=self.history, memo=self.memo
                )
            except RecordError as error:
                self.on_error(error)
                return False
            except ConfigError as error:
                log.error("%s (the last good site stays up)", error)
                return False
            self.rebuilt = self._build()
            self.built = True
            return True

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
        """Block until the search index covers the last rebuild; False on timeout."""
        return self.search.wait(timeout) if self.search is not None else True

    def close(self) -> None:
        if self.search is not None:
            self.search.close()
        shutil.rmtree(self.site_dir, ignore_errors=True)
