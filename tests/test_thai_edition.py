"""The Thai edition: a twin for every English page, linked both ways, in Thai, searchable in Thai;
a record with only `th: {title}` shows in Thai with no code change; English fallback marked lang="en"."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from fixtures.projects import run_cli
from sitetools import search_fragments

from osa_site.app.sitebuild import build_site
from osa_site.i18n.segment import ZWSP
from osa_site.output.generate import generate_tree

ROOT = Path(__file__).resolve().parents[1]


def english_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("th/")
    )


def test_every_english_page_has_a_thai_twin_at_the_same_path(built_site: Path) -> None:
    pages = english_pages(built_site)
    assert len(pages) > 50
    missing = [p for p in pages if not (built_site / "th" / p).is_file()]
    assert missing == []


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "brief/index.html",
        "recipients/philippines/index.html",
        "equipment/index.html",
        "timeline/index.html",
        "data/index.html",
    ],
)
def test_thai_pages_are_thai_and_link_to_their_twin_both_ways(built_site: Path, page: str) -> None:
    thai = (built_site / "th" / page).read_text(encoding="utf-8")
    english = (built_site / page).read_text(encoding="utf-8")
    assert '<html lang="th"' in thai and '<html lang="en"' in english
    depth = page.count("/")
    up = "../" * depth
    assert f'hreflang="th" href="{up}th/{page.removesuffix("index.html")}"' in english or (
        depth == 0 and 'hreflang="th" href="./th/"' in english
    )
    assert f'hreflang="en" href="{up}../{page.removesuffix("index.html")}"' in thai or (
        depth == 0 and 'hreflang="en" href="./../"' in thai
    )
    assert 'class="md-select__link"' in thai and 'class="md-select__link"' in english


def test_english_urls_do_not_change(built_site: Path) -> None:
    for page in [
        "index.html",
        "brief/index.html",
        "recipients/philippines/index.html",
        "equipment/index.html",
        "data/recipients.csv",
        "search/search_index.json",
    ]:
        assert (built_site / page).is_file(), page


def test_thai_search_index_is_segmented_and_separate(built_site: Path) -> None:
    thai, english = search_fragments(built_site / "th"), search_fragments(built_site)
    assert set(thai) == set(english)  # the same pages, at the same addresses in each edition's own index
    index = json.loads((built_site / "th" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index == {"config": {"lang": ["th"], "separator": r"[\s\u200b\-]+", "pipeline": []}, "docs": []}
    texts = " ".join(f["content"] for f in thai.values())
    assert "เรดาร์ ชายฝั่ง" in texts  # words of running text are cut apart for Pagefind (U+200B: a space)
    assert ZWSP not in texts and "เรดาร์ชายฝั่ง" not in texts
    radar = thai["/equipment/2023-philippines-coastal-radars/"]["meta"]
    assert (
        radar["kind"] == "โครงการ" and radar["year"].replace(" ", "") == "ปีงบฯ2566"
    )  # the worker joins Thai
    assert "Radar" not in english["/equipment/2023-philippines-coastal-radars/"]["meta"]["kind"]


def test_thai_dates_are_buddhist_era_and_amounts_stay_yen(built_site: Path) -> None:
    page = (
        (built_site / "th" / "equipment" / "2023-philippines-coastal-radars" / "index.html")
        .read_text(encoding="utf-8")
        .replace(ZWSP, "")
    )
    assert "3 พฤศจิกายน 2566" in page  # exchange of notes, 2023-11-03
    assert "600 ล้านเยน" in page


def test_thai_downloads_keep_english_columns_and_add_thai_ones(built_site: Path) -> None:
    def header(path: Path) -> list[str]:
        return next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))

    thai = header(built_site / "th" / "data" / "equipment.csv")
    english = header(built_site / "data" / "equipment.csv")
    assert thai == english
    assert {"title", "title_th", "force", "force_th", "notes", "notes_th"} <= set(english)


def test_thai_charts_and_map_have_thai_titles_and_tables(built_site: Path) -> None:
    charts = (built_site / "th" / "charts" / "index.html").read_text(encoding="utf-8").replace(ZWSP, "")
    assert "มูลค่าโครงการ OSA แยกตามปีงบประมาณ" in charts and "<table>" in charts
    home = (built_site / "th" / "index.html").read_text(encoding="utf-8").replace(ZWSP, "")
    assert "แผนที่โลกของประเทศผู้รับ OSA" in home


HEADING_ID = re.compile(r'<h[1-6]\b[^>]*\bid="([^"]*)"')
INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]")


def heading_ids(page: Path) -> list[str]:
    return HEADING_ID.findall(page.read_text(encoding="utf-8"))


def test_thai_heading_ids_keep_the_thai_words(built_site: Path) -> None:
    hand_written = heading_ids(built_site / "th" / "methodology" / "index.html")
    assert "ที่มาของข้อมูล" in hand_written, hand_written  # "## ที่มาของข้อมูล", tone and vowel marks kept
    generated = heading_ids(built_site / "th" / "recipients" / "philippines" / "index.html")
    assert "ประวัติ" in generated, generated  # the "History" section of every record page


def test_english_heading_ids_do_not_change(built_site: Path) -> None:
    ids = heading_ids(built_site / "brief" / "index.html")
    assert ids[:2] == ["japans-official-security-assistance-an-overview", "a-second-channel-of-aid"], ids


def test_thai_ids_are_unique_visible_and_not_numbered(built_site: Path) -> None:
    problems = []
    for page in sorted((built_site / "th").rglob("*.html")):
        ids = re.findall(r'\bid="([^"]*)"', page.read_text(encoding="utf-8"))
        where = page.relative_to(built_site).as_posix()
        problems += [f"{where}: invisible character in {i!r}" for i in ids if INVISIBLE.search(i)]
        problems += [f"{where}: {i!r} twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for page in ("brief", "about", "methodology", "open-questions"):
        numbered = [
            i for i in heading_ids(built_site / "th" / page / "index.html") if re.fullmatch(r"_\d+", i)
        ]
        problems += [f"th/{page}/: heading id {i!r}" for i in numbered]
    assert problems == []


def test_thai_footnote_back_links_are_titled_in_thai(built_site: Path) -> None:
    """Python-Markdown titles each footnote's back-link in English; the Thai edition's config
    gives it the catalogue's Thai title."""
    page = (built_site / "th/equipment/2023-philippines-coastal-radars/index.html").read_text(
        encoding="utf-8"
    )
    titles = set(re.findall(r'class="footnote-backref" href="[^"]*" title="([^"]*)"', page))
    assert titles and all(t.startswith("กลับไปยังตำแหน่งของเชิงอรรถที่ ") for t in titles), titles
    english = (built_site / "equipment/2023-philippines-coastal-radars/index.html").read_text(
        encoding="utf-8"
    )
    assert 'title="Jump back to footnote 1 in the text"' in english


@pytest.fixture(scope="module")
def added_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content plus one project with Thai text only for its title, and one with none."""
    root = tmp_path_factory.mktemp("thai-root")
    for name in ("content", "mkdocs.yml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
    project = (ROOT / "content" / "equipment" / "2023-philippines-coastal-radars.yaml").read_text(
        encoding="utf-8"
    )
    base = re.sub(r"(?ms)^th:.*\Z", "", project)
    base = re.sub(r"(?m)^\s+th: \{.*\}\n", "", base)
    (root / "content" / "equipment" / "2026-philippines-thai-only.yaml").write_text(
        base.replace("Coastal radar systems for the Philippine Navy", "Test boats for the Philippine Navy")
        + 'th:\n  title: "เรือทดสอบลำใหม่สำหรับกองทัพเรือฟิลิปปินส์"\n',
        encoding="utf-8",
    )
    (root / "content" / "equipment" / "2026-philippines-english-only.yaml").write_text(
        base.replace("Coastal radar systems for the Philippine Navy", "Untranslated <b>test</b> barges"),
        encoding="utf-8",
    )
    generate_tree(root, root / "osa-build")
    build_site(root / "osa-build", root / "site", ROOT)
    return root / "site"


def test_a_record_with_only_a_thai_title_shows_in_thai_everywhere(added_site: Path) -> None:
    page = (
        (added_site / "th" / "equipment" / "2026-philippines-thai-only" / "index.html")
        .read_text(encoding="utf-8")
        .replace(ZWSP, "")
    )
    assert "<h1" in page and "เรือทดสอบลำใหม่สำหรับกองทัพเรือฟิลิปปินส์</h1>" in page
    register = (added_site / "th" / "equipment" / "index.html").read_text(encoding="utf-8").replace(ZWSP, "")
    assert "เรือทดสอบลำใหม่สำหรับกองทัพเรือฟิลิปปินส์" in register
    fragments = search_fragments(added_site / "th")
    title = fragments["/equipment/2026-philippines-thai-only/"]["meta"]["title"].replace(" ", "")
    assert title == "เรือทดสอบลำใหม่สำหรับกองทัพเรือฟิลิปปินส์"
    english = (added_site / "equipment" / "2026-philippines-thai-only" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Test boats for the Philippine Navy" in english


def test_a_missing_thai_field_shows_the_english_marked_and_escaped(added_site: Path) -> None:
    page = (added_site / "th" / "equipment" / "2026-philippines-english-only" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<span lang="en">Untranslated &lt;b&gt;test&lt;/b&gt; barges</span>' in page
    assert "<b>test</b>" not in page


def test_check_reports_thai_coverage_without_failing() -> None:
    result = run_cli(ROOT, "check")
    assert result.exit_code == 0, result.output
    assert re.search(r"Thai text: \d+ of \d+ records have some Thai text", result.stdout), result.stdout
    assert re.search(r"equipment\.title: (\d+) of \1 in Thai \(100%\)", result.stdout), result.stdout
