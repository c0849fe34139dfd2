"""The `osa-site` commands as plain data: names, arguments, options and help.

The click adapter (`cli`) builds its commands from this, and the editing guide renders it,
so the guide documents exactly the commands there are without importing the CLI library.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Literal

from ..records.schema import KINDS

__all__ = ["Param", "Command", "PROGRAM", "COMMANDS", "command"]

Value = Literal["text", "folder", "port", "choice", "flag", "switch"]


@dataclass(frozen=True)
class Param:
    """One argument (no flags) or option (with flags) of a command."""

    name: str  # the Python name the command's function receives
    flags: tuple[str, ...] = ()
    help: str = ""
    value: Value = "text"
    choices: tuple[str, ...] = ()
    default: str | int | None = None

    @property
    def is_option(self) -> bool:
        return bool(self.flags)

    @property
    def label(self) -> str:
        """`--out, -o` for an option, `OUT_DIR` for an argument."""
        names = [name for flag in self.flags for name in flag.split("/")]  # --pdf/--no-pdf is two options
        return ", ".join(names) if self.is_option else self.name.upper()

    @property
    def metavar(self) -> str:
        """How an argument shows in a usage line: `KIND` or, for a choice, `{a|b}`."""
        return "{" + "|".join(self.choices) + "}" if self.choices else self.name.upper()

    def description(self) -> str:
        """The help, the choices and the default, in one sentence or a few."""
        choices = f" One of: {', '.join(self.choices)}." if self.choices else ""
        if not self.is_option:
            return choices.strip() or "Required."
        default = "" if self.default is None else f" Default: {self.default}."
        return f"{self.help}{choices}{default}".strip() or "—"


@dataclass(frozen=True)
class Command:
    """A command: its name, its help (first line a summary, then paragraphs) and its parameters."""

    name: str
    help: str
    params: tuple[Param, ...] = ()

    def usage(self, program: str) -> str:
        arguments = [p.metavar for p in self.params if not p.is_option]
        return " ".join([program, self.name, "[OPTIONS]", *arguments])


def _help(text: str) -> str:
    return inspect.cleandoc(text)


PROGRAM = Command(
    "osa-site",
    "Check OSA Monitor's records and build the site from them.",
    (
        Param(
            "root", ("--root",), "The project folder, holding content/ and mkdocs.yml.", "folder", default="."
        ),
        Param(
            "debug",
            ("--debug",),
            "Show the full traceback of an unexpected error (also OSA_SITE_DEBUG=1).",
            "flag",
        ),
    ),
)

COMMANDS = (
    Command(
        "check",
        _help("""
        Validate every record and every figure the hand-written pages name; report all problems at once.

        Each problem is one line, `path:line:column: field: message`, sorted by file
        and line, then a count such as `3 errors in 2 files`. Exit 0 when every record
        is valid, 1 when any has a problem, 2 when the command is used wrongly.
        When every record is valid it also reports how much of the content has Thai
        text (records, and each field of each kind); missing Thai text never fails.
        """),
        (
            Param(
                "fmt",
                ("--format",),
                "json gives machine-readable problems, for CI annotations.",
                "choice",
                ("text", "json"),
                "text",
            ),
        ),
    ),
    Command(
        "generate",
        _help("""
        Write the generated Markdown tree and its mkdocs.yml into OUT_DIR.

        The tree builds with `mkdocs build -f OUT_DIR/mkdocs.yml` or with Zensical.
        """),
        (Param("out_dir", value="folder"),),
    ),
    Command(
        "build",
        _help("""
        Check, generate and build the site with MkDocs in strict mode (or with Zensical).

        The site is built in a temporary folder (the PDFs are printed there too) and
        swapped in only on success, so a failed build leaves the previous site untouched.
        """),
        (
            Param("out", ("--out",), "Where the built site goes.", "folder", default="site"),
            Param(
                "engine",
                ("--engine",),
                "Which engine builds the generated tree: MkDocs with Material, or Zensical (installed "
                "apart: pip install -e '.[zensical]'). Both get the same site search.",
                "choice",
                ("mkdocs", "zensical"),
                "mkdocs",
            ),
            Param(
                "pdf",
                ("--pdf/--no-pdf",),
                "Print the brief and each recipient page to PDF into "
                "OUT/pdf/ and link them. Default: when Chromium and Playwright are found; --pdf fails "
                "without them.",
                "switch",
            ),
        ),
    ),
    Command(
        "pdf",
        _help("""
        Print the brief and each recipient page of a built site to PDF.

        Chromium (Debian's /usr/bin/chromium, or $OSA_CHROMIUM) prints each page with the
        site's print CSS into SITE/pdf/brief.pdf and SITE/pdf/recipients/ID.pdf. The same
        commit gives the same bytes. Exit 1 when no browser is found or a page fails to print.
        """),
        (Param("site", ("--site",), "The built site to print from and into.", "folder", default="site"),),
    ),
    Command(
        "serve",
        _help("""
        Preview the site on 127.0.0.1, rebuilding when a record is saved.

        While a record is invalid, its errors show here and the last good site stays up.
        """),
        (Param("port", ("--port",), value="port", default=8000),),
    ),
    Command(
        "new",
        _help("""
        Write a skeleton for a new record: content/KIND/RECORD_ID.yaml.

        Every field is listed with a comment saying what it holds; required fields
        are left empty, so `osa-site check` fails until they are filled in. It refuses
        an invalid id and never overwrites a file (exit 2).
        """),
        (Param("kind", value="choice", choices=tuple(sorted(KINDS))), Param("record_id")),
    ),
    Command(
        "schema",
        _help("""
        Write one JSON Schema per record kind, from the schema the validator uses.

        Editors get completion and checking through the modeline at the top of each
        record; pre-commit checks records against the same files.
        """),
        (Param("out", ("--out",), "Folder for the schemas (default: schema/ in the project).", "folder"),),
    ),
)


def command(name: str) -> Command:
    """The command called `name`."""
    return next(c for c in COMMANDS if c.name == name)
