"""`osa-site`: the editors' command. A thin adapter over the pipeline.

Domain errors become messages and exit codes here, at the edge, and nowhere else. Exit codes:
0 done, 1 a problem in the project (records, pages, mkdocs.yml, a file that cannot be read, a
busy port), 2 the command used wrongly (an output folder osa-site will not replace, no content/
or mkdocs.yml). Any other exception is reported in one line; `--debug` (or OSA_SITE_DEBUG=1)
shows its traceback instead.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from pathlib import Path

import click

from .generate import ConfigError, check_project, generate_tree, read_config
from .outdir import OutputRefused
from .problems import Problem, RecordError, format_problem, summarise
from .scaffold import new_record_problem, new_record_text, write_schemas
from .schema import KINDS

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _root(ctx: click.Context) -> Path:
    return ctx.obj["root"]


def _report(error: RecordError, fmt: str = "text") -> None:
    if fmt == "json":
        payload = {"problems": [p.as_dict() for p in error.problems], "summary": summarise(error.problems)}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for problem in error.problems:
        click.echo(format_problem(problem), err=True)
    click.echo(summarise(error.problems), err=True)


class Failed(click.ClickException):
    """A problem the editor can fix, already explained: printed as `Error: ...`, exit 1."""

    exit_code = EXIT_ERRORS


def _debugging(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or os.environ.get("OSA_SITE_DEBUG", "") not in ("", "0")


def _explain(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"cannot use {exc.filename}: {exc.strerror or exc}"
    return (f"unexpected {type(exc).__name__}: {exc}. This is a bug in osa-site; run the command again "
            "with --debug (or OSA_SITE_DEBUG=1) to see where it happened")


class GuardedGroup(click.Group):
    """A command group that turns any unexpected exception into one line and exit 1 (no traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if _debugging(ctx):
                raise
            raise Failed(_explain(exc)) from None


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The project folder, holding content/ and mkdocs.yml.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error "
              "(also OSA_SITE_DEBUG=1).")
@click.pass_context
def main(ctx: click.Context, root: Path, debug: bool) -> None:
    """Check OSA Monitor's records and build the site from them."""
    ctx.obj = {"root": root, "debug": debug}


def _config(root: Path) -> dict:
    """The project's mkdocs.yml; missing is a usage error (exit 2), unreadable an error (exit 1)."""
    try:
        return read_config(root)
    except ConfigError as error:
        if error.missing:
            raise click.UsageError(str(error)) from None
        raise Failed(str(error)) from None


def _waiting(lock: Path) -> None:
    click.echo(f"Another osa-site command is writing {lock.name.removesuffix('.osa-lock').lstrip('.')}/; "
               f"waiting for it to finish (lock file {lock}).", err=True)


def _skipped(paths: list[str]) -> None:
    for path in paths:
        click.echo(f"Warning: {path}: hidden file, not published.", err=True)


def _content(root: Path) -> Path:
    """The project's content folder; a missing one is a usage error (exit 2)."""
    content = root / "content"
    if not content.is_dir():
        raise click.UsageError(f"there is no content/ folder in {root}; run osa-site in the project "
                               "folder or pass --root")
    return content


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json gives machine-readable problems, for CI annotations.")
@click.pass_context
def check(ctx: click.Context, fmt: str) -> None:
    """Validate every record and every figure the hand-written pages name; report all problems at once.

    Each problem is one line, `path:line:column: field: message`, sorted by file
    and line, then a count such as `3 errors in 2 files`. Exit 0 when every record
    is valid, 1 when any has a problem, 2 when the command is used wrongly.
    """
    root = _root(ctx)
    try:
        _content(root)
        dataset = check_project(root)
    except RecordError as error:
        _print_problems(error.problems, fmt)
        sys.exit(EXIT_ERRORS)
    if fmt == "json":
        payload = {"problems": [], "summary": summarise([]), "records": dataset.count()}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(f"{dataset.count()} records checked: no problems.")


def _print_problems(problems: list[Problem], fmt: str) -> None:
    """`check`'s report, on standard output: it is the command's result."""
    if fmt == "json":
        payload = {"problems": [p.as_dict() for p in problems], "summary": summarise(problems)}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for problem in problems:
        click.echo(format_problem(problem))
    click.echo(summarise(problems))


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def generate(ctx: click.Context, out_dir: Path) -> None:
    """Write the generated Markdown tree and its mkdocs.yml into OUT_DIR.

    The tree builds with `mkdocs build -f OUT_DIR/mkdocs.yml` or with Zensical.
    """
    root = _root(ctx)
    _content(root)
    _config(root)
    try:
        result = generate_tree(root, out_dir, on_wait=_waiting)
    except OutputRefused as refused:
        raise click.UsageError(str(refused)) from None
    except ConfigError as error:
        raise Failed(str(error)) from None
    except RecordError as error:
        _report(error)
        sys.exit(EXIT_ERRORS)
    _skipped(result.skipped)
    click.echo(f"{result.records} records, {result.pages} pages: {result.written} files written, "
               f"{result.removed} removed, in {out_dir}")


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Where the built site goes.")
@click.option("--pdf/--no-pdf", "pdf", default=None,
              help="Print the brief and each recipient page to PDF into OUT/pdf/ and link them. "
                   "Default: when Chromium and Playwright are found; --pdf fails without them.")
@click.pass_context
def build(ctx: click.Context, out: Path, pdf: bool | None) -> None:
    """Check, generate and build the site with MkDocs in strict mode.

    The site is built in a temporary folder (the PDFs are printed there too) and
    swapped in only on success, so a failed build leaves the previous site untouched.
    """
    from .outdir import check_output_dir
    from .pdf import PdfFailed
    from .sitebuild import BuildFailed, build_site

    root, started = _root(ctx), time.perf_counter()
    _content(root)
    _config(root)
    pdfs = _want_pdfs(pdf)
    try:
        check_output_dir(out, root)  # refuse before spending time on the build
        result = generate_tree(root, root / "build", on_wait=_waiting, pdfs=pdfs)
        _skipped(result.skipped)
        click.echo(f"Read {result.records} records; generated {result.pages} pages "
                   f"({result.written} files changed).")
        build_site(root / "build", out, root, on_wait=_waiting,
                   before_swap=_print_step(root) if pdfs else None)
    except OutputRefused as refused:
        raise click.UsageError(str(refused)) from None
    except ConfigError as error:
        raise Failed(f"{error}\nNothing was built; the previous site is unchanged.") from None
    except RecordError as error:
        _report(error)
        click.echo("Nothing was built; the previous site is unchanged.", err=True)
        sys.exit(EXIT_ERRORS)
    except (BuildFailed, PdfFailed) as error:
        what = ("Printing the PDFs failed" if isinstance(error, PdfFailed)
                else "MkDocs refused the generated pages")
        click.echo(f"{what}:\n{error}", err=True)
        click.echo("Nothing was built; the previous site is unchanged.", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"Built the site into {out} in {time.perf_counter() - started:.1f} s.")


def _want_pdfs(pdf: bool | None) -> bool:
    """Whether this build prints PDFs: --pdf insists, --no-pdf declines, neither prints when it can."""
    from .pdf import pdf_unavailable

    if pdf is False:
        return False
    reason = pdf_unavailable()
    if reason and pdf:
        click.echo(f"Cannot print PDFs: {reason}.", err=True)
        sys.exit(EXIT_ERRORS)
    if reason:
        click.echo(f"PDFs skipped: {reason}. The site is built without links to PDFs.", err=True)
    return reason is None


def _print_step(root: Path):
    """The PDF step of a build: print into the staging site before it is swapped in."""
    def print_into(site: Path) -> None:
        printed = _print(root, site)
        click.echo(f"Printed {len(printed.files)} PDFs in {printed.seconds:.1f} s.")
    return print_into


def _print(root: Path, site: Path):
    from .generate import read_config
    from .pdf import pdf_epoch, print_pdfs, site_pdf_targets, site_prefix

    prefix = site_prefix(read_config(root).get("site_url", ""))
    return print_pdfs(site, site_pdf_targets(site), pdf_epoch(root), prefix)


@main.command()
@click.option("--site", "site", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="The built site to print from and into.")
@click.pass_context
def pdf(ctx: click.Context, site: Path) -> None:
    """Print the brief and each recipient page of a built site to PDF.

    Chromium (Debian's /usr/bin/chromium, or $OSA_CHROMIUM) prints each page with the
    site's print CSS into SITE/pdf/brief.pdf and SITE/pdf/recipients/ID.pdf. The same
    commit gives the same bytes. Exit 1 when no browser is found or a page fails to print.
    """
    from .pdf import PdfFailed, pdf_unavailable

    if not (site / "index.html").is_file():
        raise click.UsageError(f"{site} holds no built site; run `osa-site build` first or pass --site")
    reason = pdf_unavailable()
    if reason:
        click.echo(f"Cannot print PDFs: {reason}.", err=True)
        sys.exit(EXIT_ERRORS)
    try:
        printed = _print(_root(ctx), site)
    except PdfFailed as error:
        click.echo(f"Printing the PDFs failed:\n{error}", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"Printed {len(printed.files)} PDFs into {site / 'pdf'} in {printed.seconds:.1f} s.")
    brief = site / "brief" / "index.html"
    if brief.is_file() and "osa-pdf-link" not in brief.read_text(encoding="utf-8"):
        click.echo("This site was built without PDFs, so its pages do not link to them; "
                   "`osa-site build` prints and links them.")


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.pass_context
def serve(ctx: click.Context, port: int) -> None:
    """Preview the site on 127.0.0.1, rebuilding when a record is saved.

    While a record is invalid, its errors show here and the last good site stays up.
    """
    from .preview import serve_preview

    root = _root(ctx)
    _content(root)
    _config(root)
    try:
        serve_preview(root, port, on_error=_report)
    except OutputRefused as refused:
        raise click.UsageError(str(refused)) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise Failed(f"port {port} on 127.0.0.1 is already in use (is another preview running?); "
                         "stop it or choose another port with --port") from None
        if exc.errno == errno.EACCES and exc.filename is None:
            raise Failed(f"not allowed to listen on port {port}; choose one above 1023 with --port") from None
        raise


@main.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("record_id")
@click.pass_context
def new(ctx: click.Context, kind: str, record_id: str) -> None:
    """Write a skeleton for a new record: content/KIND/RECORD_ID.yaml.

    Every field is listed with a comment saying what it holds; required fields
    are left empty, so `osa-site check` fails until they are filled in. It refuses
    an invalid id and never overwrites a file (exit 2).
    """
    folder = _content(_root(ctx)) / kind
    problem = new_record_problem(kind, record_id, folder)
    if problem:
        raise click.UsageError(problem)
    path = folder / f"{record_id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(new_record_text(kind, record_id), encoding="utf-8")
    click.echo(f"Wrote {path}. Fill in every required field, then run `osa-site check`.")


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the schemas (default: schema/ in the project).")
@click.pass_context
def schema(ctx: click.Context, out: Path | None) -> None:
    """Write one JSON Schema per record kind, from the schema the validator uses.

    Editors get completion and checking through the modeline at the top of each
    record; pre-commit checks records against the same files.
    """
    folder = out or _root(ctx) / "schema"
    for path in write_schemas(folder):
        click.echo(f"Wrote {path}")
