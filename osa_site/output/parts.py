"""The theme's page parts that repeat on thousands of pages, served once (issue 22).

Both engines write three parts into each page that are the same, byte for byte, on every page of
one edition at one depth: the search dialog (about 1.5 KB), the settings the theme's scripts read
(`<script id="__config">`, about 1.1 KB) and, on a page that is not itself in the navigation (every
record page), the navigation (about 3.8 KB, a sixth of a record page). `with_parts_served_once`
writes each such part once into the edition's assets (`assets/parts/<hash>.js`) and leaves in its
place a script that loads it. A classic script runs where it stands while the browser reads the
page, so each part is back in its place, as the engine wrote it, before the theme's scripts start
at the foot of the page; the script then removes itself. `with_parts_inline` does the same in
Python, for the tests and for anything that reads a page as a document.

Only what a page needs scripts for anyway, or can do without, is served this way. Search and the
settings work only with scripts. A page in the navigation (home, the sections, the hand-written
pages) keeps its navigation inline, marked with where the reader is; a record page's navigation
marks nothing, so a reader without scripts reaches it from the header's logo (the home page).
The 404 page keeps every part: it is served at any address, where no relative way to a file holds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

__all__ = ["PARTS_DIR", "part_file", "with_parts_inline", "with_parts_served_once"]

PARTS_DIR = "assets/parts"  # in each edition's site

_TAG_NAME = re.compile(r"<([a-z]+)")
_OPENINGS = (
    '<div class="md-search" data-md-component="search"',
    '<script id="__config" type="application/json">',
    '<nav class="md-nav md-nav--primary"',
)
_ACTIVE = "md-nav__link--active"  # the theme marks the reader's page in a navigation that holds it
_LOADER = re.compile(rf'<script src="((?:\.\./)*){re.escape(PARTS_DIR)}/([0-9a-f]{{16}})\.js"></script>')
# A part's file: the script puts its part before itself, then removes itself.
_PART_JS = '(function(s){{s.insertAdjacentHTML("beforebegin",{html});s.remove()}})(document.currentScript);\n'
_PART_IN_JS = re.compile(r'^\(function\(s\)\{s\.insertAdjacentHTML\("beforebegin",(".*")\);s\.remove\(\)\}\)')


def _element_end(html: str, start: int) -> int | None:
    """Where the element opened at `start` ends (after its closing tag), counting the elements of
    its own name nested in it; None when it is not closed."""
    name = _TAG_NAME.match(html, start)
    if name is None:
        return None
    depth = 0
    for tag in re.compile(rf"<(/?){name.group(1)}\b[^>]*>").finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


def _served(part: str) -> bool:
    """A navigation that marks the reader's page stays inline; every other part is served once."""
    return not (part.startswith("<nav") and _ACTIVE in part)


def _parts(html: str) -> list[tuple[int, int]]:
    """Where each part to serve once lies in `html`, in order, as (start, end)."""
    found = []
    for opening in _OPENINGS:
        start = html.find(opening)
        end = _element_end(html, start) if start >= 0 else None
        if end is not None and _served(html[start:end]):
            found.append((start, end))
    return sorted(found)


def part_file(part: str) -> tuple[str, bytes]:
    """A part's file: its name (from a hash of its bytes) and the script that puts it in place."""
    name = hashlib.sha256(part.encode("utf-8")).hexdigest()[:16]
    return name, _PART_JS.format(html=json.dumps(part)).encode("ascii")


def with_parts_served_once(html: str, base: str) -> tuple[str, dict[str, bytes]]:
    """`html` with each part that repeats (see the module's note) replaced by a script loading it,
    and the files of those parts by their path in the edition's site. `base` is the way from the
    page to its edition's root ("../../" for `equipment/x/`). Applying it twice gives what applying
    it once gives."""
    files: dict[str, bytes] = {}
    pieces: list[str] = []
    end = 0
    for start, stop in _parts(html):
        name, script = part_file(html[start:stop])
        files[f"{PARTS_DIR}/{name}.js"] = script
        pieces += (html[end:start], f'<script src="{base}{PARTS_DIR}/{name}.js"></script>')
        end = stop
    pieces.append(html[end:])
    return "".join(pieces), files


def with_parts_inline(html: str, read: Callable[[str], bytes]) -> str:
    """`html` with each part put back where its script stands, as a browser does; `read(path)`
    gives the bytes of a file by its path in the edition's site (`assets/parts/<hash>.js`)."""

    def inline(loader: re.Match[str]) -> str:
        script = read(f"{PARTS_DIR}/{loader.group(2)}.js").decode("ascii")
        found = _PART_IN_JS.match(script)
        if found is None:
            raise ValueError(f"{PARTS_DIR}/{loader.group(2)}.js is not a part's file")
        return str(json.loads(found.group(1)))

    return _LOADER.sub(inline, html)
