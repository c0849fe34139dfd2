"""Pages kept between builds (render/memo.py, model/reads.py): a build with a memo gives the same files
as a fresh one after any edit, and renders again only the record pages whose inputs changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sitetools import shipped_copy

from osa_site.app.preview import RecordCache
from osa_site.model.index import build_index
from osa_site.model.reads import ReadLog, changed, tracked
from osa_site.output.generate import RenderedDocs, render_files, site_config
from osa_site.records import validate
from osa_site.records.content import load_dataset
from osa_site.records.problems import RecordError
from osa_site.render.memo import Calls, RenderMemo

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "2023-fiji-patrol-boats"
RECORDS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").glob("*/*.yaml"))
PROJECTS = [r for r in RECORDS if r.startswith("content/equipment/")]
RECIPIENTS = sorted(p.stem for p in (ROOT / "content" / "recipients").glob("*.yaml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shipped_copy(tmp_path_factory.mktemp("memo"))


@pytest.fixture(scope="module")
def memo() -> RenderMemo:
    return RenderMemo()


def _render(root: Path, memo: RenderMemo | None) -> RenderedDocs:
    return render_files(root, site_config(root), memo=memo)


def _differences(kept: RenderedDocs, fresh: RenderedDocs) -> list[str]:
    editions = [("", kept.files, fresh.files), ("th/", kept.thai or {}, fresh.thai or {})]
    return [
        prefix + name
        for prefix, a, b in editions
        for name in sorted(a.keys() | b.keys())
        if a.get(name) != b.get(name)
    ]


def _edit(root: Path, record: str, change: str, value: int) -> bool:
    """One edit an editor could make: a new title, a new amount, another recipient, another year
    (False when the record has nothing of the kind to edit)."""
    file = root / record
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    if change == "title" or "amount_jpy" not in data:
        key = "title" if "title" in data else "name"
        if key not in data:
            return False
        data[key] = f"{data[key]} (edit {value})"
    elif change == "amount":
        data["amount_jpy"] = value * 1_000_000
    elif change == "recipient":
        data["recipient"] = RECIPIENTS[value % len(RECIPIENTS)]
    else:
        data["fiscal_year"] = data["fiscal_year"] + (1 if value % 2 else -1)
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return True


@pytest.fixture
def restore(project: Path) -> Iterator[None]:
    yield
    for record in RECORDS:
        (project / record).write_bytes((ROOT / record).read_bytes())


EDITS = st.lists(
    st.tuples(
        st.sampled_from(RECORDS) | st.sampled_from(PROJECTS),
        st.sampled_from(["title", "amount", "recipient", "year"]),
        st.integers(1, 50),
    ),
    min_size=1,
    max_size=2,
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_a_build_with_the_memo_equals_a_fresh_build_after_any_edit(
    project: Path, memo: RenderMemo, edits: list[tuple[str, str, int]]
) -> None:
    try:
        _render(project, memo)  # the memo holds the shipped content's pages (or the last example's)
        for record, change, value in edits:
            assume(_edit(project, record, change, value))
        try:
            kept = _render(project, memo)
        except RecordError:
            assume(False)  # the edit made the records invalid: nothing was rendered
        assert _differences(kept, _render(project, None)) == []
    finally:
        for record in RECORDS:
            (project / record).write_bytes((ROOT / record).read_bytes())


@pytest.mark.usefixtures("restore")
def test_an_edit_renders_again_only_the_pages_that_read_it(project: Path) -> None:
    memo = RenderMemo()
    _render(project, memo)
    assert len(memo.latest["en"].rendered) == sum(1 for _ in RECORDS)  # the first build renders all
    assert _edit(project, f"content/equipment/{PROJECT}.yaml", "title", 1)
    kept = _render(project, memo)
    rendered = {(kind, id) for _, kind, id in memo.latest["en"].rendered}
    assert ("equipment", PROJECT) in rendered
    assert ("recipients", "fiji") in rendered  # lists the project by its title
    assert ("sources", "mofa-2023-fiji-patrol-boats") in rendered  # lists the records citing it
    assert ("recipients", "philippines") not in rendered
    assert ("equipment", "2023-philippines-coastal-radars") not in rendered
    assert len(rendered) < 20
    assert "(edit 1)" in kept.files[f"equipment/{PROJECT}.md"].decode("utf-8")
    assert _differences(kept, _render(project, None)) == []


def test_the_tracked_view_notes_what_was_read(project: Path) -> None:
    index = build_index(load_dataset(project / "content", project))
    log = ReadLog()
    view = tracked(index, log)
    assert view.recipient("fiji").id == "fiji"
    assert [e.id for e in view.cited_by["mofa-2023-fiji-patrol-boats"]] == [
        e.id for e in index.cited_by["mofa-2023-fiji-patrol-boats"]
    ]
    assert view.projects_by_recipient.get("nowhere") is None
    assert view.as_of == index.as_of
    assert len(view.dataset.of("milestones")) == len(index.dataset.of("milestones"))
    assert log.addresses == {
        ("dataset", "recipients", "fiji"),
        ("cited_by", "mofa-2023-fiji-patrol-boats"),
        ("projects_by_recipient", "nowhere"),
        ("as_of",),
        ("dataset", "milestones"),
    }
    again = build_index(load_dataset(project / "content", project))
    assert not changed(log.addresses, index, again)
    again.projects_by_recipient["nowhere"] = []
    assert changed({("projects_by_recipient", "nowhere")}, index, again)
    assert not changed({("projects_by_recipient", "fiji")}, index, again)


def test_calls_keep_only_the_last_builds_results() -> None:
    seen: list[str] = []

    def shout(text: str) -> str:
        seen.append(text)
        return text.upper()

    calls = Calls(keep=True)
    assert calls(shout, "a") == "A" and calls(shout, "a") == "A"
    calls.next_build()
    assert calls(shout, "a") == "A" and calls(shout, "b") == "B"
    calls.next_build()
    calls.next_build()  # a build that asked for nothing: "a" and "b" are let go
    assert calls(shout, "a") == "A"
    assert seen == ["a", "b", "a"]
    assert Calls()(shout, "c") == "C" and Calls()(shout, "c") == "C"
    assert seen[-2:] == ["c", "c"]


def test_a_kept_record_is_validated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's RecordCache keeps an unchanged file's loaded record, and with it the record's
    validation: a rebuild validates again only the file that was saved."""
    root = shipped_copy(tmp_path)
    validated: list[str] = []
    original = validate._validated
    monkeypatch.setattr(validate, "_validated", lambda raw: validated.append(raw.path) or original(raw))
    records = RecordCache()
    first = load_dataset(root / "content", root, records.load)
    assert len(validated) == len(RECORDS)
    validated.clear()
    assert load_dataset(root / "content", root, records.load) == first
    assert validated == []
    record = root / PROJECTS[0]
    record.write_text(record.read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8")
    load_dataset(root / "content", root, records.load)
    assert validated == [PROJECTS[0]]
