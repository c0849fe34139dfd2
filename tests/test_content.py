"""Content checks: what the shipped records in content/ say, where the site relies on it.

An editor's change to content/ may fail these tests, and should fail no other: the code tests run
on the tiny projects of tests/fixtures/projects.py. Each test here is named `test_content_…`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_schema_files import _validator

from osa_site.editor.jsonschemas import modeline
from osa_site.model.index import build_index, project_status
from osa_site.output.generate import check_project
from osa_site.records.content import discover
from osa_site.records.loader import parse_yaml
from osa_site.records.schema import KINDS, SINGULAR

ROOT = Path(__file__).resolve().parents[1]
RECORDS = list(discover(ROOT / "content"))


def test_content_every_record_and_every_figure_of_the_hand_written_pages_checks() -> None:
    """What `osa-site check` checks, on the shipped content: records, references, named figures."""
    assert check_project(ROOT).count() > 0


def test_content_the_bangladesh_handover_stays_undated_until_a_source_dates_it() -> None:
    """The UNB report of the handover gives no year (see the open questions): no date is made up."""
    index = build_index(check_project(ROOT))
    project = index.dataset.get("equipment", "2023-bangladesh-patrol-boats")
    assert project is not None
    assert [step.stage for step in project.record.lifecycle] == ["handover"]
    assert [step.date for step in project.record.lifecycle] == ["unknown"]
    assert project_status(project) == "Handed over"


def test_content_has_records_of_every_kind() -> None:
    assert {kind for kind, _ in RECORDS} == set(KINDS)


@pytest.mark.parametrize("kind,file", RECORDS, ids=[f"{k}/{f.name}" for k, f in RECORDS])
def test_content_every_record_starts_with_its_modeline(kind: str, file: Path) -> None:
    first = file.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first == modeline(kind)
    target = (file.parent / first.split("$schema=")[1]).resolve()
    assert target == ROOT / "schema" / f"{SINGULAR[kind]}.schema.json"


@pytest.mark.parametrize("kind,file", RECORDS, ids=[f"{k}/{f.name}" for k, f in RECORDS])
def test_content_every_record_matches_its_json_schema(kind: str, file: Path) -> None:
    data, _, _ = parse_yaml(file.read_text(encoding="utf-8-sig"), file.name)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(kind).iter_errors(data)]
    assert errors == []
