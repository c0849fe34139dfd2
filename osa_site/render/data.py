"""Open data: every record kind as CSV and JSON, a Frictionless Data Package, and the page
that lists them.

Columns come from the record schemas (one per field; a nested object such as the
exchange of notes becomes `exchange_of_notes_date`, …; lists are JSON arrays),
plus joined columns: the addresses of every source a record cites and its page
on the site. The CSV and JSON of a kind share one Table Schema.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..i18n.languages import N_
from ..model.index import Index, page_of
from ..records.dataset import Entry, source_refs
from ..records.schema import KIND_TITLES, KINDS
from .citation import dataset_citation
from .cite_block import citation_text, download_links
from .common import SiteContext, front_matter, page_url, table
from .escape import md

__all__ = [
    "Column",
    "columns",
    "rows",
    "render_downloads",
    "render_data_page",
    "DATA_LICENSE",
    "neutralise",
    "CSV_NOTE",
]

DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
_LAST = ("confidence", "disputes", "notes")  # shared fields go after each kind's own
_TYPES = {"integer": "integer", "boolean": "boolean", "array": "array", "string": "string"}


@dataclass(frozen=True)
class Row:
    """What a column's value is read from: the record, its data as JSON, the index and the site."""

    entry: Entry[Any]
    data: dict[str, Any]
    index: Index
    ctx: SiteContext


@dataclass(frozen=True)
class Column:
    """One column of a kind's table: its name, Table Schema type, description and value."""

    name: str
    type: str
    description: str
    value: Callable[[Row], Any]
    enum: tuple[str, ...] = ()

    def field(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.enum:
            spec["constraints"] = {"enum": list(self.enum)}
        return spec


def _plain(prop: dict, defs: dict) -> dict:
    """A property without its `null` alternative or `$ref` indirection."""
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    options = [p for p in prop.get("anyOf") or [] if p.get("type") != "null"]
    if len(options) == 1:
        rest = {k: v for k, v in prop.items() if k != "anyOf"}
        return _plain({**rest, **options[0]}, defs)
    return prop


def _column(name: str, prop: dict, path: tuple[str, ...], description: str = "") -> Column:
    def value(row: Row) -> Any:
        found: Any = row.data
        for key in path:
            found = found.get(key) if isinstance(found, dict) else None
        return found

    kind = _TYPES.get(prop.get("type", "string"), "string")
    return Column(name, kind, description or prop.get("description", ""), value, tuple(prop.get("enum", ())))


@lru_cache(maxsize=16)  # one entry per record kind
def _schema_columns(kind: str) -> tuple[Column, ...]:
    """The columns a kind's schema gives; the schemas never change while the program runs."""
    schema = KINDS[kind].model_json_schema()
    defs = schema.get("$defs", {})
    own = [n for n in schema["properties"] if n not in _LAST]
    names = own + [n for n in _LAST if n in schema["properties"]]
    result = []
    for name in names:
        prop = _plain(schema["properties"][name], defs)
        if prop.get("type") == "object" and "properties" in prop:
            for sub, sub_prop in prop["properties"].items():
                plain = _plain(sub_prop, defs)
                text = f"{prop.get('description', name).rstrip('.')}: {plain.get('description', sub)}"
                if sub == "th" and "properties" in plain:  # a nested object's Thai text: partner_name_th
                    result += [
                        _column(
                            f"{name}_{field}_th",
                            _plain(p, defs),
                            (name, sub, field),
                            f"{text.rstrip('.')}: {field}",
                        )
                        for field, p in plain["properties"].items()
                    ]
                    continue
                column = f"{sub}_{name}" if name == "th" else f"{name}_{sub}"  # Thai text: title_th, ...
                result.append(_column(column, plain, (name, sub), text))
        else:
            result.append(_column(name, prop, (name,)))
    return tuple(result)


def _source_urls(row: Row) -> list[str]:
    ids = dict.fromkeys(ref for _, ref in source_refs(row.entry.record))
    sources = [row.index.dataset.get("sources", sid) for sid in ids]
    return [source.record.url for source in sources if source]


def _recipient(attribute: str) -> Callable[[Row], Any]:
    return lambda row: getattr(row.index.recipient(row.entry.record.recipient).record, attribute)


_JOINS: dict[str, list[Column]] = {
    "equipment": [
        Column(
            "recipient_name", "string", "The recipient's name, joined from recipients.", _recipient("name")
        ),
        Column(
            "recipient_iso3",
            "string",
            "The recipient's ISO 3166-1 alpha-3 code, joined from recipients.",
            _recipient("iso3"),
        ),
    ],
}
_ID = Column(
    "id",
    "string",
    "The record's stable id: its file name under content/ without .yaml.",
    lambda row: row.entry.id,
)
_SOURCE_URLS = Column(
    "source_urls",
    "array",
    "Addresses of every source the record cites, in order of first citation (joined from sources).",
    _source_urls,
)
_PAGE = Column(
    "page",
    "string",
    "The record's page on the site.",
    lambda row: page_url(row.ctx.site_url, page_of(row.entry)),
)


def columns(kind: str) -> list[Column]:
    """Every column of a kind's CSV and JSON, in order."""
    extra = [] if kind in ("sources", "analysis") else [_SOURCE_URLS]  # a piece is its own source
    return [_ID, *_schema_columns(kind), *_JOINS.get(kind, []), *extra, _PAGE]


def rows(kind: str, index: Index, ctx: SiteContext) -> list[dict[str, Any]]:
    """One dict per record of a kind, by id, with every column (None where empty)."""
    cols = columns(kind)
    out = []
    for entry in sorted(index.dataset.of(kind), key=lambda e: e.id):
        data = entry.record.model_dump(mode="json")
        row = Row(entry, data, index, ctx)
        out.append({c.name: c.value(row) for c in cols})
    return out


# OWASP, CSV injection: a cell a spreadsheet would read as a formula starts with one of these,
# possibly after spaces. Such text cells get a leading apostrophe; numbers are written as numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_NOTE = N_(
    "Text cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a "
    "line break, also after spaces) begin with an added apostrophe (') in the CSV files, following "
    "OWASP's advice on CSV injection; the JSON files keep the exact text."
)


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text: an apostrophe before a would-be formula."""
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def _csv_cell(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value  # amounts and years: numbers stay numbers (never negative: the schema bounds them)
    if isinstance(value, list | dict):
        return neutralise(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return neutralise(str(value))


def _to_csv(kind: str, records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([c.name for c in columns(kind)])
    for record in records:
        writer.writerow([_csv_cell(v) for v in record.values()])
    return buffer.getvalue()


def _to_json(records: list[dict[str, Any]]) -> str:
    """A JSON array, one record per line (fast to write, easy to diff)."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    return f"[\n{lines}\n]\n" if records else "[]\n"


def _resource(kind: str, fmt: str, count: int) -> dict:
    schema: dict[str, Any] = {"fields": [c.field() for c in columns(kind)], "primaryKey": ["id"]}
    if kind == "equipment":
        schema["foreignKeys"] = [
            {"fields": ["recipient"], "reference": {"resource": f"recipients-{fmt}", "fields": ["id"]}}
        ]
    return {
        "name": f"{kind}-{fmt}",
        "title": f"{KIND_TITLES[kind]} ({fmt.upper()})",
        "description": f"{count} {kind} records, one row each." + (f" {CSV_NOTE}" if fmt == "csv" else ""),
        "path": f"{kind}.{fmt}",
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/json",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": schema,
        **({"dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True}} if fmt == "csv" else {}),
    }


def datapackage(index: Index, ctx: SiteContext) -> dict:
    resources = [
        _resource(kind, fmt, len(index.dataset.of(kind))) for kind in KINDS for fmt in ("csv", "json")
    ]
    package = {
        "profile": "tabular-data-package",
        "name": "osa-monitor",
        "title": f"{ctx.site_name}: Japan's Official Security Assistance",
        "description": "Every OSA project, recipient, transfer agreement, milestone, budget and source "
        "recorded by OSA Monitor, each fact tied to a public source.",
        "licenses": [DATA_LICENSE],
        "contributors": [{"title": ctx.publisher, "role": "author"}],
        "resources": resources,
    }
    if ctx.site_url:
        package["homepage"] = ctx.site_url
    return package


def render_downloads(index: Index, ctx: SiteContext) -> dict[str, str]:
    """Every download under data/: {path: text}, stable for the same records."""
    files = {}
    for kind in KINDS:
        records = rows(kind, index, ctx)
        files[f"data/{kind}.csv"] = _to_csv(kind, records)
        files[f"data/{kind}.json"] = _to_json(records)
    files["data/datapackage.json"] = json.dumps(datapackage(index, ctx), ensure_ascii=False, indent=1) + "\n"
    return files


def _citation(index: Index, ctx: SiteContext) -> str:
    """The dataset's citation (the same `Citation` as its BibTeX, RIS and CSL-JSON files)."""
    c = dataset_citation(index, ctx)
    return f"> {citation_text(c, ctx)}\n\n{download_links(c, ctx)}"


FRICTIONLESS = "https://specs.frictionlessdata.io/data-package/"


def render_data_page(index: Index, ctx: SiteContext) -> str:
    lang = ctx.lang
    _ = lang.gettext
    page_rows = [
        [
            md(_(KIND_TITLES[kind])),
            lang.number(len(index.dataset.of(kind))),
            f"[{kind}.csv]({kind}.csv)",
            f"[{kind}.json]({kind}.json)",
        ]
        for kind in KINDS
    ]
    licence = _(
        "The data is licensed under {licence} (CC BY 4.0): you may share and adapt it for any "
        "purpose if you credit {publisher}. The sources themselves belong to their publishers; the "
        "records quote only facts and titles."
    ).format(licence=f"[{DATA_LICENSE['title']}]({DATA_LICENSE['path']})", publisher=md(ctx.publisher))
    return (
        front_matter(
            _("Open data"), _("Download every OSA Monitor record as CSV or JSON, with a Data Package.")
        )
        + f"# {_('Open data')}\n\n"
        + _(
            "Every record on this site can be downloaded. The files are rebuilt from the records each time "
            "the site is built, so they always match the pages. Each row has the record's stable `id` (its "
            "file name), the addresses of the sources it cites (`source_urls`) and its page on the site "
            "(`page`). Lists and nested details are JSON arrays, in the CSV files too."
        )
        + "\n\n"
        + (
            _(
                "Thai text has its own columns beside the English ones, named after them with `_th` "
                "(`title_th`, `name_th`, ...); inside lists it sits under `th`."
            )
            + "\n\n"
            if lang.code != "en"
            else ""
        )
        + md(_(CSV_NOTE))
        + "\n\n"
        + table([_("Records"), _("Rows"), "CSV", "JSON"], page_rows, "lrll")
        + "\n\n"
        + _(
            "{datapackage} describes every file and column as a {frictionless}, so tools can check and load "
            "the files, for example `frictionless validate datapackage.json`."
        ).format(
            datapackage="[datapackage.json](datapackage.json)",
            frictionless=f"[{_('Frictionless Data Package')}]({FRICTIONLESS})",
        )
        + "\n\n"
        + f"## {_('Licence')}\n\n"
        + licence
        + "\n\n"
        + f"## {_('How to cite')}\n\n"
        + _citation(index, ctx)
        + "\n\n"
        + _(
            "Each record's page has its own *Cite this* block with the date the record last changed. "
            "The project's repository has a `CITATION.cff` file for reference managers."
        )
        + "\n"
    )
