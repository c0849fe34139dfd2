"""Property tests of the input side (issue 9): arbitrary text and mangled files never get through uncaught.

1. Every free-text field of every record kind, fed arbitrary Unicode (Hypothesis' default alphabet
   reaches C0/C1 controls, noncharacters, bidi controls, separators) mixed with markup payloads,
   through the real pipeline: write YAML with PyYAML's emitter, load, validate, index, render the
   Markdown in memory. Each input is refused with a located problem naming that field, or it
   renders inert: no element, attribute or link from the text survives into the HTML.
2. The text policy and the JSON Schema editors get agree.
3. Real records, mutated (byte flips, truncations, deep nesting, huge numbers): the loader and
   validator answer with a record or located problems, never a traceback.

Example counts are modest and the runs derandomized, so CI is fast and repeatable.
"""

from __future__ import annotations

import copy
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from fixtures.projects import BASE, RECORDS, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from osa_site.model.index import build_index, page_of
from osa_site.model.site import SiteContext
from osa_site.records.content import discover, load_dataset
from osa_site.records.loader import FieldPath, LoadError, dotted_path, load_record
from osa_site.records.problems import RecordError
from osa_site.records.schema import KINDS, SINGULAR, Title
from osa_site.records.textpolicy import TextRule, text_problem
from osa_site.records.validate import validate_record
from osa_site.render.site import render_record

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = ["tables", "footnotes", "attr_list", "md_in_html", "admonition"]  # as in mkdocs.yml
PROPERTY = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _rule(annotation: Any) -> TextRule | None:
    found = [m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, TextRule)]
    for arg in getattr(annotation, "__args__", ()):
        found += [rule] if (rule := _rule(arg)) else []
    return found[0] if found else None


def text_fields(model: type[BaseModel], data: Any, loc: FieldPath = ()) -> list[FieldPath]:
    """Every free-text field present in `data`, nested models and lists included."""
    found: list[FieldPath] = []
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        if _rule(info.annotation) or any(isinstance(m, TextRule) for m in info.metadata):
            found.append(loc + (name,))
        for sub in _models(info.annotation):
            if isinstance(data[name], list):
                for i, item in enumerate(data[name]):
                    found += text_fields(sub, item, loc + (name, i))
            else:
                found += text_fields(sub, data[name], loc + (name,))
    return found


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models(arg)]


FIELDS = [(kind, loc) for kind, (_, data) in RECORDS.items() for loc in text_fields(KINDS[kind], data)]


def test_every_text_field_of_every_kind_is_covered() -> None:
    """Each text field of each model (nested ones included) is exercised for at least one kind."""
    models, seen = list(KINDS.values()), set()
    while models:
        model = models.pop()
        seen.add(model)
        models += [
            m for info in model.model_fields.values() for m in _models(info.annotation) if m not in seen
        ]
    declared = {
        (m.__name__, name)
        for m in seen
        for name, info in m.model_fields.items()
        if _rule(info.annotation) or any(isinstance(x, TextRule) for x in info.metadata)
    }
    assert {name for _, name in declared} == {loc[-1] for _, loc in FIELDS}
    assert {kind for kind, _ in FIELDS} == set(KINDS) and len(FIELDS) == 37
    assert ("equipment", ("disputes", 0, "readings", 0, "according_to")) in FIELDS


class _Emitter(yaml.SafeDumper):
    """PyYAML's safe emitter, writing shared values out in full (records refuse anchors)."""

    def ignore_aliases(self, _data: Any) -> bool:  # an override: PyYAML passes the value
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Emitter, allow_unicode=True, sort_keys=False, width=2**20)


def _set(data: Any, loc: FieldPath, value: str) -> Any:
    data = copy.deepcopy(data)
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return data


PAYLOADS = [
    "<osax>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "<a href='javascript:alert(1)'>a</a>",
    "<b onmouseover=alert(1)>b</b>",
    "{: onclick=alert(1) }",
    "<!--",
    "`<osax>`",
    "| <osax> |",
    "\u2067<osax>\u2069",
    "&lt;osax&gt;",
    "![x](javascript:alert(1))",
    "<https://evil.example>",
    "<iframe src=//evil.example>",
]
_readable = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)
_payload = st.sampled_from(PAYLOADS)
hostile_text = st.one_of(  # anything; a payload amid anything; a payload amid text a reader could type
    st.text(max_size=40),
    st.builds(lambda a, p, b: a + p + b, st.text(max_size=12), _payload, st.text(max_size=12)),
    st.builds(lambda a, p, b: a + p + b, _readable, _payload, _readable),
)


class _Injected(HTMLParser):
    """Collects anything in rendered HTML that could only have come from injected markup."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("osax", "script", "img", "iframe", "b"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value!r}")
            if name in ("href", "src") and "evil.example" in (value or ""):
                self.found.append(f"{tag} {name}={value!r}")


def _rendered_pages(root: Path) -> dict[str, str]:
    index = build_index(load_dataset(root / "content", root))
    ctx = SiteContext(site_url="https://example.org/")
    entries = [entry for kind in KINDS for entry in index.dataset.of(kind)]
    return {page_of(e): render_record(e, index, ctx) for e in entries}


def _body(page: str) -> str:
    """The Markdown after the front matter, which must itself be a readable YAML mapping."""
    if not page.startswith("---\n"):
        return page
    head, _, body = page[4:].partition("\n---\n")
    assert isinstance(yaml.safe_load(head), dict), head
    return body


def _project_with(kind: str, loc: FieldPath, value: str, root: Path) -> str:
    file, data = RECORDS[kind]
    body = _dump(_set(data, loc, value))
    extra = {path: _dump(record) for path, record in RECORDS.values()}
    make_project(root, {**extra, file: body})
    return file


@PROPERTY
@given(field=st.sampled_from(FIELDS), text=hostile_text)
def test_any_text_in_any_field_is_refused_where_it_is_or_rendered_inert(
    field: tuple[str, FieldPath], text: str
) -> None:
    kind, loc = field
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = _project_with(kind, loc, text, root)
        try:
            pages = _rendered_pages(root)
        except RecordError as error:
            assert [(p.path, p.field) for p in error.problems] == [(path, dotted_path(loc))], error.problems
            problem = error.problems[0]
            assert problem.line >= 1 and problem.column >= 1 and problem.message.isprintable()
            return
    assert text_problem(text, 2_000, one_line=False) is None
    for page in pages.values():
        parser = _Injected()
        parser.feed(markdown.markdown(_body(page), extensions=EXTENSIONS))
        assert parser.found == [], (text, parser.found)


# --- The policy itself, and the JSON Schema that carries it to editors ---------------------------

TITLE_RULE = next(m for m in Title.__metadata__ if isinstance(m, TextRule))
SCHEMA_PATTERN = re.compile(TITLE_RULE.json_schema()["pattern"])


def _forbidden(char: str) -> bool:
    """Controls other than tab and newline, separators, noncharacters (written out independently)."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or code in (0x2028, 0x2029)
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


@PROPERTY
@given(text=st.text(max_size=60))
def test_the_policy_refuses_by_code_point_and_accepts_only_visible_text(text: str) -> None:
    problem = text_problem(text, 300, one_line=False)
    if problem is None:
        assert not any(_forbidden(c) for c in text)
        assert any(not c.isspace() and unicodedata.category(c) not in ("Cf", "Zs") for c in text)
    else:
        assert problem.isprintable() and len(problem) < 200
        if any(_forbidden(c) for c in text):
            assert re.search(r"received U\+[0-9A-F]{4,6} .* at position [0-9]+$", problem), problem


@PROPERTY
@given(text=st.text(alphabet=st.characters(max_codepoint=0xFFFF), max_size=40))
def test_the_json_schema_pattern_refuses_what_the_validator_refuses_for_characters(text: str) -> None:
    """Bidi balance is beyond a pattern, so it is the one rule only the validator applies."""
    by_validator = text_problem(text, 300, one_line=True)
    by_schema = SCHEMA_PATTERN.fullmatch(text) is not None and len(text) >= 1
    if by_schema != (by_validator is None):
        assert by_schema and "direction control" in str(by_validator), (text, by_validator)


# --- Fuzzing the loader with mangled real records ------------------------------------------------

REAL = sorted(file for _, file in discover(ROOT / "content"))
_MUTATIONS = ["flip", "truncate", "nest", "number", "insert"]


def _mutate(raw: bytes, how: str, at: int, byte: int) -> bytes:
    at %= max(len(raw), 1)
    if how == "flip":
        return raw[:at] + bytes([raw[at] ^ (byte or 1)]) + raw[at + 1 :]
    if how == "truncate":
        return raw[:at]
    if how == "nest":
        return raw + b"deep: " + b"[" * (byte * 8) + b"]" * (byte * 8) + b"\n"
    if how == "number":
        huge = b"7" * (byte * 40)
        return re.sub(rb"(?m)^(\w+): [0-9]+$", lambda m: m.group(1) + b": " + huge, raw, count=1)
    return raw[:at] + bytes([byte]) + raw[at:]


@PROPERTY
@given(
    file=st.sampled_from(REAL),
    how=st.sampled_from(_MUTATIONS),
    at=st.integers(0, 10_000),
    byte=st.integers(0, 255),
)
def test_mangled_real_records_give_a_record_or_located_problems(
    file: Path, how: str, at: int, byte: int
) -> None:
    kind = file.parent.name
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / file.name
        target.write_bytes(_mutate(file.read_bytes(), how, at, byte))
        try:
            record, problems = validate_record(load_record(target, kind, "x.yaml"))
        except LoadError as error:
            problems, record = [error.problem], None
    assert (record is None) == bool(problems)
    for problem in problems:
        assert problem.path == "x.yaml" and problem.line >= 1 and problem.column >= 1
        assert problem.message.isprintable() and len(problem.message) < 400


def test_the_fuzzed_records_are_real() -> None:
    assert len(REAL) > 50 and BASE  # the fixtures module is shared with the example tests


def _schema_validator(kind: str) -> Any:
    import json

    import jsonschema

    schema = json.loads((ROOT / "schema" / f"{SINGULAR[kind]}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "\u200b\u2060"),
        ("title", "   "),
        ("title", "Radar\x07"),
        ("title", "Radar\u2028x"),
        ("title", "Radar\nx"),
        ("title", "x" * 301),
        ("publisher", "\ufdd0"),
        ("note", "n" * 2001),
        ("url", "https://host@evil.example/"),
        ("url", "https:///x"),
        ("url", "https://#"),
        ("url", "https://a.example/ x"),
    ],
)
def test_the_committed_json_schema_refuses_hostile_source_fields(field: str, value: str) -> None:
    record = {
        "title": "t",
        "publisher": "p",
        "publisher_type": "news",
        "url": "https://www.mofa.go.jp/",
        "published": "2024",
    }
    record[field] = value
    errors = list(_schema_validator("sources").iter_errors(record))
    assert [list(e.absolute_path) for e in errors] == [[field]]


def test_the_committed_json_schema_accepts_text_in_any_script() -> None:
    record = {
        "title": "ประเทศไทย 👩\u200d💻 \u2067مرحبا\u2069",
        "publisher": "防衛省",
        "publisher_type": "official",
        "note": "One.\n\nTwo.",
        "url": "https://日本語.jp/",
        "published": "2024",
    }
    assert list(_schema_validator("sources").iter_errors(record)) == []
