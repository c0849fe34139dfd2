"""A `Citation` as BibTeX, RIS and CSL-JSON, the three formats reference managers import.

Every value is made inert in its format: in BibTeX the characters TeX reads (braces, backslash,
`%`, `#`, `&`, `$`, `_`, `~`, `^`) become TeX commands, so a title cannot close its field or open
another; in RIS, where a line is a tag, every value is one line without control characters; CSL-JSON
is written by `json`. The parsers in tests/test_citation_formats.py read each back.
"""

from __future__ import annotations

import json
import re

from ..model.index import Index
from .citation import CITATION_FORMATS, Citation, citation_files, index_citations
from .common import SiteContext
from .memo import Calls

__all__ = [
    "bibtex",
    "ris",
    "csl_json",
    "render_citation_files",
    "render_citations",
    "bibtex_text",
    "csl_item",
]

_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"{\textbraceleft}",  # balanced: BibTeX counts every brace, even after a backslash
    "}": r"{\textbraceright}",
    "%": r"\%",
    "#": r"\#",
    "&": r"\&",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_TABLE = str.maketrans(_TEX)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """Text on one line: controls and line breaks become spaces, runs of spaces one."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def bibtex_text(text: str) -> str:
    """Text for a braced BibTeX field: TeX's special characters escaped, on one line."""
    return _one_line(text).translate(_TEX_TABLE)


def _bib_url(address: str) -> str:
    """An address for the url field: braces and spaces cannot occur in a valid one; encode them anyway."""
    return _one_line(address).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def bibtex(c: Citation) -> str:
    """One @misc entry (@dataset in biblatex terms for the dataset, kept @misc for BibTeX)."""
    fields = [
        ("title", "{" + bibtex_text(c.title) + "}"),  # double braces: keep the title's capitals
        ("author", "{" + bibtex_text(c.author) + "}"),  # an organisation, never split into names
        ("organization", bibtex_text(c.container)),
        ("howpublished", bibtex_text(c.container)),
        ("year", c.year),
        ("date", c.date or ""),
        ("version", c.version),
        ("url", _bib_url(c.url)),
        ("language", c.language),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def ris(c: Citation) -> str:
    """One RIS reference: ELEC (a web page) or DATA (the dataset)."""
    date = c.date.replace("-", "/") if c.date else ""
    lines = [
        ("TY", "DATA" if c.kind == "dataset" else "ELEC"),
        ("ID", c.key),
        ("TI", c.title),
        ("AU", c.author),
        ("PB", c.author),
        ("T2", c.container),
        ("PY", c.year),
        ("DA", date),
        ("ET", c.version),
        ("UR", c.url),
        ("LA", c.language),
    ]
    text = "".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines if _one_line(value))
    return text + "ER  - \n"


def csl_item(c: Citation) -> dict:
    """The citation as one CSL-JSON item."""
    item: dict = {
        "id": c.key,
        "type": "dataset" if c.kind == "dataset" else "webpage",
        "title": _one_line(c.title),
        "author": [{"literal": _one_line(c.author)}],
        "publisher": _one_line(c.author),
        "container-title": _one_line(c.container),
        "language": c.language,
    }
    if c.url:
        item["URL"] = c.url
    if c.date:
        item["issued"] = {"date-parts": [[int(part) for part in c.date.split("-")]]}
    if c.version:
        item["version"] = c.version
    return item


def csl_json(c: Citation) -> str:
    """A CSL-JSON file: a list holding the one item."""
    return json.dumps([csl_item(c)], ensure_ascii=False, indent=1) + "\n"


_WRITERS = {"bib": bibtex, "ris": ris, "csl.json": csl_json}
assert set(_WRITERS) == set(CITATION_FORMATS)


def render_citation_files(c: Citation) -> dict[str, str]:
    """{docs path: text} of the citation's three downloads."""
    return {path: _WRITERS[ending](c) for ending, path in citation_files(c).items()}


def render_citations(index: Index, ctx: SiteContext, calls: Calls | None = None) -> dict[str, str]:
    """The downloads of every record page's citation and of the dataset's (`calls` may keep them)."""
    calls = calls or Calls()
    files: dict[str, str] = {}
    for citation in index_citations(index, ctx).values():
        files.update(calls(render_citation_files, citation))
    return files
