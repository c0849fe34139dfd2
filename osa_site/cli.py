"""`osa-site`: the editors' command. A thin adapter over the pipeline.

Domain errors become messages and exit codes here, at the edge, and nowhere else.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .commands import PROGRAM, Command, Param, command
from .coverage import format_coverage, thai_coverage
from .generate import generate_tree
from .jsonschemas import write_schemas
from .problems import Problem, RecordError, format_problem, summarise
from .skeleton import new_record_problem, new_record_text
from .validate import load_dataset

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


def _click_type(param: Param) -> Any:
    return {"folder": click.Path(file_okay=False, path_type=Path), "port": click.IntRange(0, 65535),
            "choice": click.Choice(param.choices), "text": click.STRING}[param.value]


def _with_params(spec: Command) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Attach a command's arguments and options, as `commands` describes them, to its function."""
    def attach(fn: Callable[..., None]) -> Callable[..., None]:
        for param in reversed(spec.params):
            if param.is_option:
                fn = click.option(*param.flags, param.name, type=_click_type(param), default=param.default,
                                  show_default=param.default is not None, help=param.help or None)(fn)
            else:
                fn = click.argument(param.name, type=_click_type(param))(fn)
        return fn
    return attach


def _command(name: str) -> Callable[[Callable[..., None]], click.Command]:
    spec = command(name)
    return lambda fn: main.command(spec.name, help=spec.help)(click.pass_context(_with_params(spec)(fn)))


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=PROGRAM.help)
@_with_params(PROGRAM)
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    ctx.obj = {"root": root}


def _content(root: Path) -> Path:
    """The project's content folder; a missing one is a usage error (exit 2)."""
    content = root / "content"
    if not content.is_dir():
        raise click.UsageError(f"there is no content/ folder in {root}; run osa-site in the project "
                               "folder or pass --root")
    return content


@_command("check")
def check(ctx: click.Context, fmt: str) -> None:
    root = _root(ctx)
    try:
        dataset = load_dataset(_content(root), root)
    except RecordError as error:
        _print_problems(error.problems, fmt)
        sys.exit(EXIT_ERRORS)
    coverage = thai_coverage((e.kind, e.record) for kind in dataset.entries for e in dataset.of(kind))
    if fmt == "json":
        payload = {"problems": [], "summary": summarise([]), "records": dataset.count(),
                   "thai": {"records": coverage.records_with_thai, "fields": {
                       path: {"english": coverage.present[path], "thai": coverage.translated[path]}
                       for path in sorted(coverage.present)}}}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(f"{dataset.count()} records checked: no problems.")
        click.echo(format_coverage(coverage))


def _print_problems(problems: list[Problem], fmt: str) -> None:
    """`check`'s report, on standard output: it is the command's result."""
    if fmt == "json":
        payload = {"problems": [p.as_dict() for p in problems], "summary": summarise(problems)}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for problem in problems:
        click.echo(format_problem(problem))
    click.echo(summarise(problems))


@_command("generate")
def generate(ctx: click.Context, out_dir: Path) -> None:
    try:
        result = generate_tree(_root(ctx), out_dir)
    except RecordError as error:
        _report(error)
        sys.exit(EXIT_ERRORS)
    click.echo(f"{result.records} records, {result.pages} pages: {result.written} files written, "
               f"{result.removed} removed, in {out_dir}")


@_command("build")
def build(ctx: click.Context, out: Path) -> None:
    from .sitebuild import BuildFailed, build_site

    root, started = _root(ctx), time.perf_counter()
    try:
        result = generate_tree(root, root / "build")
        click.echo(f"Read {result.records} records; generated {result.pages} pages "
                   f"({result.written} files changed).")
        build_site(root / "build", out, root)
    except RecordError as error:
        _report(error)
        click.echo("Nothing was built; the previous site is unchanged.", err=True)
        sys.exit(EXIT_ERRORS)
    except BuildFailed as error:
        click.echo(f"MkDocs refused the generated pages:\n{error}", err=True)
        click.echo("Nothing was built; the previous site is unchanged.", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"Built the site into {out} in {time.perf_counter() - started:.1f} s.")


@_command("serve")
def serve(ctx: click.Context, port: int) -> None:
    from .preview import serve_preview

    serve_preview(_root(ctx), port, on_error=_report)


@_command("new")
def new(ctx: click.Context, kind: str, record_id: str) -> None:
    folder = _content(_root(ctx)) / kind
    problem = new_record_problem(kind, record_id, folder)
    if problem:
        raise click.UsageError(problem)
    path = folder / f"{record_id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(new_record_text(kind, record_id), encoding="utf-8")
    click.echo(f"Wrote {path}. Fill in every required field, then run `osa-site check`.")


@_command("schema")
def schema(ctx: click.Context, out: Path | None) -> None:
    folder = out or _root(ctx) / "schema"
    for path in write_schemas(folder):
        click.echo(f"Wrote {path}")
