"""Where osa-site keeps what a build may reuse, and the template bytecode cache.

Everything lives in the project's `.osa-cache/` (git-ignored): outside `site/`, which every build
replaces, and outside `build/`, whose docs and theme generate keeps equal to the records. Every
entry is keyed by its inputs, so a stale entry is never used, and removing the folder is always
safe (the next build is only slower).

- `pdf/`: printed PDFs by content (see `pdfcache`);
- `jinja/`: Material's templates compiled to Python bytecode. Jinja checks each entry against the
  template's source (a SHA-1 of it) and the Python version, so an edited template is compiled
  again; the compiled code is the same, so the HTML is byte for byte the same.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..output.outdir import MARKER

__all__ = ["CACHE_DIR", "cache_folder", "tree_cache", "use_bytecode_cache"]

CACHE_DIR = ".osa-cache"


def cache_folder(root: Path, kind: str) -> Path:
    """The project's cache of one kind (`pdf`, `jinja`): in `$OSA_SITE_CACHE` when set (as the share
    cards' pictures, `output/cards.py`), else in `.osa-cache/` in `root`."""
    base = os.environ.get("OSA_SITE_CACHE")
    return (Path(base) if base else root / CACHE_DIR) / kind


def tree_cache(config_file: Path, kind: str) -> Path:
    """The cache of the project whose generated tree holds `config_file` (`osa-build/mkdocs.yml` or
    `osa-build/th/mkdocs.yml`): `.osa-cache` beside the tree's top folder."""
    tree = config_file.parent
    if (tree.parent / "mkdocs.yml").is_file() and (tree.parent / MARKER).is_file():
        tree = tree.parent  # an edition inside the generated tree (osa-build/th)
    return cache_folder(tree.parent, kind)


def use_bytecode_cache(config: Any, folder: Path) -> None:
    """Make the Jinja environment MkDocs creates for `config`'s theme keep compiled templates in
    `folder` between builds."""
    from jinja2 import FileSystemBytecodeCache

    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    theme.get_env = get_env
