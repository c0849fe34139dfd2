"""`osa-site serve`: a live preview on 127.0.0.1 that rebuilds when a record is saved.

Each rebuild regenerates the Markdown tree (only files whose bytes change are
written) and then runs an incremental ("dirty") MkDocs build, which renders only
the pages whose Markdown is newer than their HTML. MkDocs' search plugin then
indexes only those pages, so the preview keeps every page's search entries and
writes the full index itself. While a record is invalid its problems go to
`on_error` and the last good site stays up.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .generate import ConfigError, generate_tree
from .history import HistoryCache
from .loader import RawRecord, load_record
from .problems import RecordError

__all__ = ["Preview", "PreviewServer", "serve_preview", "start_preview", "SearchCache"]

HOST = "127.0.0.1"
log = logging.getLogger("osa_site.preview")


class _QuietDirty(logging.Filter):
    """Drops MkDocs' warning that a dirty build is being performed: the preview does that on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())


def _page_of(location: str) -> str:
    """The page part of a search entry's location (`equipment/x/#items` → `equipment/x/`)."""
    return location.split("#", 1)[0]


@dataclass
class SearchCache:
    """Every page's search entries, so an incremental build can write the whole index."""

    config: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, list[dict]] = field(default_factory=dict)

    def replace(self, entries: list[dict], rebuilt: set[str], full: bool) -> None:
        """Take the entries of the pages just rebuilt; a full build replaces everything."""
        if full:
            self.pages = {}
        for page in rebuilt:
            self.pages[page] = []
        for entry in entries:
            self.pages.setdefault(_page_of(entry["location"]), []).append(entry)

    def document(self) -> dict[str, Any]:
        return {"config": self.config, "docs": [e for page in sorted(self.pages) for e in self.pages[page]]}


class RecordCache:
    """Keeps each loaded record while its file is unchanged, so a rebuild re-reads only saved files.

    Passed to `generate_tree` as its record loader; the preview's lock keeps rebuilds one at a time.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[tuple[int, int], RawRecord]] = {}

    def load(self, file: Path, kind: str, path: str) -> RawRecord:
        stat = file.stat()
        key, stamp = (str(file), kind), (stat.st_mtime_ns, stat.st_size)
        found = self.entries.get(key)
        if found and found[0] == stamp and found[1].path == path:
            return found[1]  # shared, not copied: nothing in the pipeline mutates a RawRecord
        raw = load_record(file, kind, path)
        self.entries[key] = (stamp, raw)
        return raw

class Preview:
    """Regenerates and rebuilds one project into a temporary site folder."""

    def __init__(self, root: Path, on_error: Callable[[RecordError], None], serve_url: str = ""):
        self.root = root
        self.on_error = on_error
        self.serve_url = serve_url
        self.tree = root / "build"
        self.site_dir = Path(tempfile.mkdtemp(prefix="osa-preview-"))
        self.search = SearchCache()
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
                self._mkdocs_build(dirty=not full)
            self.built, self._config_mtime = True, config_mtime
            return True

    def _mkdocs_build(self, dirty: bool) -> None:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.tree / "mkdocs.yml"), site_dir=str(self.site_dir),
                             strict=False)
        if self.serve_url:
            config.site_url = self.serve_url
        rebuilt = {self._url_of(f) for f in self._changed_pages(config)} if dirty else set()
        build(config, serve_url=self.serve_url or None, dirty=dirty)
        self._write_search_index(config, rebuilt, full=not dirty)

    def _changed_pages(self, config: Any) -> list[str]:
        """The docs-relative paths of pages the dirty build will render (source newer than HTML)."""
        docs = Path(config.docs_dir)
        changed = []
        for md in docs.rglob("*.md"):
            rel = md.relative_to(docs).as_posix()
            html = self.site_dir / self._url_of(rel) / "index.html"
            if not html.is_file() or html.stat().st_mtime < md.stat().st_mtime:
                changed.append(rel)
        return changed

    @staticmethod
    def _url_of(rel: str) -> str:
        """The directory URL MkDocs gives a page (`equipment/x.md` → `equipment/x/`)."""
        stem = rel.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def _write_search_index(self, config: Any, rebuilt: set[str], full: bool) -> None:
        import json

        plugin = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
        index_file = self.site_dir / "search" / "search_index.json"
        if plugin is None or not index_file.is_file():
            return
        self.search.config = json.loads(index_file.read_text(encoding="utf-8"))["config"]
        self.search.replace(list(plugin.search_index.entries), rebuilt, full)
        if not full:
            text = json.dumps(self.search.document(), separators=(",", ":"), default=str)
            index_file.write_text(text, encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)


class PreviewServer:
    """A running preview: MkDocs' live-reload server with the preview as its builder."""

    def __init__(self, root: Path, port: int, on_error: Callable[[RecordError], None]):
        from mkdocs.livereload import LiveReloadServer

        self.url = f"http://{HOST}:{port}/"
        self.preview = Preview(root, on_error, serve_url=self.url)
        try:
            self.server = LiveReloadServer(builder=self.preview.rebuild, host=HOST, port=port,
                                           root=str(self.preview.site_dir))
        except OSError:  # the port is busy, for example: leave no temporary folder behind
            self.preview.close()
            raise
        self.server.error_handler = self._error_page
        self._thread: threading.Thread | None = None

    def _error_page(self, code: int) -> bytes | None:
        page = self.preview.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def prepare(self) -> None:
        """The first build, then watch the records and the site settings."""
        self.preview.rebuild()
        self.server.watch(str(self.preview.root / "content"))
        self.server.watch(str(self.preview.root / "mkdocs.yml"), recursive=False)

    def serve(self) -> None:
        """Serve until `stop` (or Ctrl-C); blocks."""
        try:
            self.server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            self.server.shutdown()

    def start(self) -> PreviewServer:
        """Build, then serve from a background thread (for tests and tools)."""
        self.prepare()
        self._thread = threading.Thread(target=self.serve, name="osa-preview", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.serve_thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)  # the socket is bound before the serving thread starts
        return self

    def stop(self) -> None:
        self.server.shutdown(wait=True)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.preview.close()


def start_preview(root: Path, port: int, on_error: Callable[[RecordError], None]) -> PreviewServer:
    return PreviewServer(root, port, on_error).start()


def _show_mkdocs_messages() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "osa_site"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def check_port(port: int) -> None:
    """Raise OSError (EADDRINUSE) now, before the first build, when PORT on 127.0.0.1 is taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        probe.bind((HOST, port))


def serve_preview(root: Path, port: int, on_error: Callable[[RecordError], None]) -> None:
    """Serve the site on 127.0.0.1:PORT, rebuilding and reloading when a record is saved."""
    check_port(port)
    _show_mkdocs_messages()
    signal.signal(signal.SIGTERM, _interrupt)  # stop as on Ctrl-C, removing the temporary site
    server = PreviewServer(root, port, on_error)
    try:
        server.prepare()
        server.serve()
    finally:
        server.preview.close()
