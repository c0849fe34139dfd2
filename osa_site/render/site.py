"""Render every generated file: pure functions from the index to {docs path: text} (pages, downloads)."""

from __future__ import annotations

from collections.abc import Callable

from ..feeds import render_feeds
from ..index import Index, page_of
from .changes import render_changes_page
from .charts import render_charts_page
from .common import SiteContext
from .data import render_data_page, render_downloads
from .designations import render_designation, render_designations_index
from .discrepancies import render_discrepancies
from .guide import render_editing_guide
from .home import render_home
from .records import (
    render_agreement,
    render_budget,
    render_equipment,
    render_milestone,
    render_source,
)
from .sections import (
    render_agreements_index,
    render_budgets_index,
    render_milestones_index,
    render_recipient,
    render_recipients_index,
    render_register,
    render_sources_index,
    render_timeline,
)

__all__ = ["render_site", "render_docs", "RECORD_RENDERERS", "SECTION_RENDERERS"]

RECORD_RENDERERS: dict[str, Callable] = {
    "recipients": render_recipient,
    "equipment": render_equipment,
    "agreements": render_agreement,
    "milestones": render_milestone,
    "budgets": render_budget,
    "designations": render_designation,
    "sources": render_source,
}

SECTION_RENDERERS: dict[str, Callable[[Index, SiteContext], str]] = {
    "index.md": render_home,
    "recipients/index.md": render_recipients_index,
    "equipment/index.md": render_register,
    "agreements/index.md": render_agreements_index,
    "milestones/index.md": render_milestones_index,
    "budgets/index.md": render_budgets_index,
    "designations/index.md": render_designations_index,
    "sources/index.md": render_sources_index,
    "timeline.md": render_timeline,
    "charts.md": render_charts_page,
    "discrepancies.md": render_discrepancies,
    "data/index.md": render_data_page,
    "editing-guide.md": render_editing_guide,
    "changes/index.md": render_changes_page,
}


def render_docs(index: Index, ctx: SiteContext) -> dict[str, str]:
    """Every generated file of the docs folder (pages, data downloads, feeds), in a stable order."""
    files = {**render_site(index, ctx), **render_downloads(index, ctx), **render_feeds(index, ctx)}
    return dict(sorted(files.items()))


def render_site(index: Index, ctx: SiteContext) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs folder, in a stable order."""
    pages = {path: render(index, ctx) for path, render in SECTION_RENDERERS.items()}
    for kind, render in RECORD_RENDERERS.items():
        for entry in index.dataset.of(kind):
            pages[page_of(entry)] = render(entry, index, ctx)
    return dict(sorted(pages.items()))
