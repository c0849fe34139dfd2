"""Every page's head tags (`head`), placed in its front matter as `osa_head`.

Each Markdown page of an edition gets a `Citation`: a record page its record's, /data/ the
dataset's, any other page one from its title and date. The title is read from the page itself
(its front matter, which generated pages write HTML-escaped, or its first `# ` heading); the date
is the record's last change, or for other pages the later of the data's last change and the
page's own (hand-written pages, from git), never the build's clock.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import yaml

from ..model.index import Index
from .citation import DATASET_PAGE, Citation, index_citations, page_citation
from .common import SiteContext
from .escape import FrontMatterError, read_front_matter
from .head import head_tags, page_head
from .memo import Renders, fresh

__all__ = ["page_title", "page_heads", "with_head", "HEAD_KEY"]

HEAD_KEY = "osa_head"
_HEADING = re.compile(r"^# +(.+?)(?: +\{[^}]*\})?[ \t]*$", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def page_title(text: str, fallback: str) -> str:
    """The page's title as plain text: front matter `title`, else its first level-one heading."""
    header = read_front_matter(text) or {}
    title = header.get("title")
    if isinstance(title, str) and title.strip():
        return html.unescape(title)
    match = _HEADING.search(text)
    return html.unescape(_MD_ESCAPE.sub(r"\1", match.group(1))) if match else fallback


def _later(*days: str | None) -> str | None:
    return max((d for d in days if d), default=None)


def page_heads(
    pages: Mapping[str, str],
    index: Index,
    ctx: SiteContext,
    days: Mapping[str, str] | None = None,
    renders: Renders | None = None,
) -> dict[str, str]:
    """{docs path: head tags} for every Markdown page; `days` gives hand-written pages' last changes.

    Each head but the dataset page's depends on its citation and the context only, so `renders`
    may keep it from the last build of the same context."""
    renders = renders or fresh()
    known = index_citations(index, ctx)
    heads = {}
    for path, text in pages.items():
        citation: Citation | None = known.get(path)
        if citation is None:
            title = page_title(text, ctx.site_name)
            citation = page_citation(title, path, ctx, _later(index.data_changed, (days or {}).get(path)))
        if citation.page == DATASET_PAGE:
            heads[path] = head_tags(citation, index, ctx)
        else:
            heads[path] = renders.in_context(page_head, ctx, citation)
    return heads


def with_head(text: str, head: str) -> str:
    """The page with `osa_head: <head>` first in its front matter (a front matter is added if none)."""
    line = yaml.dump({HEAD_KEY: head}, Dumper=_DUMPER, allow_unicode=True, width=2**31 - 1, default_style='"')
    if re.match(r"-{3}[ \t]*\n", text):
        first, rest = text.split("\n", 1)
        result = f"{first}\n{line}{rest}"
    else:
        result = f"---\n{line}---\n\n{text}"
    header = read_front_matter(result) or {}
    if header.get(HEAD_KEY) != head:
        raise FrontMatterError(f"the page's head tags do not read back as written: {head[:80]!r}")
    return result
