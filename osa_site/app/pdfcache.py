"""A content-addressed cache of printed PDFs, so a build prints only the pages that changed.

A PDF's key is the SHA-256 of everything its bytes depend on: the page's HTML, every local
stylesheet, script and image the page loads (the print styles among them), the print code
(pdf.py and this module), the Chromium version, the PDFs' date (SOURCE_DATE_EPOCH) and the
path the site is served under. Same key, same bytes: a hit is copied, a miss is printed and
stored. The cache lives in the project's `.osa-cache/pdf/` (see `buildcache`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..model.urls import directory
from .buildcache import cache_folder

__all__ = ["PdfCache", "pdf_cache_folder", "chromium_version", "page_assets"]

_CODE = (Path(__file__).with_name("pdf.py"), Path(__file__))
# The local files a page loads when printed: stylesheets, scripts and images (not links to other pages).
_LOADED = re.compile(r'<(?:link|script|img|source|image)\b[^>]*?\b(?:href|src)="([^"#?]+)')
_LOADED_TYPES = frozenset({".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff2"})


def pdf_cache_folder(root: Path) -> Path:
    """Where the project's printed PDFs are kept between builds."""
    return cache_folder(root, "pdf")


def chromium_version(executable: Path) -> str:
    """What the browser says it is (`Chromium 156.0…`); a new browser lays pages out anew."""
    try:
        found = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as error:
        return f"unknown ({error})"
    return found.stdout.strip()


def page_assets(site: Path, page_dir: Path, html: str) -> list[Path]:
    """The local files of `site` that the page at `page_dir` loads, each once, sorted."""
    found = set()
    for ref in _LOADED.findall(html):
        if "://" in ref or ref.startswith(("//", "data:")) or Path(ref).suffix.lower() not in _LOADED_TYPES:
            continue
        file = (site / ref.lstrip("/")) if ref.startswith("/") else (page_dir / ref)
        file = Path(os.path.normpath(file))
        if file.is_file() and site in file.parents:
            found.add(file)
    return sorted(found)


@dataclass(frozen=True)
class PdfCache:
    """The cache folder and what every key shares (print code, browser, date, served path)."""

    folder: Path
    common: str

    @classmethod
    def open(cls, folder: Path, browser: str, epoch: int, prefix: str) -> PdfCache:
        digest = hashlib.sha256()
        for part in [
            *(f.read_bytes() for f in _CODE),
            browser.encode(),
            str(epoch).encode(),
            prefix.encode(),
        ]:
            digest.update(len(part).to_bytes(8, "big") + part)
        return cls(folder, digest.hexdigest())

    def key(self, site: Path, page: str) -> str:
        """The key of the PDF of docs page `page` (`brief.md`) in the built `site`."""
        page_dir = site / directory(page)
        html = (page_dir / "index.html").read_bytes()
        digest = hashlib.sha256(self.common.encode())
        digest.update(len(html).to_bytes(8, "big") + html)
        site = site.resolve()
        for asset in page_assets(site, page_dir.resolve(), html.decode("utf-8", "replace")):
            data = asset.read_bytes()
            name = asset.relative_to(site).as_posix().encode()
            digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def fetch(self, key: str, out: Path) -> bool:
        """Copy the cached PDF of `key` to `out`; False when there is none."""
        cached = self.path(key)
        if not cached.is_file():
            return False
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, out)
        return True

    def store(self, key: str, pdf: Path) -> None:
        """Keep a copy of a printed PDF under its key (written aside, then renamed: never half a file)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=".part-", dir=self.folder)
        os.close(handle)
        shutil.copyfile(pdf, scratch)
        os.replace(scratch, self.path(key))

    def keep_only(self, keys: set[str]) -> None:
        """Remove the cached PDFs no page of the latest build needs, so the cache does not grow."""
        if not self.folder.is_dir():
            return
        for file in self.folder.iterdir():
            if file.suffix == ".pdf" and file.stem not in keys:
                file.unlink()
