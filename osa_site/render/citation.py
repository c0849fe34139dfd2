"""The citation model: one `Citation` per page or download, from which every form is written.

The "Cite this" text, the BibTeX, RIS and CSL-JSON downloads (`citation_formats`), and the
`citation_*`, Dublin Core and JSON-LD tags in each page's head (`head`) all read the same object,
so the three formats and the page cannot disagree. Dates are commit dates (the record's last
change, or the latest change to any record), never the build's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.index import Index, page_of
from ..model.urls import directory, page_url
from ..records.dataset import Entry
from .common import SiteContext, title_of

__all__ = [
    "Citation",
    "record_citation",
    "dataset_citation",
    "page_citation",
    "citation_files",
    "index_citations",
    "CITATION_FORMATS",
    "DATASET_PAGE",
]

DATASET_PAGE = "data/index.md"
# Download file name ending -> (label, media type); each record page's files sit in its folder.
CITATION_FORMATS = {
    "bib": ("BibTeX", "application/x-bibtex"),
    "ris": ("RIS", "application/x-research-info-systems"),
    "csl.json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
}


@dataclass(frozen=True)
class Citation:
    """What a reference manager needs to cite one page of the site (or the whole dataset)."""

    key: str  # a stable identifier: BibTeX key, CSL id
    kind: str  # "record", "dataset" or "page"
    title: str
    author: str  # an organisation, the site's publisher
    container: str  # the site's name
    page: str  # docs path of the page, e.g. equipment/x.md
    url: str  # public address, "" when the site's address is not set
    language: str  # the edition's language code
    date: str | None  # YYYY-MM-DD of the last change, None when git history is not available
    version: str = ""  # the dataset's version: the date of its last change

    @property
    def year(self) -> str:
        return self.date[:4] if self.date else ""


def _url(ctx: SiteContext, page: str) -> str:
    return page_url(ctx.site_url, page) if ctx.site_url else ""


def record_citation(entry: Entry[Any], ctx: SiteContext) -> Citation:
    """The citation of one record's page, in the context's edition."""
    page = page_of(entry)
    return Citation(
        key=f"osa-monitor-{entry.kind}-{entry.id}" + ("" if ctx.lang.code == "en" else f"-{ctx.lang.code}"),
        kind="record",
        title=str(title_of(entry, ctx.lang)),
        author=ctx.publisher,
        container=ctx.site_name,
        page=page,
        url=_url(ctx, page),
        language=ctx.lang.code,
        date=ctx.last_changed.get(entry.path),
    )


def dataset_citation(index: Index, ctx: SiteContext) -> Citation:
    """The citation of the whole dataset, whose page is /data/."""
    title = ctx.lang.gettext("{site}: an open, sourced record of Japan's Official Security Assistance")
    return Citation(
        key="osa-monitor-dataset" + ("" if ctx.lang.code == "en" else f"-{ctx.lang.code}"),
        kind="dataset",
        title=title.format(site=ctx.site_name),
        author=ctx.publisher,
        container=ctx.site_name,
        page=DATASET_PAGE,
        url=_url(ctx, DATASET_PAGE),
        language=ctx.lang.code,
        date=index.data_changed,
        version=index.data_changed or "",
    )


def page_citation(title: str, page: str, ctx: SiteContext, date: str | None) -> Citation:
    """The citation of any other page (sections, hand-written pages)."""
    slug = directory(page).strip("/").replace("/", "-") or "home"
    return Citation(
        key=f"osa-monitor-{slug}" + ("" if ctx.lang.code == "en" else f"-{ctx.lang.code}"),
        kind="page",
        title=title,
        author=ctx.publisher,
        container=ctx.site_name,
        page=page,
        url=_url(ctx, page),
        language=ctx.lang.code,
        date=date,
    )


def citation_files(citation: Citation) -> dict[str, str]:
    """{ending: docs path} of the citation's downloads: in the page's own folder (`x/` for x.md)."""
    folder = directory(citation.page)
    return {ending: f"{folder}citation.{ending}" for ending in CITATION_FORMATS}


def index_citations(index: Index, ctx: SiteContext) -> dict[str, Citation]:
    """{docs path: Citation} for every record page and the dataset page."""
    cites = {
        page_of(e): record_citation(e, ctx)
        for entries in index.dataset.entries.values()
        for e in entries.values()
    }
    cites[DATASET_PAGE] = dataset_citation(index, ctx)
    return cites
