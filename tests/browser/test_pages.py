"""Every page kind: no request to any host but the site's own, no script error, no axe-core violation.

One visit per page kind checks all three, and the failure lists every problem found.
axe fixes go in templates and CSS (osa_site/theme, osa.css), never in an allow-list.
"""

from __future__ import annotations

import pytest
from site_pages import page_kinds

PAGES = page_kinds()


@pytest.mark.parametrize("kind", PAGES)
def test_page_is_self_contained_and_accessible(tab, axe_violations, kind: str) -> None:
    path = PAGES[kind]
    tab.goto(path)
    tab.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # so lazy content loads too
    tab.page.wait_for_load_state("networkidle")
    assert tab.requests, "no request was recorded: the recorder is broken"
    problems = [f"requested another host: {url}" for url in tab.foreign()]
    problems += [f"script error: {error}" for error in tab.errors]
    report = axe_violations(tab.page)
    problems += [f"axe: {report}"] if report else []
    assert problems == [], f"{path or 'home'}:\n" + "\n".join(problems)


def test_open_search_dialog_has_no_axe_violations(tab, axe_violations) -> None:
    tab.goto("")
    tab.page.locator("input.md-search__input").click()
    tab.page.locator("input.md-search__input").press_sequentially("patrol", delay=20)
    tab.page.locator(".md-search-result__item").first.wait_for()
    report = axe_violations(tab.page)
    assert report == "", report


def test_search_worker_loads_from_the_local_server(tab) -> None:
    tab.goto("")
    tab.page.wait_for_load_state("networkidle")
    assert any("/assets/javascripts/workers/pagefind-search.js" in u for u in tab.requests), tab.requests
    assert any(u.endswith("/search/search_index.json") for u in tab.requests), tab.requests
    assert tab.foreign() == []


def test_recorder_sees_requests_made_from_workers(tab) -> None:
    """The guard itself: a fetch from a web worker to another host is recorded (and blocked)."""
    tab.goto("")
    tab.page.evaluate("""() => new Promise(done => {
        const code = "fetch('https://fonts.example.invalid/x.css')"
                   + ".catch(() => 0).finally(() => postMessage(1))";
        const worker = new Worker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'})));
        worker.onmessage = () => done();
    })""")
    assert tab.foreign() == ["https://fonts.example.invalid/x.css"]
