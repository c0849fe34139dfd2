"""`osa-site check`, `new` and `schema`: output, exit codes and the files they write."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from fixtures.projects import BASE, EQUIPMENT, RECIPIENT, SOURCE, edited, make_project, run_cli

from osa_site.editor.jsonschemas import modeline, schema_files
from osa_site.editor.skeleton import new_record_text
from osa_site.records.loader import load_record
from osa_site.records.schema import KINDS, YEAR_KINDS
from osa_site.records.validate import validate_record

# --- check ----------------------------------------------------------------------------------------


def test_check_clean_project_exits_0(tmp_path: Path) -> None:
    result = run_cli(make_project(tmp_path), "check")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "4 records checked: no problems.\nThai text: 0 of 4 records have some Thai text.\n"
    )
    assert "  equipment.title: 0 of 1 in Thai (0%)\n" in result.stdout


def _broken(root: Path) -> Path:
    """Three problems in two files, written so that file order and line order both matter."""
    equipment = (
        BASE[EQUIPMENT]
        .replace("fiscal_year: 2024", "fiscal_year: FY24")
        .replace('title: "Air traffic control radar for the Mongolian Air Force"', "title:")
    )
    return make_project(root, {EQUIPMENT: equipment, **edited(RECIPIENT, "iso3: MNG", "iso3: XXX")})


def test_check_lists_problems_sorted_by_path_and_line_then_a_count(tmp_path: Path) -> None:
    result = run_cli(_broken(tmp_path), "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/equipment/2024-mongolia-atc-radar.yaml:3:7: title: expected text, received nothing "
        "(an empty value)",
        "content/equipment/2024-mongolia-atc-radar.yaml:6:14: fiscal_year: expected a whole-number Japanese "
        "fiscal year such as 2024, received 'FY24'",
        "content/recipients/mongolia.yaml:4:7: iso3: expected an ISO 3166-1 alpha-3 country code such as "
        "PHL, received 'XXX'",
        "3 errors in 2 files",
    ]


def test_check_json_gives_every_problem_as_data(tmp_path: Path) -> None:
    result = run_cli(_broken(tmp_path), "check", "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["summary"] == "3 errors in 2 files"
    assert payload["problems"][1] == {
        "path": "content/equipment/2024-mongolia-atc-radar.yaml",
        "line": 6,
        "column": 14,
        "field": "fiscal_year",
        "message": "expected a whole-number Japanese fiscal year such as 2024, received 'FY24'",
    }
    assert [(p["path"], p["line"]) for p in payload["problems"]] == sorted(
        (p["path"], p["line"]) for p in payload["problems"]
    )


def test_check_json_clean(tmp_path: Path) -> None:
    result = run_cli(make_project(tmp_path), "check", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("problems", "summary", "records")} == {
        "problems": [],
        "summary": "0 errors in 0 files",
        "records": 4,
    }
    assert report["thai"]["records"] == 0
    assert report["thai"]["fields"]["equipment.title"] == {"english": 1, "thai": 0}


def test_check_one_error_is_singular(tmp_path: Path) -> None:
    result = run_cli(make_project(tmp_path, edited(EQUIPMENT, "domain: air", "domain: sea")), "check")
    assert result.stdout.splitlines()[-1] == "1 error in 1 file"


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["check", "--format", "xml"], "Invalid value for '--format'"),
        (["check", "--colour"], "--colour"),
        (["check", "extra"], "Got unexpected extra argument"),
    ],
)
def test_check_usage_errors_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = run_cli(make_project(tmp_path), *args)
    assert result.exit_code == 2
    assert fragment in result.output


def test_check_without_content_folder_exits_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check")
    assert result.exit_code == 2
    assert "there is no content/ folder in" in result.output
    assert "Traceback" not in result.output


# --- new ------------------------------------------------------------------------------------------

FILLED = {
    "title": '"Coastal radar for the Mongolian Air Force"',
    "recipient": "mongolia",
    "fiscal_year": "2025",
    "domain": "air",
    "sources": "\n  - mofa-2025-mongolia-atc-radar",
}


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text, count = re.subn(rf"^{name}:$", f"{name}: {value}", text, flags=re.M)
        assert count == 1, name
    return text


def test_new_equipment_then_fill_in_then_check_passes(tmp_path: Path) -> None:
    make_project(tmp_path)
    result = run_cli(tmp_path, "new", "equipment", "2025-mongolia-radar")
    assert result.exit_code == 0, result.output
    path = tmp_path / "content/equipment/2025-mongolia-radar.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline("equipment")

    unfilled = run_cli(tmp_path, "check")  # the skeleton alone fails, naming each required field
    assert unfilled.exit_code == 1
    assert unfilled.stdout.splitlines()[-1] == "5 errors in 1 file"

    text = _fill(text, FILLED).replace("# force:", 'force: "Mongolian Air Force"')
    path.write_text(text, encoding="utf-8")
    result = run_cli(tmp_path, "check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("5 records checked: no problems.\n")


def test_new_skeleton_lists_every_field_required_ones_uncommented() -> None:
    for kind, model in KINDS.items():
        text = new_record_text(kind, "2030")
        assert text.startswith(modeline(kind) + "\n")
        for name, info in model.model_fields.items():
            line = f"{name}:" if info.is_required() else f"# {name}:"
            assert re.search(rf"^{re.escape(line)}", text, flags=re.M), (kind, name)
            assert info.description in " ".join(ln.lstrip("# ") for ln in text.splitlines()), (kind, name)
        yaml.safe_load(text)  # the skeleton itself is valid YAML


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_skeleton_filled_with_its_examples_validates(tmp_path: Path, kind: str) -> None:
    model = KINDS[kind]
    values = {
        name: json.dumps(info.examples[0], ensure_ascii=False)
        for name, info in model.model_fields.items()
        if info.is_required() and not (kind in YEAR_KINDS and name == "fiscal_year")
    }
    file = tmp_path / "2030.yaml"
    file.write_text(_fill(new_record_text(kind, "2030"), values), encoding="utf-8")
    record, problems = validate_record(load_record(file, kind, "2030.yaml"))
    assert problems == [] and record is not None


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    make_project(tmp_path)
    before = (tmp_path / SOURCE).read_bytes()
    result = run_cli(tmp_path, "new", "sources", "mofa-2025-mongolia-atc-radar")
    assert result.exit_code == 2
    assert "already exists; edit it instead" in result.output
    assert (tmp_path / SOURCE).read_bytes() == before


def test_new_refuses_an_id_that_differs_only_in_case_from_a_file(tmp_path: Path) -> None:
    make_project(tmp_path, {"content/sources/Old-Source.yaml": BASE[SOURCE]})
    result = run_cli(tmp_path, "new", "sources", "old-source")
    assert result.exit_code == 2
    assert "Old-Source.yaml already exists" in result.output
    assert not (tmp_path / "content/sources/old-source.yaml").exists()


@pytest.mark.parametrize(
    "kind,record_id,fragment",
    [
        (
            "sources",
            "Bad_Id",
            "'Bad_Id' is not a valid id: use lowercase letters, digits and hyphens, for example 'bad-id'",
        ),
        ("sources", "a b", "'a b' is not a valid id"),
        ("sources", "../escape", "'../escape' is not a valid id"),
        ("budgets", "fy2025", "a budget's id is its fiscal year, from 2023 to 2040; received 'fy2025'"),
        ("budgets", "2019", "a budget's id is its fiscal year"),
        (
            "designations",
            "fy2027",
            "a designation's id is its fiscal year, from 2023 to 2040; received 'fy2027'",
        ),
    ],
)
def test_new_refuses_invalid_ids(tmp_path: Path, kind: str, record_id: str, fragment: str) -> None:
    make_project(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run_cli(tmp_path, "new", kind, record_id)
    assert result.exit_code == 2
    assert fragment in result.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_new_refuses_an_unknown_kind(tmp_path: Path) -> None:
    result = run_cli(make_project(tmp_path), "new", "equipments", "x")
    assert result.exit_code == 2
    assert (
        "'equipments' is not one of 'agreements', 'analysis', 'budgets', 'designations', 'equipment', "
        "'milestones', "
        "'recipients', 'sources'"
    ) in " ".join(result.output.split())


def test_new_designations_prefills_its_fiscal_year_and_sketches_a_country(tmp_path: Path) -> None:
    make_project(tmp_path)
    assert run_cli(tmp_path, "new", "designations", "2027").exit_code == 0
    text = (tmp_path / "content/designations/2027.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/designation.schema.json\n")
    assert re.search(r"^fiscal_year: 2027$", text, flags=re.M)
    assert re.search(r"^countries:$", text, flags=re.M)  # required, left empty until filled in
    assert "#   - recipient:" in text and "#     reported:" in text
    result = run_cli(tmp_path, "check")
    assert result.exit_code == 1
    assert "content/designations/2027.yaml:" in result.stdout
    assert "countries: expected a list of one or more countries, received nothing" in result.stdout


def test_new_budget_prefills_its_fiscal_year(tmp_path: Path) -> None:
    make_project(tmp_path)
    assert run_cli(tmp_path, "new", "budgets", "2026").exit_code == 0
    text = (tmp_path / "content/budgets/2026.yaml").read_text(encoding="utf-8")
    assert re.search(r"^fiscal_year: 2026$", text, flags=re.M)


# --- schema ---------------------------------------------------------------------------------------


def test_schema_writes_one_file_per_kind(tmp_path: Path) -> None:
    result = run_cli(make_project(tmp_path), "schema", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert written == schema_files()
    kinds = (
        "recipient",
        "equipment",
        "agreement",
        "milestone",
        "budget",
        "designation",
        "source",
        "analysis",
    )
    assert sorted(written) == sorted(f"{s}.schema.json" for s in kinds)


def test_schema_defaults_to_the_project_schema_folder(tmp_path: Path) -> None:
    assert run_cli(make_project(tmp_path), "schema").exit_code == 0
    assert (tmp_path / "schema/equipment.schema.json").is_file()


# --- The project checks, once in the group ---------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["check"], ["generate", "tree"], ["build"], ["serve"], ["new", "sources", "x"], ["schema"]]
)
@pytest.mark.parametrize(
    ("missing", "fragment"),
    [("content", "there is no content/ folder in"), ("mkdocs.yml", "there is no mkdocs.yml in")],
)
def test_every_command_needs_content_and_mkdocs_yml(
    tmp_path: Path, command: list[str], missing: str, fragment: str
) -> None:
    root = make_project(tmp_path, {"mkdocs.yml": None} if missing == "mkdocs.yml" else {})
    if missing == "content":
        shutil.rmtree(root / "content")
    result = run_cli(root, *command)
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert not (root / "schema").exists() and not (root / "tree").exists()


@pytest.mark.parametrize("command", ["check", "generate", "build", "serve", "new", "schema"])
def test_help_works_outside_a_project(tmp_path: Path, command: str) -> None:
    result = run_cli(tmp_path, command, "--help")
    assert result.exit_code == 0, result.output
    assert f"Usage: main {command}" in result.output or f"Usage: osa-site {command}" in result.output


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path: Path) -> None:
    """`osa-site check | head -1`: when the pipe closes early, no 'unexpected error' line and no
    traceback; the exit status is the shell's for a program stopped by SIGPIPE (141)."""
    import subprocess
    import sys

    code = (
        "import os, sys\n"
        "read, write = os.pipe()\n"
        "os.close(read)\n"  # nobody will read: the first write fails with EPIPE
        "os.dup2(write, 1)\n"
        "from osa_site.app.cli import main\n"
        "sys.argv = ['osa-site', '--root', sys.argv[1], 'check']\n"
        "main()\n"
    )
    root = make_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 141, (done.returncode, done.stderr)
    assert done.stderr == "", done.stderr
