"""The PDF adapter: print built pages to A4 PDFs with Chromium, through Playwright.

Chromium prints each page with the site's own print CSS (assets/stylesheets/print.css), so
paper has one layout. The site is served on 127.0.0.1 on a free port while it prints. Each
PDF is then given its title and language, dates from SOURCE_DATE_EPOCH and an /ID derived
from its content (pikepdf), so the same commit gives the same bytes.

Playwright and pikepdf are imported only when printing: without them, or without a browser,
`osa-site build` leaves the PDFs and the links to them out.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..model.urls import directory, pdf_targets, site_path
from .pdfcache import PdfCache, chromium_version, pdf_cache_folder

__all__ = [
    "CHROME_ARGS",
    "PdfFailed",
    "PdfUnavailable",
    "PrintResult",
    "QuietHTTPServer",
    "chromium_path",
    "pdf_unavailable",
    "pdf_targets",
    "site_pdf_targets",
    "print_pdfs",
    "pdf_date",
    "pdf_epoch",
    "print_site",
    "pdf_choice",
    "print_step",
]

CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


class PdfFailed(Exception):
    """Chromium could not print a page."""


class PdfUnavailable(PdfFailed):
    """PDFs were asked for, but there is no browser (or Playwright) to print them."""


@dataclass(frozen=True)
class PrintResult:
    files: list[Path]  # every PDF now in the site, printed or taken from the cache
    seconds: float
    printed: list[str] = field(default_factory=list)  # the docs pages printed this time

    @property
    def reused(self) -> int:
        return len(self.files) - len(self.printed)

    def summary(self) -> str:
        """`Printed 2 PDFs in 3.1 s (13 unchanged, from the cache).`"""
        unchanged = f" ({self.reused} unchanged, from the cache)" if self.reused else ""
        return f"Printed {len(self.printed)} PDFs in {self.seconds:.1f} s{unchanged}."


def chromium_path() -> Path:
    """Debian's Chromium, or the one $OSA_CHROMIUM names."""
    return Path(os.environ.get("OSA_CHROMIUM", "/usr/bin/chromium"))


def pdf_unavailable() -> str | None:
    """Why PDFs cannot be printed on this machine, or None when they can."""
    missing = [name for name in ("playwright", "pikepdf") if importlib.util.find_spec(name) is None]
    if missing:
        names = " and ".join(missing)
        verb = "is" if len(missing) == 1 else "are"
        return f"{names} {verb} not installed (python3 -m pip install -e '.[pdf]')"
    if not chromium_path().is_file():
        return f"no Chromium at {chromium_path()} (apt-get install chromium, or set OSA_CHROMIUM)"
    return None


def site_pdf_targets(site: Path) -> dict[str, str]:
    """The same targets, found in a built site (`recipients/x/index.html` is `recipients/x.md`)."""
    pages = [f"{html.parent.relative_to(site).as_posix()}.md" for html in sorted(site.glob("*/index.html"))]
    pages += [f"recipients/{html.parent.name}.md" for html in sorted(site.glob("recipients/*/index.html"))]
    return pdf_targets(pages)


def pdf_date(epoch: int) -> str:
    """A PDF date string for a Unix time: `D:20261120093000Z`."""
    return datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%SZ")


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class QuietHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that says nothing when a client goes away mid-answer (a browser
    closing a page while a request is in flight); any other error is printed as usual."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `site` on 127.0.0.1 on a free port under `prefix`; yields the base URL."""
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
    httpd = QuietHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = httpd.server_address[:2]
        yield f"http://{host!s}:{port}{prefix}"  # an IPv4 server address: the host is a str
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def finish_pdf(raw: Path, out: Path, title: str, lang: str, epoch: int) -> None:
    """Write `raw` to `out` with its title, language, fixed dates and a content-derived /ID."""
    import pikepdf

    date = pdf_date(epoch)
    with pikepdf.open(raw) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata  # an XMP packet would repeat the printing time
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID  # qpdf keeps an existing first /ID; make both from the content
        _renumber_structure_ids(pdf)
        pdf.Root.Lang = pikepdf.String(lang)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        info = pdf.docinfo
        info.Title = pikepdf.String(title)
        info.Creator = pikepdf.String("osa-site pdf (Chromium)")
        info.CreationDate = pikepdf.String(date)
        info.ModDate = pikepdf.String(date)
        out.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )


def _structure_elements(root: Any) -> Iterator[Any]:
    """The tagged PDF's structure elements, depth first in document order, each once."""
    import pikepdf

    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        yield node
        if "/K" in node:
            stack.append(node.K)


def _attributes(element: Any) -> list[Any]:
    import pikepdf

    attrs = element.get("/A")
    return [
        a
        for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs])
        if isinstance(a, pikepdf.Dictionary)
    ]


def _renumber_structure_ids(pdf: Any) -> None:
    """Chromium names tagged elements after DOM node numbers, which differ from run to run: number
    them in document order instead (their /ID, the table cells' /Headers and the /IDTree)."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    elements = list(_structure_elements(root))
    names: dict[bytes, str] = {}
    for element in elements:
        if "/ID" in element:
            names[bytes(element.ID)] = f"id{len(names) + 1:06d}"
    for element in elements:
        if "/ID" in element:
            element.ID = pikepdf.String(names[bytes(element.ID)])
        for attrs in _attributes(element):
            if "/Headers" in attrs:
                attrs.Headers = pikepdf.Array(
                    [pikepdf.String(names.get(bytes(h), str(h))) for h in attrs.Headers]
                )
    if "/IDTree" in root:
        pairs = sorted(((str(e.ID), e) for e in elements if "/ID" in e), key=lambda pair: pair[0])
        flat = [item for name, element in pairs for item in (pikepdf.String(name), element)]
        root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _print_page(tab: Any, url: str, raw: Path) -> tuple[str, str]:
    """Print one page to `raw`; returns its (title, language)."""
    response = tab.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise PdfFailed(f"{url}: HTTP {response and response.status}")
    tab.evaluate("() => document.fonts.ready")
    tab.evaluate("() => window.osaPrint && window.osaPrint.prepare()")
    tab.pdf(
        path=str(raw),
        format="A4",
        print_background=True,
        prefer_css_page_size=True,
        tagged=True,
        outline=True,
    )
    return tab.title(), tab.evaluate("() => document.documentElement.lang") or "en"


def print_pdfs(
    site: Path, targets: dict[str, str], epoch: int, prefix: str = "/", cache: Path | None = None
) -> PrintResult:
    """Print each docs page of `targets` from the built `site` into its PDF path inside `site`.

    With a `cache` folder (see `pdfcache`), a page whose PDF is cached under the same key is copied
    from there instead, and the browser starts only when some page must be printed. Playwright's
    sync API runs in a thread of its own, so a caller that already drives a browser (or an asyncio
    loop) in its thread can print too.
    """
    started = time.perf_counter()
    store = PdfCache.open(cache, chromium_version(chromium_path()), epoch, prefix) if cache else None
    keys = {page: store.key(site, page) for page in targets} if store else {}
    missing = {
        page: pdf for page, pdf in targets.items() if not (store and store.fetch(keys[page], site / pdf))
    }
    if missing:
        with ThreadPoolExecutor(max_workers=1) as worker:
            worker.submit(_print_pdfs, site, missing, epoch, prefix).result()
    if store:
        for page in missing:
            store.store(keys[page], site / targets[page])
        store.keep_only(set(keys.values()))
    files = [site / pdf for pdf in targets.values()]
    return PrintResult(files, time.perf_counter() - started, list(missing))


def _print_pdfs(site: Path, targets: dict[str, str], epoch: int, prefix: str) -> None:
    from playwright.sync_api import Error, sync_playwright

    try:
        with tempfile.TemporaryDirectory() as scratch, serve(site, prefix) as base, sync_playwright() as p:
            raw = Path(scratch) / "page.pdf"
            browser = p.chromium.launch(executable_path=str(chromium_path()), args=CHROME_ARGS)
            tab = browser.new_page(service_workers="block")
            for page, pdf in targets.items():
                title, lang = _print_page(tab, base + directory(page), raw)
                finish_pdf(raw, site / pdf, title, lang, epoch)
            browser.close()
    except Error as error:
        raise PdfFailed(str(error).splitlines()[0]) from None


def pdf_epoch(root: Path) -> int:
    """The PDFs' date: SOURCE_DATE_EPOCH, else the last commit's time, else 0 (never the clock)."""
    from ..history.git import last_commit_epoch

    value = os.environ.get("SOURCE_DATE_EPOCH") or last_commit_epoch(root) or "0"
    return int(value)


def print_site(root: Path, site: Path, cached: bool = False) -> PrintResult:
    """Print the PDFs of the built `site` of the project at `root`, served under its published path;
    `cached` reuses the PDFs of unchanged pages from the project's cache (`pdf_cache_folder`)."""
    from ..output.generate import site_config

    prefix = site_path(site_config(root).get("site_url", ""))
    cache = pdf_cache_folder(root) if cached else None
    return print_pdfs(site, site_pdf_targets(site), pdf_epoch(root), prefix, cache)


def pdf_choice(pdf: bool | None) -> tuple[bool, str | None]:
    """Whether a build prints PDFs, and what to tell the editor: --pdf (True) insists and fails without
    a browser (PdfUnavailable), --no-pdf (False) declines, neither prints when it can."""
    if pdf is False:
        return False, None
    reason = pdf_unavailable()
    if reason and pdf:
        raise PdfUnavailable(f"Cannot print PDFs: {reason}.")
    skipped = f"PDFs skipped: {reason}. The site is built without links to PDFs." if reason else None
    return reason is None, skipped


def print_step(root: Path, echo: Callable[[str], None]) -> Callable[[Path], None]:
    """The PDF step of a build: print into the staging site before it is swapped in (only the pages
    that changed since a PDF of them was last printed), and say so."""

    def print_into(site: Path) -> None:
        echo(print_site(root, site, cached=True).summary())

    return print_into
