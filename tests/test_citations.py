"""Citations software reads (issue 21): BibTeX, RIS and CSL-JSON read back by real parsers
(bibtexparser, rispy, citeproc-py), the head's citation_*, Dublin Core and JSON-LD tags on every page
kind of both editions, and a hostile title inert in every one of them.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import given
from hypothesis import strategies as st
from sitetools import ROOT

from osa_site.app.sitebuild import build_site
from osa_site.output.generate import generate_tree, read_config
from osa_site.render.citation import Citation
from osa_site.render.citation_formats import bibtex, csl_json, ris
from osa_site.render.head import head_tags, json_ld

SITE_URL = read_config(ROOT)["site_url"].rstrip("/") + "/"
HOSTILE = '</script><i data-pwn="1">x</i>"}, note = {pwn}, x = {" % # & $ _ ~ ^ \\ {'
BIB_FIELDS = {"title", "author", "organization", "howpublished", "year", "date", "url", "language"}


class Head(HTMLParser):
    """The <meta name> tags, the JSON-LD scripts and the elements of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag == "meta" and values.get("name"):
            self.meta.setdefault(str(values["name"]), []).append(str(values.get("content")))
        self._ld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._ld = False if tag == "script" else self._ld

    def handle_data(self, data: str) -> None:
        if self._ld:
            self.json_ld.append(data)


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def read_bibtex(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, library.failed_blocks
    (entry,) = library.entries
    return {"key": entry.key, "type": entry.entry_type, **{f.key: f.value for f in entry.fields}}


def render_csl(text: str) -> str:
    """citeproc-py's bibliography of a CSL-JSON file's one item, in plain text."""
    items = json.loads(text)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(items[0]["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def citation(title: str, kind: str = "record") -> Citation:
    return Citation(
        key="osa-monitor-equipment-x",
        kind=kind,
        title=title,
        author="OSA Monitor",
        container="OSA Monitor",
        page="equipment/x.md",
        url="https://example.org/osa/equipment/x/",
        language="en",
        date="2026-11-26",
        version="2026-11-26" if kind == "dataset" else "",
    )


# --- The three formats, parsed by real libraries --------------------------------------------------


def test_the_three_formats_say_the_same_thing() -> None:
    c = citation("Air traffic control radar for the Mongolian Air Force")
    bib, ris_entry = read_bibtex(bibtex(c)), rispy.loads(ris(c))[0]
    assert bib["type"] == "misc" and bib["key"] == c.key == ris_entry["id"]
    assert bib["title"] == "{" + c.title + "}" and ris_entry["title"] == c.title
    assert bib["url"] == c.url == ris_entry["urls"][0] == json.loads(csl_json(c))[0]["URL"]
    assert bib["date"] == "2026-11-26" and ris_entry["date"] == "2026/11/26"
    assert ris_entry["type_of_reference"] == "ELEC"
    rendered = render_csl(csl_json(c))
    assert rendered.startswith("OSA Monitor (2026) Air traffic control radar") and c.url in rendered


def test_the_dataset_is_data_in_ris_and_csl() -> None:
    c = citation("OSA Monitor: the data", "dataset")
    assert rispy.loads(ris(c))[0]["type_of_reference"] == "DATA"
    item = json.loads(csl_json(c))[0]
    assert item["type"] == "dataset" and item["version"] == "2026-11-26"
    assert read_bibtex(bibtex(c))["version"] == "2026-11-26"


def one_line(text: str) -> str:
    """What a title is on one line: controls and line breaks as spaces, runs of spaces as one."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text).split())


@given(st.text(min_size=1, max_size=60).filter(one_line))
def test_any_title_stays_one_field_in_bibtex_and_ris(title: str) -> None:
    c = citation(title)
    bib = read_bibtex(bibtex(c))
    assert set(bib) - {"key", "type"} == BIB_FIELDS  # nothing closed the title or opened a field
    assert bib["key"] == c.key
    entries = rispy.loads(ris(c))
    assert len(entries) == 1 and entries[0]["title"] == one_line(title)
    assert json.loads(csl_json(c))[0]["title"] == entries[0]["title"]


def test_a_hostile_title_is_inert_in_bibtex_ris_and_csl() -> None:
    c = citation(HOSTILE + "\nER  - \nTY  - JOUR")
    bib = read_bibtex(bibtex(c))
    assert "note" not in bib and "x" not in bib and set(bib) - {"key", "type"} == BIB_FIELDS
    assert (
        r"\textbackslash{}" in bib["title"] and r"\%" in bib["title"] and "{\\textbraceleft}" in bib["title"]
    )
    (entry,) = rispy.loads(ris(c))
    assert entry["type_of_reference"] == "ELEC" and "ER - TY - JOUR" in entry["title"]
    assert HOSTILE in render_csl(csl_json(c))


def test_a_hostile_title_is_inert_in_the_head() -> None:
    tags = head_tags(citation(HOSTILE), _empty_index(), _context())
    head = Head()
    head.feed(f"<head>{tags}</head>")
    assert not any("data-pwn" in attrs for _, attrs in head.tags)
    assert head.meta["citation_title"] == [HOSTILE] and head.meta["DC.title"] == [HOSTILE]
    (ld,) = head.json_ld
    assert "</script" not in ld and json.loads(ld)["name"] == HOSTILE


def test_json_ld_cannot_close_its_script() -> None:
    text = json_ld({"name": "</script><script>alert(1)</script> & <!--"})
    body = text.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script> & <!--"


def _empty_index():
    from osa_site.model.index import build_index
    from osa_site.records.dataset import Dataset

    return build_index(Dataset({}))


def _context():
    from osa_site.model.site import SiteContext

    return SiteContext(site_url="https://example.org/osa/")


# --- The built site: every page kind, both editions -----------------------------------------------

PAGE_KINDS = {
    "home": "",
    "brief": "brief/",
    "about (hand-written)": "about/",
    "open data": "data/",
    "register (section)": "equipment/",
    "timeline": "timeline/",
    "changes": "changes/",
    "recipient": "recipients/mongolia/",
    "project": "equipment/2024-mongolia-atc-radar/",
    "agreement": "agreements/philippines-2016/",
    "milestone": "milestones/osa-guidelines-adopted/",
    "budget": "budgets/2024/",
    "designation": "designations/2024/",
    "source": "sources/icwa-japan-osa/",
}
RECORD_KINDS = ("recipient", "project", "agreement", "milestone", "budget", "designation", "source")
EDITIONS = {"en": "", "th": "th/"}


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[tuple[str, str], Head]:
    found = {}
    for lang, prefix in EDITIONS.items():
        for kind, path in PAGE_KINDS.items():
            page = built_site / prefix / path / "index.html"
            assert page.is_file(), f"no page for {kind}: {page} (a renamed record?)"
            found[(lang, kind)] = head_of(page)
    return found


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_has_highwire_and_dublin_core_tags(
    pages: dict[tuple[str, str], Head], kind: str, lang: str
) -> None:
    meta = pages[(lang, kind)].meta
    url = SITE_URL + EDITIONS[lang] + PAGE_KINDS[kind]
    one = {name: values[0] for name, values in meta.items() if len(values) == 1}
    assert one["citation_title"].strip() and one["DC.title"] == one["citation_title"]
    assert one["citation_author"] == one["DC.creator"] == "OSA Monitor"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", one["citation_publication_date"])
    assert one["DC.date"] == one["citation_publication_date"].replace("/", "-")
    assert one["citation_public_url"] == one["DC.identifier"] == url
    assert one["citation_language"] == one["DC.language"] == lang
    assert "\u200b" not in one["citation_title"]  # search's word marks stay out of the head


def test_record_dates_are_the_records_last_change(built_site: Path, pages) -> None:
    bib = read_bibtex((built_site / "equipment/2024-mongolia-atc-radar/citation.bib").read_text("utf-8"))
    assert pages[("en", "project")].meta["DC.date"] == [bib["date"]]
    assert pages[("th", "project")].meta["DC.date"] == [bib["date"]]


def _ld(head: Head) -> dict:
    (text,) = head.json_ld
    return json.loads(text)


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_data_page_describes_a_dataset_with_every_download(built_site: Path, pages, lang: str) -> None:
    data = _ld(pages[(lang, "open data")])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    for key in ("name", "description", "license", "creator", "temporalCoverage", "spatialCoverage"):
        assert data[key], key
    assert data["version"] == data["dateModified"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"])
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}/\d{4}(-\d{2}){0,2}", data["temporalCoverage"])
    assert {"Mongolia", "Philippines"} <= {p["name"] for p in data["spatialCoverage"]} or lang == "th"
    assert data["inLanguage"] == lang
    folder = built_site / EDITIONS[lang] / "data"
    files = {f.name for f in folder.iterdir() if f.suffix in (".csv", ".json")} - {"citation.csl.json"}
    urls = {d["contentUrl"] for d in data["distribution"]}
    assert urls == {SITE_URL + EDITIONS[lang] + "data/" + name for name in files}
    assert all(d["@type"] == "DataDownload" and d["encodingFormat"] for d in data["distribution"])


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_brief_is_an_article_and_records_are_creative_works(pages, lang: str) -> None:
    brief = _ld(pages[(lang, "brief")])
    assert (
        brief["@type"] == "Article" and brief["headline"] == pages[(lang, "brief")].meta["citation_title"][0]
    )
    for kind in RECORD_KINDS:
        work = _ld(pages[(lang, kind)])
        assert work["@type"] == "CreativeWork", kind
        assert work["url"] == SITE_URL + EDITIONS[lang] + PAGE_KINDS[kind]
        assert work["name"] == pages[(lang, kind)].meta["citation_title"][0]
        assert work["author"]["name"] == "OSA Monitor" and work["dateModified"] and work["license"]
    assert not pages[(lang, "home")].json_ld and not pages[(lang, "timeline")].json_ld


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("kind", [*RECORD_KINDS, "open data"])
def test_cite_this_links_three_formats_that_parse(built_site: Path, kind: str, lang: str) -> None:
    folder = built_site / EDITIONS[lang] / PAGE_KINDS[kind]
    html = (folder / "index.html").read_text(encoding="utf-8")
    for name in ("citation.bib", "citation.ris", "citation.csl.json"):
        assert f'href="{name}"' in html, name
    bib = read_bibtex((folder / "citation.bib").read_text("utf-8"))
    (entry,) = rispy.loads((folder / "citation.ris").read_text("utf-8"))
    item = json.loads((folder / "citation.csl.json").read_text("utf-8"))[0]
    url = SITE_URL + EDITIONS[lang] + PAGE_KINDS[kind]
    assert bib["url"] == entry["urls"][0] == item["URL"] == url
    assert bib["title"] == "{" + entry["title"] + "}" and item["title"] == entry["title"]
    assert entry["language"] == item["language"] == lang
    assert entry["title"] in render_csl((folder / "citation.csl.json").read_text("utf-8"))
    meta = head_of(folder / "index.html").meta
    assert meta["citation_title"] == [entry["title"]]  # the head and the downloads: one model


# --- A hostile record title through the whole build -----------------------------------------------


def test_a_hostile_record_title_is_inert_in_every_citation_output(tmp_path: Path) -> None:
    from test_hostile_build import FIELDS, write_project

    project = write_project(tmp_path / "project", {name: f"t {HOSTILE}" for name in FIELDS})
    generate_tree(project, project / "osa-build")
    build_site(project / "osa-build", project / "site", project)
    folder = project / "site" / "equipment" / "2023-radars"
    head = head_of(folder / "index.html")
    assert not any("data-pwn" in attrs for _, attrs in head.tags)
    title = head.meta["citation_title"][0]
    assert HOSTILE in title
    (ld,) = head.json_ld
    assert json.loads(ld)["name"] == title
    bib = read_bibtex((folder / "citation.bib").read_text("utf-8"))
    assert set(bib) - {"key", "type"} <= BIB_FIELDS | {"version"} and "note" not in bib
    (entry,) = rispy.loads((folder / "citation.ris").read_text("utf-8"))
    assert entry["title"] == title


def test_zensical_prints_the_same_tags_and_keeps_a_hostile_title_inert(zensical_hostile_tree: Path) -> None:
    from sitetools import HOSTILE_PROJECT, HOSTILE_TITLE

    page = zensical_hostile_tree / "site" / "equipment" / HOSTILE_PROJECT / "index.html"
    head = head_of(page)
    assert head.meta["citation_title"] == [HOSTILE_TITLE] and head.meta["DC.title"] == [HOSTILE_TITLE]
    assert head.meta["citation_public_url"] == [f"{SITE_URL}equipment/{HOSTILE_PROJECT}/"]
    (ld,) = head.json_ld
    assert json.loads(ld)["name"] == HOSTILE_TITLE and "</script" not in ld
    assert "<script>alert(1)" not in page.read_text(encoding="utf-8")
    data = head_of(zensical_hostile_tree / "site" / "data" / "index.html")
    assert json.loads(data.json_ld[0])["@type"] == "Dataset"
