"""A static server for Lighthouse runs: 127.0.0.1 only, gzip for text, like GitHub Pages.

    python3 scripts/lighthouse_server.py SITE_DIR PORT

Python's http.server sends everything uncompressed, which Lighthouse's mobile
throttling turns into seconds of first paint that the published site never has.
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(sys.argv[1]).resolve()
TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".csv"}


class Handler(BaseHTTPRequestHandler):
    def _resolve(self) -> tuple[int, Path | str]:
        path = unquote(urlsplit(self.path).path)
        file = (ROOT / path.lstrip("/")).resolve()
        if file != ROOT and ROOT not in file.parents:
            return 404, ROOT / "404.html"
        if file.is_dir():
            if not path.endswith("/"):
                return 301, path + "/"
            file = file / "index.html"
        return (200, file) if file.is_file() else (404, ROOT / "404.html")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        code, target = self._resolve()
        if code == 301:
            self.send_response(301)
            self.send_header("Location", str(target))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = target.read_bytes() if target.is_file() else b"Not found"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        zipped = target.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(code)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if target.suffix in TEXT else ""))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler).serve_forever()
