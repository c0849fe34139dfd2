"""Languages: the Thai catalogue, Thai dates at their own precision, numbers and yen amounts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.projects import make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.i18n.dates import PartialDate, parse_partial_date
from osa_site.i18n.languages import BUDDHIST_ERA_OFFSET, language, read_catalog


def test_english_keeps_the_source_strings() -> None:
    en = language("en")
    assert en.gettext("about {amount}") == "about {amount}"
    assert en.ngettext("{n} record", "{n} records", 2) == "{n} records"


def test_thai_catalogue_is_compiled_in_memory_and_translates() -> None:
    assert language("th").gettext("about {amount}") == "ประมาณ {amount}"


def test_languages_are_built_once_and_unknown_codes_are_refused() -> None:
    assert language("th") is language("th")
    with pytest.raises(ValueError, match="expected one of en, th, received 'fr'"):
        language("fr")


@pytest.mark.parametrize(
    ("iso", "thai", "english"),
    [
        ("2023-04-05", "5 เมษายน 2566", "5 April 2023"),
        ("2022-05", "พฤษภาคม 2565", "May 2022"),
        ("2025", "พ.ศ. 2568", "2025"),
    ],
)
def test_dates_keep_their_precision_in_buddhist_era(iso: str, thai: str, english: str) -> None:
    date = parse_partial_date(iso)
    assert language("th").date(date) == thai
    assert language("en").date(date) == english


@settings(max_examples=60, deadline=None)
@given(st.integers(1900, 2100), st.integers(0, 12), st.integers(0, 28))
def test_a_thai_date_never_shows_more_than_it_knows(year: int, month: int, day: int) -> None:
    date = PartialDate(year, month, day if month else 0)
    text = language("th").date(date)
    assert str(year + BUDDHIST_ERA_OFFSET) in text and str(year) not in text.split()
    assert len(text.split()) == {"day": 3, "month": 2, "year": 2}[date.precision]


@pytest.mark.parametrize(
    ("amount", "approximate", "thai", "english"),
    [
        (600_000_000, False, "600 ล้านเยน", "¥600 million"),
        (1_600_000_000, False, "1,600 ล้านเยน", "¥1.6 billion"),
        (18_100_000_000, True, "ประมาณ 18,100 ล้านเยน", "about ¥18.1 billion"),
        (2_500_000, False, "2.5 ล้านเยน", "¥2.5 million"),
        (250_000, False, "250,000 เยน", "¥250,000"),
    ],
)
def test_yen_stays_yen_counted_in_millions_in_thai(
    amount: int, approximate: bool, thai: str, english: str
) -> None:
    assert language("th").yen(amount, approximate) == thai
    assert language("en").yen(amount, approximate) == english


def test_fiscal_years_in_both_languages() -> None:
    assert language("en").fiscal_year(2023) == "FY2023 (April 2023 – March 2024)"
    assert language("th").fiscal_year(2023) == "ปีงบประมาณ 2566 (เมษายน 2566 – มีนาคม 2567)"
    assert (language("en").fy(2024), language("th").fy(2024)) == ("FY2024", "ปีงบฯ 2567")


def test_every_thai_message_keeps_the_placeholders_of_its_english_source() -> None:
    import re

    fields = re.compile(r"\{[a-z_]*\}")
    for message in read_catalog("th"):
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                assert sorted(fields.findall(text)) == sorted(fields.findall(ids[-1])), message.id


def test_source_titles_and_publishers_on_thai_pages_are_marked_english(tmp_path: Path) -> None:
    """Source titles and publishers stay in their own language (English): on a Thai page they are
    marked lang="en" so that a screen reader switches voice; on an English page they are not."""
    from osa_site.model.index import build_index
    from osa_site.model.site import SiteContext
    from osa_site.records.content import load_dataset
    from osa_site.render.common import source_line
    from osa_site.render.record_pages import render_source
    from osa_site.render.sections import render_sources_index

    root = make_project(tmp_path)
    index = build_index(load_dataset(root / "content", root))
    entry = index.dataset.get("sources", "mofa-2025-mongolia-atc-radar")
    assert entry is not None
    title, publisher = entry.record.title, entry.record.publisher
    thai, english = language("th"), language("en")
    line = source_line(entry, "equipment/x.md", thai)
    assert '<span lang="en">' in line and line.count('lang="en"') == 2, line
    assert "lang=" not in source_line(entry, "equipment/x.md", english)
    page = render_source(entry, index, SiteContext(lang=thai))
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert heading.startswith('# <span lang="en">') and publisher.split()[0] in page, heading
    listing = render_sources_index(index, thai)
    assert listing.count('lang="en"') >= 2 * len(list(index.dataset.of("sources")))
    assert title.split()[0] in listing
