"""The MkDocs adapter: build a generated tree into a site folder, swapping it in atomically.

This is the only module of the build path that imports mkdocs.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .history import last_commit_epoch

__all__ = ["BuildFailed", "build_site"]


class BuildFailed(Exception):
    """MkDocs refused the generated tree (for example a warning under --strict)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs_build(config_file: Path, site_dir: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
        build(config)
    except (MkDocsException, SystemExit) as exc:
        detail = "\n".join(collect.messages) or str(exc)
        raise BuildFailed(detail) from None
    finally:
        logger.removeHandler(collect)


def _swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames, so a reader never sees half a site."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_site(tree: Path, target: Path, root: Path | None = None,
               before_swap: Callable[[Path], None] | None = None) -> None:
    """Build `tree/mkdocs.yml` into `target`; on any failure `target` is left untouched.

    `before_swap(staging)` runs on the built site before it replaces `target` (the PDF step
    prints there, so the site's links to the PDFs never point at missing files).
    """
    if root is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_epoch(root)
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        _mkdocs_build(tree / "mkdocs.yml", staging)
        if before_swap is not None:
            before_swap(staging)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
