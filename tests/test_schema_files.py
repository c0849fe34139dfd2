"""The committed JSON Schemas and the editing guide stay in step with the code (the shipped records are
checked against the schemas in test_content.py)."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import click
import jsonschema
import pytest
from fixtures.projects import make_project
from pydantic import BaseModel

from osa_site.app.cli import main
from osa_site.editor.jsonschemas import json_schema, schema_files
from osa_site.model.index import build_index
from osa_site.model.site import SiteContext
from osa_site.records.content import load_dataset
from osa_site.records.schema import KINDS, SINGULAR
from osa_site.render.escape import md
from osa_site.render.guide import render_editing_guide
from osa_site.render.site import CONTEXT_RENDERERS

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_match_the_code() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.schema.json")}
    assert committed == schema_files(), "schema/ is out of date: run `osa-site schema` and commit the result"


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schema" / f"{SINGULAR[kind]}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "kind,record,field",
    [
        (
            "sources",
            {"title": "t", "publisher": "p", "url": "javascript:alert(1)", "published": "2024"},
            "url",
        ),
        (
            "sources",
            {"title": "t", "publisher": "p", "url": "data:text/html,x", "published": "unknown"},
            "url",
        ),
        ("budgets", {"fiscal_year": 2019, "amount_jpy": 1, "sources": ["s"]}, "fiscal_year"),
        ("budgets", {"fiscal_year": 2024, "amount_jpy": -1, "sources": ["s"]}, "amount_jpy"),
        ("budgets", {"fiscal_year": 2024, "amount_jpy": 1, "sources": ["Bad Id"]}, "sources"),
        ("budgets", {"fiscal_year": 2024, "amount_jpy": 1, "sources": ["s"], "recipent": "x"}, ""),
    ],
)
def test_json_schemas_refuse_what_the_validator_refuses(kind: str, record: dict, field: str) -> None:
    errors = list(_validator(kind).iter_errors(record))
    assert errors and (not field or any(field in [str(p) for p in e.absolute_path] for e in errors))


def test_schemas_carry_the_validators_wording_for_editors() -> None:
    equipment = json_schema("equipment")
    assert equipment["properties"]["fiscal_year"]["errorMessage"] == (
        "Expected a whole-number Japanese fiscal year such as 2024."
    )
    assert "expected" not in json.dumps(equipment).replace('"Expected', "")


# --- The editing guide ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = make_project(tmp_path_factory.mktemp("project"))
    return render_editing_guide(build_index(load_dataset(root / "content", root)), SiteContext())


def _all_models() -> list[type[BaseModel]]:
    """Every model reachable from the record kinds, found independently of the guide's own walk."""
    seen: list[type[BaseModel]] = []

    def walk(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                seen.append(annotation)
                for info in annotation.model_fields.values():
                    walk(info.annotation)
            return
        for arg in typing.get_args(annotation):
            walk(arg)

    for model in KINDS.values():
        walk(model)
    return seen


def _section(guide: str, model: type[BaseModel]) -> str:
    anchor = f"fields-{model.__name__.lower()}"
    match = re.search(rf"^### .*\{{#{anchor}\}}\n(.*?)(?=^##)", guide, flags=re.M | re.S)
    assert match, f"no section for {model.__name__}"
    return match.group(1)


def test_guide_documents_every_field_of_every_model(guide: str) -> None:
    models = _all_models()
    assert len(models) > len(KINDS)  # the nested parts are there too
    for model in models:
        section = _section(guide, model)
        for name, info in model.model_fields.items():
            row = next((ln for ln in section.splitlines() if ln.startswith(f"| {md(name)} |")), None)
            assert row, f"{model.__name__}.{name} is not in the guide"
            assert ("| Required |" in row) == info.is_required(), row
            assert md(info.description) in row, row


def test_guide_documents_every_command_from_its_help(guide: str) -> None:
    commands = guide.split("## Commands", 1)[1]
    for name, command in main.commands.items():
        assert f"### {md('osa-site ' + name)}\n" in commands
        first_line = (command.help or "").strip().splitlines()[0]
        assert md(first_line) in commands, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert md(param.opts[0]) in commands, (name, param.opts)


def test_guide_is_a_site_page() -> None:
    assert CONTEXT_RENDERERS["editing-guide.md"] is render_editing_guide
    assert "- Editing guide: editing-guide.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_guide_escapes_what_it_takes_from_the_code(guide: str) -> None:
    assert "<" not in guide.split("---", 2)[2]  # no raw HTML at all
    assert r"fiscal\_year" in guide and "fiscal_year" not in guide.replace("fiscal\\_year", "")
