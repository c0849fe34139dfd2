"""Hostile or careless input (issue 9, input side): each class is refused with one located message.

Every case goes through `load_dataset` and `osa-site check` (see fixtures/projects.py) and asserts
the line, column and words of the message. None of them may raise: a traceback fails the test.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from fixtures.projects import (
    BASE,
    EQUIPMENT,
    RECIPIENT,
    SOURCE,
    assert_reported,
    dataset_of,
    edited,
    make_project,
    problems_of,
    run_cli,
)

from osa_site.records.loader import MAX_DEPTH, LoadError, parse_yaml
from osa_site.records.problems import format_problem

E, S, R = EQUIPMENT, SOURCE, RECIPIENT
TITLE = '"Air traffic control radar for the Mongolian Air Force"'
URL = '"https://www.mofa.go.jp/press/release/pressite_000001_01234.html"'


def title(text: str) -> dict[str, str]:
    """The equipment record with its title (line 3, value at column 8) replaced by YAML text."""
    return edited(E, TITLE, text)


# --- Text: one policy for every free-text field -------------------------------------------------

# (case id, files, path, line, column, message fragment)
TEXT_CASES = [
    (
        "rlo-with-markup",
        title(r'"Radar \u202e<img src=x onerror=alert(1)>"'),
        E,
        3,
        8,
        "title: expected one line of visible text with every direction control closed, received "
        "U+202E RIGHT-TO-LEFT OVERRIDE at position 7 is never closed",
    ),
    (
        "pdf-closing-nothing",
        title(r'"Radar \u202c here"'),
        E,
        3,
        8,
        "received U+202C POP DIRECTIONAL FORMATTING at position 7 closes nothing",
    ),
    (
        "isolate-closed-by-pdf",
        title(r'"Radar \u2067x\u202c"'),
        E,
        3,
        8,
        "U+202C POP DIRECTIONAL FORMATTING at position 9 closes nothing",
    ),
    (
        "line-separator",
        title(r'"Radar\u2028<script>"'),
        E,
        3,
        8,
        "title: expected one line of visible text, received U+2028 LINE SEPARATOR at position 6",
    ),
    (
        "paragraph-separator-in-a-note",
        {E: BASE[E] + 'notes: "One\\u2029two"\n'},
        E,
        15,
        8,
        "notes: expected visible text, received U+2029 PARAGRAPH SEPARATOR at position 4",
    ),
    ("c0-control", title(r'"Radar\x07"'), E, 3, 8, "received U+0007 (a control character) at position 6"),
    (
        "escape-control",
        title(r'"Radar\e[31m"'),
        E,
        3,
        8,
        "received U+001B (a control character) at position 6",
    ),
    ("c1-control", title(r'"Radar\x85x"'), E, 3, 8, "received U+0085 (a control character) at position 6"),
    (
        "noncharacter",
        {E: BASE[E] + 'notes: "x\\uFDD0"\n'},
        E,
        15,
        8,
        "notes: expected visible text, received U+FDD0 (a noncharacter) at position 2",
    ),
    (
        "astral-noncharacter",
        {E: BASE[E] + 'notes: "x\\U0010FFFF"\n'},
        E,
        15,
        8,
        "received U+10FFFF (a noncharacter) at position 2",
    ),
    (
        "blank-title",
        title('"   "'),
        E,
        3,
        8,
        "title: expected one line of visible text, received only blank or invisible characters",
    ),
    (
        "zero-width-title",
        title(r'"\u200b\u200c\u200d\u2060\ufeff"'),
        E,
        3,
        8,
        "received only blank or invisible characters",
    ),
    (
        "hangul-filler-name",
        edited(R, '"Mongolia"', r'"\u3164"'),
        R,
        2,
        7,
        "name: expected one line of visible text, received only blank or invisible characters",
    ),
    (
        "line-break-in-a-title",
        title(r'"Radar\nfor Mongolia"'),
        E,
        3,
        8,
        "title: expected one line of visible text, received a line break or tab at position 6",
    ),
    (
        "title-too-long",
        title('"' + "x" * 301 + '"'),
        E,
        3,
        8,
        "title: expected at most 300 characters, received 301",
    ),
    (
        "name-too-long",
        edited(R, '"Mongolia"', '"' + "M" * 201 + '"'),
        R,
        2,
        7,
        "name: expected at most 200 characters, received 201",
    ),
    (
        "note-too-long",
        {E: BASE[E] + "notes: " + "n" * 2001 + "\n"},
        E,
        15,
        8,
        "notes: expected at most 2,000 characters, received 2,001",
    ),
    (
        "nested-text",
        edited(E, '  place: "Ulaanbaatar"', r'  place: "Ulaan\u202ebaatar"'),
        E,
        10,
        10,
        "exchange_of_notes.place: expected one line of visible text with every direction control closed",
    ),
    (
        "source-publisher",
        edited(S, '"Ministry of Foreign Affairs of Japan"', r'"\u00a0\u200b"'),
        S,
        3,
        12,
        "publisher: expected one line of visible text, received only blank or invisible characters",
    ),
]


@pytest.mark.parametrize(
    "files,path,line,column,fragment", [c[1:] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES]
)
def test_text_outside_the_policy_is_refused(
    tmp_path: Path, files: dict, path: str, line: int, column: int, fragment: str
) -> None:
    make_project(tmp_path, files)
    problem = assert_reported(tmp_path, path, line, column, fragment)
    assert problem.message.isprintable(), "a message names characters by code point, never raw"


def test_text_the_policy_accepts(tmp_path: Path) -> None:
    """Scripts, balanced direction controls, marks, joiners, tabs and paragraphs in notes stay as written."""
    arabic = "\u2067مرحبا\u2069 and \u202bשלום\u202c, \u200fRLM, 👩\u200d💻, ก\u200bข"
    notes = "First paragraph.\n\nSecond\tparagraph."
    make_project(
        tmp_path,
        {
            E: BASE[E].replace(TITLE, f'"{arabic}"')
            + f"notes: {notes!r}\n".replace("'", '"').replace("\n\n", "\\n\\n", 1).replace("\t", "\\t")
        },
    )
    record = dataset_of(tmp_path).get("equipment", "2024-mongolia-atc-radar").record
    assert record.title == arabic and record.notes == notes


# --- Files ---------------------------------------------------------------------------------------

LINKED = "this record is a symbolic link; records are read only from files inside content/"


def test_a_symlinked_record_is_refused_and_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: the secret\n", encoding="utf-8")
    make_project(tmp_path)
    (tmp_path / "content/sources/linked.yaml").symlink_to(secret)
    problem = assert_reported(tmp_path, "content/sources/linked.yaml", 1, 1, LINKED)
    assert "secret" not in problem.message


def test_a_symlink_to_another_record_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / "content/sources/copy.yaml").symlink_to(tmp_path / S)
    assert_reported(tmp_path, "content/sources/copy.yaml", 1, 1, LINKED)


def test_a_record_folder_linked_from_outside_content_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    make_project(tmp_path)
    (tmp_path / "content/sources").rename(outside)
    (tmp_path / "content/sources").symlink_to(outside, target_is_directory=True)
    assert_reported(
        tmp_path, S, 1, 1, "this record resolves to a place outside content/ (through a linked folder)"
    )


def test_a_folder_named_like_a_record_is_reported(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / "content/sources/extra.yaml").mkdir()
    assert_reported(tmp_path, "content/sources/extra.yaml", 1, 1, "this is a folder, not a record file")


def test_a_pipe_named_like_a_record_is_reported_without_waiting(tmp_path: Path) -> None:
    make_project(tmp_path)
    os.mkfifo(tmp_path / "content/sources/pipe.yaml")
    assert_reported(tmp_path, "content/sources/pipe.yaml", 1, 1, "this is not a regular file")


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied (simulated: the tests may run as root, who can read anything)."""
    make_project(tmp_path)
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if str(path).endswith(S):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("osa_site.records.loader.os.open", refuse)
    assert_reported(tmp_path, S, 1, 1, "the file cannot be read: permission denied")


ESSAY = "This paragraph was pasted into a record folder by mistake and is not YAML at all. " * 200


@pytest.mark.parametrize(
    "body,line,column,fragment",
    [
        (ESSAY, 1, 1, "expected a mapping of fields (name: value), received 'This paragraph"),
        (
            ESSAY + "\x1b[2J\n",
            1,
            len(ESSAY) + 1,
            "the file holds U+001B (a control character), which YAML does not allow",
        ),
        (
            "key: value\n" + ESSAY.replace(". ", ": "),
            2,
            163,
            "YAML syntax error: mapping values are not allowed",
        ),
    ],
    ids=["plain-text", "terminal-escape", "colons"],
)
def test_a_file_that_is_not_yaml_is_not_echoed(
    tmp_path: Path, body: str, line: int, column: int, fragment: str
) -> None:
    path = "content/sources/pasted.yaml"
    make_project(tmp_path, {path: body})
    problem = assert_reported(tmp_path, path, line, column, fragment)
    assert len(problem.message) < 200 and problem.message.isprintable()
    assert "pasted into a record folder by mistake and is not YAML at all. This" not in problem.message


def test_a_long_unknown_field_name_is_cut_short(tmp_path: Path) -> None:
    make_project(tmp_path, {E: BASE[E] + "z" * 1_000 + ": 1\n"})
    [problem] = problems_of(tmp_path)
    line = format_problem(problem)
    assert len(line) < 400 and "unknown field 'zzzz" in line


def test_an_id_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    path = "content/sources/extra\n.yaml"
    make_project(tmp_path, {path: BASE[S]})
    [problem] = [p for p in problems_of(tmp_path) if p.path == path]
    assert "the file name 'extra\\n' is not a valid id" in problem.message
    printed = run_cli(tmp_path, "check").stdout
    assert "content/sources/extra\\n.yaml:1:1: id: the file name 'extra\\n' is not a valid id" in printed


# --- Data ----------------------------------------------------------------------------------------

DATA_CASES = [
    (
        "5000-digit-amount",
        edited(E, "amount_jpy: 1300000000", "amount_jpy: " + "9" * 5_000),
        E,
        7,
        13,
        "amount_jpy: expected a number of at most 30 digits, received one of 5,000 digits",
    ),
    (
        "5000-digit-decimal",
        edited(E, "amount_jpy: 1300000000", "amount_jpy: 1." + "5" * 5_000),
        E,
        7,
        13,
        "received one of 5,001 digits",
    ),
    (
        "amount-above-bound",
        edited(E, "amount_jpy: 1300000000", "amount_jpy: 10000000000001"),
        E,
        7,
        13,
        "received 10000000000001 (it must be at most 10,000,000,000,000)",
    ),
    (
        "quantity-above-bound",
        edited(
            E,
            '  - name: "air traffic control radar"',
            '  - name: "air traffic control radar"\n    quantity: 1000001',
        ),
        E,
        13,
        15,
        "items[0].quantity: expected a whole number above zero, at most a million, received 1000001",
    ),
    (
        "fullwidth-digits-in-a-date",
        edited(E, '"2025-02-10"', '"２０２５-０２-１０"'),
        E,
        9,
        9,
        "expected a date written as YYYY-MM-DD, YYYY-MM or YYYY",
    ),
    (
        "date-with-trailing-newline",
        edited(E, '"2025-02-10"', '"2025-02-10\\n"'),
        E,
        9,
        9,
        "expected a date written as YYYY-MM-DD, YYYY-MM or YYYY, received '2025-02-10\\n'",
    ),
    (
        "deep-nesting",
        {E: BASE[E] + "notes: " + "[" * 500 + "]" * 500 + "\n"},
        E,
        15,
        7 + MAX_DEPTH,
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
    ),
    (
        "deep-block-nesting",
        {E: BASE[E] + "notes:\n" + "".join(" " * i + "- \n" for i in range(1, 400))},
        E,
        15 + MAX_DEPTH,
        MAX_DEPTH + 1,
        "nested more than 20 levels deep",
    ),
    (
        "user-info-url",
        edited(S, URL, '"https://www.mofa.go.jp@evil.example/"'),
        S,
        4,
        6,
        "url: expected a web address starting with http:// or https:// without a user name or password "
        "before the host, received 'https://www.mofa.go.jp@evil.example/'",
    ),
    (
        "no-host-url",
        edited(S, URL, '"https:///x"'),
        S,
        4,
        6,
        "url: expected a web address starting with http:// or https:// and a host name, received "
        "'https:///x', which has no host",
    ),
    ("fragment-only-url", edited(S, URL, '"https://#"'), S, 4, 6, "received 'https://#', which has no host"),
    (
        "invisible-in-url",
        edited(S, URL, r'"https://www.mofa.go.jp/\u200bpress"'),
        S,
        4,
        6,
        "without spaces or invisible characters, received U+200B ZERO WIDTH SPACE at position 24",
    ),
    (
        "control-in-url",
        edited(S, URL, r'"https://www.mofa.go.jp/\npress"'),
        S,
        4,
        6,
        "received U+000A (a control character) at position 24",
    ),
    (
        "not-a-host",
        edited(S, URL, '"https://mofa/press"'),
        S,
        4,
        6,
        "the host 'mofa' is not a domain name such as www.mofa.go.jp",
    ),
    ("bad-port", edited(S, URL, '"https://www.mofa.go.jp:99999/"'), S, 4, 6, "which cannot be read as one"),
]


@pytest.mark.parametrize(
    "files,path,line,column,fragment", [c[1:] for c in DATA_CASES], ids=[c[0] for c in DATA_CASES]
)
def test_data_outside_its_bounds_is_refused(
    tmp_path: Path, files: dict, path: str, line: int, column: int, fragment: str
) -> None:
    make_project(tmp_path, files)
    assert_reported(tmp_path, path, line, column, fragment)


def test_an_international_host_name_is_accepted(tmp_path: Path) -> None:
    make_project(tmp_path, edited(S, URL, '"https://日本語.jp/ニュース?q=1#top"'))
    assert (
        dataset_of(tmp_path)
        .get("sources", "mofa-2025-mongolia-atc-radar")
        .record.url.startswith("https://日本")
    )


@pytest.mark.parametrize("depth", [1_000, 100_000, 400_000])
def test_nesting_far_past_the_recursion_limit_is_refused_quickly(depth: int) -> None:
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    assert time.perf_counter() - started < 1.0
    assert "nested more than 20 levels deep" in caught.value.problem.message


def test_field_and_reference_problems_of_one_record_show_in_one_run(tmp_path: Path) -> None:
    body = (
        BASE[E]
        .replace("fiscal_year: 2024", "fiscal_year: 1999")
        .replace("recipient: mongolia", "recipient: mongolai")
        .replace("  - mofa-2025-mongolia-atc-radar", "  - mofa-2025-missing")
    )
    make_project(tmp_path, {E: body})
    problems = problems_of(tmp_path)
    assert [(p.line, p.field) for p in problems] == [(4, "recipient"), (6, "fiscal_year"), (14, "sources[0]")]
    assert "no recipient record has the id 'mongolai'" in problems[0].message
    assert "received 1999 (it must be at least 2023" in problems[1].message
    assert "no source record has the id 'mofa-2025-missing'" in problems[2].message


def test_an_overlong_id_is_refused_once_and_not_echoed(tmp_path: Path) -> None:
    body = BASE[E].replace("recipient: mongolia", "recipient: " + "m" * 5_000)
    make_project(tmp_path, {E: body.replace("fiscal_year: 2024", "fiscal_year: 1999")})
    problems = problems_of(tmp_path)
    assert [(p.field, p.message) for p in problems][0] == (
        "recipient",
        "expected at most 100 characters, received 5,000",
    )
    assert [p.field for p in problems] == ["recipient", "fiscal_year"]
