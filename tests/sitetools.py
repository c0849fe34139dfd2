"""Helpers shared by the tests that need a built site: build it (once per run, even across
pytest-xdist's workers), and serve it on 127.0.0.1."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from osa_site.app.pdf import serve
from osa_site.app.search_index import index_edition
from osa_site.app.sitebuild import build_editions, build_site
from osa_site.app.zensical import zensical_build as run_zensical_into
from osa_site.model.urls import site_path
from osa_site.output.generate import generate_tree, read_config
from osa_site.output.parts import PARTS_DIR, with_parts_inline

ROOT = Path(__file__).resolve().parent.parent

# The user property (report file, number of external links) test_links records; the summary shows it.
LINK_REPORT = "external_link_report"


def build_into(root: Path, folder: Path) -> Path:
    """Generate and build the site of `root` into `folder`/site; returns the site folder."""
    generate_tree(root, folder / "osa-build")
    build_site(folder / "osa-build", folder / "site", root)
    return folder / "site"


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """`make(folder)`'s result, made once per test run and shared by every process of the run.

    Without pytest-xdist that is `make` in a new temporary folder. Under xdist, each worker has its
    own temporary folder inside the run's: the first worker to ask makes the thing there, in
    `<run>/<name>`, holding a lock, and the others wait for the lock and reuse it. A failed `make` is
    tried again by the next worker, which then fails the same way. Treat the result as read-only.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(factory.mktemp(name))
    run = factory.getbasetemp().parent  # xdist gives worker gwN the base <run>/popen-gwN
    folder, made = run / name, run / f"{name}.made"
    with open(run / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            made.write_text(make(folder).relative_to(folder).as_posix(), encoding="utf-8")
        return folder / made.read_text(encoding="utf-8")


def run_zensical(tree: Path) -> None:
    """Build `tree`/mkdocs.yml with Zensical into tree/site, as `osa-site build --engine zensical`
    does (osa_site/app/zensical.py), without the search index."""
    run_zensical_into(tree / "mkdocs.yml", tree / "site")


def zensical_build(root: Path, tree: Path) -> Path:
    """Generate `root`'s tree into `tree`, build it with Zensical into tree/site and index its
    search, as `osa-site build --engine zensical` does for the English edition; returns tree."""
    generate_tree(root, tree)
    run_zensical(tree)
    index_edition(tree / "site", "en")
    return tree


def zensical_editions_build(root: Path, tree: Path) -> Path:
    """Generate `root`'s tree into `tree` and build both editions with Zensical, the Thai one into
    site/th, each with its search index, as `osa-site build --engine zensical` does; returns the
    site folder."""
    generate_tree(root, tree)
    site = tree.parent / "zensical-site"
    build_editions(tree, site, engine="zensical")
    return site


# A record title that would inject markup, break a table row and start emphasis if it were not escaped.
HOSTILE_PROJECT = "2024-mongolia-atc-radar"
HOSTILE_TITLE = "<script>alert(1)</script> | *emphasis* radar"


def shipped_copy(root: Path) -> Path:
    """The shipped project's content/ and mkdocs.yml copied into `root` (no git metadata); returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def hostile_copy(root: Path) -> Path:
    """A copy of the project's content and settings in `root`, one project titled HOSTILE_TITLE."""
    shipped_copy(root)
    record = root / "content" / "equipment" / f"{HOSTILE_PROJECT}.yaml"
    text, count = re.subn(
        r"^title: .*$",
        f"title: {json.dumps(HOSTILE_TITLE)}",
        record.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    assert count == 1
    record.write_text(text, encoding="utf-8")
    return root


def parted_copy(site: Path, folder: Path, most: int) -> Path:
    """A copy of the built `site` whose editions' search indexes are in parts of at most `most`
    pages each (as a large site's are, see search_index.SHARD_PAGES)."""
    copy = folder / "site"
    shutil.copytree(site, copy)
    index_edition(copy, "en", ("th",), shard_pages=most)
    index_edition(copy / "th", "th", shard_pages=most)
    return copy


def site_prefix(root: Path = ROOT) -> str:
    """The path the site is published under, from site_url: '/osa-monitor/' or '/'."""
    return site_path(read_config(root).get("site_url", ""))


class LocalServer:
    """The site served on 127.0.0.1 under its published prefix, as GitHub Pages does (404.html uses
    absolute URLs): the PDF step's server (`osa_site.app.pdf.serve`), with its address as `url`."""

    def __init__(self, directory: Path, prefix: str = "/") -> None:
        self._serving = serve(directory, prefix)
        self.url = ""

    def __enter__(self) -> LocalServer:
        self.url = self._serving.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._serving.__exit__(None, None, None)


def search_fragments(edition: Path) -> dict[str, dict]:
    """What the edition's Pagefind index holds for each page, by the page's address there
    ("/recipients/mongolia/"): its text (`content`), metadata (`meta`) and anchors. Each fragment
    file is gzip-compressed JSON after Pagefind's 12-byte signature."""
    fragments = {}
    for path in sorted((edition / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        fragments[fragment["url"]] = fragment
    return fragments


def page_as_read(page: Path) -> str:
    """A built page's HTML as a browser's document holds it: each part served once
    (output/parts.py) put back in its place, from the files of the nearest edition that has them."""
    html = page.read_text(encoding="utf-8")
    edition = next((folder for folder in page.parents if (folder / PARTS_DIR).is_dir()), None)
    if edition is None:
        return html
    return with_parts_inline(html, lambda name: (edition / name).read_bytes())
