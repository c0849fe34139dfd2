"""The equipment register's filters and sortable columns work in a real browser.

Expected rows are counted from the YAML records, not from the page. Skipped while the
register has no filter form (`form[data-osa-filter="register"]`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

ROWS = ".osa-register table tbody tr"
FORM = 'form[data-osa-filter="register"]'


def projects(root: Path) -> list[dict]:
    return [
        yaml.safe_load(f.read_text(encoding="utf-8"))
        for f in sorted((root / "content" / "equipment").glob("*.yaml"))
    ]


def assert_filters(site: Path) -> None:
    """The filters are part of the product: their absence fails, it does not skip."""
    page = (site / "equipment" / "index.html").read_text(encoding="utf-8")
    assert 'data-osa-filter="register"' in page, "the register has no filter controls"


@pytest.fixture
def register(tab, built_site):
    assert_filters(built_site)
    tab.goto("equipment/")
    tab.page.locator(FORM).wait_for(state="visible")
    return tab


def visible_keys(tab, attribute: str) -> list[str]:
    return tab.page.locator(f"{ROWS}:not([hidden]) .osa-row").evaluate_all(
        f"spans => spans.map(s => s.getAttribute('data-{attribute}'))"
    )


def test_filter_by_recipient_and_year(register, root) -> None:
    records = projects(root)
    page = register.page
    assert page.locator(ROWS).count() == len(records)
    page.select_option(f"{FORM} select[name=recipient]", "philippines")
    expected = sum(r["recipient"] == "philippines" for r in records)
    assert visible_keys(register, "recipient") == ["philippines"] * expected
    assert (
        page.locator(f"{FORM} .osa-filters__count").inner_text()
        == f"Showing {expected} of {len(records)} projects."
    )
    assert "recipient=philippines" in page.url

    page.select_option(f"{FORM} select[name=fy]", "2025")
    both = sum(r["recipient"] == "philippines" and r["fiscal_year"] == 2025 for r in records)
    assert both < expected
    assert len(visible_keys(register, "fy")) == both

    page.locator(f"{FORM} button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert len(visible_keys(register, "recipient")) == len(records)
    assert register.errors == []


def test_filter_state_is_read_from_the_address(tab, built_site, root) -> None:
    assert_filters(built_site)
    tab.goto("equipment/?fy=2024")
    tab.page.locator(FORM).wait_for(state="visible")
    expected = Counter(r["fiscal_year"] for r in projects(root))[2024]
    assert visible_keys(tab, "fy") == ["2024"] * expected


def _column(tab, header: str) -> list[int]:
    """The sort values of a column, top to bottom (rows without a value left out)."""
    headers = tab.page.locator(".osa-register table thead th").all_inner_texts()
    index = [t.strip() for t in headers].index(header)
    values = tab.page.locator(f"{ROWS} td:nth-child({index + 1})").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort'))"
    )
    return [int(v) for v in values if v]


def test_sorting_by_amount_orders_the_rows_both_ways(register) -> None:
    header = register.page.locator(".osa-register table thead th", has_text="Amount")
    header.click()
    first = _column(register, "Amount")
    assert first in (sorted(first), sorted(first, reverse=True)) and len(set(first)) > 1
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    header.click()
    second = _column(register, "Amount")
    assert second == sorted(first, reverse=first == sorted(first))
