"""The template bytecode cache (.osa-cache/jinja): filled by a build, used by the next, and never
stale: an edited template is compiled again, and the HTML is what a build without the cache gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from osa_site.app import sitebuild
from osa_site.app.buildcache import tree_cache
from osa_site.app.sitebuild import mkdocs_build


def small_tree(project: Path) -> Path:
    """A generated tree's shape: project/osa-build/{mkdocs.yml, docs/, theme/}."""
    tree = project / "osa-build"
    (tree / "docs").mkdir(parents=True)
    (tree / "theme").mkdir()
    (tree / "docs/index.md").write_text("# Home\n\nHello.\n")
    (tree / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  custom_dir: theme\n  font: false\n"
    )
    return tree


def override(tree: Path, words: str) -> None:
    (tree / "theme/main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}' + words + "{{ super() }}{% endblock %}\n"
    )


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OSA_SITE_CACHE", raising=False)
    tree = small_tree(tmp_path / "project")
    cache = tree_cache(tree / "mkdocs.yml", "jinja")
    assert cache == tmp_path / "project/.osa-cache/jinja"
    (tree / ".osa-site-output").write_text("")  # the Thai edition's tree sits inside the generated one
    (tree / "th").mkdir()
    assert tree_cache(tree / "th/mkdocs.yml", "jinja") == cache
    override(tree, "First words.")
    mkdocs_build(tree / "mkdocs.yml", tmp_path / "site")
    compiled = sorted(cache.iterdir())
    assert len(compiled) > 10, "Material's templates are kept compiled"
    first = (tmp_path / "site/index.html").read_text()
    override(tree, "Second words.")
    mkdocs_build(tree / "mkdocs.yml", tmp_path / "site")
    second = (tmp_path / "site/index.html").read_text()
    assert "First words." in first and "Second words." in second and "First words." not in second


def test_the_cache_changes_no_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")  # the sitemap's dates
    tree = small_tree(tmp_path / "project")
    override(tree, "Words.")
    mkdocs_build(tree / "mkdocs.yml", tmp_path / "cold")
    mkdocs_build(tree / "mkdocs.yml", tmp_path / "warm")
    monkeypatch.setattr(sitebuild, "use_bytecode_cache", lambda _config, _folder: None)
    mkdocs_build(tree / "mkdocs.yml", tmp_path / "none")
    for page in ("index.html", "404.html", "sitemap.xml"):
        none = (tmp_path / "none" / page).read_bytes()
        assert (tmp_path / "cold" / page).read_bytes() == none == (tmp_path / "warm" / page).read_bytes()
