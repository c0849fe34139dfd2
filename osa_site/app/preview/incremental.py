"""One edition of the preview, built once with MkDocs and then page by page.

The first build is an ordinary MkDocs build (lenient, at the preview's address) that keeps what
MkDocs made on the way: its config, files, navigation and Jinja environment. After an edit, only
the pages whose Markdown changed are read, converted and rendered again with those same objects,
as MkDocs' own build renders each page, and compacted as a full build's pages are; Pagefind then
indexes the edition again from its HTML (rebuild.py). So a page rendered alone is byte for byte
the page a fresh build gives (tests/test_preview.py compares them). A change that alters the set
of pages, the config, the theme or an asset calls for a new full build (`DocsState.changed_pages`
says so).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from ...output.compact import compact_pages
from ..sitebuild import finish_edition, mkdocs_build, quiet_build

__all__ = ["DocsState", "EditionSite"]

Stamp = tuple[int, int]


def _stamps(folder: Path) -> dict[str, Stamp]:
    """Every file under `folder` by relative path, with its modification time and size."""
    found: dict[str, Stamp] = {}
    stack = [(folder, "")]
    while stack:
        base, prefix = stack.pop()
        try:
            entries = list(os.scandir(base))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), f"{prefix}{entry.name}/"))
            else:
                stat = entry.stat(follow_symlinks=False)
                found[prefix + entry.name] = (stat.st_mtime_ns, stat.st_size)
    return found


def _stamp(file: Path) -> Stamp:
    stat = file.stat()
    return (stat.st_mtime_ns, stat.st_size)


@dataclass
class DocsState:
    """What one edition's generated tree held when it was last built: docs, theme and config."""

    tree: Path
    stamps: dict[str, Stamp] = field(default_factory=dict)

    def snapshot(self) -> dict[str, Stamp]:
        return (
            _stamps(self.tree / "docs")
            | {f"../theme/{k}": v for k, v in _stamps(self.tree / "theme").items()}
            | {"../mkdocs.yml": _stamp(self.tree / "mkdocs.yml")}
        )

    def changed_files(self) -> list[str] | None:
        """The docs files (`equipment/x.md`, `data/equipment.csv`) rewritten since the last build,
        in order; None when something else changed (a file added or removed, the theme, the config)."""
        now = self.snapshot()
        before, self.stamps = self.stamps, now
        if not before or now.keys() != before.keys():
            return None
        changed = sorted(name for name, stamp in now.items() if before[name] != stamp)
        return None if any(name.startswith("../") for name in changed) else changed


class _KeepState(BasePlugin):
    """A MkDocs plugin the preview adds to its own builds: it keeps the files, navigation and
    Jinja environment of the build (after every other plugin has had its say)."""

    def __init__(self) -> None:
        super().__init__()
        self.load_config({})
        self.files: Any = None
        self.nav: Any = None
        self.env: Any = None

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:  # noqa: ARG002 - MkDocs' signature
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:  # noqa: ARG002 - MkDocs' signature
        self.env, self.files = env, files
        return env


class EditionSite:
    """One edition (a tree with its mkdocs.yml) built into `site_dir`, and rebuilt page by page."""

    def __init__(self, tree: Path, site_dir: Path, serve_url: str | None):
        self.tree, self.site_dir, self.serve_url = tree, site_dir, serve_url
        self.docs = DocsState(tree)
        self.config: Any = None
        self.state = _KeepState()

    def build(self) -> None:
        """A full build, keeping MkDocs' state for `update`."""
        self.state = _KeepState()
        self.config = mkdocs_build(
            self.tree / "mkdocs.yml",
            self.site_dir,
            strict=False,
            serve_url=self.serve_url,
            plugins={"osa-preview-state": self.state},
        )
        finish_edition(self.site_dir, self.config["site_url"])
        self.docs.stamps = self.docs.snapshot()

    def changed_files(self) -> list[str] | None:
        return self.docs.changed_files() if self.config is not None else None

    def update(self, changed: list[str]) -> None:
        """Read, convert and render again the docs pages of `changed` (`equipment/x.md`), as
        MkDocs' build does, and copy the other changed files (`data/equipment.csv`) into the site.
        The search index is Pagefind's, written after the build from the HTML (`index_search`)."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        config, files = self.config, self.state.files
        inclusion = InclusionLevel.is_in_serve if self.serve_url else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        for name in changed:
            file = files.get_file_from_path(name)
            if not file.is_documentation_page():
                file.copy_file()
        chosen = [files.get_file_from_path(name) for name in changed if name.endswith(".md")]
        if not chosen:
            return
        with quiet_build():
            for file in chosen:
                _populate_page(file.page, config, files)
            for file in chosen:
                _build_page(
                    file.page,
                    config,
                    doc_files,
                    self.state.nav,
                    self.state.env,
                    excluded=file.inclusion.is_excluded(),
                )
        compact_pages(self.site_dir, [Path(file.abs_dest_path) for file in chosen])
