"""Every fixed value of the schema (and the index's derived recipient status) has exactly one wording for
readers, kept next to its Literal."""

from __future__ import annotations

import typing

import pytest

from osa_site.model import index
from osa_site.records import schema

LABELS = [
    (schema.Confidence, schema.CONFIDENCE_LABELS),
    (schema.Domain, schema.DOMAIN_LABELS),
    (schema.Purpose, schema.PURPOSE_LABELS),
    (schema.BudgetStage, schema.BUDGET_STAGE_LABELS),
    (schema.LifecycleStage, schema.LIFECYCLE_LABELS),
    (schema.MilestoneCategory, schema.MILESTONE_CATEGORY_LABELS),
    (schema.PublisherType, schema.PUBLISHER_TYPES),
    (schema.PublisherType, schema.PUBLISHER_TYPE_LABELS),
    (schema.AnalysisForm, schema.ANALYSIS_FORM_LABELS),
    (schema.Theme, schema.THEME_LABELS),
    (index.RecipientStatus, index.RECIPIENT_STATUS_LABELS),  # derived by the index, labelled beside it
]


@pytest.mark.parametrize(("literal", "labels"), LABELS)
def test_every_value_has_one_label(literal: object, labels: dict[str, str]) -> None:
    assert list(labels) == list(typing.get_args(literal))
    assert len(set(labels.values())) == len(labels), "two values share a wording"


def test_every_kind_has_its_names() -> None:
    for names in (schema.SINGULAR, schema.KIND_NOUNS, schema.KIND_TITLES):
        assert list(names) == list(schema.KINDS)


@pytest.mark.parametrize(
    ("text", "valid", "suggestion"),
    [
        ("2024-mongolia-atc-radar", True, "2024-mongolia-atc-radar"),
        ("Mongolia ATC", False, "mongolia-atc"),
        ("a--b", False, "a-b"),
        ("-a", False, "a"),
        ("ünïcode", False, "n-code"),
    ],
)
def test_one_id_rule(text: str, valid: bool, suggestion: str) -> None:
    assert schema.is_id(text) is valid
    assert schema.suggest_id(text) == suggestion
    assert schema.is_id(schema.suggest_id(text))
