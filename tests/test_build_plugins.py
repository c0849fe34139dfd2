"""The three MkDocs plugins every build has change how the site is made, never what it holds:
Material's navigation rendered once (app/navonce.py), the theme's parts that do not read the page
rendered once per folder and depth (app/partsonce.py) and static files linked instead of copied
(app/static_links.py). A build with them is, file for file and byte for byte, the build MkDocs
makes alone; the linked files keep the bytes they were built with when the tree changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitetools import HOSTILE_PROJECT, hostile_copy

from osa_site.app import static_links
from osa_site.app.sitebuild import environment, mkdocs_build
from osa_site.app.static_links import link_file
from osa_site.output.generate import generate_tree, write_if_changed


def _mkdocs_alone(config_file: Path, site: Path) -> None:
    """The edition built by MkDocs alone, as `mkdocs build` would (no plugin of ours)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with environment(NO_MKDOCS_2_WARNING="1"):
        build(load_config(config_file=str(config_file), site_dir=str(site)))


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated tree of the hostile copy of the shipped site (record text that tries to be markup)."""
    folder = tmp_path_factory.mktemp("plugins")
    generate_tree(hostile_copy(folder / "project"), folder / "tree")
    return folder / "tree"


@pytest.mark.parametrize("edition", ["", "th"])
def test_every_file_is_the_file_mkdocs_makes_alone(tree: Path, tmp_path: Path, edition: str) -> None:
    config_file = tree / edition / "mkdocs.yml"
    mkdocs_build(config_file, tmp_path / "with", root=None)
    _mkdocs_alone(config_file, tmp_path / "alone")
    with_them, alone = _files(tmp_path / "with"), _files(tmp_path / "alone")
    assert sorted(with_them) == sorted(alone)
    assert [name for name in alone if with_them[name] != alone[name]] == []
    assert sum(name.startswith("equipment/") and name.endswith("/index.html") for name in alone) > 10
    assert sum(name.endswith("citation.bib") for name in alone) > 10


def test_static_files_are_links_to_the_tree_and_pages_are_not(tree: Path, tmp_path: Path) -> None:
    site, docs = tmp_path / "site", tmp_path / "tree" / "docs"
    shutil.copytree(tree, tmp_path / "tree")
    (docs / "extra.html").write_text("<p>hand-made</p>\n", encoding="utf-8")  # compacted in place
    mkdocs_build(tmp_path / "tree" / "mkdocs.yml", site, root=None)
    statics = [p.relative_to(docs) for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"]
    linked = [p for p in statics if os.path.samefile(docs / p, site / p)]
    assert sorted(linked) == sorted(p for p in statics if p.suffix != ".html") and len(linked) > 100
    assert (site / "extra.html").is_file() and not os.path.samefile(docs / "extra.html", site / "extra.html")
    assert not list(site.rglob("*.osa-link"))


def test_a_changed_tree_leaves_the_built_site_as_it_was(tmp_path: Path) -> None:
    project = hostile_copy(tmp_path / "project")
    generate_tree(project, tmp_path / "tree")
    mkdocs_build(tmp_path / "tree" / "mkdocs.yml", tmp_path / "site", root=None)
    name = f"equipment/{HOSTILE_PROJECT}/citation.ris"
    built, tree_file = (tmp_path / "site" / name), (tmp_path / "tree" / "docs" / name)
    before = built.read_bytes()
    record = project / "content" / "equipment" / f"{HOSTILE_PROJECT}.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("radar", "radio", 1), encoding="utf-8")
    generate_tree(project, tmp_path / "tree")
    assert tree_file.read_bytes() != before  # the tree changed...
    assert built.read_bytes() == before  # ...and the site still holds what it was built with


def test_where_a_link_cannot_be_made_the_file_is_copied(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(static_links.os, "link", refuse)
    site = tmp_path / "site"
    mkdocs_build(tree / "mkdocs.yml", site, root=None)
    name = "data/equipment.csv"
    assert (site / name).read_bytes() == (tree / "docs" / name).read_bytes()
    assert not os.path.samefile(site / name, tree / "docs" / name)
    assert not list(site.rglob("*.osa-link"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=6), min_size=1, max_size=5))
def test_a_rewritten_file_never_changes_a_link_to_what_it_held(contents: list[bytes]) -> None:
    """Whatever is written in turn, the file holds the last bytes, and a hard link made to it
    after each write still holds that write's bytes (the site's copy of a tree file)."""
    import tempfile

    with tempfile.TemporaryDirectory() as temporary:
        path, kept = Path(temporary) / "docs" / "f.bib", []
        for n, data in enumerate(contents):
            write_if_changed(path, data)
            link = Path(temporary) / f"site-{n}"
            os.link(path, link)
            kept.append((link, data))
        assert path.read_bytes() == contents[-1]
        assert all(link.read_bytes() == data for link, data in kept)
        assert sorted(p.name for p in path.parent.iterdir()) == ["f.bib"]


def _static(folder: Path, data: bytes, modified: bool = True) -> SimpleNamespace:
    """A stand-in for MkDocs' File of a static file: its source in the tree, its place in the site."""
    source = folder / "tree" / "data" / "x.csv"
    source.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(source, data)
    target = folder / "site" / "data" / "x.csv"
    return SimpleNamespace(abs_src_path=str(source), abs_dest_path=str(target), is_modified=lambda: modified)


def test_a_file_in_the_site_is_replaced_by_a_link_to_its_new_bytes(tmp_path: Path) -> None:
    """As the preview does after an edit: the tree's file was replaced, the site's is linked again;
    a copy of the site made earlier (another link) keeps the old bytes."""
    made: set[str] = set()
    first = _static(tmp_path, b"a,b\n")
    link_file(first, made)
    target = Path(first.abs_dest_path)
    assert os.path.samefile(first.abs_src_path, target)
    os.link(target, tmp_path / "earlier-copy")
    link_file(first, made)  # already the same file: left as it is
    second = _static(tmp_path, b"a,b\n1,2\n")
    link_file(second, made, dirty=True)
    assert target.read_bytes() == b"a,b\n1,2\n" and os.path.samefile(second.abs_src_path, target)
    assert (tmp_path / "earlier-copy").read_bytes() == b"a,b\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.csv"]


def test_a_dirty_build_leaves_an_unmodified_file_alone(tmp_path: Path) -> None:
    unchanged = _static(tmp_path, b"a\n", modified=False)
    link_file(unchanged, set(), dirty=True)
    assert not Path(unchanged.abs_dest_path).exists()
