"""`osa-site`: the editors' command. A thin adapter over the pipeline: what each command does.

The commands' options and help are data (`commands`), which the editing guide renders too; the
project checks run once, in the group. Errors become messages and exit codes at the edge
(`cli_edge`), and nowhere else: 0 done, 1 a problem in the project (records, pages, mkdocs.yml, a
file that cannot be read, a busy port), 2 the command used wrongly (no content/ or mkdocs.yml, an
output folder osa-site will not replace). Any other exception is reported in one line; `--debug`
(or OSA_SITE_DEBUG=1) shows its traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from ..editor.commands import PROGRAM
from ..editor.jsonschemas import write_schemas
from ..editor.skeleton import new_record_problem, new_record_text
from ..i18n.coverage import coverage_summary, format_coverage, thai_coverage
from ..output.addresses import read_addresses
from ..output.generate import TREE_DIR, ConfigError, check_project, generate_tree, read_config
from ..records.problems import RecordError, summarise
from .edge import Failed, GuardedGroup, command, edge, group_options, print_problems, skipped, waiting
from .pdf import pdf_choice, print_site, print_step

UNCHANGED = "Nothing was built; the previous site is unchanged."


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=PROGRAM.help)
@group_options
@click.pass_context
def main(ctx: click.Context, root: Path, debug: bool) -> None:
    """The project checks, once for every command: content/ and a readable mkdocs.yml (not for --help)."""
    ctx.obj = {"root": root, "debug": debug}
    if ctx.meta.get("osa_help"):
        return
    if not (root / "content").is_dir():
        raise click.UsageError(
            f"there is no content/ folder in {root}; run osa-site in the project folder or pass --root"
        )
    try:
        read_config(root)
    except ConfigError as error:
        raise (click.UsageError if error.missing else Failed)(str(error)) from None


@command(main, "check")
def check(root: Path, fmt: str) -> None:
    try:
        dataset = check_project(root)
    except RecordError as error:
        print_problems(error.problems, fmt, err=False)  # on standard output: it is the command's result
        sys.exit(Failed.exit_code)
    coverage = thai_coverage((e.kind, e.record) for kind in dataset.entries for e in dataset.of(kind))
    notes = list(read_addresses(root, read_config(root), os.environ).notes)
    if fmt == "json":
        summary = {"problems": [], "summary": summarise([]), "records": dataset.count()}
        click.echo(json.dumps({**summary, "thai": coverage_summary(coverage), "notes": notes}, indent=2))
    else:
        click.echo(f"{dataset.count()} records checked: no problems.")
        click.echo(format_coverage(coverage))
        for note in notes:
            click.echo(f"Note: {note}.")


@command(main, "generate")
def generate(root: Path, out_dir: Path) -> None:
    with edge():
        result = generate_tree(root, out_dir, on_wait=waiting)
    skipped(result.skipped)
    click.echo(
        f"{result.records} records, {result.pages} pages: {result.written} files written, "
        f"{result.removed} removed, in {out_dir}"
    )


@command(main, "build")
def build(root: Path, out: Path, engine: str, pdf: bool | None) -> None:
    from ..output.outdir import check_output_dir
    from .sitebuild import build_site

    started = time.perf_counter()
    with edge(UNCHANGED):
        pdfs, note = pdf_choice(pdf)
        if note:
            click.echo(note, err=True)
        check_output_dir(out, root)  # refuse before spending time on the build
        result = generate_tree(root, root / TREE_DIR, on_wait=waiting, pdfs=pdfs)
        skipped(result.skipped)
        click.echo(
            f"Read {result.records} records; generated {result.pages} pages ({result.written} files changed; "
            f"card pictures: {result.cards_drawn} drawn, {result.cards_cached} from the cache)."
        )
        build_site(
            root / TREE_DIR,
            out,
            root,
            on_wait=waiting,
            before_swap=print_step(root, click.echo) if pdfs else None,
            engine=engine,
        )
    click.echo(f"Built the site into {out} in {time.perf_counter() - started:.1f} s.")


@command(main, "pdf")
def pdf(root: Path, site: Path) -> None:
    if not (site / "index.html").is_file():
        raise click.UsageError(f"{site} holds no built site; run `osa-site build` first or pass --site")
    with edge():
        pdf_choice(True)  # a browser, or PdfUnavailable
        printed = print_site(root, site)
    click.echo(f"Printed {len(printed.files)} PDFs into {site / 'pdf'} in {printed.seconds:.1f} s.")
    brief = site / "brief" / "index.html"
    if brief.is_file() and "osa-pdf-link" not in brief.read_text(encoding="utf-8"):
        click.echo(
            "This site was built without PDFs, so its pages do not link to them; "
            "`osa-site build` prints and links them."
        )


@command(main, "serve")
def serve(root: Path, port: int) -> None:
    from .preview import serve_preview

    with edge(port=port):
        serve_preview(root, port, on_error=lambda error: print_problems(error.problems))


@command(main, "new")
def new(root: Path, kind: str, record_id: str) -> None:
    folder = root / "content" / kind
    problem = new_record_problem(kind, record_id, folder)
    if problem:
        raise click.UsageError(problem)
    path = folder / f"{record_id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(new_record_text(kind, record_id), encoding="utf-8")
    click.echo(f"Wrote {path}. Fill in every required field, then run `osa-site check`.")


@command(main, "schema")
def schema(root: Path, out: Path | None) -> None:
    for path in write_schemas(out or root / "schema"):
        click.echo(f"Wrote {path}")
