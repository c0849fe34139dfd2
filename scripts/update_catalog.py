"""Refresh the Thai catalogue from the code: `python scripts/update_catalog.py`.

Extracts every string marked with _(), gettext(), ngettext() or N_() from osa_site/, plus the nav
titles, description and copyright of mkdocs.yml, and merges them into
osa_site/locale/th/LC_MESSAGES/messages.po: new strings are added untranslated, strings no longer in
the code are dropped, translations are kept. tests/test_catalogue.py fails while any string lacks
its Thai translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osa_site.i18n.languages import LOCALE_DIR, read_catalog, source_catalog  # noqa: E402


def main() -> None:
    catalog = read_catalog("th")
    catalog.update(source_catalog(ROOT), no_fuzzy_matching=True)
    path = LOCALE_DIR / "th" / "LC_MESSAGES" / "messages.po"
    with path.open("wb") as fh:
        write_po(
            fh,
            catalog,
            width=110,
            omit_header=False,
            sort_output=True,
            ignore_obsolete=True,
            include_previous=False,
            include_lineno=False,
        )
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} without Thai")


if __name__ == "__main__":
    main()
