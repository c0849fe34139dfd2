"""The PDF step without a browser: which pages come as PDFs, the metadata fix-up, and what
`osa-site build` and `osa-site pdf` do on a machine where Chromium is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from osa_site import pdf as pdf_module
from osa_site.cli import main
from osa_site.generate import generate_tree
from osa_site.pdf import finish_pdf, pdf_date, pdf_unavailable, site_pdf_targets
from osa_site.urls import directory, pdf_targets, site_path

ROOT = Path(__file__).resolve().parents[1]


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(project), *args])


def test_the_brief_and_each_recipient_come_as_pdfs() -> None:
    pages = [
        "index.md",
        "brief.md",
        "recipients/index.md",
        "recipients/fiji.md",
        "recipients/x/y.md",
        "equipment/2023-fiji-boats.md",
        "methodology.md",
    ]
    assert pdf_targets(pages) == {
        "brief.md": "pdf/brief.pdf",
        "recipients/fiji.md": "pdf/recipients/fiji.pdf",
    }


def test_targets_are_found_in_a_built_site(tmp_path: Path) -> None:
    for folder in ("brief", "recipients", "recipients/tonga", "equipment/x", "methodology"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "index.html").write_text("<html></html>")
    assert site_pdf_targets(tmp_path) == {
        "brief.md": "pdf/brief.pdf",
        "recipients/tonga.md": "pdf/recipients/tonga.pdf",
    }


def test_pages_are_printed_from_their_served_address() -> None:
    assert [directory(p) for p in ("brief.md", "recipients/fiji.md", "equipment/index.md", "index.md")] == [
        "brief/",
        "recipients/fiji/",
        "equipment/",
        "",
    ]


def test_pdf_dates_and_site_prefix() -> None:
    assert pdf_date(0) == "D:19700101000000Z"
    assert pdf_date(1764000000) == "D:20251124160000Z"
    assert site_path("https://osa-monitor.github.io/osa-monitor/") == "/osa-monitor/"
    assert site_path("") == "/"


def blank_pdf(path: Path, stamp: str) -> Path:
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.docinfo.CreationDate = stamp  # as Chromium does: the printing time
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(stamp), pikepdf.String(stamp)])
        pdf.save(path)
    return path


def test_finish_pdf_sets_title_language_fixed_dates_and_a_content_id(tmp_path: Path) -> None:
    title = 'Timor-Leste – "Ti" <ติมอร์>'
    outputs = []
    for stamp in ("D:20261126101010Z", "D:20261126111111Z"):
        out = tmp_path / f"{stamp[2:]}.pdf"
        finish_pdf(blank_pdf(tmp_path / "raw.pdf", stamp), out, title, "en", 1764000000)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1], "two printings at different times give the same bytes"
    reader = PdfReader(tmp_path / "20261126101010Z.pdf")
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20251124160000Z"
    assert reader.trailer["/ID"][0] not in (b"D:20261126101010Z", "D:20261126101010Z")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Titles come from records, whose text policy refuses control characters (a trailing NUL, for one,
# does not survive PDF metadata), so the strategy leaves them out.
@given(
    title=st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=80),
    lang=st.sampled_from(["en", "th", "ja"]),
)
def test_any_page_title_reads_back_from_the_metadata(tmp_path: Path, title: str, lang: str) -> None:
    """Titles come from records: whatever characters they hold, the PDF's /Title is exactly them."""
    out = tmp_path / "out.pdf"
    finish_pdf(blank_pdf(tmp_path / "raw.pdf", "D:20261126101010Z"), out, title, lang, 0)
    reader = PdfReader(out)
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == lang


def test_pdfs_are_unavailable_without_a_browser_or_the_packages(monkeypatch) -> None:
    monkeypatch.setenv("OSA_CHROMIUM", "/nonexistent/chromium")
    assert pdf_unavailable() == (
        "no Chromium at /nonexistent/chromium (apt-get install chromium, or set OSA_CHROMIUM)"
    )
    monkeypatch.setattr(
        pdf_module.importlib.util, "find_spec", lambda name: None if name == "playwright" else object()
    )
    assert pdf_unavailable() == "playwright is not installed (python3 -m pip install -e '.[pdf]')"


def test_generated_config_names_the_pdfs_only_when_they_are_printed(tmp_path: Path) -> None:
    for pdfs in (False, True):
        generate_tree(ROOT, tmp_path / str(pdfs), pdfs=pdfs)
        extra = yaml.safe_load((tmp_path / str(pdfs) / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
        assert extra["osa_print"]["data_date"] and len(extra["osa_print"]["data_date"]) == 10
        names = extra["osa_print"]["pdfs"]
        assert (names.get("recipients/philippines.md") == "pdf/recipients/philippines.pdf") is pdfs
        assert bool(names) is pdfs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_build_without_a_browser_skips_the_pdfs_and_their_links(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("OSA_CHROMIUM", str(project / "no-chromium"))
    result = run(project, "build", "--out", str(project / "site"))
    assert result.exit_code == 0, result.output
    assert f"PDFs skipped: no Chromium at {project / 'no-chromium'}" in result.output
    assert "The site is built without links to PDFs." in result.output
    site = project / "site"
    assert not (site / "pdf").exists()
    assert "osa-pdf-link" not in (site / "brief/index.html").read_text(encoding="utf-8")
    assert ".pdf" not in (site / "recipients/philippines/index.html").read_text(encoding="utf-8")

    insisted = run(project, "build", "--pdf", "--out", str(project / "site"))
    assert insisted.exit_code == 1 and "Cannot print PDFs: no Chromium at" in insisted.output
    printed = run(project, "pdf", "--site", str(site))
    assert printed.exit_code == 1 and "Cannot print PDFs: no Chromium at" in printed.output
    assert not (site / "pdf").exists()


def test_pdf_needs_a_built_site(project: Path) -> None:
    result = run(project, "pdf", "--site", str(project / "nothing-here"))
    assert result.exit_code == 2 and "holds no built site; run `osa-site build` first" in result.output


def test_no_pdf_builds_without_them(project: Path) -> None:
    result = run(project, "build", "--no-pdf", "--out", str(project / "site"))
    assert result.exit_code == 0, result.output
    assert "PDF" not in result.output and not (project / "site/pdf").exists()


def test_the_published_site_is_built_with_its_pdfs() -> None:
    """CI builds the site it publishes with --pdf: a runner without a browser fails, never ships a site
    without its PDFs."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "osa-site build --pdf" in runs


def test_the_local_server_says_nothing_when_a_browser_goes_away_mid_answer(tmp_path, capsys) -> None:
    """A page closed while a request is in flight used to print a traceback from the server thread."""
    import socket
    import struct
    import time

    from osa_site.pdf import serve

    (tmp_path / "big.bin").write_bytes(b"x" * 20_000_000)
    with serve(tmp_path) as base:
        port = int(base.rsplit(":", 1)[1].split("/")[0])
        for _ in range(3):
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(100)
            client.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )  # reset, not close
            client.close()
        time.sleep(0.5)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err
