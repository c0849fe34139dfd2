"""Record history from git, end to end: a temporary repository with commits at fixed dates, then builds.

The repository holds a copy of the project's content and mkdocs.yml (see history_repo.py). Its last
content commit edits one project; a later commit touches code only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from history_repo import (
    CODE_ONLY_DATE,
    COMMENTED,
    DATES,
    EDIT_SUMMARY,
    PROJECT,
    REMOVED,
    RENAMED,
    git,
    make_history_repo,
)
from lxml import etree
from sitetools import build_into, search_fragments, shipped_copy

from osa_site.history.feeds import EMPTY_FEED_UPDATED
from osa_site.history.git import HistoryCache, read_history
from osa_site.output.generate import generate_tree, read_config
from osa_site.records.schema import KINDS

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = read_config(Path(__file__).resolve().parent.parent)["site_url"]
EDIT_DAY = DATES[2][:10]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_history_repo(tmp_path_factory.mktemp("history") / "repo")


@pytest.fixture(scope="module")
def docs(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate_tree(repo, out)
    return out / "docs"


def read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def first_item(page: str) -> str:
    return re.search(r"<li>.*?</li>", page).group(0)


def history_rows(page: str) -> list[str]:
    section = page.split("## History { data-search-exclude }\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| 2")]


# --- The edit shows at the top of /changes/, of the feeds and in the record's own history ---------


def test_the_edit_is_at_the_top_of_the_changes_page(docs: Path) -> None:
    page = read(docs, "changes/index.md")
    assert page.index("## March 2025") < page.index("## February 2025") < page.index("## January 2025")
    top = first_item(page)
    assert f'href="../equipment/{PROJECT}/"' in top
    assert f"<strong>{EDIT_DAY}</strong>" in top
    assert 'data-kind="equipment" data-recipient="mongolia"' in top
    assert EDIT_SUMMARY[0].lower() + EDIT_SUMMARY[1:] in top
    assert "commit message" not in page  # summaries come from the records, not from commit messages


def test_the_edit_is_the_first_entry_of_the_site_and_recipient_feeds(docs: Path) -> None:
    for name in ("changes/feed.xml", "recipients/mongolia/feed.xml"):
        feed = etree.fromstring((docs / name).read_bytes())
        entry = feed.find(f"{ATOM}entry")
        assert feed.findtext(f"{ATOM}updated") == DATES[2], name
        assert entry.findtext(f"{ATOM}updated") == DATES[2]
        assert entry.find(f"{ATOM}link").get("href") == f"{SITE_URL}equipment/{PROJECT}/"
        assert entry.findtext(f"{ATOM}summary").startswith(EDIT_SUMMARY + ".")
        assert (
            entry.findtext(f"{ATOM}title") == "Project changed: Air traffic control radar for the "
            "Mongolian Air Force"
        )


def test_the_record_history_lists_each_commit_with_its_date_and_summary(docs: Path) -> None:
    page = read(docs, f"equipment/{PROJECT}.md")
    rows = history_rows(page)
    assert len(rows) == 2
    assert rows[0].startswith(
        f"| {EDIT_DAY} | Changed | Amount changed from ¥1\\.3 billion to "
        "¥1\\.35 billion; handover step added |"
    )
    assert rows[1].startswith(f"| {DATES[0][:10]} | Added | Record added |")
    assert f"Record last changed {EDIT_DAY}" in page.replace("\\", "")


def test_code_only_and_comment_only_commits_do_not_appear(docs: Path) -> None:
    assert f"<strong>{CODE_ONLY_DATE[:10]}</strong>" not in read(docs, "changes/index.md")  # a change's date
    rows = history_rows(read(docs, f"recipients/{COMMENTED}.md"))
    assert [r.split(" | ")[1] for r in rows] == ["Added"]


def test_removed_records_are_listed_without_a_link_and_renames_are_removal_plus_addition(docs: Path) -> None:
    items = re.findall(r"<li>.*?</li>", read(docs, "changes/index.md"))
    february = [i for i in items if f"<strong>{DATES[1][:10]}</strong>" in i]
    removed = [i for i in february if "Milestone removed" in i]
    assert len(removed) == 2 and not any("<a " in i for i in removed)
    assert all("(no longer on the site)" in i for i in removed)
    added = [i for i in february if "Milestone added" in i]
    assert len(added) == 1 and f'href="../milestones/{RENAMED[1]}/"' in added[0]
    assert not (docs / f"milestones/{REMOVED}.md").exists()
    january = [i for i in items if f"<strong>{DATES[0][:10]}</strong>" in i and "Milestone added" in i]
    gone = [i for i in january if "(no longer on the site)" in i]  # added then, removed or renamed since
    assert len(gone) == 2 and not any("<a " in i for i in gone)


def test_the_changes_page_filters_by_kind_and_recipient_with_stable_ids(docs: Path) -> None:
    page = read(docs, "changes/index.md")
    form = re.search(r'<form class="osa-filters" data-osa-filter="changes".*?</form>', page).group(0)
    assert '<option value="equipment">Project</option>' in form
    assert '<option value="papua-new-guinea">Papua New Guinea</option>' in form
    markers = re.findall(r'<span class="osa-change" data-kind="([^"]*)" data-recipient="([^"]*)">', page)
    assert len(markers) == len(re.findall(r"<li>", page))
    assert {kind for kind, _ in markers} <= set(KINDS)


# --- Atom 1.0 ------------------------------------------------------------------------------------

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")


def check_atom(xml: bytes) -> list[str]:
    """The RFC 4287 rules a feed of ours must meet (section 4.1.1 and 4.1.2): required elements
    once each, absolute ids, RFC 3339 dates, a link or content per entry, an author for every entry."""
    feed = etree.fromstring(xml)
    problems = []
    if feed.tag != f"{ATOM}feed":
        return [f"root is {feed.tag}"]
    entries = [(e, f"entry {n}") for n, e in enumerate(feed.iter(f"{ATOM}entry"))]
    for parent, where in [(feed, "feed"), *entries]:
        for name in ("id", "title", "updated"):
            found = parent.findall(f"{ATOM}{name}")
            if len(found) != 1 or not (found[0].text or "").strip():
                problems.append(f"{where}: needs exactly one non-empty {name}")
        if not ABSOLUTE.match(parent.findtext(f"{ATOM}id") or ""):
            problems.append(f"{where}: id is not an absolute IRI")
        if not RFC3339.match(parent.findtext(f"{ATOM}updated") or ""):
            problems.append(f"{where}: updated is not an RFC 3339 date")
        alternates = [lk for lk in parent.findall(f"{ATOM}link") if lk.get("rel", "alternate") == "alternate"]
        if where != "feed" and not alternates and parent.find(f"{ATOM}content") is None:
            problems.append(f"{where}: needs a link rel=alternate or content")
    if feed.find(f"{ATOM}author") is None:
        problems.append("feed: needs an author (its entries have none)")
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    return problems


def assert_valid_atom(xml: bytes) -> None:
    assert check_atom(xml) == []
    parsed = feedparser.parse(xml)
    assert parsed.version == "atom10"
    assert not parsed.bozo, parsed.get("bozo_exception")


def test_every_feed_validates_as_atom_1_0(docs: Path) -> None:
    feeds = sorted(docs.rglob("feed.xml"))
    assert len(feeds) == 1 + len(list(docs.glob("recipients/*.md"))) - 1  # one per recipient, minus index
    for feed in feeds:
        assert_valid_atom(feed.read_bytes())


def test_the_atom_check_catches_what_it_checks() -> None:
    broken = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>relative</id><title>t</title>'
        b"<updated>yesterday</updated><entry><title>e</title></entry></feed>"
    )
    problems = check_atom(broken)
    assert "feed: id is not an absolute IRI" in problems
    assert "feed: updated is not an RFC 3339 date" in problems
    assert "entry 0: needs exactly one non-empty id" in problems
    assert "entry 0: needs a link rel=alternate or content" in problems
    assert "feed: needs an author (its entries have none)" in problems


# --- Reproducible -----------------------------------------------------------------------------------


def feeds_of(docs: Path) -> dict[str, bytes]:
    return {f.relative_to(docs).as_posix(): f.read_bytes() for f in sorted(docs.rglob("feed.xml"))}


def test_feeds_and_pages_are_byte_identical_across_rebuilds_and_clones(
    repo: Path, docs: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    generate_tree(clone, tmp_path / "again")
    again = tmp_path / "again" / "docs"
    assert feeds_of(again) == feeds_of(docs)
    assert read(again, "changes/index.md") == read(docs, "changes/index.md")
    assert read(again, f"equipment/{PROJECT}.md") == read(docs, f"equipment/{PROJECT}.md")


# --- Without full history -------------------------------------------------------------------------


def test_a_full_build_without_git_succeeds_and_says_history_is_not_available(tmp_path: Path) -> None:
    project = shipped_copy(tmp_path / "plain")
    assert read_history(project).state == "unavailable"
    site = build_into(project, tmp_path / "out")
    page = (site / "equipment" / PROJECT / "index.html").read_text(encoding="utf-8")
    assert "History is not available: this site was built without the project" in page
    feed = (site / "changes" / "feed.xml").read_bytes()
    assert_valid_atom(feed)
    parsed = etree.fromstring(feed)
    assert parsed.find(f"{ATOM}entry") is None
    assert parsed.findtext(f"{ATOM}updated") == EMPTY_FEED_UPDATED.isoformat()
    assert "History is not available" in (site / "changes" / "index.html").read_text(encoding="utf-8")


def test_a_shallow_clone_lists_what_it_can_know_and_says_the_rest_is_not_known(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "3", f"file://{repo}", str(clone))
    history = read_history(clone)
    assert history.state == "shallow"
    generate_tree(clone, tmp_path / "out")
    docs = tmp_path / "out" / "docs"
    changes = read(docs, "changes/index.md")
    assert f'href="../equipment/{PROJECT}/"' in first_item(changes)
    assert "## January 2025" not in changes  # the boundary commit's files are not "added" on its date
    assert "shallow clone" in changes
    project = read(docs, f"equipment/{PROJECT}.md")
    assert len(history_rows(project)) == 1 and "shallow clone" in project
    assert "History is not available here" in read(docs, "recipients/fiji.md")
    feed = (docs / "changes" / "feed.xml").read_bytes()
    assert_valid_atom(feed)
    assert etree.fromstring(feed).findtext(f"{ATOM}updated") == DATES[2]


def test_history_is_read_in_a_git_worktree(repo: Path, tmp_path: Path) -> None:
    worktree = tmp_path / "worktree"
    git(repo, "worktree", "add", "-q", "--detach", str(worktree))
    try:
        assert (worktree / ".git").is_file()
        history = read_history(worktree)
        assert history.state == "complete"
        assert history.changes[0].path == f"content/equipment/{PROJECT}.yaml"
        assert history.changes[0].new and "1350000000" in history.changes[0].new
    finally:
        git(repo, "worktree", "remove", "--force", str(worktree))


# --- One full MkDocs build of the repository ----------------------------------------------------------


def test_the_built_site_shows_the_change_and_announces_the_feeds(repo: Path, tmp_path: Path) -> None:
    site = build_into(repo, tmp_path)
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    top = first_item(changes.split('class="osa-changes"', 1)[1])
    assert f'href="../equipment/{PROJECT}/"' in top and EDIT_DAY in top
    assert_valid_atom((site / "changes" / "feed.xml").read_bytes())
    assert (site / "recipients" / "mongolia" / "feed.xml").is_file()
    pages = sorted(site.rglob("index.html"))
    missing = [
        p
        for p in pages
        if '<link rel="alternate" type="application/atom+xml"' not in p.read_text(encoding="utf-8")
    ]
    assert missing == []
    recipient = (site / "recipients" / "mongolia" / "index.html").read_text(encoding="utf-8")
    assert 'title="OSA Monitor: changes for Mongolia" href="feed.xml"' in recipient
    assert 'href="changes/"' in (site / "index.html").read_text(encoding="utf-8")  # in the nav
    shutil.rmtree(site)


def test_the_work_tree_build_reads_its_own_history(built_site: Path) -> None:
    """The session's site is built from this work tree (a git worktree, where .git is a file)."""
    page = read(built_site, "equipment/2023-bangladesh-patrol-boats/index.html")
    section = page.split('id="history"', 1)[1].split('id="cite-this"', 1)[0]
    assert "<td>Added</td>" in section and "<td>Changed</td>" in section
    assert "not available" not in section


def test_the_preview_reads_history_again_only_after_a_commit(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    cache = HistoryCache()
    first = cache(clone)
    record = clone / "content" / "recipients" / "tonga.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace('name: "Tonga"', 'name: "Kingdom of Tonga"'),
        encoding="utf-8",
    )
    assert cache(clone) is first  # a saved but uncommitted edit is not history
    git(clone, "commit", "-q", "-am", "Rename", date="2025-06-01T00:00:00+00:00")
    latest = cache(clone)
    assert latest is not first and latest.changes[0].path == "content/recipients/tonga.yaml"


def test_history_and_the_changes_page_stay_out_of_the_search_index(built_site: Path) -> None:
    fragments = search_fragments(built_site)
    assert not [url for url in fragments if url.startswith("/changes/")]
    assert not [url for url, f in fragments.items() if "history" in {a["id"] for a in f["anchors"]}]
    page = fragments["/equipment/2023-bangladesh-patrol-boats/"]["content"]
    assert "git history" not in page and "Receiving force" in page


@pytest.mark.parametrize("edition", ["", "th"])
def test_the_cite_this_block_stays_out_of_the_search_index(built_site: Path, edition: str) -> None:
    """The same words on every record page: the citation, its downloads and the correction note are
    left out of the index (each page's title is indexed where the page shows it first)."""
    fragments = search_fragments(built_site / edition)
    kinds = ("/equipment/", "/recipients/", "/agreements/", "/milestones/", "/sources/")
    records = {url: f for url, f in fragments.items() if any(k in url for k in kinds) and url.count("/") >= 3}
    assert len(records) > 100
    for url, fragment in records.items():
        assert "cite-this" not in {a["id"] for a in fragment["anchors"]}, url
        assert "citation.bib" not in fragment["content"] and "BibTeX" not in fragment["content"], url
        assert fragment["meta"]["title"].split(" ")[0] in fragment["content"], url


def test_a_merge_that_resolves_a_conflict_lists_the_resolution(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    record = clone / "content" / "recipients" / "tonga.yaml"
    original = record.read_text(encoding="utf-8")

    def name(value: str, message: str, date: str) -> None:
        record.write_text(original.replace('name: "Tonga"', f'name: "{value}"'), encoding="utf-8")
        git(clone, "commit", "-q", "-am", message, date=date)

    git(clone, "checkout", "-q", "-b", "side")
    name("Tonga (side)", "side", "2025-05-01T00:00:00+00:00")
    git(clone, "checkout", "-q", "main")
    name("Tonga (main)", "main", "2025-05-02T00:00:00+00:00")
    merge = subprocess.run(["git", "merge", "-q", "side"], cwd=clone, capture_output=True)
    assert merge.returncode != 0  # the conflict
    name("Kingdom of Tonga", "merge", "2025-05-03T00:00:00+00:00")
    changes = [c for c in read_history(clone).changes if c.path.endswith("tonga.yaml")]
    assert [c.time for c in changes][:3] == [1746230400, 1746144000, 1746057600]  # merge, main, side
    generate_tree(clone, tmp_path / "out")
    rows = history_rows(read(tmp_path / "out" / "docs", "recipients/tonga.md"))
    assert rows[0].startswith(
        "| 2025-05-03 | Changed | Name changed from Tonga \\(main\\) to Kingdom of Tonga |"
    )
    assert rows[1].startswith("| 2025-05-02 | Changed | Name changed from Tonga to Tonga \\(main\\) |")
    assert rows[2].startswith("| 2025-05-01 | Changed | Name changed from Tonga to Tonga \\(side\\) |")
