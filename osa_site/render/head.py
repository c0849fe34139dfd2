"""The tags in each page's head that software reads: Highwire Press `citation_*` (Zotero, Google
Scholar), Dublin Core, and schema.org JSON-LD (`Dataset` on /data/, `Article` on the brief,
`CreativeWork` on record pages). All come from the page's `Citation`.

Values are escaped for their place: attribute values by `attr`, JSON-LD by `json` with `<`, `>` and
`&` written as `\\u003c`, `\\u003e`, `\\u0026`, so no string can close the script element. The tags
reach the page through the front matter key `osa_head` (the theme prints it as it is).
"""

from __future__ import annotations

import json
from typing import Any

from ..model.designations import date_range
from ..model.index import Index
from ..records.schema import KINDS
from .citation import DATASET_PAGE, Citation
from .common import SiteContext
from .data import DATA_LICENSE
from .escape import attr

__all__ = ["head_tags", "page_head", "meta_tags", "json_ld", "structured_data", "DATED_KINDS", "BRIEF_PAGE"]

BRIEF_PAGE = "brief.md"
DATED_KINDS = ("equipment", "agreements", "milestones", "budgets", "designations")  # what OSA did, when
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _meta(name: str, content: str) -> str:
    return f'<meta name="{attr(name)}" content="{attr(content)}">'


def meta_tags(c: Citation) -> list[str]:
    """Highwire Press and Dublin Core tags; a tag whose value is not known is left out."""
    highwire = [
        ("citation_title", c.title),
        ("citation_author", c.author),
        ("citation_publisher", c.author),
        ("citation_publication_date", c.date.replace("-", "/") if c.date else ""),
        ("citation_public_url", c.url),
        ("citation_language", c.language),
    ]
    dublin_core = [
        ("DC.title", c.title),
        ("DC.creator", c.author),
        ("DC.publisher", c.author),
        ("DC.date", c.date or ""),
        ("DC.identifier", c.url),
        ("DC.language", c.language),
        ("DC.type", "Dataset" if c.kind == "dataset" else "Text"),
        ("DC.rights", DATA_LICENSE["title"]),
    ]
    return [_meta(name, value) for name, value in highwire + dublin_core if value]


def json_ld(data: dict) -> str:
    """A JSON-LD script element whose text no string inside can end early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">{text}</script>'


def _organisation(name: str) -> dict:
    return {"@type": "Organization", "name": name}


def _work(c: Citation, kind: str, ctx: SiteContext) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": c.title,
        "inLanguage": c.language,
        "author": _organisation(c.author),
        "publisher": _organisation(c.author),
        "license": DATA_LICENSE["path"],
        "isPartOf": {
            "@type": "WebSite",
            "name": c.container,
            **({"url": ctx.site_url} if ctx.site_url else {}),
        },
    }
    if kind == "Article":
        data["headline"] = c.title
    if c.url:
        data["url"] = c.url
    if c.date:
        data["dateModified"] = c.date
    return data


def _download_url(ctx: SiteContext, name: str) -> str:
    return f"{ctx.site_url.rstrip('/')}/data/{name}" if ctx.site_url else name


def _distribution(ctx: SiteContext) -> list[dict]:
    files = [
        (f"{kind}.{fmt}", "text/csv" if fmt == "csv" else "application/json")
        for kind in KINDS
        for fmt in ("csv", "json")
    ]
    files.append(("datapackage.json", "application/json"))
    return [
        {
            "@type": "DataDownload",
            "name": name,
            "encodingFormat": media,
            "contentUrl": _download_url(ctx, name),
        }
        for name, media in files
    ]


def _temporal(index: Index) -> str:
    span = date_range(e.record for kind in DATED_KINDS for e in index.dataset.of(kind))
    return f"{span[0].iso()}/{span[1].iso()}" if span else ""


def dataset_ld(c: Citation, index: Index, ctx: SiteContext) -> dict[str, Any]:
    """schema.org Dataset: the downloads, licence, creator, time and places covered, version, date."""
    data = _work(c, "Dataset", ctx)
    data["description"] = ctx.lang.gettext(
        "Every OSA project, recipient, transfer agreement, milestone, budget and source recorded by "
        "OSA Monitor, each fact tied to a public source."
    )
    data["creator"] = _organisation(c.author)
    data["isAccessibleForFree"] = True
    data["distribution"] = _distribution(ctx)
    data["spatialCoverage"] = [
        {"@type": "Country", "name": ctx.lang.text(e.record, "name"), "identifier": e.record.iso3}
        for e in sorted(index.dataset.of("recipients"), key=lambda e: e.id)
    ]
    if temporal := _temporal(index):
        data["temporalCoverage"] = temporal
    if c.version:
        data["version"] = c.version
    return data


def structured_data(c: Citation, index: Index, ctx: SiteContext) -> dict[str, Any] | None:
    """The page's JSON-LD, for the pages that have one."""
    return dataset_ld(c, index, ctx) if c.page == DATASET_PAGE else _page_data(c, ctx)


def _page_data(c: Citation, ctx: SiteContext) -> dict[str, Any] | None:
    """The JSON-LD of any page but the dataset's (whose alone reads the index)."""
    if c.page == BRIEF_PAGE:
        return _work(c, "Article", ctx)
    if c.kind == "record":
        return _work(c, "CreativeWork", ctx)
    return None


def _joined(c: Citation, data: dict[str, Any] | None) -> str:
    tags = meta_tags(c)
    if data is not None:
        tags.append(json_ld(data))
    return "\n      ".join(tags)


def head_tags(c: Citation, index: Index, ctx: SiteContext) -> str:
    """Everything this module adds to a page's head, one tag a line."""
    return _joined(c, structured_data(c, index, ctx))


def page_head(c: Citation, ctx: SiteContext) -> str:
    """`head_tags` of a page other than the dataset's: it reads the citation and the context only."""
    if c.page == DATASET_PAGE:
        raise ValueError("the dataset page's head reads the index: use head_tags")
    return _joined(c, _page_data(c, ctx))
