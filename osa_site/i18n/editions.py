"""The site's editions: English at the root and a Thai mirror under /th/ (issue 13).

Each edition is its own generated tree with its own `mkdocs.yml`: the English one in OUT, the Thai
one in OUT/th. Both are built by MkDocs (or Zensical) separately, the Thai one into SITE/th, so each
has its own search index (Pagefind's, app/search_index.py) and its own language settings; the
pages of both have the same paths, so every relative link works in both. Pure functions: no
MkDocs import, no file access.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from .languages import N_, Language, language
from .segment import segment_markdown
from .slugs import slugify

__all__ = [
    "EDITIONS",
    "EDITION_NAMES",
    "THAI_DIR",
    "edition_config",
    "localise_nav",
    "thai_markdown",
    "edition_roots",
]

EDITIONS = ("en", "th")
EDITION_NAMES = {"en": "English", "th": "ไทย"}
THAI_DIR = "th"  # the Thai edition's folder, under the English site and the generated tree
# Characters that separate words for `?h=` highlighting on a result's page: U+200B marks Thai word boundaries.
SEARCH_SEPARATOR = r"[\s\u200b\-]+"


def edition_roots(code: str) -> dict[str, str]:
    """Where each edition's root is, relative to the root of edition `code`."""
    if code == "en":
        return {"en": "", "th": f"{THAI_DIR}/"}
    return {"en": "../", "th": ""}


def localise_nav(nav: Any, lang: Language) -> Any:
    """The nav with every section and page title looked up in the language's catalogue."""
    if isinstance(nav, list):
        return [localise_nav(item, lang) for item in nav]
    if isinstance(nav, dict):
        return {lang.gettext(title): localise_nav(target, lang) for title, target in nav.items()}
    return nav


# What a search result says it is, by the first folder of its page's address (issue 18);
# the sections' own lists are "List", other pages "Page". The templates write it as Pagefind metadata.
SEARCH_KINDS = {
    "recipients": N_("Recipient"),
    "equipment": N_("Project"),
    "agreements": N_("Agreement"),
    "milestones": N_("Milestone"),
    "budgets": N_("Budget"),
    "designations": N_("Designations"),
    "sources": N_("Source"),
    "changes": N_("Changes"),
}
SEARCH_LIST, SEARCH_PAGE = N_("List"), N_("Page")


def search_kinds(lang: Language) -> dict[str, object]:
    """The labels of result kinds in the edition's language (extra.osa_search in mkdocs.yml)."""
    kinds = {folder: lang.gettext(label) for folder, label in SEARCH_KINDS.items()}
    return {"kinds": kinds, "list": lang.gettext(SEARCH_LIST), "page": lang.gettext(SEARCH_PAGE)}


def _with_edition_extra(config: dict, code: str) -> dict:
    extra = dict(config.get("extra") or {})
    extra["alternate"] = [
        {"name": EDITION_NAMES[c], "link": edition_roots(code)[c] or "./", "lang": c} for c in EDITIONS
    ]
    extra["osa_edition"] = {"lang": code, "roots": edition_roots(code)}
    extra["osa_search"] = search_kinds(language(code))
    return {**config, "extra": extra}


FOOTNOTE_BACKLINK_TITLE = N_("Jump back to footnote %d in the text")  # Python-Markdown's, translated


def _with_options(entries: list, name: str, options: dict) -> list:
    """A list of plugins or Markdown extensions with `options` set on entry `name` (added when absent)."""
    result, found = [], False
    for entry in entries:
        if entry == name or (isinstance(entry, Mapping) and name in entry):
            current = dict(entry[name] or {}) if isinstance(entry, Mapping) else {}
            result.append({name: {**current, **options}})
            found = True
        else:
            result.append(entry)
    return result if found else [*result, {name: options}]


def edition_config(config: dict, code: str) -> dict:
    """The generated tree's config for one edition (the English one only gains the language switch)."""
    config = _with_edition_extra(copy.deepcopy(config), code)
    if code == "en":
        return config
    lang = language(code)
    site_url = config.get("site_url") or ""
    config["site_url"] = site_url.rstrip("/") + f"/{THAI_DIR}/" if site_url else site_url
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else theme
    if isinstance(theme, dict):  # anything else is refused, with its message, when the tree is written
        config["theme"] = {**theme, "language": code}
    for key in ("site_description", "copyright"):
        if config.get(key):
            english = " ".join(str(config[key]).split())
            config[key] = lang.gettext(english)
    if "nav" in config:
        config["nav"] = localise_nav(config["nav"], lang)
    # Heading ids keep Thai letters and marks (Python-Markdown's default keeps ASCII only).
    extensions = list(config.get("markdown_extensions") or [])
    extensions = _with_options(extensions, "toc", {"slugify": slugify})
    # The title of each footnote's back-link (Python-Markdown's own is English).
    backlink = {"BACKLINK_TITLE": lang.gettext(FOOTNOTE_BACKLINK_TITLE)}
    config["markdown_extensions"] = _with_options(extensions, "footnotes", backlink)
    return config


def thai_markdown(
    files: Mapping[str, bytes], segment: Callable[[str], str] = segment_markdown
) -> dict[str, bytes]:
    """The Thai tree's files with the running text of every Markdown page cut into words for search
    (by `segment_markdown`, or a stand-in for it that keeps its results)."""
    return {
        name: segment(data.decode("utf-8")).encode("utf-8") if name.endswith(".md") else data
        for name, data in files.items()
    }
