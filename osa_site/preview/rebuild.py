"""One project regenerated and rebuilt into a temporary site folder, as fast as an edit allows.

Each rebuild regenerates the Markdown tree (only files whose bytes change are written) and
then runs an incremental ("dirty") MkDocs build, which renders only the pages whose Markdown
is newer than their HTML. MkDocs' search plugin then indexes only those pages, so the preview
keeps every page's search entries and writes the full index itself. While a record is invalid
its problems go to `on_error` and the last good site stays up.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..editions import THAI_DIR
from ..generate import ConfigError, generate_tree
from ..history import HistoryCache
from ..problems import RecordError
from ..sitebuild import mkdocs_build
from ..urls import directory
from .caches import RecordCache, SearchCache

__all__ = ["Preview"]

log = logging.getLogger("osa_site.preview")


class Preview:
    """Regenerates and rebuilds one project into a temporary site folder."""

    def __init__(self, root: Path, on_error: Callable[[RecordError], None], serve_url: str = ""):
        self.root = root
        self.on_error = on_error
        self.serve_url = serve_url
        self.tree = root / "build"
        self.site_dir = Path(tempfile.mkdtemp(prefix="osa-preview-"))
        self.search = SearchCache()
        self.thai_search = SearchCache()  # the Thai edition (tree/th, served under /th/) has its own index
        self.records = RecordCache()
        self.history = HistoryCache()
        self.built = False
        self._config_mtime = 0.0
        self._lock = threading.Lock()

    def rebuild(self) -> bool:
        """Regenerate and build; False (and `on_error` called) when records have problems."""
        with self._lock:
            try:
                result = generate_tree(self.root, self.tree, load=self.records.load, history=self.history)
            except RecordError as error:
                self.on_error(error)
                return False
            except ConfigError as error:
                log.error("%s (the last good site stays up)", error)
                return False
            config_mtime = (self.root / "mkdocs.yml").stat().st_mtime
            full = not self.built or result.removed > 0 or config_mtime != self._config_mtime
            if result.written or full:
                self._build(dirty=not full)
            self.built, self._config_mtime = True, config_mtime
            return True

    def _build(self, dirty: bool) -> None:
        editions = [(self.tree, self.site_dir, self.search, self.serve_url)]
        if (self.tree / THAI_DIR / "mkdocs.yml").is_file():  # built after English, whose full build cleans
            thai_url = self.serve_url.rstrip("/") + f"/{THAI_DIR}/" if self.serve_url else ""
            editions.append((self.tree / THAI_DIR, self.site_dir / THAI_DIR, self.thai_search, thai_url))
        for tree, site_dir, search, serve_url in editions:
            rebuilt = {directory(page) for page in self._changed_pages(tree, site_dir)} if dirty else set()
            config = mkdocs_build(
                tree / "mkdocs.yml", site_dir, strict=False, dirty=dirty, serve_url=serve_url or None
            )
            self._write_search_index(config, site_dir, search, rebuilt, full=not dirty)

    @staticmethod
    def _changed_pages(tree: Path, site_dir: Path) -> list[str]:
        """The docs-relative paths of pages the dirty build will render (source newer than HTML)."""
        docs = tree / "docs"
        changed = []
        for md in docs.rglob("*.md"):
            page = md.relative_to(docs).as_posix()
            html = site_dir / directory(page) / "index.html"
            if not html.is_file() or html.stat().st_mtime < md.stat().st_mtime:
                changed.append(page)
        return changed

    @staticmethod
    def _write_search_index(
        config: Any, site_dir: Path, search: SearchCache, rebuilt: set[str], full: bool
    ) -> None:
        plugin = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
        index_file = site_dir / "search" / "search_index.json"
        if plugin is None or not index_file.is_file():
            return
        search.config = json.loads(index_file.read_text(encoding="utf-8"))["config"]
        search.replace(list(plugin.search_index.entries), rebuilt, full)
        if not full:
            text = json.dumps(search.document(), separators=(",", ":"), default=str)
            index_file.write_text(text, encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)
