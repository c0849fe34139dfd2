"""Site search as a reader uses it, in Chromium: type a query, read the ranked results, score them.

One harness for the suite (tests/browser/test_search_relevance.py) and the benchmark
(`python scripts/bench.py --search`). It drives a Playwright page on a served site:

- `search(page, base, ui, edition, query)` opens the edition's home page, focuses the search box,
  types the query key by key and ends it with a key press (Material searches on keyup, and
  Playwright types Thai characters without key events), waits until the results stop changing,
  and returns the result pages in rank order, the time from the last key press to the first
  showing of the final first result, and every search request made before it.
- `load_queries` reads the relevance set (tests/relevance/queries.yaml); `score` gives success@3
  and MRR per language.

`MATERIAL` drives Material's header search (the lunr one, and a replacement that keeps its result
markup); `ZENSICAL` drives Zensical's own search dialog.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

__all__ = [
    "MATERIAL",
    "ZENSICAL",
    "Outcome",
    "Query",
    "Score",
    "SearchUI",
    "is_search_data",
    "load_queries",
    "page_paths",
    "score",
    "search",
]

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "relevance" / "queries.yaml"
TOP = 3  # "must return" = among the first TOP result pages
RANKED_MS = 250  # a relevance run's wait after a one-step query's results last changed (see `search`)


@dataclass(frozen=True)
class SearchUI:
    """Where an engine's search lives in the page."""

    name: str
    opener: str | None  # clicked first to open the search (None: the box itself is clicked)
    box: str  # the query input
    results: str  # the result links, in rank order


MATERIAL = SearchUI(
    "material",
    None,
    "input.md-search__input",
    ".md-search-result__item > a.md-search-result__link",
)
ZENSICAL = SearchUI(
    "zensical",
    ".md-search__button",
    "[role=combobox]",
    "[role=listbox] a[role=option]",
)


@dataclass(frozen=True)
class Query:
    text: str
    lang: str  # "en" or "th": the edition it is typed into
    expect: tuple[str, ...]  # site paths, e.g. "recipients/djibouti/" or "th/recipients/djibouti/"
    match: Literal["all", "any", "only"]  # see tests/relevance/queries.yaml
    why: str

    def succeeds(self, ranked: list[str]) -> bool:
        """all: every expected page in the top TOP; any: one of them; only: the top TOP (or as many
        as are expected) are all expected pages."""
        if self.match == "only":
            top = ranked[: min(TOP, len(self.expect))]
            return len(top) == min(TOP, len(self.expect)) and set(top) <= set(self.expect)
        found = [page in ranked[:TOP] for page in self.expect]
        return all(found) if self.match == "all" else any(found)

    def reciprocal_rank(self, ranked: list[str]) -> float:
        """1 / the rank of the first expected page (0 when none is returned)."""
        for rank, page in enumerate(ranked, start=1):
            if page in self.expect:
                return 1 / rank
        return 0.0


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(
            str(q["query"]),
            q["lang"],
            tuple(q["expect"]),
            q.get("match", "all"),
            q.get("why", ""),
        )
        for q in data["queries"]
    ]


@dataclass
class Request:
    url: str
    started: float  # epoch milliseconds
    bytes: int = 0


@dataclass
class Outcome:
    """What one typed query gave."""

    query: str
    ranked: list[str]  # result pages (site paths, anchors and ?h= stripped), first showing, no repeats
    first_result_ms: float | None  # last key press → the final first result on screen; None: no result
    requests: list[Request] = field(default_factory=list)  # search requests started before it

    @property
    def search_bytes(self) -> int:
        return sum(r.bytes for r in self.requests)


def page_paths(hrefs: list[str], base: str) -> list[str]:
    """Result links as site paths relative to `base`, section anchors and queries stripped, each page
    once, in the order it first appears."""
    prefix = urlsplit(base).path
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path.removeprefix(prefix)
        if path not in pages:
            pages.append(path)
    return pages


def is_search_data(url: str) -> bool:
    """A request made for search: Material's index and its web worker (the only worker the site has),
    Zensical's index, Pagefind's files."""
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    return "/pagefind/" in path or name in ("search_index.json", "search.json") or "/workers/" in path


# Installed in the page before typing: the time of every change to the query (an input event: a
# character typed) and of every change of the result list (its links' addresses), as epoch
# milliseconds, comparable with Playwright's request times. Zensical draws its dialog in a shadow
# root, so the links are looked for, and watched, in open shadow roots too. In a page where it is
# installed already (a reused page, see `search`), it only empties the record.
_WATCH = """
(selector) => {
  const old = window.__osaSearchWatch;
  if (old) {  // installed by an earlier search in this page: begin again, observers kept
    old.keys.length = 0;
    old.changes.length = 0;
    return;
  }
  const now = () => performance.timeOrigin + performance.now();
  const watch = {keys: [], changes: []};
  window.__osaSearchWatch = watch;
  const roots = (root = document) => [root, ...Array.from(root.querySelectorAll('*'))
    .filter(e => e.shadowRoot).flatMap(e => roots(e.shadowRoot))];
  const links = () => roots().flatMap(r => Array.from(r.querySelectorAll(selector), a => a.href));
  window.__osaSearchLinks = links;  // the result links now (see _emptied)
  const observed = new Set();
  const observer = new MutationObserver(() => { observeAll(); changed(); });
  const observeAll = () => roots().forEach(r => {
    if (observed.has(r)) return;
    observed.add(r);
    observer.observe(r, {childList: true, subtree: true, attributes: true, attributeFilter: ['href']});
    r.addEventListener('input', () => watch.keys.push(now()), true);
  });
  const changed = () => {
    const hrefs = links();
    const last = watch.changes[watch.changes.length - 1];
    if (!last || last.hrefs.join('\\n') !== hrefs.join('\\n')) watch.changes.push({t: now(), hrefs});
  };
  observeAll();
}
"""


def _reusable(page: Any, url: str) -> bool:
    """Whether `page` is the page at `url` (query and anchor aside) and the harness searched in it."""
    here = urlsplit(page.url)
    return f"{here.scheme}://{here.netloc}{here.path}" == url and bool(
        page.evaluate("() => window.__osaSearchWatch !== undefined")
    )


def _emptied(page: Any, ui: SearchUI, timeout_s: float) -> None:
    """Empty the open page's search box with a key press (Material searches on keyup, Zensical on
    input) and wait until no result is shown: whatever is shown after that is the next query's."""
    box = page.locator(ui.box).first
    box.fill("")
    box.press("End")
    page.wait_for_function("() => window.__osaSearchLinks().length === 0", timeout=timeout_s * 1000)


def _settled(page: Any, settle_ms: float, timeout_s: float) -> dict:
    """Wait until results are shown and nothing changed for `settle_ms` (or `timeout_s` passed)."""
    deadline = time.monotonic() + timeout_s
    while True:
        watch = page.evaluate("() => window.__osaSearchWatch")
        now = page.evaluate("() => performance.timeOrigin + performance.now()")
        last_key = watch["keys"][-1] if watch["keys"] else now
        changes = watch["changes"]
        shown = bool(changes and changes[-1]["hrefs"])
        quiet = now - max([last_key, *(c["t"] for c in changes[-1:])]) >= settle_ms
        if (shown and quiet) or time.monotonic() > deadline:
            return watch
        time.sleep(0.05)


def _first_result_ms(watch: dict) -> float | None:
    """The query's last character → the first change after it that shows the final first result (0
    when it was on screen already)."""
    changes, last_key = watch["changes"], watch["keys"][-1]
    if not changes or not changes[-1]["hrefs"]:
        return None
    first = changes[-1]["hrefs"][0]
    for change in changes:
        if change["t"] >= last_key and change["hrefs"] and change["hrefs"][0] == first:
            return change["t"] - last_key
    return 0.0


def _body_bytes(request: Any) -> int:
    """The bytes of a response's body as sent. Chromium reports 0 for a worker's own script, so its
    Content-Length stands in (which a response from the browser's cache also has: measure in a new
    browser context, as the benchmark does)."""
    response = request.response()
    if response is None or response.from_service_worker:
        return 0
    size = request.sizes()["responseBodySize"]
    if size > 0:
        return int(size)
    length = response.headers.get("content-length")
    return int(length) if length and response.status == 200 else 0


def search(
    page: Any,
    base: str,
    ui: SearchUI,
    query: str,
    edition: str = "",
    *,
    settle_ms: float = 700,
    timeout_s: float = 15,
    fresh: bool = True,
    at_once: bool = False,
) -> Outcome:
    """Type `query` into the search of the edition at `base + edition` as a reader does; see the module.

    `fresh` opens the page anew, as a new reader would (the benchmark's times and bytes need it);
    otherwise a page already open at that address, where the harness searched before, is reused
    with its search box emptied (`_emptied`): the same results, without loading the page and its
    search index again for each query. `at_once` puts the whole query in the box in one step, then
    one key press: a single search, so the results need `settle_ms` only to be sure they are whole
    (a shorter one will do), not to outlast the answers to partly typed queries.
    """
    requests: list[tuple[Request, Any]] = []

    def record(request: Any) -> None:
        if is_search_data(request.url):
            requests.append((Request(request.url, time.time() * 1000), request))

    page.on("request", record)
    try:
        if fresh or not _reusable(page, base + edition):
            page.goto(base + edition, wait_until="load")
            if ui.opener:
                page.locator(ui.opener).first.click()
        else:
            _emptied(page, ui, timeout_s)
        page.evaluate(_WATCH, ui.results)
        box = page.locator(ui.box).first
        box.click()
        if at_once:
            box.fill(query)  # one input event (Zensical searches on it)
            box.dispatch_event("keyup")  # Material searches on keyup
        else:
            box.press_sequentially(query, delay=15)
            box.press("End")
        watch = _settled(page, settle_ms, timeout_s)
    finally:
        page.remove_listener("request", record)
    hrefs = watch["changes"][-1]["hrefs"] if watch["changes"] else []
    first = _first_result_ms(watch)
    shown_at = watch["keys"][-1] + first if first is not None else float("inf")
    made = []
    for req, handle in requests:
        timing = handle.timing
        req.started = timing.get("startTime") or req.started
        if req.started <= shown_at:
            req.bytes = _body_bytes(handle)
            made.append(req)
    return Outcome(query, page_paths(hrefs, base), first, made)


@dataclass(frozen=True)
class Score:
    lang: str
    queries: int
    successes: int
    mrr: float
    failures: list[tuple[Query, list[str]]]

    @property
    def success_at_3(self) -> float:
        return self.successes / self.queries if self.queries else 0.0

    def report(self) -> str:
        lines = [
            f"{self.lang}: success@{TOP} {self.success_at_3:.0%} ({self.successes}/{self.queries}), "
            f"MRR {self.mrr:.2f}"
        ]
        lines += [f"  {q.text!r}: wanted {list(q.expect)}, got {ranked[:5]}" for q, ranked in self.failures]
        return "\n".join(lines)


def score(lang: str, results: list[tuple[Query, list[str]]]) -> Score:
    """success@3 and MRR over one language's queries and their ranked result pages."""
    mine = [(q, ranked) for q, ranked in results if q.lang == lang]
    wins = [q.succeeds(ranked) for q, ranked in mine]
    mrr = statistics.fmean(q.reciprocal_rank(ranked) for q, ranked in mine) if mine else 0.0
    failures = [(q, ranked) for (q, ranked), ok in zip(mine, wins, strict=True) if not ok]
    return Score(lang, len(mine), sum(wins), mrr, failures)


def edition_of(lang: str) -> str:
    """The path of a language's edition under the site's base ('' for English, 'th/' for Thai)."""
    return "" if lang == "en" else f"{lang}/"


def run_relevance(page: Any, base: str, ui: SearchUI, queries: list[Query]) -> list[tuple[Query, list[str]]]:
    """Every query put into its own edition's search, with the result pages it gave: one page per
    edition, each query in one step (`search`'s `fresh` and `at_once`). Typing key by key, and
    pages opened anew, are what the other browser tests and the cost rows do."""

    def ranked(q: Query) -> list[str]:
        edition = edition_of(q.lang)
        return search(page, base, ui, q.text, edition, fresh=False, at_once=True, settle_ms=RANKED_MS).ranked

    return [(q, ranked(q)) for q in queries]
