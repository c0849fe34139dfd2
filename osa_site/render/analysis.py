"""Analysis and views: the page that groups the pieces by theme, one page per piece, and the list of
pieces that recipient and project pages show.

Every piece's argument is summarised in the record's own words and presented as its author's view;
the site's own sentences here only describe and never judge. Quoted phrases are marked with
quotation marks and the language they were written in, and link to the piece.
"""

from __future__ import annotations

from ..i18n.dates import PartialDate
from ..i18n.languages import N_, Language
from ..model.index import Index, page_of
from ..records.dataset import Entry
from ..records.schema import (
    ANALYSIS_FORM_LABELS,
    PUBLISHER_TYPE_LABELS,
    THEME_LABELS,
    Analysis,
)
from .cite_block import cite_this
from .common import EN, LANGUAGES, SiteContext, front_matter, link, rel, table
from .escape import heading_id, md, text_block, title_heading, url
from .history import render_record_history

__all__ = [
    "INDEX_PAGE",
    "render_analysis_index",
    "render_analysis",
    "analysis_section",
    "theme_anchor",
    "NEUTRALITY",
]

INDEX_PAGE = "analysis/index.md"
NO_AUTHOR_LABEL = N_("No author named")
NEUTRALITY = N_(
    "Each summary is OSA Monitor's short account, in its own words, of what a piece argues. The "
    "views are their authors', not the site's: the site takes no side, and gives each position as "
    "its author puts it. Short quotations are marked and link to the piece."
)


def theme_anchor(theme: str) -> str:
    """The heading id of a theme's section on the Analysis and views page."""
    return heading_id("theme", theme)


def _author(rec: Analysis, lang: Language) -> str:
    return md(lang.text(rec, "author")) if rec.named_author() else lang.gettext(NO_AUTHOR_LABEL)


def _date(rec: Analysis, lang: Language) -> str:
    return md(lang.date(rec.date)) if isinstance(rec.date, PartialDate) else lang.gettext("date unknown")


def _byline(entry: Entry[Analysis], lang: Language) -> str:
    """`Author, Publisher, May 2025 (Research paper)`: escaped Markdown."""
    rec = entry.record
    form = lang.gettext(ANALYSIS_FORM_LABELS[rec.form])
    who = [_author(rec, lang)] + ([md(lang.text(rec, "publisher"))] if rec.publisher != rec.author else [])
    return f"{', '.join(who)}, {_date(rec, lang)} ({form})"


def _piece_line(entry: Entry[Analysis], page: str, lang: Language) -> str:
    title = link(page, page_of(entry), entry.record.title)  # kept in the piece's own language
    return f"- {title}: {_byline(entry, lang)}"


def analysis_section(entries: list[Entry], page: str, lang: Language = EN) -> str:
    """The pieces that discuss a recipient or a project, for its page ("" when there are none)."""
    if not entries:
        return ""
    _ = lang.gettext
    intro = _("Pieces of analysis and comment that discuss this, newest first. {views}").format(
        views=_("Each view is its author's; all of them are gathered on {page}.").format(
            page=link(page, INDEX_PAGE, _("Analysis and views"))
        )
    )
    lines = "\n".join(_piece_line(e, page, lang) for e in entries)
    return f"## {_('Analysis and views')}\n\n{intro}\n\n{lines}\n\n"


def _theme_sections(index: Index, lang: Language) -> str:
    _ = lang.gettext
    parts = []
    for theme, entries in index.analysis_by_theme.items():
        parts.append(f"## {_(THEME_LABELS[theme])} {{#{theme_anchor(theme)}}}\n")
        parts += [_piece_line(e, INDEX_PAGE, lang) for e in entries]
        parts.append("")
    return "\n".join(parts) + "\n"


def render_analysis_index(index: Index, lang: Language = EN) -> str:
    """The Analysis and views page: every piece, under each theme it discusses."""
    _ = lang.gettext
    pieces = index.dataset.of("analysis")
    count = lang.ngettext(
        "{n} piece is recorded: commentary, research, statements by civil-society groups, questions "
        "and answers in the Diet, and state-media commentary.",
        "{n} pieces are recorded: commentary, research, statements by civil-society groups, questions "
        "and answers in the Diet, and state-media commentary.",
        len(pieces),
    ).format(n=lang.number(len(pieces)))
    contents = [
        [
            f"[{_(THEME_LABELS[theme])}](#{theme_anchor(theme)})",
            lang.number(len(entries)),
        ]
        for theme, entries in index.analysis_by_theme.items()
    ]
    grouped = _("A piece that discusses several themes is listed under each of them, newest first.")
    return (
        front_matter(
            _("Analysis and views"),
            _("What analysts, parliamentarians, officials and critics argue about OSA, by theme."),
        )
        + f"# {_('Analysis and views')}\n\n"
        + f"{count} {_(NEUTRALITY)}\n\n{grouped}\n\n"
        + (table([_("Theme"), _("Pieces")], contents, "lr") + "\n\n" if contents else "")
        + (_theme_sections(index, lang) if pieces else _("No piece is recorded yet.") + "\n")
    )


def _facts(entry: Entry[Analysis], lang: Language) -> str:
    _ = lang.gettext
    rec = entry.record
    publisher = md(lang.text(rec, "publisher"))
    rows = [
        (_("Author"), _author(rec, lang)),
        (_("Publisher"), f"{publisher} ({_(PUBLISHER_TYPE_LABELS[rec.publisher_type])})"),
        (_("Kind of piece"), _(ANALYSIS_FORM_LABELS[rec.form])),
        (_("Date"), _date(rec, lang)),
    ]
    if rec.language:
        name = _(LANGUAGES[rec.language]) if rec.language in LANGUAGES else md(rec.language)
        rows.append((_("Language"), name))
    rows.append((_("Original"), f"[{_('Read the piece')}]({url(rec.url)})"))
    return table([_("Fact"), lang.pgettext("facts table", "Value")], rows) + "\n\n"


def _quoted(text: str, written_in: str, lang: Language) -> str:
    """A quoted phrase in quotation marks, marked with its language when it differs from the page's."""
    inner = md(text) if written_in == lang.code else f'<span lang="{written_in}">{md(text)}</span>'
    return f"“{inner}”"


def _quotes(rec: Analysis, lang: Language) -> str:
    if not rec.quotes:
        return ""
    _ = lang.gettext
    written_in = rec.language or "en"
    lines = "\n".join(
        f"- {_quoted(q, written_in, lang)} ([{_('source')}]({url(rec.url)}))" for q in rec.quotes
    )
    note = _("Quoted word for word from the piece, in its own language.")
    return f"## {_('Quoted phrases')}\n\n{note}\n\n{lines}\n\n"


def _discusses(entry: Entry[Analysis], index: Index, lang: Language) -> str:
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    to_index = rel(page, INDEX_PAGE)
    themes = ", ".join(f"[{_(THEME_LABELS[t])}]({to_index}#{theme_anchor(t)})" for t in rec.themes)
    lines = [f"- {_('Themes')}: {themes}"]
    recipients = [index.recipient(rid) for rid in rec.recipients]
    if recipients:
        names = ", ".join(link(page, page_of(r), lang.text(r.record, "name")) for r in recipients)
        lines.append(f"- {_('Recipients')}: {names}")
    projects = [p for pid in rec.projects if (p := index.dataset.get("equipment", pid))]
    if projects:
        titles = ", ".join(link(page, page_of(p), lang.text(p.record, "title")) for p in projects)
        lines.append(f"- {_('Projects')}: {titles}")
    return f"## {_('What it discusses')}\n\n" + "\n".join(lines) + "\n\n"


def render_analysis(entry: Entry[Analysis], index: Index, ctx: SiteContext) -> str:
    """One piece's page: who wrote it, its argument in the site's words, quotations, what it discusses."""
    lang = ctx.lang
    _ = lang.gettext
    rec, page = entry.record, page_of(entry)
    description = _("A view on OSA: {title} ({byline}).").format(
        title=rec.title, byline=f"{rec.named_author() or _(NO_AUTHOR_LABEL)}, {lang.text(rec, 'publisher')}"
    )
    summary = _("Summarised by OSA Monitor in its own words; the argument is the author's.")
    back = _("All pieces, by theme: {page}.").format(page=link(page, INDEX_PAGE, _("Analysis and views")))
    return (
        front_matter(rec.title, description)
        + title_heading(rec.title)  # kept in the piece's own language, as source titles are
        + _facts(entry, lang)
        + (f"{text_block(note)}\n\n" if (note := lang.text(rec, "note")) else "")
        + f"## {_('Argument')}\n\n{text_block(lang.text(rec, 'argument'))}\n\n{summary}\n\n"
        + _quotes(rec, lang)
        + _discusses(entry, index, lang)
        + f"{back}\n\n"
        + render_record_history(entry, ctx)
        + cite_this(entry, ctx)
    )
