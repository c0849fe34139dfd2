"""A plain, default mkdocs-material project of N simple pages: the comparison build."""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["make_plain_project"]

PARAGRAPH = (
    "Japan's Official Security Assistance provides equipment to the armed forces of partner "
    "countries. This page stands for one record of a documentation site of the same size."
)


def make_plain_project(root: Path, pages: int) -> Path:
    """`pages` short Markdown pages, every one listed in the nav, default settings (font: false)."""
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\n" + PARAGRAPH + "\n", encoding="utf-8")
    nav: list = [{"Home": "index.md"}]
    for i in range(pages):
        name = f"pages/page-{i:05d}.md"
        text = f"# Page {i}\n\n{PARAGRAPH}\n\n## Details\n\n- Item one\n- Item two\n\n{PARAGRAPH}\n"
        (docs / name).write_text(text, encoding="utf-8")
        nav.append({f"Page {i}": name})
    config = {"site_name": "Plain", "theme": {"name": "material", "font": False}, "nav": nav}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root
