"""The pages an edit to existing records changes, written ahead of the rest of the tree.

The live preview's first answer to a saved record (app/preview/rebuild.py). Every record is loaded
and indexed as for a whole build, and each record page of each edition whose inputs changed since
the last build is rendered, with its head tags, Thai word marks, Open Graph text and card picture,
by the same functions and with the same memo (render/memo.py) as the whole build; these files are
written into the tree and nothing else. The pages that list or count every record (the sections,
the home page's figures, the downloads, the feeds) follow when the preview generates the whole tree
again, behind the first reload. So each file written here holds the bytes the whole build writes.

An edit that adds or removes a record, changes the site context (the settings, the history) or
changes no record page gets no pages ahead (None): the preview builds the whole tree at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n.editions import EDITIONS, THAI_DIR
from ..model.index import Index, build_index, page_of
from ..model.site import SiteContext
from ..records.content import LoadRecord, load_dataset
from ..records.dataset import Dataset
from ..render.cards.specs import card_file
from ..render.memo import RenderMemo, Renders
from ..render.site import render_record
from .cards import CardCache, cache_folder
from .generate import (
    ReadHistory,
    data_changed,
    dressed_pages,
    edition_settings,
    site_config,
    site_context,
    write_if_changed,
)

__all__ = ["pages_ahead", "write_pages_ahead"]


def _same_records(before: Dataset, now: Dataset) -> bool:
    """Whether both datasets hold the same records (by kind and id), whatever their values."""
    return {kind: set(entries) for kind, entries in before.entries.items()} == {
        kind: set(entries) for kind, entries in now.entries.items()
    }


def _changed_pages(renders: Renders, index: Index, ctx: SiteContext) -> dict[str, str]:
    """{docs path: Markdown} of the record pages whose inputs changed since the last build."""
    pages: dict[str, str] = {}
    for entries in index.dataset.entries.values():
        for entry in entries.values():
            text = renders.render("page", entry, index, ctx, render_record)
            if ("page", entry.kind, entry.id) in renders.rendered:
                pages[page_of(entry)] = text
    return pages


def _edition_files(
    pages: dict[str, str],
    index: Index,
    ctx: SiteContext,
    settings: dict[str, Any],
    renders: Renders,
    cards: CardCache,
) -> dict[str, bytes]:
    """The changed record pages of one edition, dressed as the whole build dresses them
    (generate.py `dressed_pages`), with each page's own card picture."""
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    dressed = dressed_pages(files, index, ctx, settings, {}, renders, cards)
    own_cards = {card_file(path) for path in pages} & dressed.keys()  # not a section's shared card
    return {path: dressed[path] for path in sorted({*pages, *own_cards})}


def pages_ahead(
    root: Path, load: LoadRecord, history: ReadHistory, memo: RenderMemo
) -> dict[str, dict[str, bytes]] | None:
    """{edition code: {docs path: bytes}}: the record pages of every edition that an edit changed,
    as the whole build writes them; None when this edit must build the whole tree (see the
    module's note). Raises RecordError, as a whole build would, when a record has problems."""
    config = site_config(root)
    dataset = load_dataset(root / "content", root, load)
    history_read = history(root)
    index = build_index(dataset, data_changed(history_read))
    base = site_context(config, index, history_read)
    cards = CardCache(cache_folder(root))
    ahead: dict[str, dict[str, bytes]] = {}
    for code in EDITIONS:
        settings, ctx = edition_settings(config, base, code)
        renders = memo.look_ahead(index, ctx)
        if (
            renders is None
            or renders.before is None
            or not _same_records(renders.before.index.dataset, dataset)
        ):
            return None
        pages = _changed_pages(renders, index, ctx)
        if not pages:
            return None
        ahead[code] = _edition_files(pages, index, ctx, settings, renders, cards)
    return ahead


def write_pages_ahead(
    root: Path, out: Path, load: LoadRecord, history: ReadHistory, memo: RenderMemo
) -> dict[str, list[str]] | None:
    """Write `pages_ahead` into the tree at `out` (the Thai edition's into `out/th`) and return the
    docs files written by edition ({"en": ["equipment/x.md", ...]}), or None as `pages_ahead`."""
    ahead = pages_ahead(root, load, history, memo)
    if ahead is None:
        return None
    for code, files in ahead.items():
        folder = out / "docs" if code == "en" else out / THAI_DIR / "docs"
        for path, data in files.items():
            write_if_changed(folder / path, data)
    return {code: list(files) for code, files in ahead.items()}
