"""Change summaries computed from two versions of a record, and how the history is rendered and read."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.projects import make_project
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from osa_site.history.changes import (
    change_log,
    describe,
    parse_version,
    record_of_path,
)
from osa_site.history.feeds import MAX_ENTRIES, render_feeds
from osa_site.history.git import FileChange, History, _parse_log
from osa_site.model.changelog import ChangeLog, RecordChange
from osa_site.model.index import build_index
from osa_site.model.site import SiteContext
from osa_site.records.content import load_dataset
from osa_site.render.changes import render_changes_page
from osa_site.render.history import render_record_history

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({}, {"amount_jpy": 600_000_000}, ["amount added"]),
        ({"amount_jpy": 600_000_000}, {}, ["amount removed"]),
        (
            {"confidence": "reported"},
            {"confidence": "confirmed"},
            ["confidence changed from reported to confirmed"],
        ),
        (
            {"lifecycle": [{"stage": "delivery", "date": "2024"}]},
            {"lifecycle": [{"stage": "delivery", "date": "2024"}, {"stage": "handover", "date": "2025-02"}]},
            ["handover step added"],
        ),
        (
            {},
            {"lifecycle": [{"stage": "delivery", "date": "2024"}, {"stage": "delivery", "date": "2025"}]},
            ["2 delivery steps added"],
        ),
        (
            {"lifecycle": [{"stage": "handover", "date": "2025"}]},
            {"lifecycle": [{"stage": "handover", "date": "2025-03"}]},
            ["handover step date changed from 2025 to 2025-03"],
        ),
        ({"sources": ["a", "b"]}, {"sources": ["a", "c"]}, ["source changed"]),
        ({"sources": ["a"]}, {"sources": ["a", "b", "c"]}, ["2 sources added"]),
        ({"sources": ["a", "b"]}, {"sources": ["b", "a"]}, ["sources reordered"]),
        (
            {"exchange_of_notes": {"date": "2023-11"}},
            {"exchange_of_notes": {"date": "2023-11-15", "place": "Dhaka"}},
            ["exchange of notes date changed from 2023-11 to 2023-11-15", "exchange of notes place added"],
        ),
        ({"notes": "a" * 31}, {"notes": "b" * 31}, ["notes changed"]),
        ({"title": "Radar"}, {"title": "Radar", "th": {"title": "เรดาร์"}}, ["Thai text added"]),
        (
            {"title": "Radar", "amount_jpy": 1, "confidence": "reported"},
            {"title": "Radars", "amount_jpy": 2_000_000_000, "confidence": "confirmed"},
            [
                "title changed from Radar to Radars",
                "amount changed from ¥1 to ¥2 billion",
                "confidence changed from reported to confirmed",
            ],
        ),
    ],
)
def test_describe_names_what_changed(old: dict, new: dict, expected: list[str]) -> None:
    assert list(describe("equipment", old, new)) == expected


def test_describe_lists_own_fields_before_shared_ones_in_schema_order() -> None:
    old = {"notes": "x", "confidence": "reported", "title": "A", "recipient": "fiji"}
    new = {"notes": "y", "confidence": "confirmed", "title": "B", "recipient": "tonga"}
    assert [d.split(" changed")[0] for d in describe("equipment", old, new)] == [
        "title",
        "recipient",
        "confidence",
        "notes",
    ]


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=40),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.sampled_from(["date", "place"]), st.text(max_size=8), max_size=2),
)
_RECORDS = st.dictionaries(
    st.sampled_from(
        [
            "title",
            "amount_jpy",
            "items",
            "sources",
            "exchange_of_notes",
            "confidence",
            "notes",
            "lifecycle",
            "unknown_field",
        ]
    ),
    _VALUES,
    max_size=6,
)


@settings(max_examples=100, deadline=None)
@given(_RECORDS)
def test_a_record_compared_with_itself_has_no_change(record: dict) -> None:
    assert describe("equipment", record, record) == ()


@settings(max_examples=100, deadline=None)
@given(_RECORDS, _RECORDS)
def test_two_different_records_always_have_a_summary(old: dict, new: dict) -> None:
    normalise = {k: v for k, v in old.items() if v not in (None, [])}
    if normalise == {k: v for k, v in new.items() if v not in (None, [])}:
        return
    details = describe("equipment", old, new)
    assert details, (old, new)
    assert all(isinstance(d, str) and d for d in details)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_as_a_version_gives_a_mapping_or_none(text: str) -> None:
    data = parse_version(text)
    assert data is None or isinstance(data, dict)


def test_historical_versions_keep_dates_and_words_as_written() -> None:
    data = parse_version('date: 2023-04-05\nstatus: no\nflag: true\ncode: 010\ntitle: "x"\n')
    assert data == {"date": "2023-04-05", "status": "no", "flag": True, "code": "010", "title": "x"}
    assert parse_version("title: [unclosed") is None
    assert parse_version("- a list") is None
    assert parse_version("a: &x [1, 2]\nb: *x\n") is None  # anchors could expand enormously
    assert parse_version("a: " + "9" * 5000) is None  # beyond Python's integer conversion limit
    assert parse_version('title: "T"\nnotes: "n"\n', frozenset({"title"})) == {"title": "T"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/equipment/2024-x.yaml", ("equipment", "2024-x")),
        ("content/sources/a.yml", ("sources", "a")),
        ("content/pages/brief.md", None),
        ("content/equipment/Bad Name.yaml", None),
        ("content/unknown/x.yaml", None),
        ("osa_site/x.yaml", None),
    ],
)
def test_only_record_files_are_records(path: str, expected: tuple[str, str] | None) -> None:
    assert record_of_path(path) == expected


def test_the_log_parser_reads_one_row_per_file_and_skips_merges_without_files() -> None:
    blob_a, blob_b, zero = "a" * 40, "b" * 40, "0" * 40
    out = (
        f"\x01{'1' * 40} 1700000000\x00\n:100644 100644 {blob_a} {blob_b} M\x00content/x y.yaml\x00"
        f":000000 100644 {zero} {blob_a} A\x00content/new.yaml\x00"
        f"\x01{'2' * 40} 1690000000\x00\n"
    ).encode()
    rows = _parse_log(out)
    assert [(r.status, r.path, r.old_blob, r.new_blob) for r in rows] == [
        ("M", "content/x y.yaml", blob_a, blob_b),
        ("A", "content/new.yaml", None, blob_a),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """The tiny project's index (fixtures/projects.py): Mongolia's radar, its source and a budget."""
    root = make_project(tmp_path_factory.mktemp("project"))
    return build_index(load_dataset(root / "content", root))


def test_a_removed_record_keeps_its_last_title_and_recipient(index) -> None:
    old = 'title: "Old boats"\nrecipient: fiji\n'
    history = History(
        "complete", (FileChange("c" * 40, 1_735_689_600, "D", "content/equipment/gone.yaml", old, None),)
    )
    log = change_log(history, index)
    assert [(c.action, c.title, c.recipient, c.day, c.summary) for c in log.changes] == [
        ("removed", "Old boats", "fiji", "2025-01-01", "Record removed")
    ]


def test_a_comment_only_commit_is_not_a_change(index) -> None:
    before, after = "title: A\nrecipient: fiji\n", "# a comment\ntitle: A\nrecipient: fiji\n"
    history = History("complete", (FileChange("c" * 40, 0, "M", "content/equipment/a.yaml", before, after),))
    assert change_log(history, index).changes == ()


def test_an_agreement_belongs_to_its_partners_recipient(index) -> None:
    text = 'title: "T"\npartner:\n  name: "Mongolia"\n  iso3: "MNG"\n'
    history = History("complete", (FileChange("c" * 40, 0, "A", "content/agreements/x.yaml", None, text),))
    assert change_log(history, index).changes[0].recipient == "mongolia"


def _entry(index):
    return index.dataset.get("equipment", "2024-mongolia-atc-radar")


def test_history_section_without_git_says_history_is_not_available(index) -> None:
    section = render_record_history(_entry(index), SiteContext())
    # The whole section is left out of the search index (Pagefind), the heading out of Zensical's.
    assert section.startswith("<div data-pagefind-ignore markdown>\n\n## History { data-search-exclude }\n\n")
    assert section.endswith("</div>\n\n")
    assert "History is not available" in section
    assert "|" not in section


def test_history_section_escapes_summaries_from_the_records(index) -> None:
    entry = _entry(index)
    change = RecordChange(
        "equipment",
        entry.id,
        entry.path,
        "d" * 40,
        0,
        "changed",
        ("title changed from <b>|x</b> to *y*",),
        "T",
    )
    section = render_record_history(entry, SiteContext(changes=ChangeLog("complete", (change,))))
    assert "<b>" not in section and "\\|x" in section and "\\*y\\*" in section
    assert "| 1970-01-01 | Changed |" in section and "`ddddddd`" in section


def _change(title: str, commit: str = "e" * 40, time: int = 1_700_000_000) -> RecordChange:
    id = "2024-mongolia-atc-radar"
    return RecordChange(
        "equipment",
        id,
        f"content/equipment/{id}.yaml",
        commit,
        time,
        "changed",
        ("amount added",),
        title,
        "mongolia",
    )


def test_feed_text_from_the_records_is_escaped_xml(index) -> None:
    hostile = "<script>alert(1)</script> & radar"
    ctx = SiteContext(site_url="https://example.org/osa/", changes=ChangeLog("complete", (_change(hostile),)))
    xml = render_feeds(index, ctx)["changes/feed.xml"]
    assert "<script>" not in xml and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; radar" in xml
    entry = etree.fromstring(xml.encode()).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == f"Project changed: {hostile}"
    address = "https://example.org/osa/equipment/2024-mongolia-atc-radar/"
    assert entry.findtext(f"{ATOM}id") == f"{address}#change-{'e' * 40}"


def test_feed_ids_stay_absolute_and_stable_without_a_site_url(index) -> None:
    ctx = SiteContext(changes=ChangeLog("complete", (_change("T"),)))
    first = etree.fromstring(render_feeds(index, ctx)["changes/feed.xml"].encode())
    again = etree.fromstring(render_feeds(index, ctx)["changes/feed.xml"].encode())
    ids = [e.findtext(f"{ATOM}id") for e in first.iter(f"{ATOM}entry")]
    assert ids and all(i.startswith("urn:uuid:") for i in ids)
    assert ids == [e.findtext(f"{ATOM}id") for e in again.iter(f"{ATOM}entry")]


def test_feeds_hold_the_newest_changes_only_and_the_changes_page_all(index) -> None:
    changes = tuple(_change(f"T{n}", f"{n:040d}", 2_000_000_000 - n) for n in range(MAX_ENTRIES + 5))
    ctx = SiteContext(site_url="https://example.org/", changes=ChangeLog("complete", changes))
    feed = etree.fromstring(render_feeds(index, ctx)["changes/feed.xml"].encode())
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert len(titles) == MAX_ENTRIES and titles[0] == "Project changed: T0"
    assert render_changes_page(index, ctx).count("<li>") == MAX_ENTRIES + 5


def test_the_log_parser_reads_a_merge_resolution_against_the_first_parent() -> None:
    first, second, result = "a" * 40, "b" * 40, "c" * 40
    out = (
        f"\x01{'3' * 40} 1700000000\x00\x00::100644 100644 100644 {first} {second} {result} MM\x00"
        f"content/recipients/fiji.yaml\x00"
    ).encode()
    rows = _parse_log(out)
    assert [(r.status, r.path, r.old_blob, r.new_blob) for r in rows] == [
        ("M", "content/recipients/fiji.yaml", first, result)
    ]


def test_an_old_version_nested_beyond_the_stack_is_a_change_that_could_not_be_read(index) -> None:
    deep = "title: A\nitems: " + "[" * 20000 + "]" * 20000 + "\n"
    change = FileChange("c" * 40, 0, "M", "content/equipment/a.yaml", "title: A\n", deep)
    history = History("complete", (change,))
    assert change_log(history, index).changes[0].details == (
        "record changed (one of its versions could not be read as YAML)",
    )
