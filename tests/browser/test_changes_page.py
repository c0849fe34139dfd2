"""The changes page's filters work in a real browser: by record kind and by recipient, by stable ids."""

from __future__ import annotations

FORM = 'form[data-osa-filter="changes"]'
ITEMS = ".osa-changes li"


def marked(kind: str = "", recipient: str = "") -> str:
    """The list items whose marker carries these filter values."""
    attrs = f'[data-kind="{kind}"]' if kind else ""
    attrs += f'[data-recipient="{recipient}"]' if recipient else ""
    return f"{ITEMS}:has(.osa-change{attrs})"


def test_filter_by_kind_then_recipient_and_share_the_view(tab) -> None:
    tab.goto("changes/")
    page = tab.page
    page.locator(FORM).wait_for(state="visible")
    total = page.locator(ITEMS).count()
    projects = page.locator(marked("equipment")).count()
    assert 0 < projects < total

    page.select_option(f"{FORM} select[name=kind]", "equipment")
    assert page.locator(f"{ITEMS}:not([hidden])").count() == projects
    count = page.locator(f"{FORM} .osa-filters__count").inner_text()
    assert count == f"Showing {projects} of {total} changes."

    page.select_option(f"{FORM} select[name=recipient]", "papua-new-guinea")  # an id, not a slugified name
    expected = page.locator(marked("equipment", "papua-new-guinea")).count()
    visible = page.locator(f"{ITEMS}:not([hidden])")
    assert expected >= 1 and visible.count() == expected
    lists = page.locator(".osa-changes ul:not([hidden])")
    assert page.locator(".osa-changes h2:not([hidden])").count() == lists.count()  # empty months are hidden
    assert lists.locator("li:not([hidden])").count() == expected

    shared = page.url
    assert "kind=equipment" in shared and "recipient=papua-new-guinea" in shared
    tab.goto("changes/?kind=equipment&recipient=papua-new-guinea")
    page.locator(FORM).wait_for(state="visible")
    assert page.locator(f"{ITEMS}:not([hidden])").count() == expected
