"""The MkDocs adapter: the one MkDocs build call, and building a generated tree into a site folder,
swapped in atomically. The site folder must be one osa-site may replace (see `outdir`); it is
locked while it is written.

`mkdocs_build` serves both `osa-site build` (strict, full) and the preview (lenient, incremental,
with its own address). Process state it touches (environment variables, log handlers and
filters) is restored when it returns.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from ..history.git import last_commit_epoch
from ..i18n.editions import EDITIONS
from ..output.compact import compact_site
from ..output.outdir import check_output_dir, mark, old_prefix, output_lock, remove_leftovers, staging_prefix
from ..output.sitemap import index_sitemap
from .buildcache import tree_cache, use_bytecode_cache
from .search_index import SearchIndexFailed, index_editions
from .zensical import ZensicalFailed, zensical_build

__all__ = [
    "BuildFailed",
    "build_editions",
    "build_site",
    "finish_edition",
    "index_search",
    "mkdocs_build",
    "quiet_build",
    "environment",
    "source_date_epoch",
]


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


def mkdocs_build(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    dirty: bool = False,
    serve_url: str | None = None,
    root: Path | None = None,
    plugins: dict[str, Any] | None = None,
) -> Any:
    """Build `config_file` into `site_dir` with MkDocs and return the config it used.

    `dirty` renders only the pages whose Markdown is newer than their HTML; `serve_url` is the
    address the site is served at (the preview's); `root` gives SOURCE_DATE_EPOCH from git;
    `plugins` are added to the config's (the preview keeps MkDocs' state with one), after the
    three every build has: `NavOnce` (navonce.py), `PartsOnce` (partsonce.py) and `StaticLinks`
    (static_links.py).
    Raises BuildFailed, with MkDocs' warnings, when MkDocs refuses the tree.
    """
    with environment(NO_MKDOCS_2_WARNING="1"), source_date_epoch(root), _logging(dirty) as collect:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        from .navonce import NavOnce
        from .partsonce import PartsOnce
        from .static_links import StaticLinks

        try:
            config = load_config(config_file=str(config_file), strict=strict, site_dir=str(site_dir))
            use_bytecode_cache(config, tree_cache(config_file, "jinja"))
            ours = {
                "osa-nav-once": NavOnce(),
                "osa-parts-once": PartsOnce(),
                "osa-static-links": StaticLinks(),
            }
            for name, plugin in {**ours, **(plugins or {})}.items():
                config.plugins[name] = plugin
            if serve_url:
                config.site_url = serve_url
            build(config, serve_url=serve_url, dirty=dirty)
        except (MkDocsException, SystemExit) as exc:
            raise BuildFailed("\n".join(collect.messages) or str(exc)) from None
    return config


@contextmanager
def quiet_build() -> Iterator[None]:
    """The process state of `mkdocs_build` for MkDocs code the preview calls itself (rendering
    single pages): the same environment and log handling, restored after."""
    with environment(NO_MKDOCS_2_WARNING="1"), _logging(dirty=False):
        yield


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


def other_editions(tree: Path) -> list[Path]:
    """The trees of the other editions inside `tree` (each has its own mkdocs.yml), e.g. tree/th."""
    return sorted(p.parent for p in tree.glob("*/mkdocs.yml"))


def finish_edition(site_dir: Path, site_url: str | None) -> None:
    """What follows an engine's build of an edition, whichever engine: its pages compacted
    (`compact_site`) and its sitemap made an index (`index_sitemap`)."""
    compact_site(site_dir)
    index_sitemap(site_dir, site_url or "")


def _build_edition(config_file: Path, site_dir: Path, root: Path | None) -> None:
    """One edition with MkDocs (strict), then finished (`finish_edition`); the config MkDocs used
    is not returned (in a worker process it stays there)."""
    config = mkdocs_build(config_file, site_dir, root=root)
    finish_edition(site_dir, config["site_url"])


def _die_with_parent(parent: int) -> None:
    """A worker's first step: ask Linux to kill it when the build process dies (so a killed build
    leaves no worker writing into its staging folder), and stop if that has already happened."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _editions_in_parallel() -> bool:
    """Whether the other editions build in worker processes beside the English one: where the
    machine has more than one processor and can fork (the worker starts with everything imported)."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


Builds = list[tuple[Path, Path]]  # (mkdocs.yml, site folder) of each edition but the English one


def _site_url(config_file: Path) -> str | None:
    """An edition's site_url, read as MkDocs reads its config (a Thai config holds Python tags)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        return (yaml_load(stream) or {}).get("site_url")


def _zensical_in_turn(config_file: Path, site: Path, others: Builds, root: Path | None) -> None:
    """Each edition with Zensical, one after the other (each is a process of its own)."""
    try:
        with source_date_epoch(root):
            for edition_config, edition_site in [(config_file, site), *others]:
                zensical_build(edition_config, edition_site)
                finish_edition(edition_site, _site_url(edition_config))
    except ZensicalFailed as exc:
        raise BuildFailed(str(exc)) from None


def _build_in_turn(config_file: Path, site: Path, others: Builds, root: Path | None) -> None:
    for edition_config, edition_site in [(config_file, site), *others]:
        _build_edition(edition_config, edition_site, root)


def _build_in_parallel(config_file: Path, site: Path, others: Builds, root: Path | None) -> None:
    """The other editions in forked workers (which start with everything imported), the English
    one in this process meanwhile."""
    gc.freeze()  # the workers' collector leaves the inherited objects alone: fewer pages copied
    pool = ProcessPoolExecutor(
        len(others),
        multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    with pool:
        running: list[Future[None]] = [pool.submit(_build_edition, c, d, root) for c, d in others]
        gc.unfreeze()  # the workers are forked by now; this process collects as before
        _build_edition(config_file, site, root)
        for future in running:
            future.result()


def index_search(site: Path, others: list[str], low_priority: bool = False) -> None:
    """Pagefind's search index of each built edition (the English one at `site`, the others in
    their folders, named by their language), each in its own pagefind/ folder."""
    try:
        index_editions(site, {"": EDITIONS[0], **{name: name for name in others}}, low_priority=low_priority)
    except SearchIndexFailed as exc:
        raise BuildFailed(str(exc)) from None


def build_editions(tree: Path, site: Path, root: Path | None = None, engine: str = "mkdocs") -> None:
    """Build the English tree into `site` and each other edition (tree/th) into site/th, then
    index each edition for search (`index_search`). `engine`: "mkdocs" or "zensical".

    Another edition is built beside `site` (MkDocs empties the folder it builds into, so site/th
    cannot be written while the English build runs) and moved into it once every build passed.
    Where the machine can, it is built in a worker process while this one builds the English
    edition: on two processors both take little more wall-clock time than one. Raises
    BuildFailed from whichever edition failed.
    """
    others = [
        (edition / "mkdocs.yml", site.with_name(f"{site.name}-{edition.name}"))
        for edition in other_editions(tree)
    ]
    if engine == "zensical":
        build = _zensical_in_turn
    else:
        build = _build_in_parallel if others and _editions_in_parallel() else _build_in_turn
    try:
        build(tree / "mkdocs.yml", site, others, root)
        for config_file, site_dir in others:
            site_dir.rename(site / config_file.parent.name)
        index_search(site, [config_file.parent.name for config_file, _ in others])
    finally:
        for _, site_dir in others:
            shutil.rmtree(site_dir, ignore_errors=True)


def build_site(
    tree: Path,
    target: Path,
    root: Path | None = None,
    on_wait: Callable[[Path], None] | None = None,
    before_swap: Callable[[Path], None] | None = None,
    engine: str = "mkdocs",
) -> None:
    """Build `tree/mkdocs.yml` into `target` with `engine` ("mkdocs" or "zensical"); on any failure
    `target` is left untouched.

    Raises OutputRefused when `target` is not a folder osa-site may replace (see `outdir`).
    One build at a time writes a target: a second one waits for the lock (`on_wait` is told).
    `before_swap(staging)` runs on the built site before it replaces `target` (the PDF step
    prints there, so the site's links to the PDFs never point at missing files).
    """
    target = check_output_dir(target, root)
    with output_lock(target, on_wait):
        target = check_output_dir(target, root)  # again: another build may have run meanwhile
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        try:
            build_editions(tree, staging, root, engine)  # site/ and site/th/
            if before_swap is not None:
                before_swap(staging)
            mark(staging)
            _swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
