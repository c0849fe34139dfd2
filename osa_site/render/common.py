"""Building blocks shared by the page renderers: links, money, badges, citations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..i18n.dates import PartialDate
from ..i18n.languages import EN, N_, Language
from ..i18n.wording import NOT_STATED, yen
from ..model.index import Index
from ..model.site import SiteContext
from ..model.urls import href, page_url, rel
from ..records.dataset import Entry
from ..records.schema import CONFIDENCE_LABELS, Confidence
from .escape import Html, fragment, front_matter, html, in_language, md, url

__all__ = [
    "SiteContext",
    "link",
    "rel",
    "href",
    "MarkdownText",
    "HtmlText",
    "html_table",
    "Writer",
    "yen",
    "fiscal_year",
    "badge",
    "Citations",
    "table",
    "unindexed_section",
    "front_matter",
    "page_url",
    "when",
    "NOT_STATED",
    "title_of",
    "source_line",
]


def link(from_page: str, to_page: str, text: str) -> str:
    """A Markdown link between generated pages; `text` is escaped."""
    return f"[{md(text)}]({rel(from_page, to_page)})"


class MarkdownText:
    """Cell and list content written as escaped Markdown (links are checked by MkDocs)."""

    @staticmethod
    def text(value: str) -> str:
        return md(value)

    @staticmethod
    def link(from_page: str, to_page: str, text: str) -> str:
        return link(from_page, to_page, text)

    @staticmethod
    def join(separator: str, parts: Iterable[str]) -> str:
        return separator.join(parts)


class HtmlText:
    """The same content as escaped HTML, for large tables and lists that Markdown is slow to parse."""

    @staticmethod
    def text(value: str) -> Html:
        return in_language(value)

    @staticmethod
    def link(from_page: str, to_page: str, text: str) -> Html:
        return fragment('<a href="{}">{}</a>', href(from_page, to_page), in_language(text))

    @staticmethod
    def join(separator: str, parts: Iterable[str]) -> Html:
        """Parts joined as HTML: each escaped unless it is Html already."""
        return html(separator).join(parts)


Writer = type[MarkdownText] | type[HtmlText]


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> Html:
    """A raw HTML table; a heading or cell is escaped unless it is Html already."""
    head = Html().join(fragment("<th>{}</th>", h) for h in headers)
    cells = (Html().join(fragment("<td>{}</td>", c) for c in row) for row in rows)
    body = Html("\n").join(fragment("<tr>{}</tr>", r) for r in cells)
    return fragment("<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table>", head, body)


def fiscal_year(year: int, lang: Language = EN) -> str:
    """`FY2023 (April 2023 – March 2024)`."""
    return lang.fiscal_year(year)


def when(date: PartialDate | None, lang: Language = EN) -> str:
    return lang.date(date) if date else lang.gettext(NOT_STATED)


def badge(confidence: Confidence, lang: Language = EN) -> Html:
    """A confidence badge; the class and text come from the schema's fixed set."""
    text = lang.gettext(CONFIDENCE_LABELS[confidence])
    title = lang.gettext("Confidence: {level}").format(level=text)
    return fragment('<span class="osa-badge osa-badge--{}" title="{}">{}</span>', confidence, title, text)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A Markdown table; cells must already be escaped or built from escaped parts."""
    aligns = align or "l" * len(headers)
    rule = ["---:" if a == "r" else "---" for a in aligns]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def unindexed_section(heading: str, body: str) -> str:
    """A `## heading` section that search leaves out: Pagefind's index (data-pagefind-ignore) and
    Zensical's own (data-search-exclude). `body` is Markdown, already escaped."""
    title = f"## {heading} {{ data-search-exclude }}"
    return f"<div data-pagefind-ignore markdown>\n\n{title}\n\n{body}</div>\n\n"


class Citations:
    """Numbered references to source records, listed at the foot of one page."""

    def __init__(self, index: Index, page: str, lang: Language = EN):
        self.index = index
        self.page = page
        self.lang = lang
        self.order: list[str] = []

    def ref(self, source_ids: Iterable[str]) -> str:
        """`[^1][^2]`: footnote markers for these sources, numbered in first-use order."""
        marks = []
        for sid in source_ids:
            if sid not in self.order:
                self.order.append(sid)
            marks.append(f"[^{self.order.index(sid) + 1}]")
        return "".join(marks)

    def footer(self) -> str:
        """The footnote definitions: each source as a link to its record and to the original."""
        lines = []
        for number, sid in enumerate(self.order, start=1):
            entry = self.index.dataset.get("sources", sid)
            assert entry is not None
            lines.append(f"[^{number}]: {source_line(entry, self.page, self.lang)}")
        return "\n".join(lines)


def source_line(entry: Entry, from_page: str, lang: Language = EN) -> str:
    """`[Title](sources/x.md). Publisher, 3 November 2023. [Original](https://…)`."""
    _ = lang.gettext
    src = entry.record
    published = lang.date(src.published) if isinstance(src.published, PartialDate) else _("date unknown")
    name = _(LANGUAGES[src.language]) if src.language in LANGUAGES else src.language
    language_note = " " + _("In {language}.").format(language=name) if src.language else ""
    title, publisher = lang.text(src, "title"), lang.text(src, "publisher")  # kept in their own language
    return (
        f"{link(from_page, f'sources/{entry.id}.md', title)}. {md(publisher)}, "
        f"{md(published)}.{language_note} [{_('Original')}]({url(src.url)})"
    )


LANGUAGES = {
    "ja": N_("Japanese"),
    "th": N_("Thai"),
    "en": N_("English"),
    "id": N_("Indonesian"),
    "ru": N_("Russian"),
}


def title_of(entry: Entry, lang: Language = EN) -> str:
    rec = entry.record
    if entry.kind == "recipients":
        return lang.text(rec, "name")
    if entry.kind == "budgets":
        return lang.gettext("OSA budget, {fy}").format(fy=lang.fy(rec.fiscal_year))
    if entry.kind == "designations":
        return lang.gettext("Countries designated for {fy}").format(fy=lang.fy(rec.fiscal_year))
    return lang.text(rec, "title")
