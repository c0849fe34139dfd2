"""Reading record files: every way a file can fail to be plain YAML data gets one located message.

Each case is checked twice, through `load_dataset` and through `osa-site check`
(see fixtures/projects.py), with the exact message fragment, line and column.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fixtures.projects import BASE, EQUIPMENT, RECIPIENT, SOURCE, assert_reported, dataset_of, make_project

from osa_site.i18n.dates import PartialDate
from osa_site.records.loader import MAX_DEPTH, MAX_DIGITS, LoadError, parse_yaml

HEAD = "# yaml-language-server: $schema=../../schema/equipment.schema.json\n"

LOL = (
    HEAD
    + 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
)

# (case id, file body, line, column, message fragment)
FILE_CASES = [
    (
        "syntax-unclosed-list",
        HEAD + "title: [unclosed\nrecipient: mongolia\n",
        2,
        8,
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence); "
        "a list in [ ] is not closed",
    ),
    (
        "syntax-colon-in-value",
        HEAD + "title: Radar: for Mongolia\n",
        2,
        13,
        "YAML syntax error: mapping values are not allowed in this context; a value holds ': '",
    ),
    (
        "syntax-missing-colon",
        HEAD + "title: Radar\nrecipient mongolia\ndomain: air\n",
        3,
        1,
        "this line is not 'name: value'",
    ),
    ("syntax-unclosed-quote", HEAD + 'title: "Radar\nrecipient: mongolia\n', 2, 8, "a quote is not closed"),
    (
        "syntax-two-documents",
        HEAD + "title: Radar\n---\ntitle: Other\n",
        3,
        1,
        "a record file holds one YAML document; remove the '---' line",
    ),
    (
        "tab-indentation",
        HEAD + "exchange_of_notes:\n\tdate: 2025-02-10\n",
        3,
        1,
        "tab characters cannot indent YAML; indent with spaces",
    ),
    ("empty-file", "", 1, 1, "the file is empty; expected a mapping of fields (name: value)"),
    ("only-comments", HEAD + "# nothing yet\n", 1, 1, "the file is empty; expected a mapping of fields"),
    (
        "a-list",
        HEAD + "- title: Radar\n- recipient: mongolia\n",
        2,
        1,
        "expected a mapping of fields (name: value), received a list",
    ),
    (
        "a-scalar",
        HEAD + "Radar for Mongolia\n",
        2,
        1,
        "expected a mapping of fields (name: value), received 'Radar for Mongolia'",
    ),
    (
        "duplicate-key",
        BASE[EQUIPMENT].replace("domain: air\n", "domain: air\ndomain: land\n"),
        6,
        1,
        "the field 'domain' is set twice (first on line 5); keep only one",
    ),
    (
        "duplicate-nested-key",
        BASE[EQUIPMENT].replace('  place: "Ulaanbaatar"\n', '  place: "Ulaanbaatar"\n  date: "2025-02-11"\n'),
        11,
        3,
        "the field 'date' is set twice (first on line 9)",
    ),
    (
        "python-tag",
        HEAD + 'title: !!python/object/apply:os.system ["echo pwned"]\n',
        2,
        8,
        "YAML tags such as '!!python/object/apply:os.system' are not allowed in records",
    ),
    (
        "python-name-tag",
        HEAD + "title: !!python/name:os.system\n",
        2,
        8,
        "YAML tags such as '!!python/name:os.system' are not allowed",
    ),
    (
        "custom-tag",
        BASE[EQUIPMENT].replace("domain: air", "domain: !secret air"),
        5,
        9,
        "YAML tags such as '!secret' are not allowed",
    ),
    (
        "billion-laughs",
        LOL,
        2,
        4,
        "anchors and aliases (&name and *name) are not allowed in records, found &a; "
        "write the value out in full",
    ),
    (
        "lone-anchor",
        BASE[EQUIPMENT].replace("domain: air", "domain: &d air"),
        5,
        9,
        "anchors and aliases (&name and *name) are not allowed in records, found &d",
    ),
    (
        "undefined-alias",
        BASE[EQUIPMENT].replace("domain: air", "domain: *d"),
        5,
        9,
        "anchors and aliases (&name and *name) are not allowed",
    ),
]


@pytest.mark.parametrize(
    "body,line,column,fragment", [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_bad_file_is_reported_where_it_is(
    tmp_path: Path, body: str, line: int, column: int, fragment: str
) -> None:
    make_project(tmp_path, {EQUIPMENT: body})
    assert_reported(tmp_path, EQUIPMENT, line, column, fragment)


def test_not_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    body = BASE[EQUIPMENT].replace("Mongolian Air Force", "Force aérienne").encode("utf-8")
    body = body.replace("é".encode(), "é".encode("latin-1"))
    make_project(tmp_path, {EQUIPMENT: body})
    assert_reported(tmp_path, EQUIPMENT, 3, 50, "the file is not valid UTF-8 text; save it as UTF-8")


def test_file_over_one_megabyte_is_refused_without_parsing(tmp_path: Path) -> None:
    body = BASE[EQUIPMENT] + "notes: " + "x" * 1_000_001 + "\n"
    make_project(tmp_path, {EQUIPMENT: body})
    assert_reported(tmp_path, EQUIPMENT, 1, 1, "bytes; a record may be at most 1,000,000 bytes (1 MB)")


def test_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    body = HEAD + f'title: !!python/object/apply:os.system ["touch {marker}"]\n'
    make_project(tmp_path, {EQUIPMENT: body})
    assert_reported(tmp_path, EQUIPMENT, 2, 8, "are not allowed in records")
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        parse_yaml(LOL, "bomb.yaml")
    assert time.perf_counter() - started < 1.0
    assert caught.value.problem.line == 2


# --- Files that must load untouched ---------------------------------------------------------------


def test_thai_and_japanese_text_load_unchanged(tmp_path: Path) -> None:
    thai, japanese = "ประเทศไทย กองทัพเรือ", "防衛装備品・技術移転協定"
    make_project(
        tmp_path,
        {
            EQUIPMENT: BASE[EQUIPMENT].replace(
                'title: "Air traffic control radar for the Mongolian Air Force"',
                f'title: {japanese}\nnotes: "{thai}"',
            ),
            RECIPIENT: BASE[RECIPIENT].replace('local_name: "Монгол Улс"', f"local_name: {thai}"),
        },
    )
    data = dataset_of(tmp_path)
    assert data.get("equipment", "2024-mongolia-atc-radar").record.title == japanese
    assert data.get("equipment", "2024-mongolia-atc-radar").record.notes == thai
    assert data.get("recipients", "mongolia").record.local_name == thai


def test_crlf_line_endings_and_bom_load_unchanged(tmp_path: Path) -> None:
    files = {rel: b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode() for rel, body in BASE.items()}
    make_project(tmp_path, files)
    record = dataset_of(tmp_path).get("equipment", "2024-mongolia-atc-radar").record
    assert record.title == "Air traffic control radar for the Mongolian Air Force"
    assert record.exchange_of_notes.place == "Ulaanbaatar"


def test_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    body = BASE[EQUIPMENT].replace("fiscal_year: 2024", "fiscal_year: FY24").replace("\n", "\r\n")
    make_project(tmp_path, {EQUIPMENT: b"\xef\xbb\xbf" + body.encode()})
    assert_reported(tmp_path, EQUIPMENT, 6, 14, "received 'FY24'")


def test_comments_are_ignored(tmp_path: Path) -> None:
    body = BASE[EQUIPMENT].replace(
        "fiscal_year: 2024", "# funded from the FY2024 budget\nfiscal_year: 2024  # FY"
    )
    make_project(tmp_path, {EQUIPMENT: body})
    assert dataset_of(tmp_path).get("equipment", "2024-mongolia-atc-radar").record.fiscal_year == 2024


@pytest.mark.parametrize("written", ['"2025-02-10"', "'2025-02-10'", "2025-02-10"])
def test_quoted_and_unquoted_dates_are_the_same(tmp_path: Path, written: str) -> None:
    make_project(
        tmp_path,
        {
            EQUIPMENT: BASE[EQUIPMENT].replace('"2025-02-10"', written),
            SOURCE: BASE[SOURCE].replace('"2025-02-10"', written),
        },
    )
    data = dataset_of(tmp_path)
    equipment = data.get("equipment", "2024-mongolia-atc-radar").record
    assert equipment.exchange_of_notes.date == PartialDate(2025, 2, 10)
    assert data.get("sources", "mofa-2025-mongolia-atc-radar").record.published == PartialDate(2025, 2, 10)


@pytest.mark.parametrize(
    "text,value",
    [
        ("a: no", "no"),
        ("a: on", "on"),
        ("a: 010", "010"),
        ("a: 2023-04-05", "2023-04-05"),
        ("a: 1_000", 1000),
        ("a: -5", -5),
        ("a: 1.5", 1.5),
        ("a: true", True),
        ("a: ~", None),
        ("a: '12'", "12"),
        ("a: 0x10", "0x10"),
        ("a: .inf", ".inf"),
    ],
)
def test_scalars_keep_what_the_editor_wrote(text: str, value: object) -> None:
    data, _, _ = parse_yaml(text + "\n", "x.yaml")
    assert data == {"a": value} and type(data["a"]) is type(value)


def test_locations_are_one_based_line_and_column() -> None:
    _, locations, keys = parse_yaml("a: 1\nb:\n  c: [x, y]\n", "x.yaml")
    assert locations[("b", "c", 1)] == (3, 10)
    assert keys[("b", "c")] == (3, 3)


# --- The event walk: same data as PyYAML's composer, with bounds ----------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("a: !!str 5", "5"),
        ("a: ! 010", "010"),
        ("a: 1.5e5", "1.5e5"),
        ("a: 1.5e+5", 150000.0),
        ("a: {b: [1, {c: d}]}", {"b": [1, {"c": "d"}]}),
        ("<<: x", "x"),
        ("a: !!map {b: 1}", {"b": 1}),
    ],
)
def test_the_event_walk_reads_values_as_the_composer_did(text: str, value: object) -> None:
    data, _, _ = parse_yaml(text + "\n", "x.yaml")
    assert list(data.values()) == [value]


def test_a_mapping_as_a_field_name_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml("? [a, b]\n: 1\n", "x.yaml")
    assert (caught.value.problem.line, caught.value.problem.message) == (1, "a field name must be plain text")


def test_numbers_up_to_the_digit_limit_are_read() -> None:
    assert parse_yaml(f"a: {'9' * MAX_DIGITS}\n", "x.yaml")[0] == {"a": int("9" * MAX_DIGITS)}
    too_many = f"at most {MAX_DIGITS} digits, received one of {MAX_DIGITS + 1} digits"
    with pytest.raises(LoadError, match=too_many):
        parse_yaml(f"a: {'9' * (MAX_DIGITS + 1)}\n", "x.yaml")
    assert parse_yaml(f"a: '{'9' * 5_000}'\n", "x.yaml")[0]["a"] == "9" * 5_000  # quoted: text, no limit


def test_nesting_up_to_the_depth_limit_is_read() -> None:
    inner = MAX_DEPTH - 1  # the record's own mapping is the first level
    data, _, _ = parse_yaml("a: " + "[" * inner + "]" * inner + "\n", "x.yaml")
    assert data["a"] is not None
    with pytest.raises(LoadError, match=f"nested more than {MAX_DEPTH} levels deep"):
        parse_yaml("a: " + "[" * (inner + 1) + "]" * (inner + 1) + "\n", "x.yaml")
