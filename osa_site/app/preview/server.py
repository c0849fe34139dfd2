"""`osa-site serve`: MkDocs' live-reload server on 127.0.0.1, with the preview (rebuild.py) as its builder.

An edit reloads the browser twice: when the pages it changed are rendered (the server's own answer
to its build) and when the rest of the pages are (`_reload_browsers`, from the preview's thread).
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ...records.problems import RecordError
from .rebuild import Preview

__all__ = ["PreviewServer", "serve_preview", "start_preview", "check_port"]

HOST = "127.0.0.1"
log = logging.getLogger("osa_site.app.preview")


class PreviewServer:
    """A running preview: MkDocs' live-reload server with the preview as its builder."""

    def __init__(self, root: Path, port: int, on_error: Callable[[RecordError], None]):
        from mkdocs.livereload import LiveReloadServer

        self.url = f"http://{HOST}:{port}/"
        self.preview = Preview(
            root,
            on_error,
            serve_url=self.url,
            search_in_background=True,
            edit_first=True,
            on_complete=self._reload_browsers,
        )
        try:
            self.server = LiveReloadServer(
                builder=self._rebuild, host=HOST, port=port, root=str(self.preview.site_dir)
            )
        except OSError:  # the port is busy, for example: leave no temporary folder behind
            self.preview.close()
            raise
        self.server.error_handler = self._error_page
        self._thread: threading.Thread | None = None

    def _rebuild(self) -> None:
        self.preview.rebuild()  # problems go to on_error; the last good site stays up

    def _reload_browsers(self) -> None:
        """Tell the browsers to reload, as the server does after each build it ran: the rest of an
        edit's pages came after the server's own build had answered. While the server is building
        again, its own answer follows that build instead."""
        from mkdocs.livereload import _timestamp

        server = self.server
        with server._epoch_cond:
            if server._visible_epoch == server._wanted_epoch:
                server._wanted_epoch = server._visible_epoch = max(_timestamp(), server._visible_epoch + 1)
                server._epoch_cond.notify_all()

    def _error_page(self, code: int) -> bytes | None:
        page = self.preview.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def prepare(self) -> None:
        """The first build (its search index included), then watch the records and the site settings."""
        if self.preview.rebuild():
            self.preview.wait_for_search()
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


def _interrupt(_signum: int, _frame: object) -> None:
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
