"""The editing guide: every record kind and field, and every `osa-site` command.

Generated from the pydantic models (osa_site/records/schema.py) and the description of the
commands (osa_site/editor/commands.py) that the CLI is built from, so the guide cannot drift from
what the validator accepts or what the command does.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator

from pydantic import BaseModel

from ..editor.commands import COMMANDS, PROGRAM, Command, Param
from ..editor.fields import example_text, expected_words, nested_models, ordered_fields, type_words
from ..editor.jsonschemas import modeline
from ..model.figures import figure_catalogue
from ..model.index import Index
from ..records.schema import KINDS, SINGULAR
from .common import SiteContext, front_matter, table
from .escape import md, paragraphs
from .pages import BLOCKS, site_figures

__all__ = ["render_editing_guide", "guide_models"]

_INTRO = """\
Every fact on this site comes from a YAML record in the project's content folder:
one file per record, in the folder of its kind, named by its id (for example
content/equipment/2024-mongolia-atc-radar.yaml). An id is lowercase letters, digits and
hyphens. The build refuses any record with a problem and says where the problem is.

To add a record, run osa-site new KIND ID: it writes a skeleton with every field explained.
Fill in the required fields, then run osa-site check. Each problem is one line naming the
file, line and column, the field and what to do, for example:

content/equipment/2024-mongolia-atc-radar.yaml:6:14: fiscal_year: expected a whole-number
Japanese fiscal year such as 2024, received 'FY24'

The first line of every record names its JSON Schema, so editors that understand YAML
schemas (such as VS Code with the YAML extension) complete and check fields as you type.
"""

_RULES = """\
Dates are written at the precision the source gives: 2023-11-03, 2023-11 or 2023. Quotes
around dates are optional. Amounts are whole numbers of yen without separators, at most
10,000,000,000,000 (ten trillion). Text may hold any language; it is always shown as plain
text, so Markdown or HTML in a record appears literally on the page. Titles and names are one
line; notes, summaries and descriptions may hold paragraphs. Text must show something: blank
text, or text made only of invisible characters such as zero-width spaces, is refused, and so
are control characters, line and paragraph separators (U+2028, U+2029), noncharacters and
direction controls (such as U+202E) left unclosed. Web addresses must start with http:// or
https:// and name a real host, with no user name, spaces or invisible characters.
A file is at most 1 MB of UTF-8 text, inside content/ and not a symbolic link. YAML tags,
anchors and aliases, lists and mappings nested more than 20 deep, numbers of more than 30
digits, tab indentation and fields set twice are refused.
"""


def _anchor(model: type[BaseModel]) -> str:
    return f"fields-{model.__name__.lower()}"


def guide_models() -> list[type[BaseModel]]:
    """Every model the guide documents: the kinds, then the nested parts in first-use order."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        for _, info in ordered_fields(model):
            for sub in nested_models(info.annotation):
                if sub not in found:
                    found.append(sub)
                    visit(sub)

    for model in KINDS.values():
        visit(model)
    return [m for m in KINDS.values()] + [m for m in found if m not in KINDS.values()]


def _type_md(annotation: object, metadata: list) -> str:
    """The type in words, each nested part's name a link to its own field table."""
    words = md(type_words(annotation, metadata))
    for sub in nested_models(annotation):
        words = re.sub(rf"\b{sub.__name__}\b", f"[{sub.__name__}](#{_anchor(sub)})", words, count=1)
    return words


def _field_rows(model: type[BaseModel]) -> Iterator[list[str]]:
    for name, info in ordered_fields(model):
        description = info.description or ""
        expected = expected_words(info)
        if expected:
            description += f" Must be {expected}."
        yield [
            md(name),
            "Required" if info.is_required() else "Optional",
            _type_md(info.annotation, info.metadata),
            md(description),
            md(example_text(info) or "—"),
        ]


def _fields_table(model: type[BaseModel]) -> str:
    return table(["Field", "Required", "Type", "Description", "Example"], _field_rows(model)) + "\n"


def _kind_section(kind: str, model: type[BaseModel], count: int) -> str:
    return (
        f"### {md(kind.capitalize())} {{#{_anchor(model)}}}\n\n"
        f"{md(inspect.cleandoc(model.__doc__ or ''))} Folder: {md(f'content/{kind}/')}, "
        f"{count} {'record' if count == 1 else 'records'} so far. First line of each file:\n\n"
        f"{md(modeline(kind))}\n\n{_fields_table(model)}\n"
    )


def _part_section(model: type[BaseModel]) -> str:
    doc = inspect.cleandoc(model.__doc__ or "")
    intro = f"{md(doc)}\n\n" if doc else ""
    return f"### {md(model.__name__)} {{#{_anchor(model)}}}\n\n{intro}{_fields_table(model)}\n"


def _kinds_table(index: Index) -> str:
    rows = [
        [
            f"[{md(kind.capitalize())}](#{_anchor(model)})",
            md(f"content/{kind}/"),
            md(f"{SINGULAR[kind]}.schema.json"),
            str(len(index.dataset.of(kind))),
            md(inspect.cleandoc(model.__doc__ or "")),
        ]
        for kind, model in KINDS.items()
    ]
    return table(["Kind", "Folder", "Schema", "Records", "What it holds"], rows, "lllrl") + "\n"


# --- Commands, from their description in osa_site.editor.commands ---------------------------------------


def _param_rows(params: tuple[Param, ...]) -> list[list[str]]:
    return [[md(p.label), "Option" if p.is_option else "Argument", md(p.description())] for p in params]


def _command_section(command: Command) -> str:
    rows = [*_param_rows(command.params), [md("-h, --help"), "Option", "Show the command's help and exit."]]
    usage = md("Usage: " + command.usage(PROGRAM.name))
    return (
        f"### {md(PROGRAM.name + ' ' + command.name)}\n\n{usage}\n\n"
        f"{paragraphs(command.help)}\n\n"
        f"{table(['Argument or option', 'Kind', 'Description'], rows)}\n\n"
    )


def _commands_section() -> str:
    head = (
        f"## Commands\n\nRun these in the project folder. {md(PROGRAM.help)} "
        "Every command accepts these options before its name:\n\n"
        + table(["Option", "Kind", "Description"], _param_rows(PROGRAM.params))
        + "\n\n"
    )
    return head + "".join(_command_section(c) for c in sorted(COMMANDS, key=lambda c: c.name))


_FIGURES_INTRO = """\
The hand-written pages (brief, methodology, open questions, about) can place figures computed from the
records. Write a figure's name between double braces, for example {{ projects.signed }}: the build
replaces it with the current value, linked to the page it comes from, so the page follows the records
with no edit. A name that is not in this list stops osa-site check and the build with the file, line
and column of the placeholder. Names that end in a fiscal year exist for each year the records cover.
A block stands alone on its own line and becomes a list.
"""


def _figures_section(index: Index, ctx: SiteContext) -> str:
    rows = [
        [md(name), md(figure.text), md(figure.page), md(figure.description)]
        for name, figure in {**figure_catalogue(index), **site_figures(ctx)}.items()
    ]
    blocks = [[md(name), md(description)] for name, (description, _) in BLOCKS.items()]
    return (
        "## Figures for hand-written pages\n\n"
        + paragraphs(_FIGURES_INTRO)
        + "\n\n"
        + table(["Name", "Value now", "Links to", "What it is"], rows)
        + "\n\n"
        + table(["Block", "What it holds"], blocks)
        + "\n\n"
    )


_THAI = """\
The site has a Thai edition under /th/. Every record kind, and every part of a record that holds
text (items, disputes and their readings, lifecycle steps, the exchange of notes, the partner, the
countries of a designation list), takes an optional `th:` mapping with the Thai version of its English
text fields, under the same names, for example `th: {title: ..., notes: ...}` on a project, `th: {name:
...}` on a recipient or an item. Any field may be left out: the Thai page then shows the English text,
marked as English for screen readers. Source titles stay in the document's own language; a source
takes only a Thai `note`.

`osa-site check` reports how many records and fields have Thai text; a missing translation never fails
the check. Labels and sentences the generator writes are translated in
osa_site/locale/th/LC_MESSAGES/messages.po (refresh it with `python scripts/update_catalog.py`), and
the Thai versions of the hand-written pages live in content/pages/th/, where the same figures can be
used."""


def render_editing_guide(index: Index, ctx: SiteContext) -> str:
    """The editing guide page, generated from the schema and the command line."""
    parts = [
        front_matter(
            "Editing guide",
            "How to add and edit OSA Monitor's records: every kind, every field and every command.",
        ),
        "# Editing guide\n\n",
        paragraphs(_INTRO),
        "\n\n## Rules for every record\n\n",
        paragraphs(_RULES),
        "\n\n## Thai text\n\n",
        paragraphs(_THAI),
        "\n\n## Record kinds\n\n",
        _kinds_table(index),
        "\n",
    ]
    parts += [_kind_section(kind, model, len(index.dataset.of(kind))) for kind, model in KINDS.items()]
    parts.append(
        "## Parts of records\n\nFields that hold a mapping, or a list of mappings, take these "
        "fields inside them.\n\n"
    )
    parts += [_part_section(m) for m in guide_models() if m not in KINDS.values()]
    parts.append(_figures_section(index, ctx))
    parts.append(_commands_section())
    return "".join(parts).rstrip() + "\n"
