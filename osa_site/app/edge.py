"""The command line's edge: what it prints and how it ends, and its click commands built from their
description in `commands`.

The pipeline's errors become messages and exit codes here (`edge`), problems are printed by one
printer, and any unexpected exception becomes one line and exit 1 (`GuardedGroup`)."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..editor.commands import PROGRAM, Command, Param
from ..editor.commands import command as spec_of
from ..output.generate import ConfigError
from ..output.outdir import OutputRefused
from ..records.problems import Problem, RecordError, format_problem, summarise
from .pdf import PdfFailed, PdfUnavailable
from .sitebuild import BuildFailed

__all__ = [
    "Failed",
    "GuardedGroup",
    "command",
    "group_options",
    "explained_port_error",
    "edge",
    "print_problems",
    "waiting",
    "skipped",
]

EXIT_ERRORS = 1
Fn = Callable[..., Any]


class Failed(click.ClickException):
    """A problem the editor can fix, already explained: printed as `Error: ...`, exit 1."""

    exit_code = EXIT_ERRORS


def _debugging(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or os.environ.get("OSA_SITE_DEBUG", "") not in ("", "0")


def _explain(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"cannot use {exc.filename}: {exc.strerror or exc}"
    return (
        f"unexpected {type(exc).__name__}: {exc}. This is a bug in osa-site; run the command again "
        "with --debug (or OSA_SITE_DEBUG=1) to see where it happened"
    )


SIGPIPE_EXIT = 141  # what a shell reports for a program stopped by SIGPIPE (128 + 13)


def _stop_writing() -> None:
    """The reader of our output went away (`osa-site check | head -1`): stop quietly, as `cat`
    would. Standard output now points at /dev/null so that Python's last flush cannot fail too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class GuardedGroup(click.Group):
    """A command group that turns any unexpected exception into one line and exit 1 (no traceback).

    It also notes whether a command's help was asked for, so the group's project checks let it through.
    """

    def invoke(self, ctx: click.Context) -> Any:
        ctx.meta["osa_help"] = any(arg in ctx.help_option_names for arg in ctx.args)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            _stop_writing()
            raise click.exceptions.Exit(SIGPIPE_EXIT) from None
        except Exception as exc:
            if _debugging(ctx):
                raise
            raise Failed(_explain(exc)) from None


def explained_port_error(exc: OSError, port: int) -> str | None:
    """What a failure to listen on PORT means for the editor, or None when it is something else."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on 127.0.0.1 is already in use (is another preview running?); "
            "stop it or choose another port with --port"
        )
    if exc.errno == errno.EACCES and exc.filename is None:
        return f"not allowed to listen on port {port}; choose one above 1023 with --port"
    return None


def print_problems(problems: list[Problem], fmt: str = "text", err: bool = True) -> None:
    """The one problem printer: `path:line:column: field: message` lines and a count, or JSON."""
    if fmt == "json":
        payload = {"problems": [p.as_dict() for p in problems], "summary": summarise(problems)}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False), err=err)
        return
    for problem in problems:
        click.echo(format_problem(problem), err=err)
    click.echo(summarise(problems), err=err)


@contextmanager
def edge(after: str = "", port: int | None = None) -> Iterator[None]:
    """The pipeline's errors as messages and exit codes; `after` says what it means for the site, and
    `port` is the one a preview listens on (a busy or forbidden port is explained)."""
    try:
        yield
    except RecordError as error:
        print_problems(error.problems)
        _fail(after)
    except BuildFailed as error:
        click.echo(f"MkDocs refused the generated pages:\n{error}", err=True)
        _fail(after)
    except PdfUnavailable as error:
        raise Failed(f"{error}\n{after}".strip()) from None
    except PdfFailed as error:
        click.echo(f"Printing the PDFs failed:\n{error}", err=True)
        _fail(after)
    except OutputRefused as refused:
        raise click.UsageError(str(refused)) from None
    except ConfigError as error:
        raise Failed(f"{error}\n{after}".strip()) from None
    except OSError as exc:
        message = explained_port_error(exc, port) if port is not None else None
        if message is None:
            raise
        raise Failed(message) from None


def _fail(after: str) -> None:
    if after:
        click.echo(after, err=True)
    sys.exit(EXIT_ERRORS)


def waiting(lock: Path) -> None:
    click.echo(
        f"Another osa-site command is writing {lock.name.removesuffix('.osa-lock').lstrip('.')}/; "
        f"waiting for it to finish (lock file {lock}).",
        err=True,
    )


def skipped(paths: list[str]) -> None:
    for path in paths:
        click.echo(f"Warning: {path}: hidden file, not published.", err=True)


def _click_type(param: Param) -> Any:
    return {
        "folder": click.Path(file_okay=False, path_type=Path),
        "port": click.IntRange(0, 65535),
        "choice": click.Choice(param.choices),
        "text": click.STRING,
        "flag": click.BOOL,
        "switch": click.BOOL,
    }[param.value]


def _option(param: Param) -> Callable[[Fn], Fn]:
    if param.value == "flag":
        return click.option(*param.flags, param.name, is_flag=True, help=param.help or None)
    if param.value == "switch":  # --x/--no-x, unset by default
        return click.option(*param.flags, param.name, default=None, help=param.help or None)
    return click.option(
        *param.flags,
        param.name,
        type=_click_type(param),
        default=param.default,
        show_default=param.default is not None,
        help=param.help or None,
    )


def _argument(param: Param) -> Callable[[Fn], Fn]:
    return click.argument(param.name, type=_click_type(param))


def _with_params(spec: Command) -> Callable[[Fn], Fn]:
    """Attach a command's arguments and options, as `commands` describes them, to its function."""

    def attach(fn: Fn) -> Fn:
        for param in reversed(spec.params):
            fn = (_option(param) if param.is_option else _argument(param))(fn)
        return fn

    return attach


group_options = _with_params(PROGRAM)


def command(group: click.Group, name: str) -> Callable[[Fn], click.Command]:
    """Register `fn(root, **params)` as the command `name`, with the parameters and help `commands` gives."""
    spec = spec_of(name)

    def register(fn: Fn) -> click.Command:
        def run(ctx: click.Context, **params: Any) -> Any:
            return fn(ctx.obj["root"], **params)

        run.__name__ = fn.__name__
        return group.command(spec.name, help=spec.help)(click.pass_context(_with_params(spec)(run)))

    return register
