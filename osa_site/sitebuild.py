"""The MkDocs adapter: the one MkDocs build call, and building a generated tree into a site folder,
swapped in atomically.

`mkdocs_build` serves both `osa-site build` (strict, full) and the preview (lenient, incremental,
with its own address). Process state it touches (environment variables, log handlers and
filters) is restored when it returns.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from .history import last_commit_epoch

__all__ = ["BuildFailed", "build_site", "mkdocs_build", "environment", "source_date_epoch"]


class BuildFailed(Exception):
    """MkDocs refused the generated tree (for example a warning under --strict)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _QuietDirty(logging.Filter):
    """Drops MkDocs' warning that a dirty build is being performed: the preview does that on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Set each variable that is not already set (None leaves it alone), and restore them all after."""
    saved = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        if value is not None and name not in os.environ:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


def source_date_epoch(root: Path | None) -> AbstractContextManager[None]:
    """SOURCE_DATE_EPOCH from the last commit of `root` while a build runs, unless already set."""
    unset = root is not None and "SOURCE_DATE_EPOCH" not in os.environ
    return environment(SOURCE_DATE_EPOCH=last_commit_epoch(root) if unset and root else None)


@contextmanager
def _logging(dirty: bool) -> Iterator[_Collect]:
    """Collect MkDocs' warnings (and, for a dirty build, drop its warning about being dirty)."""
    logger, build_logger = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    collect, quiet = _Collect(), _QuietDirty()
    logger.addHandler(collect)
    if dirty:
        build_logger.addFilter(quiet)
    try:
        yield collect
    finally:
        logger.removeHandler(collect)
        build_logger.removeFilter(quiet)


def mkdocs_build(config_file: Path, site_dir: Path, *, strict: bool = True, dirty: bool = False,
                 serve_url: str | None = None, root: Path | None = None) -> Any:
    """Build `config_file` into `site_dir` with MkDocs and return the config it used.

    `dirty` renders only the pages whose Markdown is newer than their HTML; `serve_url` is the
    address the site is served at (the preview's); `root` gives SOURCE_DATE_EPOCH from git.
    Raises BuildFailed, with MkDocs' warnings, when MkDocs refuses the tree.
    """
    with environment(NO_MKDOCS_2_WARNING="1"), source_date_epoch(root), _logging(dirty) as collect:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            config = load_config(config_file=str(config_file), strict=strict, site_dir=str(site_dir))
            if serve_url:
                config.site_url = serve_url
            build(config, serve_url=serve_url, dirty=dirty)
        except (MkDocsException, SystemExit) as exc:
            raise BuildFailed("\n".join(collect.messages) or str(exc)) from None
    return config


def _swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames, so a reader never sees half a site."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _other_editions(tree: Path) -> list[Path]:
    """The trees of the other editions inside `tree` (each has its own mkdocs.yml), e.g. tree/th."""
    return sorted(p.parent for p in tree.glob("*/mkdocs.yml"))


def build_site(tree: Path, target: Path, root: Path | None = None) -> None:
    """Build `tree/mkdocs.yml` into `target`; on any failure `target` is left untouched."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        mkdocs_build(tree / "mkdocs.yml", staging, root=root)
        for edition in _other_editions(tree):  # the Thai edition, built into site/th
            mkdocs_build(edition / "mkdocs.yml", staging / edition.name, root=root)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
