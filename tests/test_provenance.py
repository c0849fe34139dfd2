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

from osa_site.problems import format_problem
from osa_site.provenance import LEVELS, Claim
from osa_site.schema import PUBLISHER_TYPES, Confidence, PublisherType
from osa_site.validate import load_dataset

NEWS = "content/sources/jiji-2025-mongolia-radar.yaml"
OTHER_NEWS = "content/sources/kyodo-2025-mongolia-radar.yaml"
MILESTONE = "content/milestones/mongolia-radar-agreed.yaml"


def source(publisher: str, kind: str) -> str:
    return (
        f'title: "Report on the radar"\npublisher: "{publisher}"\npublisher_type: {kind}\n'
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


def _fake_sources(cited: list[tuple[str, str]]) -> tuple[dict, list[str]]:
    sources = {f"s{i}": SimpleNamespace(publisher=p, publisher_type=t) for i, (p, t) in enumerate(cited)}
    return sources, list(sources)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["MOFA", "Jiji", "Kyodo"]), st.sampled_from(list(PUBLISHER_TYPES))),
        max_size=4,
    )
)
def test_confirmed_holds_exactly_with_an_official_source_or_two_publishers(cited: list) -> None:
    sources, ids = _fake_sources(cited)
    claim = Claim(entry=None, loc=(), model=SimpleNamespace(sources=ids))  # type: ignore[arg-type]
    refused = list(LEVELS[0].check(claim, sources))
    expected_ok = any(t == "official" for _, t in cited) or len({p for p, _ in cited}) >= 2
    assert (not refused) == expected_ok


def test_a_reading_with_no_source_shows_as_no_source_on_record(tmp_path: Path) -> None:
    from osa_site.index import build_index
    from osa_site.render.common import SiteContext
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
