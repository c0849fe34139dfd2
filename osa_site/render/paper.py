"""The words printed on paper, in the edition's language: the print header's note on the date of
the data, the running header, the PDF link, and the "Link references" list print.js adds.

The theme (theme/main.html) and print.js read them from `extra.osa_print`, which generate.py
writes into each edition's mkdocs.yml. The date stays in ISO form, as in each page's citation.
"""

from __future__ import annotations

from ..i18n.languages import Language

__all__ = ["paper_texts"]


def paper_texts(lang: Language, data_date: str) -> dict[str, str]:
    """{name: text} for the theme; the date notes are empty when the date of the data is unknown."""
    _ = lang.gettext
    return {
        "data_note": _("Data as of {date} (the last change to the records)").format(date=data_date)
        if data_date
        else "",
        "running_date": _("Data as of {date}").format(date=data_date) if data_date else "",
        "pdf_link": _("Download this page as a PDF"),
        "references_title": _("Link references"),
        "references_intro": _("The addresses of the links on this page: ↗n in the text is address n."),
    }
