"""Validating records: wrong fields, types, dates, references, ids and addresses.

Each case is checked through `load_dataset` and through `osa-site check`, with
the exact message fragment, line and column (see fixtures/projects.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.projects import (
    BASE,
    BUDGET,
    EQUIPMENT,
    RECIPIENT,
    SOURCE,
    assert_reported,
    dataset_of,
    edited,
    make_project,
    problems_of,
)

from osa_site.records.problems import format_problem

E, S = EQUIPMENT, SOURCE

# (case id, files, path, line, column, message fragment)
CASES = [
    (
        "unknown-field-did-you-mean",
        edited(E, "recipient:", "recipent:"),
        E,
        4,
        1,
        "recipent: unknown field 'recipent'; did you mean 'recipient'?",
    ),
    (
        "unknown-nested-field",
        edited(E, "  place:", "  plase:"),
        E,
        10,
        3,
        "unknown field 'plase'; did you mean 'place'?",
    ),
    (
        "unknown-field-no-match",
        edited(E, "domain: air", "domain: air\ncolour: blue"),
        E,
        6,
        1,
        "unknown field 'colour'; it is not part of this kind of record",
    ),
    (
        "fiscal-year-text",
        edited(E, "fiscal_year: 2024", "fiscal_year: FY24"),
        E,
        6,
        14,
        "fiscal_year: expected a whole-number Japanese fiscal year such as 2024, received 'FY24'",
    ),
    (
        "fiscal-year-quoted",
        edited(E, "fiscal_year: 2024", 'fiscal_year: "2024"'),
        E,
        6,
        14,
        "received '2024'; write the number without quotes",
    ),
    (
        "fiscal-year-bool",
        edited(E, "fiscal_year: 2024", "fiscal_year: true"),
        E,
        6,
        14,
        "expected a whole-number Japanese fiscal year such as 2024, received true",
    ),
    (
        "fiscal-year-decimal",
        edited(E, "fiscal_year: 2024", "fiscal_year: 2024.5"),
        E,
        6,
        14,
        "expected a whole-number Japanese fiscal year such as 2024, received 2024.5",
    ),
    (
        "fiscal-year-too-early",
        edited(E, "fiscal_year: 2024", "fiscal_year: 2019"),
        E,
        6,
        14,
        "received 2019 (it must be at least 2023, since OSA began in FY2023)",
    ),
    (
        "fiscal-year-too-late",
        edited(E, "fiscal_year: 2024", "fiscal_year: 2099"),
        E,
        6,
        14,
        "received 2099 (it must be at most 2040)",
    ),
    (
        "negative-amount",
        edited(E, "amount_jpy: 1300000000", "amount_jpy: -5"),
        E,
        7,
        13,
        "amount_jpy: expected a whole number of yen, zero or more, received -5 (it must be at least 0)",
    ),
    (
        "amount-with-commas",
        edited(E, "amount_jpy: 1300000000", "amount_jpy: 1,300,000,000"),
        E,
        7,
        13,
        "expected a whole number of yen, zero or more, received '1,300,000,000'",
    ),
    (
        "impossible-date",
        edited(E, '"2025-02-10"', "2023-02-30"),
        E,
        9,
        9,
        "exchange_of_notes.date: '2023-02-30' is not a real date: February 2023 has no day 30",
    ),
    (
        "impossible-month",
        edited(E, '"2025-02-10"', "2023-13"),
        E,
        9,
        9,
        "'2023-13' is not a real date: there is no month 13",
    ),
    (
        "two-digit-year",
        edited(E, '"2025-02-10"', "23-01-01"),
        E,
        9,
        9,
        "expected a date written as YYYY-MM-DD, YYYY-MM or YYYY, received '23-01-01'",
    ),
    (
        "slashed-date",
        edited(S, '"2025-02-10"', "2025/02/10"),
        S,
        5,
        12,
        "expected a date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown', received '2025/02/10'",
    ),
    ("missing-required", edited(E, "domain: air\n", ""), E, 3, 1, "domain: required field is missing"),
    (
        "empty-required",
        edited(E, 'title: "Air traffic control radar for the Mongolian Air Force"', "title:"),
        E,
        3,
        7,
        "title: expected text, received nothing (an empty value)",
    ),
    (
        "bad-choice",
        edited(E, "domain: air", "domain: airforce"),
        E,
        5,
        9,
        "expected one of 'maritime', 'air', 'land', 'disaster-response', 'infrastructure' or 'peacekeeping', "
        "received 'airforce'",
    ),
    (
        "missing-recipient",
        edited(E, "recipient: mongolia", "recipient: mongolai"),
        E,
        4,
        12,
        "no recipient record has the id 'mongolai' (looked for content/recipients/mongolai.yaml); "
        "did you mean 'mongolia'?",
    ),
    (
        "missing-source",
        edited(E, "  - mofa-2025-mongolia-atc-radar", "  - mofa-2025-mongolia-radar"),
        E,
        14,
        5,
        "sources[0]: no source record has the id 'mofa-2025-mongolia-radar' "
        "(looked for content/sources/mofa-2025-mongolia-radar.yaml); "
        "did you mean 'mofa-2025-mongolia-atc-radar'?",
    ),
    (
        "missing-source-nested",
        edited(
            E,
            '  - name: "air traffic control radar"',
            '  - name: "radar"\nlifecycle:\n  - stage: handover\n    date: 2026-01\n'
            "    sources: [mofa-2026-handover]",
        ),
        E,
        16,
        15,
        "lifecycle[0].sources[0]: no source record has the id 'mofa-2026-handover'",
    ),
    (
        "javascript-url",
        edited(
            S,
            '"https://www.mofa.go.jp/press/release/pressite_000001_01234.html"',
            '"javascript:alert(document.cookie)"',
        ),
        S,
        4,
        6,
        "url: expected a web address starting with http:// or https://, "
        "received 'javascript:alert(document.cookie)'",
    ),
    (
        "data-url",
        edited(
            S,
            '"https://www.mofa.go.jp/press/release/pressite_000001_01234.html"',
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        ),
        S,
        4,
        6,
        "url: expected a web address starting with http:// or https://, received 'data:text/html;base64,",
    ),
    (
        "contested-without-disputes",
        {E: BASE[E] + "confidence: contested\n"},
        E,
        15,
        13,
        "confidence: a contested record needs a 'disputes' list showing each reading",
    ),
    (
        "budget-file-name",
        {"content/budgets/2025.yaml": BASE[BUDGET], BUDGET: None},
        "content/budgets/2025.yaml",
        2,
        14,
        "the file is named '2025' but holds fiscal year 2024; name it 2024.yaml",
    ),
]


@pytest.mark.parametrize("files,path,line,column,fragment", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_problem_is_reported_where_it_is(
    tmp_path: Path, files: dict, path: str, line: int, column: int, fragment: str
) -> None:
    make_project(tmp_path, files)
    assert_reported(tmp_path, path, line, column, fragment)


def test_the_example_message_reads_exactly_as_documented(tmp_path: Path) -> None:
    make_project(tmp_path, edited(E, "fiscal_year: 2024", "fiscal_year: FY24"))
    assert [format_problem(p) for p in problems_of(tmp_path)] == [
        "content/equipment/2024-mongolia-atc-radar.yaml:6:14: fiscal_year: expected a whole-number Japanese "
        "fiscal year such as 2024, received 'FY24'"
    ]


def test_a_misspelt_field_is_one_problem_not_two(tmp_path: Path) -> None:
    make_project(tmp_path, edited(E, "recipient:", "recipent:"))
    assert len(problems_of(tmp_path)) == 1


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    body = BASE[E].replace("fiscal_year: 2024", "fiscal_year: FY24").replace("domain: air", "domain: sea")
    make_project(tmp_path, {E: body.replace("amount_jpy: 1300000000", "amount_jpy: -1")})
    assert [(p.line, p.field) for p in problems_of(tmp_path)] == [
        (5, "domain"),
        (6, "fiscal_year"),
        (7, "amount_jpy"),
    ]


def test_a_refused_source_is_not_reported_again_by_each_record_citing_it(tmp_path: Path) -> None:
    make_project(tmp_path, edited(S, '"https://www.mofa', '"javascript://www.mofa'))
    assert [p.path for p in problems_of(tmp_path)] == [S]


# --- Ids and file names ---------------------------------------------------------------------------


def test_ids_differing_only_in_case_are_reported_on_both_files(tmp_path: Path) -> None:
    other = "content/sources/MOFA-2025-mongolia-atc-radar.yaml"
    make_project(tmp_path, {other: BASE[S]})
    assert_reported(
        tmp_path,
        S,
        1,
        1,
        f"the id 'mofa-2025-mongolia-atc-radar' is also used by {other}; "
        "ids must be unique (ignoring case and the .yaml/.yml ending)",
    )
    assert_reported(tmp_path, other, 1, 1, f"is also used by {S}")
    assert_reported(
        tmp_path,
        other,
        1,
        1,
        "the file name 'MOFA-2025-mongolia-atc-radar' is not a valid "
        "id: use lowercase letters, digits and hyphens, for example "
        "'mofa-2025-mongolia-atc-radar.yaml'",
    )
    assert {p.path for p in problems_of(tmp_path)} == {S, other}  # nothing cascades to the citing records


def test_yaml_and_yml_with_one_id_clash(tmp_path: Path) -> None:
    other = "content/sources/mofa-2025-mongolia-atc-radar.yml"
    make_project(tmp_path, {other: BASE[S]})
    assert_reported(tmp_path, other, 1, 1, f"is also used by {S}")


@pytest.mark.parametrize(
    "name,proposal",
    [
        ("My Source", "my-source"),
        ("mofa_2025", "mofa-2025"),
        ("-leading", "leading"),
        ("a--b", "a-b"),
    ],
)
def test_file_names_that_are_not_ids(tmp_path: Path, name: str, proposal: str) -> None:
    path = f"content/sources/{name}.yaml"
    make_project(tmp_path, {path: BASE[S]})
    assert_reported(
        tmp_path,
        path,
        1,
        1,
        f"the file name {name!r} is not a valid id: use lowercase letters, "
        f"digits and hyphens, for example '{proposal}.yaml'",
    )


def test_records_outside_a_record_folder_are_reported(tmp_path: Path) -> None:
    stray = "content/equipments/2025-x.yaml"
    make_project(tmp_path, {stray: BASE[E]})
    assert_reported(
        tmp_path,
        stray,
        1,
        1,
        "this file is not read: the folder content/equipments/ is not a "
        "record folder; did you mean 'equipment'?",
    )


def test_a_mis_cased_ending_is_reported(tmp_path: Path) -> None:
    path = "content/sources/mofa-2025-extra.YAML"
    make_project(tmp_path, {path: BASE[S]})
    assert_reported(
        tmp_path, path, 1, 1, "the file ending '.YAML' is not read; rename it to 'mofa-2025-extra.yaml'"
    )


def test_hand_written_pages_are_not_records(tmp_path: Path) -> None:
    make_project(
        tmp_path, {"content/pages/about.md": "# About\n", "content/pages/data.yaml": "not: a record\n"}
    )
    assert problems_of(tmp_path) == []


# --- Text that is accepted as it is -------------------------------------------------------------


def test_html_and_markdown_in_text_are_accepted_as_text(tmp_path: Path) -> None:
    title = "<script>alert(1)</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)>"
    make_project(
        tmp_path,
        {
            E: BASE[E].replace('"Air traffic control radar for the Mongolian Air Force"', "'" + title + "'"),
            RECIPIENT: BASE[RECIPIENT].replace('"Mongolia"', '"Mongolia | <b>MN</b>"'),
        },
    )
    data = dataset_of(tmp_path)
    assert data.get("equipment", "2024-mongolia-atc-radar").record.title == title
    assert data.get("recipients", "mongolia").record.name == "Mongolia | <b>MN</b>"
