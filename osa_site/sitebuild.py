"""The MkDocs adapter: build a generated tree into a site folder, swapping it in atomically.

The site folder must be one osa-site may replace (see `outdir`); it is locked while it is written.

This is the only module of the build path that imports mkdocs.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .history import last_commit_epoch
from .outdir import check_output_dir, mark, old_prefix, output_lock, remove_leftovers, staging_prefix

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


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` so that a reader, or a kill at any moment, never sees half a site.

    Where the kernel can exchange the two folders atomically, it does; otherwise the old site is
    renamed aside first, and `remove_leftovers` puts it back if the process dies between renames.
    """
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=old_prefix(target), dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(tree: Path, target: Path, root: Path | None = None,
               on_wait: Callable[[Path], None] | None = None,
               before_swap: Callable[[Path], None] | None = None) -> None:
    """Build `tree/mkdocs.yml` into `target`; on any failure `target` is left untouched.

    Raises OutputRefused when `target` is not a folder osa-site may replace (see `outdir`).
    One build at a time writes a target: a second one waits for the lock (`on_wait` is told).
    `before_swap(staging)` runs on the built site before it replaces `target` (the PDF step
    prints there, so the site's links to the PDFs never point at missing files).
    """
    if root is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_epoch(root)
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    target = check_output_dir(target, root)
    with output_lock(target, on_wait):
        target = check_output_dir(target, root)  # again: another build may have run meanwhile
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        try:
            _mkdocs_build(tree / "mkdocs.yml", staging)
            if before_swap is not None:
                before_swap(staging)
            mark(staging)
            _swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
