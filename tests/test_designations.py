"""Designations: the record kind, its checks, the derived outcomes and where the site shows them."""

from __future__ import annotations

from pathlib import Path

from fixtures.projects import dataset_of, make_project, problems_of
from hypothesis import given, settings
from hypothesis import strategies as st
from test_provenance import NEWS, source

from osa_site.i18n.dates import PartialDate
from osa_site.model.designations import _status, months_between
from osa_site.model.index import build_index
from osa_site.model.site import SiteContext
from osa_site.records.problems import format_problem
from osa_site.render.site import render_site

D2024 = "content/designations/2024.yaml"
D2025 = "content/designations/2025.yaml"
MODELINE = "# yaml-language-server: $schema=../../schema/designation.schema.json\n"


def recipient(name: str, iso3: str) -> str:
    return f'name: "{name}"\niso3: {iso3}\nregion: Southeast Asia\n'


def designation(year: int, *countries: tuple[str, str, str, str]) -> str:
    text = MODELINE + f"fiscal_year: {year}\ncountries:\n"
    for rid, reported, confidence, src in countries:
        text += (
            f'  - recipient: {rid}\n    reported: "{reported}"\n    confidence: {confidence}\n'
            f"    sources: [{src}]\n"
        )
    return text


MOFA = "mofa-2025-mongolia-atc-radar"
FILES = {
    "content/recipients/viet-nam.yaml": recipient("Viet Nam", "VNM"),
    "content/recipients/thailand.yaml": recipient("Thailand", "THA"),
    D2024: designation(
        2024, ("mongolia", "2024-11", "confirmed", MOFA), ("viet-nam", "2023-11", "reported", MOFA)
    ),
    D2025: designation(2025, ("thailand", "2025-06", "reported", MOFA)),
}


def index_of(root: Path, data_changed: str | None = None):  # noqa: ANN201
    return build_index(dataset_of(root), data_changed)


def outcomes(index) -> dict[str, str]:  # noqa: ANN001
    return {o.recipient: o.text() for o in index.designations}


def test_outcomes_are_judged_against_the_latest_date_in_the_records(tmp_path: Path) -> None:
    index = index_of(make_project(tmp_path, FILES))
    assert str(index.as_of) == "2025-06"  # the latest date any record gives: Thailand's report
    assert outcomes(index) == {
        "mongolia": "became a project",
        "viet-nam": "did not become a project in FY2024",
        "thailand": "no exchange of notes found yet",
    }


def test_a_later_record_or_commit_ends_the_fiscal_year(tmp_path: Path) -> None:
    make_project(tmp_path, FILES)
    assert outcomes(index_of(tmp_path, "2026-04-01"))["thailand"] == "did not become a project in FY2025"
    assert outcomes(index_of(tmp_path, "2026-03-31"))["thailand"] == "no exchange of notes found yet"
    later = source("Jiji Press", "news").replace("2025-02-10", "2026-05")
    make_project(tmp_path, {**FILES, NEWS: later})
    assert outcomes(index_of(tmp_path))["thailand"] == "did not become a project in FY2025"


def test_status_is_derived_from_projects_and_designations(tmp_path: Path) -> None:
    index = index_of(make_project(tmp_path, FILES))
    assert [index.status(r) for r in ("mongolia", "viet-nam", "thailand")] == [
        "recipient",
        "designated",
        "designated",
    ]


def test_months_from_report_to_exchange_of_notes() -> None:
    from osa_site.i18n.dates import parse_partial_date as d

    assert months_between(d("2024-11"), d("2025-02-10")) == 3
    assert months_between(d("2024"), d("2025-02-10")) is None  # a year alone is too coarse


def _pages(root: Path) -> dict[str, str]:
    return render_site(index_of(root), SiteContext(site_url="https://example.org/"))


def test_pages_show_designations_and_their_outcomes(tmp_path: Path) -> None:
    pages = _pages(make_project(tmp_path, FILES))
    viet_nam = pages["recipients/viet-nam.md"]
    assert "| OSA status | Designated only (no signed project found) |" in viet_nam
    assert "[FY2024](../designations/2024.md)" in viet_nam
    assert "Did not become a project in FY2024" in viet_nam
    mongolia = pages["recipients/mongolia.md"]
    assert "| OSA status | Recipient |" in mongolia and "| 3 months |" in mongolia
    assert "Became a project: [Air traffic control radar" in pages["designations/2024.md"]
    assert "No exchange of notes found yet" in pages["designations/index.md"]
    timeline = pages["timeline.md"]
    assert 'data-kind="designated" data-country="vnm"' in timeline
    assert (
        'Designation reported: <a href="../designations/2024/">Designated for FY2024</a> (Viet Nam)'
        in timeline
    )
    assert "**1** countries with at least one signed project, and **2** more designated" in pages["index.md"]
    row = next(line for line in pages["recipients/index.md"].splitlines() if "viet-nam.md" in line)
    assert "| Designated only | FY2024 | 0 |" in row


def test_a_designation_file_is_named_for_its_year(tmp_path: Path) -> None:
    make_project(tmp_path, {**FILES, D2025: None, "content/designations/2026.yaml": FILES[D2025]})
    expected = (
        "content/designations/2026.yaml:2:14: fiscal_year: the file is named '2026' but holds fiscal "
        "year 2025; name it 2025.yaml"
    )
    assert expected in [format_problem(p) for p in problems_of(tmp_path)]


def test_a_country_listed_twice_and_an_unknown_country_are_refused(tmp_path: Path) -> None:
    twice = designation(
        2025,
        ("thailand", "2025-06", "reported", MOFA),
        ("thailand", "2025-07", "reported", MOFA),
        ("thailnd", "2025-06", "reported", MOFA),
    )
    make_project(tmp_path, {**FILES, D2025: twice})
    assert [format_problem(p) for p in problems_of(tmp_path)] == [
        f"{D2025}:8:16: countries[1].recipient: 'thailand' is already listed as countries[0]; list each "
        "country once per fiscal year and cite every source there",
        f"{D2025}:12:16: countries[2].recipient: no recipient record has the id 'thailnd' (looked for "
        "content/recipients/thailnd.yaml); did you mean 'thailand'?",
    ]


def test_a_designated_country_follows_the_confidence_rules(tmp_path: Path) -> None:
    news = designation(2025, ("thailand", "2025-06", "confirmed", "jiji-2025-mongolia-radar"))
    make_project(tmp_path, {**FILES, NEWS: source("Jiji Press", "news"), D2025: news})
    assert [format_problem(p) for p in problems_of(tmp_path)] == [
        f"{D2025}:6:17: countries[0].confidence: confirmed needs an official source or sources from two "
        "different publishers; this record cites only Jiji Press (news): add a source from another publisher "
        "or an official one, or mark it reported"
    ]


@settings(max_examples=60, deadline=None)
@given(st.integers(2023, 2030), st.integers(2023, 2032), st.integers(0, 12), st.integers(0, 28))
def test_a_designation_lapses_only_after_its_year_ends(year: int, y: int, m: int, d: int) -> None:
    as_of = PartialDate(y, m, d if m else 0)
    status = _status((), year, as_of)
    assert status == ("lapsed" if as_of > PartialDate(year + 1, 3, 31) else "pending")
    assert _status(("a project",), year, as_of) == "project"  # type: ignore[arg-type]


def test_the_last_day_and_month_of_a_fiscal_year_are_still_inside_it() -> None:
    cases = {
        "2026-03-31": "pending",
        "2026-03": "pending",
        "2026": "pending",
        "2026-04": "lapsed",
        "2026-04-01": "lapsed",
        "2027": "lapsed",
        "2025-04-01": "pending",
    }
    from osa_site.i18n.dates import parse_partial_date

    assert {k: _status((), 2025, parse_partial_date(k)) for k in cases} == cases
