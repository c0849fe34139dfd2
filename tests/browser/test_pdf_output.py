"""PDFs: `osa-site build` prints the brief and each recipient page and links them; `osa-site pdf`
prints them again into a built site, byte for byte the same; the text reads back with the
country's name, its projects and their sources; title and language are in the metadata.

The site is built once for this module, on a copy of the project (the CLI writes build/ into its
root), with `--pdf`, so a missing browser fails rather than skipping the step.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sitetools import LocalServer, shipped_copy, site_prefix

from osa_site.app.cli import main
from osa_site.model.index import build_index
from osa_site.records.content import load_dataset

ROOT = Path(__file__).resolve().parents[2]
A4_POINTS = (595, 842)


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


@pytest.fixture(scope="module")
def index():
    return build_index(load_dataset(ROOT / "content", ROOT))


@pytest.fixture(scope="module")
def project(browser, index, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, built with its PDFs (`browser` fails, or skips outside CI, without Chromium)."""
    assert browser is not None
    root = tmp_path_factory.mktemp("pdf-project")
    shipped_copy(root)
    result = run(root, "build", "--pdf", "--out", str(root / "site"))
    assert result.exit_code == 0, result.output
    expected = len(index.dataset.of("recipients")) + 1  # each recipient and the brief
    assert re.search(rf"Printed {expected} PDFs in \d+\.\d s", result.output), result.output
    return root


def text_of(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_build_prints_the_brief_and_every_recipient(project: Path, index) -> None:
    site = project / "site"
    expected = {"pdf/brief.pdf"} | {f"pdf/recipients/{r.id}.pdf" for r in index.dataset.of("recipients")}
    assert {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")} == expected


def test_the_brief_and_each_recipient_page_link_their_pdf(project: Path, index) -> None:
    site = project / "site"
    assert 'href="../pdf/brief.pdf"' in (site / "brief/index.html").read_text(encoding="utf-8")
    for recipient in index.dataset.of("recipients"):
        page = (site / f"recipients/{recipient.id}/index.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/recipients/{recipient.id}.pdf"' in page, recipient.id
    for other in ("index.html", "equipment/index.html", "recipients/index.html", "methodology/index.html"):
        assert "osa-pdf-link" not in (site / other).read_text(encoding="utf-8"), other


def test_recipient_pdf_has_the_country_its_projects_and_their_sources(project: Path, index) -> None:
    philippines = index.dataset.get("recipients", "philippines")
    text = text_of(project / "site/pdf/recipients/philippines.pdf")
    projects = index.projects_by_recipient["philippines"]
    assert philippines.record.name in text and len(projects) == 3
    for entry in projects:
        assert " ".join(entry.record.title.split()) in text, entry.record.title
        for source_id in entry.record.sources:
            source = index.dataset.get("sources", source_id).record
            assert " ".join(source.title.split()) in text, (entry.id, source.title)
    assert "Link references" in text
    assert "https://osa-monitor.github.io/osa-monitor/recipients/philippines/" in text


def test_pdfs_carry_title_language_a4_pages_and_fixed_dates(project: Path) -> None:
    for name, title in (
        ("recipients/philippines.pdf", "Philippines - OSA Monitor"),
        ("brief.pdf", "Brief - OSA Monitor"),
    ):
        reader = PdfReader(project / "site/pdf" / name)
        assert reader.metadata.title == title
        assert reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"]
        assert re.fullmatch(r"D:\d{14}Z", reader.metadata["/CreationDate"])
        assert "/Metadata" not in reader.trailer["/Root"], "no XMP packet with the printing time"
        sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages}
        assert sizes == {A4_POINTS}


def test_pdf_command_reprints_the_same_bytes(project: Path, index, tmp_path: Path) -> None:
    """`osa-site pdf` after `osa-site build`: the same commit gives the same PDFs, byte for byte."""
    site = tmp_path / "site"
    shutil.copytree(project / "site", site, ignore=shutil.ignore_patterns("pdf"))
    result = run(project, "pdf", "--site", str(site))
    assert result.exit_code == 0, result.output
    expected = len(index.dataset.of("recipients")) + 1
    assert re.search(rf"Printed {expected} PDFs into .* in \d+\.\d s\.", result.output), result.output
    for pdf in sorted((project / "site/pdf").rglob("*.pdf")):
        again = site / "pdf" / pdf.relative_to(project / "site/pdf")
        assert again.read_bytes() == pdf.read_bytes(), f"{again.name} differs between two runs"
    assert sorted(p.name for p in (site / "pdf").iterdir()) == ["brief.pdf", "recipients"], "no scratch files"


def test_pages_with_a_pdf_link_stay_accessible(project: Path, browser, axe_violations) -> None:
    with LocalServer(project / "site", site_prefix()) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            for path in ("brief/", "recipients/philippines/"):
                page.goto(server.url + path, wait_until="load")
                link = page.locator(".osa-pdf-link a")
                assert link.is_visible() and link.inner_text() == "Download this page as a PDF"
                response = page.request.get(link.evaluate("a => a.href"))
                assert response.ok and response.headers["content-type"] == "application/pdf"
                assert axe_violations(page) == "", path
        finally:
            page.close()


def test_a_second_build_prints_only_the_pages_that_changed(project: Path, tmp_path: Path) -> None:
    """The project's PDF cache (.osa-cache/pdf): nothing changed, nothing printed and the same bytes;
    one recipient edited, its PDF printed again and the others copied."""
    root = tmp_path / "again"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("site", "osa-build"))
    result = run(root, "build", "--pdf", "--out", str(root / "site"))
    assert result.exit_code == 0, result.output
    assert re.search(r"Printed 0 PDFs in \d+\.\d s \(\d+ unchanged, from the cache\)", result.output), (
        result.output
    )
    for pdf in sorted((project / "site/pdf").rglob("*.pdf")):
        assert (root / "site/pdf" / pdf.relative_to(project / "site/pdf")).read_bytes() == pdf.read_bytes()
    fiji = root / "content/recipients/fiji.yaml"
    fiji.write_text(fiji.read_text(encoding="utf-8").replace("first in the Pacific", "first of the Pacific"))
    result = run(root, "build", "--pdf", "--out", str(root / "site"))
    assert result.exit_code == 0, result.output
    assert re.search(r"Printed 1 PDFs in \d+\.\d s \(\d+ unchanged", result.output), result.output
    assert "first of the Pacific" in text_of(root / "site/pdf/recipients/fiji.pdf")
    tonga = "recipients/tonga.pdf"
    assert (root / "site/pdf" / tonga).read_bytes() == (project / "site/pdf" / tonga).read_bytes()
