"""Render every generated file: pure functions from the index to {docs path: text} (pages, downloads)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..history.feeds import render_feeds
from ..i18n.languages import Language
from ..model.index import Index, page_of
from ..records.dataset import Entry
from .analysis import render_analysis, render_analysis_index
from .changes import render_changes_page
from .charts.downloads import chart_texts
from .charts.page import render_charts_page
from .citation_formats import render_citations
from .common import SiteContext
from .data import render_data_page, render_downloads
from .designations import render_designation, render_designations_index
from .discrepancies import render_discrepancies
from .guide import render_editing_guide
from .home import render_home
from .memo import Renders, fresh
from .record_pages import (
    render_agreement,
    render_budget,
    render_equipment,
    render_milestone,
    render_recipient,
    render_source,
)
from .sections import (
    render_agreements_index,
    render_budgets_index,
    render_milestones_index,
    render_recipients_index,
    render_register,
    render_sources_index,
    render_timeline,
)

__all__ = [
    "render_site",
    "render_docs",
    "render_record",
    "RECORD_RENDERERS",
    "SECTION_RENDERERS",
    "CONTEXT_RENDERERS",
]

# Pages drawn from the index alone, in the edition's language.
SECTION_RENDERERS: dict[str, Callable[[Index, Language], str]] = {
    "recipients/index.md": render_recipients_index,
    "equipment/index.md": render_register,
    "agreements/index.md": render_agreements_index,
    "milestones/index.md": render_milestones_index,
    "designations/index.md": render_designations_index,
    "sources/index.md": render_sources_index,
    "analysis/index.md": render_analysis_index,
    "timeline.md": render_timeline,
    "discrepancies.md": render_discrepancies,
}

# Pages that also need the site's settings (its address, publisher and language).
CONTEXT_RENDERERS: dict[str, Callable[[Index, SiteContext], str]] = {
    "index.md": render_home,
    "budgets/index.md": render_budgets_index,
    "charts.md": render_charts_page,
    "data/index.md": render_data_page,
    "editing-guide.md": render_editing_guide,
    "changes/index.md": render_changes_page,
}

# One page per record of a kind; each ends with a "Cite this" block or the record's history, which
# need the site's settings.
RECORD_RENDERERS: dict[str, Callable[[Any, Index, SiteContext], str]] = {
    "recipients": render_recipient,
    "equipment": render_equipment,
    "agreements": render_agreement,
    "milestones": render_milestone,
    "budgets": render_budget,
    "designations": render_designation,
    "sources": render_source,
    "analysis": render_analysis,
}


def render_docs(index: Index, ctx: SiteContext, renders: Renders | None = None) -> dict[str, str]:
    """Every generated file of the docs folder (pages, data downloads, feeds), in a stable order.

    With `renders` (the preview's), a record page whose inputs did not change since the last build
    is taken from it instead of rendered again (render/memo.py)."""
    files = {
        **render_site(index, ctx, renders),
        **render_downloads(index, ctx),
        **chart_texts(index, ctx.lang),
        **render_feeds(index, ctx),
        **render_citations(index, ctx, renders.calls if renders else None),
    }
    return dict(sorted(files.items()))


def render_site(index: Index, ctx: SiteContext, renders: Renders | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs folder, in a stable order."""
    renders = renders or fresh()
    pages = {path: render(index, ctx.lang) for path, render in SECTION_RENDERERS.items()}
    pages |= {path: render(index, ctx) for path, render in CONTEXT_RENDERERS.items()}
    pages |= {path: in_english(pages[path], ctx.lang) for path in ENGLISH_ONLY}
    for entries in index.dataset.entries.values():
        pages |= {
            page_of(entry): renders.render("page", entry, index, ctx, render_record)
            for entry in entries.values()
        }
    return dict(sorted(pages.items()))


# Pages for editors, in English in every edition (marked lang="en" in the others).
ENGLISH_ONLY = ("editing-guide.md",)


def in_english(page: str, lang: Language) -> str:
    """An English page in another edition: its body marked lang="en" after the front matter."""
    if lang.code == "en":
        return page
    head, sep, body = page.partition("\n---\n\n")
    return f'{head}{sep}<div lang="en" markdown>\n\n{body}\n</div>\n'


def render_record(entry: Entry[Any], index: Index, ctx: SiteContext) -> str:
    """One record's page."""
    return RECORD_RENDERERS[entry.kind](entry, index, ctx)
