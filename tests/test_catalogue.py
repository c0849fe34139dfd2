"""The Thai catalogue covers every string the code and mkdocs.yml show readers, and compiles."""

from __future__ import annotations

from pathlib import Path

from osa_site.i18n.languages import language, read_catalog, source_catalog

ROOT = Path(__file__).resolve().parents[1]


def _key(message) -> tuple[str | None, str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    return message.context, ids[0]


def test_every_source_string_has_a_thai_translation() -> None:
    thai = {_key(m): m.string for m in read_catalog("th") if m.id}
    missing = [
        key
        for key in (_key(m) for m in source_catalog(ROOT) if m.id)
        if not (thai.get(key) if isinstance(thai.get(key), str) else any(thai.get(key) or ()))
    ]
    assert missing == [], f"run scripts/update_catalog.py and translate: {missing}"


def test_the_catalogue_has_no_strings_the_code_no_longer_uses() -> None:
    used = {_key(m) for m in source_catalog(ROOT) if m.id}
    stale = [key for key in (_key(m) for m in read_catalog("th") if m.id) if key not in used]
    assert stale == [], f"run scripts/update_catalog.py: {stale}"


def test_marked_strings_inside_f_strings_are_found() -> None:
    assert (None, "Cite this") in {_key(m) for m in source_catalog(ROOT) if m.id}


def test_nav_titles_translate() -> None:
    th = language("th")
    assert th.gettext("Equipment") == "ยุทโธปกรณ์" and th.gettext("Open questions") != "Open questions"
