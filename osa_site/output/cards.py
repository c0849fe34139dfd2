"""Each page's share card: its picture, drawn once and kept in a cache, and its Open Graph text;
and the PNG of each site-wide chart, kept in the same cache.

`add_cards` takes one edition's finished docs files and returns them with, for every page, a card
picture under `cards/` and an `osa_og` mapping in its front matter, which the theme prints as Open
Graph and Twitter Card tags (theme/partials/osa-card-meta.html). The values in `osa_og` are
HTML-escaped here, as page titles are (escape.template_text): both engines print them as they are.

Pictures are kept in a content-addressed cache outside the site (`CardCache`): a file named by the
hash of everything that draws it (`draw.card_key`), so a build with nothing changed draws no card,
and a card whose page changed is drawn again. The cache's folder is `.osa-cache/pictures` in the
project, or `$OSA_SITE_CACHE/pictures`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path

from ..model.index import Index
from ..model.site import SiteContext
from ..model.urls import page_url
from ..render.cards.draw import HEIGHT, WIDTH, Card, card_key, draw_card, fonts_digest
from ..render.cards.specs import SHARED_CARDS, card_file, card_of, page_title, record_of
from ..render.charts.downloads import chart_file, site_charts
from ..render.charts.vega import PNG_FONT, PNG_SCALE, vega_png
from ..render.escape import FrontMatterError, header_entries, read_front_matter, template_text
from ..render.memo import Calls

__all__ = ["CardCache", "add_cards", "add_chart_pictures", "cache_folder", "LOCALES", "CACHE_ENV"]

CACHE_ENV = "OSA_SITE_CACHE"
LOCALES = {"en": "en_US", "th": "th_TH"}


def cache_folder(root: Path) -> Path:
    """Where pictures are cached: `$OSA_SITE_CACHE/pictures`, else `.osa-cache/pictures` in `root`."""
    base = os.environ.get(CACHE_ENV)
    return (Path(base) if base else root / ".osa-cache") / "pictures"


@dataclass
class CardCache:
    """Pictures by the hash of what draws them; counts what it drew and what it found."""

    folder: Path | None  # None: draw every picture and keep none
    drawn: int = 0
    found: int = 0

    def picture(self, card: Card) -> bytes:
        return self.keep(card_key(card), lambda: draw_card(card))

    def keep(self, key: str, draw: Callable[[], bytes]) -> bytes:
        """The picture named `key`: from the cache, or drawn by `draw` and kept."""
        path = self.folder / key[:2] / f"{key}.png" if self.folder else None
        if path is not None and path.is_file():
            self.found += 1
            return path.read_bytes()
        data = draw()
        self.drawn += 1
        if path is not None:
            _store(path, data)
        return data


def _store(path: Path, data: bytes) -> None:
    """Write atomically (a temporary file renamed into place), so a reader never sees half a picture."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def _card_page(path: str, index: Index) -> str:
    """The page whose card this page shows: its own, or for a source record, its section's."""
    entry = record_of(path, index)
    return f"{entry.kind}/index.md" if entry is not None and entry.kind in SHARED_CARDS else path


ARTICLES = frozenset({"brief.md"})  # hand-written pages that are articles (the others describe the site)


def _og(
    path: str, texts: tuple[str, str], image: str, ctx: SiteContext, index: Index, description: str
) -> dict[str, object]:
    title, own_description = texts
    code = ctx.lang.code
    article = path in ARTICLES or record_of(path, index) is not None
    og: dict[str, object] = {
        "type": "article" if article else "website",
        "title": template_text(title or ctx.site_name),
        "description": template_text(own_description or description),
        "locale": LOCALES.get(code, code),
        "locale_alternate": [locale for other, locale in LOCALES.items() if other != code],
        "image_width": WIDTH,
        "image_height": HEIGHT,
    }
    if ctx.site_url:
        og["url"] = page_url(ctx.site_url, path)
        og["image"] = ctx.site_url.rstrip("/") + "/" + image
    return og


def og_entry(og_json: str) -> str:
    """The front-matter line of `osa_og` (given as JSON), checked to read back as the same mapping."""
    og = json.loads(og_json)
    entry = header_entries({"osa_og": og})
    if (read_front_matter("---\n" + entry + "---\n") or {}).get("osa_og") != og:
        raise FrontMatterError(f"the card's front matter for {og['title']!r} does not read back as written")
    return entry


def _with_og(page: str, entry: str) -> str:
    """The page with the `osa_og` line first in its front matter (a page without one gains one)."""
    return (
        "---\n" + entry + page.removeprefix("---\n")
        if page.startswith("---\n")
        else "---\n" + entry + "---\n\n" + page
    )


def page_texts(page: str) -> tuple[str, str, bool] | None:
    """A page's title and description as plain text, and whether it sets `osa_og` itself; None
    when its front matter cannot be read (the generator's own check reports that)."""
    try:
        meta = read_front_matter(page) or {}
    except FrontMatterError:
        return None
    return (*page_title(page, meta), "osa_og" in meta)


def add_cards(
    files: dict[str, bytes],
    index: Index,
    ctx: SiteContext,
    cache: CardCache,
    description: str = "",
    calls: Calls | None = None,
) -> dict[str, bytes]:
    """One edition's files with every page's card picture and Open Graph text added.

    `description` stands in for pages that have none (the site's description, in the edition's
    language). A hand-written page that sets `osa_og` itself keeps it. `calls` may keep the
    results of reading each page's header and writing its Open Graph line (render/memo.py)."""
    calls = calls or Calls()
    out = dict(files)
    pages = {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".md")}
    read = {path: calls(page_texts, page) for path, page in pages.items()}
    texts = {path: found for path, found in read.items() if found is not None}
    for path in sorted(texts):
        shown = _card_page(path, index)
        image = card_file(shown)
        if image not in out:
            title = texts[shown][0] if shown in texts else texts[path][0]
            out[image] = cache.picture(card_of(shown, title, index, ctx.lang, ctx.site_name))
        if not texts[path][2]:
            og = _og(path, texts[path][:2], image, ctx, index, description)
            entry = calls(og_entry, json.dumps(og, ensure_ascii=False))
            out[path] = _with_og(pages[path], entry).encode("utf-8")
    return dict(sorted(out.items()))


def _chart_key(chart_spec: dict[str, object]) -> str:
    parts = [
        "chart-png",
        str(PNG_SCALE),
        PNG_FONT,
        version("vl-convert-python"),
        fonts_digest(),
        json.dumps(chart_spec),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def add_chart_pictures(files: dict[str, bytes], index: Index, ctx: SiteContext, cache: CardCache) -> None:
    """Add the PNG of every site-wide chart that has something to show (data/charts/<slug>.png)."""
    for chart in site_charts(index, ctx.lang):
        if chart.spec["data"]["values"]:
            files[chart_file(chart, "png")] = cache.keep(
                _chart_key(chart.spec), partial(vega_png, chart.spec)
            )
