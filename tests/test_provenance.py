"""Confidence rules: what `osa-site check` refuses and accepts, with the exact message and where it points.

The fixture project (fixtures/projects.py) cites one official source; these tests add a
news source and records that cite it.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from fixtures.projects import BASE, EQUIPMENT, SOURCE, assert_reported, make_project, problems_of, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.records.content import load_dataset
from osa_site.records.problems import format_problem
from osa_site.records.provenance import LEVELS, Claim
from osa_site.records.schema import PUBLISHER_TYPES, Confidence, PublisherType

NEWS = "content/sources/jiji-2025-mongolia-radar.yaml"
OTHER_NEWS = "content/sources/kyodo-2025-mongolia-radar.yaml"
MILESTONE = "content/milestones/mongolia-radar-agreed.yaml"


def source(publisher: str, kind: str, origin: str | None = None) -> str:
    wrote = f'originating_publisher: "{origin}"\n' if origin else ""
    return (
        f'title: "Report on the radar"\npublisher: "{publisher}"\n{wrote}publisher_type: {kind}\n'
        'url: "https://example.org/report"\npublished: "2025-02-10"\n'
    )


def milestone(sources: list[str], confidence: str | None = "confirmed") -> str:
    lines = [
        "# yaml-language-server: $schema=../../schema/milestone.schema.json",
        'title: "Radar for Mongolia agreed"',
        'date: "2025-02-10"',
        "sources:",
    ]
    lines += [f"  - {s}" for s in sources]
    if confidence:
        lines.append(f"confidence: {confidence}")
    return "\n".join(lines) + "\n"


NEWS_FILES = {NEWS: source("Jiji Press", "news"), OTHER_NEWS: source("Kyodo News", "news")}

CONFIRMED_REFUSAL = (
    "confidence: confirmed needs an official source or sources from two different "
    "publishers; this record cites only Jiji Press (news): add a source from another "
    "publisher or an official one, or mark it reported"
)


def test_confirmed_with_one_news_publisher_is_refused_at_the_confidence_line(tmp_path: Path) -> None:
    make_project(tmp_path, {**NEWS_FILES, MILESTONE: milestone(["jiji-2025-mongolia-radar"])})
    problem = assert_reported(tmp_path, MILESTONE, 6, 13, CONFIRMED_REFUSAL)
    assert format_problem(problem) == f"{MILESTONE}:6:13: {CONFIRMED_REFUSAL}"


def test_two_sources_of_one_publisher_are_still_one_publisher(tmp_path: Path) -> None:
    twin = "content/sources/jiji-2025-mongolia-radar-2.yaml"
    make_project(
        tmp_path,
        {
            **NEWS_FILES,
            twin: source("Jiji Press", "news"),
            MILESTONE: milestone(["jiji-2025-mongolia-radar", "jiji-2025-mongolia-radar-2"]),
        },
    )
    assert_reported(tmp_path, MILESTONE, 7, 13, "this record cites only Jiji Press (news), in 2 sources")


def test_confirmed_left_out_points_at_the_sources(tmp_path: Path) -> None:
    files = {**NEWS_FILES, MILESTONE: milestone(["jiji-2025-mongolia-radar"], confidence=None)}
    make_project(tmp_path, files)
    assert_reported(
        tmp_path,
        MILESTONE,
        4,
        1,
        "sources: confirmed needs an official source or sources from "
        "two different publishers; this record cites only Jiji Press (news)",
    )
    assert "(confidence is confirmed when the field is left out)" in problems_of(tmp_path)[0].message


ON_NIPPON = "content/sources/jiji-nippon-mongolia-radar.yaml"
ON_OANA = "content/sources/jiji-oana-mongolia-radar.yaml"
ONE_WIRE_STORY_REFUSAL = (
    "confidence: expected an official source or sources from two different originating publishers "
    "for confirmed, received only Jiji Press (news) carried by 2 sites (Jiji Press (via nippon.com); "
    "Jiji Press (via OANA)): one wire story seen on several sites counts once; add a source from "
    "another publisher or an official one, or mark it reported"
)


def test_one_wire_story_seen_on_two_sites_is_refused_as_confirmed(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            ON_NIPPON: source("Jiji Press (via nippon.com)", "news", "Jiji Press"),
            ON_OANA: source("Jiji Press (via OANA)", "news", "Jiji Press"),
            MILESTONE: milestone(["jiji-nippon-mongolia-radar", "jiji-oana-mongolia-radar"]),
        },
    )
    problem = assert_reported(tmp_path, MILESTONE, 7, 13, ONE_WIRE_STORY_REFUSAL)
    assert format_problem(problem) == f"{MILESTONE}:7:13: {ONE_WIRE_STORY_REFUSAL}"


def test_the_same_two_sites_with_two_originating_publishers_confirm(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            ON_NIPPON: source("Jiji Press (via nippon.com)", "news", "Jiji Press"),
            ON_OANA: source("Kyodo News (via OANA)", "news", "Kyodo News"),
            MILESTONE: milestone(["jiji-nippon-mongolia-radar", "jiji-oana-mongolia-radar"]),
        },
    )
    assert problems_of(tmp_path) == []


def test_the_originating_publisher_defaults_to_the_publisher(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            ON_NIPPON: source("Jiji Press", "news"),
            ON_OANA: source("Jiji Press (via OANA)", "news", "jiji  press"),  # case and spacing aside
            MILESTONE: milestone(["jiji-nippon-mongolia-radar", "jiji-oana-mongolia-radar"]),
        },
    )
    assert_reported(tmp_path, MILESTONE, 7, 13, "received only Jiji Press (news) carried by 2 sites")


@pytest.mark.parametrize(
    "sources,confidence",
    [
        (["jiji-2025-mongolia-radar", "kyodo-2025-mongolia-radar"], "confirmed"),  # two publishers
        (["jiji-2025-mongolia-radar", "mofa-2025-mongolia-atc-radar"], "confirmed"),  # an official source
        (["mofa-2025-mongolia-atc-radar"], "confirmed"),
        (["jiji-2025-mongolia-radar"], "reported"),
    ],
)
def test_records_that_meet_their_level_are_accepted(
    tmp_path: Path, sources: list[str], confidence: str
) -> None:
    make_project(tmp_path, {**NEWS_FILES, MILESTONE: milestone(sources, confidence)})
    assert problems_of(tmp_path) == []
    assert run_cli(tmp_path, "check").exit_code == 0


def _contested(reading: str) -> str:
    return BASE[EQUIPMENT] + (
        "confidence: contested\n"
        "disputes:\n"
        "  - topic: Range of the radar\n"
        "    readings:\n"
        "      - value: 200 km\n"
        "        sources: [mofa-2025-mongolia-atc-radar]\n"
        f"{reading}"
    )


READING_REFUSAL = (
    "disputes[0].readings[1]: the reading '250 km' cites no source and says nobody gave it: "
    "cite a source that states it, or keep sources: [] and add according_to naming who said "
    "it"
)


def test_a_contested_reading_cited_to_nothing_without_attribution_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path, {EQUIPMENT: _contested("      - value: 250 km\n        sources: []\n")})
    problem = assert_reported(tmp_path, EQUIPMENT, 21, 9, READING_REFUSAL)
    assert format_problem(problem) == f"{EQUIPMENT}:21:9: {READING_REFUSAL}"


def test_a_reading_with_no_sources_field_at_all_is_refused_too(tmp_path: Path) -> None:
    make_project(tmp_path, {EQUIPMENT: _contested("      - value: 250 km\n")})
    assert_reported(tmp_path, EQUIPMENT, 21, 9, "the reading '250 km' cites no source and says nobody")


def test_a_reading_with_an_attribution_and_no_source_is_accepted(tmp_path: Path) -> None:
    reading = "      - value: 250 km\n        according_to: a defence magazine\n        sources: []\n"
    make_project(tmp_path, {EQUIPMENT: _contested(reading)})
    assert problems_of(tmp_path) == []


def test_a_refused_source_does_not_also_fail_the_records_that_cite_it(tmp_path: Path) -> None:
    broken = BASE[SOURCE].replace("publisher_type: official", "publisher_type: ministry")
    make_project(tmp_path, {SOURCE: broken})
    assert [format_problem(p) for p in problems_of(tmp_path)] == [
        f"{SOURCE}:6:17: publisher_type: expected one of 'official', 'news', 'research' or 'other', "
        "received 'ministry'"
    ]


def test_a_source_without_publisher_type_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path, {SOURCE: BASE[SOURCE].replace("publisher_type: official\n", "")})
    assert_reported(
        tmp_path,
        SOURCE,
        2,
        1,
        "publisher_type: required field is missing; expected one of official, news, research, other",
    )


def test_every_publisher_type_has_a_label_and_every_level_a_rule() -> None:
    assert list(PUBLISHER_TYPES) == list(PublisherType.__args__)
    assert [level.name for level in LEVELS] == list(Confidence.__args__)


# --- The confirmed rule, as a property ---------------------------------------------------------------


def _fake_sources(cited: list[tuple[str, str | None, str]]) -> tuple[dict, list[str]]:
    sources = {
        f"s{i}": SimpleNamespace(publisher=site, originating_publisher=origin, publisher_type=t)
        for i, (site, origin, t) in enumerate(cited)
    }
    return sources, list(sources)


AGENCIES = ["Jiji Press", "Kyodo News", "AFP"]


@st.composite
def cited_sources(draw: st.DrawFn) -> tuple[str, str | None, str]:
    """A source: any site name, the agency that wrote it (or none: the site wrote it) and a type."""
    site = draw(st.text(min_size=1, max_size=12).filter(str.strip))
    origin = draw(st.one_of(st.none(), st.sampled_from(AGENCIES)))
    return site, origin, draw(st.sampled_from(list(PUBLISHER_TYPES)))


def _writer(site: str, origin: str | None) -> str:
    return " ".join((origin or site).split()).casefold()


@settings(max_examples=150, deadline=None)
@given(st.lists(cited_sources(), max_size=4))
def test_confirmed_holds_iff_an_official_source_or_two_originating_publishers(cited: list) -> None:
    sources, ids = _fake_sources(cited)
    claim = Claim(entry=None, loc=(), model=SimpleNamespace(sources=ids))  # type: ignore[arg-type]
    refused = list(LEVELS[0].check(claim, sources))
    writers = {_writer(site, origin) for site, origin, _ in cited}
    expected_ok = any(t == "official" for _, _, t in cited) or len(writers) >= 2
    assert (not refused) == expected_ok


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=12).filter(str.strip), min_size=2, max_size=5, unique=True),
    st.sampled_from(AGENCIES),
)
def test_one_agencys_story_never_confirms_whatever_the_sites_are_called(sites: list, agency: str) -> None:
    sources, ids = _fake_sources([(site, agency, "news") for site in sites])
    claim = Claim(entry=None, loc=(), model=SimpleNamespace(sources=ids))  # type: ignore[arg-type]
    assert [loc for loc, _ in LEVELS[0].check(claim, sources)] == [("confidence",)]


def test_a_reading_with_no_source_shows_as_no_source_on_record(tmp_path: Path) -> None:
    from osa_site.model.index import build_index
    from osa_site.model.site import SiteContext
    from osa_site.render.site import render_site

    reading = "      - value: 250 km\n        according_to: a defence magazine\n        sources: []\n"
    make_project(tmp_path, {EQUIPMENT: _contested(reading)})
    pages = render_site(build_index(load_dataset(tmp_path / "content", tmp_path)), SiteContext())
    assert (
        "- 250 km (according to a defence magazine; no source on record)"
        in pages["equipment/2024-mongolia-atc-radar.md"]
    )
    assert "- 250 km (according to a defence magazine; no source on record)" in pages["discrepancies.md"]
    assert "- 200 km[^1]" in pages["equipment/2024-mongolia-atc-radar.md"]  # the sourced reading is cited


def test_a_source_page_says_who_wrote_a_story_another_site_carries(tmp_path: Path) -> None:
    from osa_site.model.index import build_index
    from osa_site.model.site import SiteContext
    from osa_site.render.site import render_site

    make_project(
        tmp_path,
        {
            ON_NIPPON: source("Jiji Press (via nippon.com)", "news", "Jiji Press"),
            OTHER_NEWS: source("Kyodo News", "news"),
        },
    )
    pages = render_site(build_index(load_dataset(tmp_path / "content", tmp_path)), SiteContext())
    assert (
        "Written by Jiji Press and carried by Jiji Press \\(via nippon\\.com\\): for the confirmed rule it "
        "counts as Jiji Press." in pages["sources/jiji-nippon-mongolia-radar.md"]
    )
    assert "Written by" not in pages["sources/kyodo-2025-mongolia-radar.md"]  # it wrote its own story
