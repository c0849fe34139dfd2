"""The "Cite this" block at the foot of every record page, and its "Suggest a correction" link.

The text, the three downloads it links (BibTeX, RIS, CSL-JSON) and the head tags come from one
`Citation`. The correction link opens the repository's issue form (`.github/ISSUE_TEMPLATE/
correction.yml`) with the record's id and the issue's title filled in from query parameters; when
the repository's address is not set, the block says how to report an error without it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from ..model.urls import directory
from ..records.dataset import Entry
from .citation import CITATION_FORMATS, Citation, citation_files, record_citation
from .common import SiteContext, unindexed_section
from .escape import md, url

__all__ = ["cite_this", "citation_text", "download_links", "correction_url", "correction_note", "FORM"]

FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/correction.yml; its field ids are the parameters below


def citation_text(c: Citation, ctx: SiteContext) -> str:
    """`OSA Monitor. "Title". OSA Monitor. <address>. Record last changed 2026-11-30.` as Markdown."""
    _ = ctx.lang.gettext
    if c.kind == "dataset":
        changed = _("Data last changed {date}.") if c.date else _("Data change date not available.")
    else:
        changed = _("Record last changed {date}.") if c.date else _("Record change date not available.")
    changed = changed.format(date=c.date)
    address = f"<{url(c.url)}>" if c.url else md("/" + directory(c.page))
    return f'{md(c.author)}. "{md(c.title)}". {md(c.container)}. {address}. {md(changed)}'


def download_links(c: Citation, ctx: SiteContext) -> str:
    """Links to the citation's BibTeX, RIS and CSL-JSON files, relative to the citation's page."""
    folder = c.page.rsplit("/", 1)[0] + "/" if "/" in c.page else ""  # links are relative to the .md file
    links = [
        f"[{label}]({path.removeprefix(folder)})"
        for (label, _media), path in zip(CITATION_FORMATS.values(), citation_files(c).values(), strict=True)
    ]
    return ctx.lang.gettext("Download this citation: {formats}.").format(formats=" · ".join(links))


def correction_url(repository: str, record_id: str = "", title: str = "") -> str:
    """The issue form's address, with the record's id and the issue title filled in when given."""
    fields = {"template": FORM, "record-id": record_id, "title": f"Correction: {title}" if title else ""}
    query = urlencode({name: value for name, value in fields.items() if value}, quote_via=quote)
    return f"{repository.rstrip('/')}/issues/new?{query}"


def correction_note(entry: Entry[Any], title: str, ctx: SiteContext) -> str:
    """The "Suggest a correction" link, or how to report an error when the repository is not known."""
    _ = ctx.lang.gettext
    record_id = f"{entry.kind}/{entry.id}"
    if ctx.repository:
        link = f"[{_('Suggest a correction')}]({correction_url(ctx.repository, record_id, title)})"
        return link + " " + md(_("(a form in the project's code repository; it needs a GitHub account)."))
    return md(
        _(
            "This copy of the site was built without the address of its code repository, so it has no "
            "correction form. To report an error, write to whoever published this copy, giving the "
            "record's id ({id}), what is wrong and a public page that shows it."
        ).format(id=record_id)
    )


def cite_this(entry: Entry[Any], ctx: SiteContext) -> str:
    """The "Cite this" section of a record page: the citation, its downloads, the correction link.

    Search leaves it out (`unindexed_section`): it is the same words on every record page, about a
    quarter of what each would add to the index, and a query for them ("cite", "BibTeX") would
    otherwise list every record. The record's title is indexed where the page shows it first.
    """
    c = record_citation(entry, ctx)
    parts = (f"> {citation_text(c, ctx)}", download_links(c, ctx), correction_note(entry, c.title, ctx))
    body = "".join(part + "\n\n" for part in parts)
    return unindexed_section(ctx.lang.gettext("Cite this"), body)
