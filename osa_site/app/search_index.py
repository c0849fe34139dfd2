"""The search adapter: Pagefind indexes each built edition into its own `pagefind/` folder.

Pagefind (https://pagefind.app, the `pagefind` package with its binary from `pagefind-bin`) reads
the built HTML and writes a chunked index: a query fetches only the index chunks and page
fragments it needs, so what a reader downloads before the first result does not grow with the
site. Each edition (English at the root, Thai under th/) gets its own index in its own folder,
and the engine's own search file holding only the search settings that its page script reads (the
word separator for `?h=` highlighting): Material's `search/search_index.json`, or Zensical's
`search.json`. Either engine's dialog asks our worker (assets/javascripts/workers/pagefind-search.js),
which answers from Pagefind.

Pagefind reads a staged copy of each edition's pages (at their addresses, without the other
editions, the 404 page or the bundle itself), each cut to what it indexes (`indexed_part`: the
head and the element marked `data-pagefind-body`); the same site gives the same index bytes, the
bytes the whole pages give (tests/test_search_staging.py). The staged copy is written in memory
where the machine has room there (`scratch_folder`). Pagefind numbers pages in the order their
folder lists them, which depends on the file system: the same pages staged on disk give the same
page texts under other index file names. The Thai
edition's pages carry U+200B between words (i18n/segment.py); Pagefind splits words on whitespace
only, so the text Pagefind reads has those marks turned into spaces (the pages themselves are
left as they are).

A large edition is indexed in parts (`SHARD_PAGES`): Pagefind scores every page that holds a query's
word, so a common word's search takes longer the more pages hold it. Each part is a whole Pagefind
bundle of every n-th page (part 0 in pagefind/, the others in pagefind/part-1/ and on), listed in
pagefind/parts.json; the worker searches the parts side by side, each in a worker of its own
(assets/javascripts/workers/pagefind-part.js), and merges their results by score.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..i18n.editions import SEARCH_SEPARATOR
from ..i18n.segment import ZWSP

__all__ = [
    "SHARD_PAGES",
    "SearchIndexFailed",
    "index_edition",
    "index_editions",
    "indexed_part",
    "scratch_folder",
    "pages_of",
    "parts_of",
]

BUNDLE = "pagefind"
_NEXT, _OLD = ".pagefind-next", ".pagefind-old"  # a new index is written beside the one in use
# What the worker loads; Pagefind's own ready-made interfaces are not shipped.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)
_NOT_INDEXED = ("404.html",)
PARTS = "parts.json"  # in the bundle: the parts' folders, for the worker
# An edition of more pages than this is indexed in parts of at most this many pages. At 10,000
# projects an edition has about 21,400 pages: two parts, searched on two cores. Up to about 5,500
# projects an edition is one part, and its search is the same as without parts.
SHARD_PAGES = 12_000
# The tables of the sections' lists (the register, the sources...): they grow with the site, and
# each record they list has its own page (see the theme's main.html).
_LEFT_OUT = [".osa-search-list table"]


class SearchIndexFailed(Exception):
    """Pagefind could not index a built edition (its binary is missing, or it refused a page)."""


def pages_of(edition: Path, others: tuple[str, ...] = ()) -> Iterator[tuple[str, Path]]:
    """Each HTML page of the edition at `edition` with its address there ("/recipients/x/"),
    sorted; other editions' folders (`others`), the search bundle and 404.html are left out."""
    skipped = {*others, BUNDLE, _NEXT, _OLD}
    for path in sorted(edition.rglob("*.html")):
        relative = path.relative_to(edition)
        if relative.parts[0] in skipped or relative.as_posix() in _NOT_INDEXED:
            continue
        address = relative.as_posix().removesuffix("index.html")
        yield "/" + address, path


_JOINING_DASH = re.compile(r"(?<=\w)\u2013(?=\w)")


def _text_for_pagefind(html: str) -> str:
    """The page as Pagefind should read it: U+200B word marks become spaces, and an en dash
    between two words gets a space on each side (Pagefind splits on whitespace only, and would
    otherwise index a whole Thai phrase, or "Japan–Sweden", as one word)."""
    return _JOINING_DASH.sub(" \u2013 ", html.replace(ZWSP, " "))


_BODY = re.compile(r"<body\b[^>]*>")
_INDEXED = re.compile(r"<div\b[^>]*\sdata-pagefind-body\b")
_ARTICLE_END = "</article>"


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its head, its `<body>` tag and the element marked
    `data-pagefind-body` (which the theme closes just before `</article>`), without the header,
    navigation, table of contents, footer and scripts around it, which Pagefind would parse and
    then leave out. A page without that element, or not laid out that way, is kept whole."""
    head_end, body = html.find("</head>"), _BODY.search(html)
    indexed = _INDEXED.search(html)
    if head_end < 0 or body is None or indexed is None or html.count("data-pagefind-body") != 1:
        return html
    end = html.find(_ARTICLE_END, indexed.start())
    if end < 0 or body.start() < head_end:
        return html
    return f"{html[:head_end]}</head>\n{body.group(0)}\n{html[indexed.start() : end]}\n</body>\n</html>\n"


def _stage(pages: list[tuple[str, Path]], folder: Path) -> None:
    """The pages as Pagefind should read them (`indexed_part`, `_text_for_pagefind`), laid out in
    `folder` at their addresses."""
    made: set[Path] = set()
    for address, path in pages:
        target = folder / address.lstrip("/") / "index.html" if address.endswith("/") else folder / address
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        html = path.read_text(encoding="utf-8")
        target.write_text(_text_for_pagefind(indexed_part(html)), encoding="utf-8")


# A stuck binary fails the build with a message instead of holding it (and CI) forever; the
# 10,000-project benchmark site indexes in well under this.
_PAGEFIND_TIMEOUT_S = 1800


_LOW_PRIORITY = 10  # a nice value


def _run(command: list[str], cwd: Path, env: dict[str, str], low_priority: bool) -> tuple[int, str]:
    """Run Pagefind; its exit code and what it printed. `low_priority`: at a lower CPU priority
    than this process (the preview indexes while the editor's browser reloads the page)."""
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        if low_priority and hasattr(os, "setpriority"):
            try:
                os.setpriority(os.PRIO_PROCESS, process.pid, _LOW_PRIORITY)
            except OSError:
                pass  # it has already finished, or the system refused: it runs at normal priority
        try:
            out, err = process.communicate(timeout=_PAGEFIND_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise SearchIndexFailed(f"Pagefind did not finish within {_PAGEFIND_TIMEOUT_S} s") from None
    return process.returncode, (err or out).strip()


def _index(folder: Path, bundle: Path, language: str, low_priority: bool = False) -> None:
    """Pagefind's own command line indexes the staged pages into `bundle` and exits once every file
    is written.

    Not the Python API: its service reads each answer through a 2 MiB pipe buffer, so a site whose
    search files pass 2 MiB stops its reader and the call never returns (a 2,000-project site did);
    and its WriteFiles answers before the files are on disk. The command runs in the temporary folder
    with no PAGEFIND_ variables, so no Pagefind config file or setting of the caller's changes the
    index."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexFailed("Pagefind's binary is missing: pip install 'pagefind[bin]'")
    command = [str(binary), "--site", str(folder), "--output-path", str(bundle), "--silent"]
    command += ["--force-language", language]
    for selector in _LEFT_OUT:
        command += ["--exclude-selectors", selector]
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    try:
        code, said = _run(command, folder.parent, env, low_priority)
    except OSError as exc:  # not there, or not a program
        raise SearchIndexFailed(f"Pagefind's binary {binary} could not start: {exc.strerror}") from None
    if code != 0:
        raise SearchIndexFailed(said or f"exit code {code}")


def _settings(language: str) -> str:
    """search/search_index.json: Material's page script reads its `config` (for `?h=` highlighting);
    the pages' text is in the Pagefind index instead of `docs`."""
    config = {"lang": [language], "separator": SEARCH_SEPARATOR, "pipeline": []}
    return json.dumps({"config": config, "docs": []}, separators=(",", ":")) + "\n"


def _zensical_settings(written: Path) -> str:
    """search.json of a Zensical build without its documents: Zensical's page script fetches it on
    every page, reads its `config` (for `?h=` highlighting) and gives it to the worker, which answers
    from Pagefind and sends each result's document with it (assets/javascripts/search.js)."""
    config = json.loads(written.read_text(encoding="utf-8")).get("config", {})
    return json.dumps({"config": config, "items": []}, ensure_ascii=False, separators=(",", ":")) + "\n"


def _write_settings(edition: Path, language: str) -> None:
    """The engine's own search file, holding only its settings: Zensical's search.json where Zensical
    built the edition, else Material's search/search_index.json."""
    zensical = edition / "search.json"
    if zensical.is_file():
        zensical.write_text(_zensical_settings(zensical), encoding="utf-8")
        return
    (edition / "search").mkdir(exist_ok=True)
    (edition / "search" / "search_index.json").write_text(_settings(language), encoding="utf-8")


def parts_of(pages: list[tuple[str, Path]], most: int = SHARD_PAGES) -> list[list[tuple[str, Path]]]:
    """The pages in as few parts as hold at most `most` pages each, every n-th page in the same
    part, so each part holds its share of every kind of page (the pages are sorted by address)."""
    count = max(1, -(-len(pages) // max(1, most)))
    return [pages[n::count] for n in range(count)]


def _part_folder(n: int) -> str:
    return "." if n == 0 else f"part-{n}"


def _index_parts(
    parts: list[list[tuple[str, Path]]], written: Path, scratch: Path, language: str, low_priority: bool
) -> None:
    """Each part's pages into its own bundle: part 0 at `written`, part n at written/part-n; and
    the list of parts, `PARTS`, in `written`."""
    for n, part in enumerate(parts):
        staged = scratch / f"pages-{n}"
        _stage(part, staged)
        _index(staged, written / _part_folder(n), language, low_priority)
        shutil.rmtree(staged)
        for name in _UNUSED:
            (written / _part_folder(n) / name).unlink(missing_ok=True)
    folders = [_part_folder(n) for n in range(len(parts))]
    (written / PARTS).write_text(json.dumps({"parts": folders}) + "\n", encoding="utf-8")


def _swap_in(edition: Path, written: Path) -> None:
    """The index at `written` replaces edition/pagefind/ (a search running meanwhile reads the old
    one or the new one, never a half-written one)."""
    bundle, old = edition / BUNDLE, edition / _OLD
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    written.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


MEMORY_FOLDER = Path("/dev/shm")  # Linux's memory-backed file system, where there is one


def scratch_folder(pages: list[tuple[str, Path]], memory: Path = MEMORY_FOLDER) -> str | None:
    """Where the pages are staged for Pagefind: in memory (`memory`, /dev/shm) where it is a
    writable folder with room for twice the pages, else in the usual temporary folder (None).

    Staging and indexing the English edition at 2,000 projects took 6.3-6.4 s of CPU time this
    way, 7.1-7.8 s on disk (most of the difference is the kernel's time writing to disk). The
    staged copy is removed as soon as the index is written."""
    try:
        room = shutil.disk_usage(memory).free
    except OSError:
        return None
    if not os.access(memory, os.W_OK | os.X_OK):
        return None
    needed = 2 * sum(path.stat().st_size for _, path in pages)
    return str(memory) if room > needed else None


def index_edition(
    edition: Path,
    language: str,
    others: tuple[str, ...] = (),
    low_priority: bool = False,
    shard_pages: int = SHARD_PAGES,
) -> None:
    """Index the built edition at `edition` (its pages in `language`) into edition/pagefind/, in
    parts of at most `shard_pages` pages, replacing the index there once the new one is complete.
    `low_priority`: Pagefind runs at a lower CPU priority (see `_run`)."""
    written = edition / _NEXT
    shutil.rmtree(written, ignore_errors=True)
    pages = list(pages_of(edition, others))
    parts = parts_of(pages, shard_pages)
    with tempfile.TemporaryDirectory(prefix="osa-search-", dir=scratch_folder(pages)) as folder:
        try:
            _index_parts(parts, written, Path(folder), language, low_priority)
        except SearchIndexFailed as failed:
            shutil.rmtree(written, ignore_errors=True)
            raise SearchIndexFailed(f"Pagefind could not index {edition}: {failed}") from None
    _swap_in(edition, written)
    _write_settings(edition, language)


def index_editions(
    site: Path,
    editions: dict[str, str],
    on_edition: Callable[[str], None] | None = None,
    low_priority: bool = False,
) -> None:
    """Index every edition of the built site: `editions` maps a folder inside `site` ("" for the
    root) to its language, e.g. {"": "en", "th": "th"}."""
    folders = tuple(folder for folder in editions if folder)
    for folder, language in sorted(editions.items()):
        if on_edition is not None:
            on_edition(folder)
        edition = site / folder if folder else site
        index_edition(edition, language, folders if not folder else (), low_priority)
