"""One page of every kind the site has, as paths relative to the site root.

Every page in mkdocs.yml's nav, the first record page of each record kind, and the
404 page: pages added to the nav are checked without editing the tests.
"""

from __future__ import annotations

from pathlib import Path

from osa_site.model.urls import directory
from osa_site.output.generate import read_config

ROOT = Path(__file__).resolve().parents[2]

RECORD_KINDS = {
    "recipient": "recipients",
    "project": "equipment",
    "agreement": "agreements",
    "budget": "budgets",
    "milestone": "milestones",
    "source": "sources",
}


def nav_entries(nav: list) -> list[tuple[str, str]]:
    """(title, docs path) for every page in the nav, sections flattened, in nav order."""
    entries = []
    for item in nav:
        for title, target in item.items():
            entries += nav_entries(target) if isinstance(target, list) else [(title, target)]
    return entries


def first_record(folder: str) -> str:
    """The page of the first record (by file name) of a content folder."""
    first = sorted((ROOT / "content" / folder).glob("*.yaml"))[0]
    return f"{folder}/{first.stem}/"


def page_kinds() -> dict[str, str]:
    pages = {title: directory(path) for title, path in nav_entries(read_config(ROOT)["nav"])}
    pages.update({kind: first_record(folder) for kind, folder in RECORD_KINDS.items()})
    pages["404"] = "404.html"
    return pages
