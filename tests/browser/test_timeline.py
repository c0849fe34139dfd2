"""The timeline's filters work in a real browser; expected counts come from the YAML records."""

from __future__ import annotations

from pathlib import Path

import yaml

FORM = 'form[data-osa-filter="timeline"]'
EVENTS = ".osa-timeline li"


def agreements(root: Path) -> list[dict]:
    return [
        yaml.safe_load(f.read_text(encoding="utf-8"))
        for f in sorted((root / "content" / "agreements").glob("*.yaml"))
    ]


def test_filter_by_kind_then_country_and_share_the_view(tab, root) -> None:
    tab.goto("timeline/")
    page = tab.page
    page.locator(FORM).wait_for(state="visible")
    total = page.locator(EVENTS).count()

    page.select_option(f"{FORM} select[name=kind]", "agreement")
    signed = len(agreements(root))
    assert page.locator(f"{EVENTS}:not([hidden])").count() == signed
    assert page.locator(f"{FORM} .osa-filters__count").inner_text() == f"Showing {signed} of {total} events."

    page.select_option(f"{FORM} select[name=country]", "swe")  # a partner that is not a recipient (ISO code)
    visible = page.locator(f"{EVENTS}:not([hidden])")
    assert visible.count() == 1 and "Sweden" in visible.inner_text()
    assert page.locator(".osa-timeline h3:not([hidden])").count() == 1  # empty years are hidden

    shared = page.url
    assert "kind=agreement" in shared and "country=swe" in shared
    tab.goto("timeline/?kind=agreement&country=swe")
    page.locator(FORM).wait_for(state="visible")
    assert page.locator(f"{EVENTS}:not([hidden])").count() == 1
