"""The generated tree's static files (citation files, card pictures, data downloads) put into the
site as hard links to the tree's files, instead of copies.

MkDocs copies every file of the docs folder that is not a page into the site. At 2,000 projects an
edition has some 16,500 of them (three citation files and a card picture a record, and more);
copying a small file cost about 0.4 ms of CPU time on the benchmark machine, linking it about
0.03 ms. A link shares the file's bytes, so neither side may change them in place:

- the generator never rewrites a tree file in place: it writes a new file and renames it over
  the old one (`generate.write_if_changed`), so the site keeps the bytes it was built with;
- the build steps that rewrite a site file in place (the compaction of `.html` pages) work on
  HTML, which is copied as before (`linked` says which files are linked).

Where the tree and the site are on different file systems, or a file system has no hard links,
the file is copied as MkDocs copies it. `StaticLinks` is a MkDocs plugin that
`sitebuild.mkdocs_build` adds to every build; Zensical copies files its own way.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

__all__ = ["StaticLinks", "linked", "link_file"]

_COPIED = (".html", ".htm")  # rewritten in place in the site by the compaction step
_TEMPORARY = ".osa-link"


def linked(file: Any) -> bool:
    """Whether the site gets `file` as a hard link: a static file read from the docs folder (not
    one a plugin wrote), and not HTML."""
    return (
        not file.is_documentation_page()
        and getattr(file, "_content", None) is None
        and file.abs_src_path is not None
        and not file.dest_uri.endswith(_COPIED)
    )


def link_file(file: Any, made: set[str], dirty: bool = False) -> None:
    """`file.copy_file(dirty)`, with a hard link in place of the copy. A file already in the site
    is replaced in one step (a link under a temporary name, renamed over it), so a served site never
    lacks it.
    `made` holds the folders already made in this build. Falls back to MkDocs' copy."""
    if dirty and not file.is_modified():
        return
    source, target = file.abs_src_path, file.abs_dest_path
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    temporary = target + _TEMPORARY
    try:
        if not os.path.lexists(target):  # a new file (a fresh build): nothing is served there yet
            os.link(source, target)
            return
        if os.path.samefile(source, target):
            return
        if os.path.lexists(temporary):
            os.unlink(temporary)
        os.link(source, temporary)
        os.replace(temporary, target)
    except OSError:  # another file system, or one without hard links
        if os.path.lexists(temporary):
            os.unlink(temporary)
        File.copy_file(file, dirty=False)


class StaticLinks(BasePlugin):
    """Each static file of the build linked into the site instead of copied (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self.load_config({})

    def on_files(self, files: Any, /, *, config: Any) -> Any:  # noqa: ARG002 - MkDocs' signature
        made: set[str] = set()
        for file in files:
            if linked(file):
                file.copy_file = lambda dirty=False, file=file: link_file(file, made, dirty)
        return files
