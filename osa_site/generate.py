"""Write the generated Markdown tree and its MkDocs config: the pipeline's only output.

`generate_tree` runs load → validate → index → render and writes, into OUT:

- `docs/`: every generated page, the hand-written pages of `content/pages/` and
  the site's assets;
- `theme/`: the template overrides;
- `mkdocs.yml`: the project's config with its paths pointed at those folders.

Files are written only when their bytes change, and files that are no longer
generated are removed, so `mkdocs serve` sees only real changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .history import last_change_date, last_changed
from .index import Index, build_index
from .loader import load_record
from .pdf import pdf_targets
from .records import Dataset, LoadRecord, load_dataset
from .render.common import SiteContext
from .render.site import render_docs

__all__ = ["GenerateResult", "generate_tree", "render_files", "site_context", "read_config", "PACKAGE_DIR"]

PACKAGE_DIR = Path(__file__).parent
ASSETS = PACKAGE_DIR / "assets"
THEME = PACKAGE_DIR / "theme"


@dataclass(frozen=True)
class GenerateResult:
    records: int
    pages: int
    written: int
    removed: int
    dataset: Dataset
    index: Index


def read_config(root: Path) -> dict:
    """The project's mkdocs.yml as plain data (it holds no YAML tags)."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def site_context(root: Path, config: dict) -> SiteContext:
    return SiteContext(
        site_name=config.get("site_name", "OSA Monitor"),
        site_url=config.get("site_url", ""),
        publisher=config.get("site_author", "OSA Monitor"),
        last_changed=last_changed(root, "content"),
    )


def _static_files(root: Path) -> Iterable[tuple[str, bytes]]:
    pages = root / "content" / "pages"
    for folder, prefix in ((pages, ""), (ASSETS, "assets/")):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    yield prefix + file.relative_to(folder).as_posix(), file.read_bytes()


def render_files(
    root: Path, config: dict, load: LoadRecord = load_record
) -> tuple[dict[str, bytes], Dataset, Index]:
    """Every file of the docs folder: generated pages, hand-written pages and assets."""
    dataset = load_dataset(root / "content", root, load)
    index = build_index(dataset)
    pages = render_docs(index, site_context(root, config))
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files.update(_static_files(root))
    return dict(sorted(files.items())), dataset, index


def out_config(config: dict, osa_print: dict | None = None) -> dict:
    """The config for the generated tree: same settings, paths inside OUT, and what the theme
    needs for paper (`extra.osa_print`: the date of the data, and the PDFs the pages link to)."""
    result = dict(config)
    result["docs_dir"] = "docs"
    result["theme"] = {**config.get("theme", {}), "custom_dir": "theme"}
    if osa_print is not None:
        result["extra"] = {**config.get("extra", {}), "osa_print": osa_print}
    result.pop("site_dir", None)
    return result


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly it; say whether it wrote."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def sync_folder(folder: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Make `folder` hold exactly `files`; returns (written, removed)."""
    written = sum(write_if_changed(folder / name, data) for name, data in files.items())
    removed = 0
    if folder.is_dir():
        for file in sorted(folder.rglob("*"), reverse=True):
            name = file.relative_to(folder).as_posix()
            if file.is_file() and name not in files:
                file.unlink()
                removed += 1
            elif file.is_dir() and not any(file.iterdir()):
                file.rmdir()
    return written, removed


def _theme_files() -> dict[str, bytes]:
    return {f.relative_to(THEME).as_posix(): f.read_bytes() for f in sorted(THEME.rglob("*")) if f.is_file()}


def print_settings(root: Path, pages: Iterable[str], pdfs: bool) -> dict:
    """The date of the data (the last commit to content/) and, when PDFs will be printed, {page: PDF}."""
    return {"data_date": last_change_date(root, "content"), "pdfs": pdf_targets(pages) if pdfs else {}}


def generate_tree(root: Path, out: Path, load: LoadRecord = load_record,
                  pdfs: bool = False) -> GenerateResult:
    """Check every record and write the complete generated tree into `out`.

    With `pdfs`, the brief and recipient pages link to the PDFs that `osa-site build` prints.
    Raises RecordError before writing anything when a record has problems.
    """
    config = read_config(root)
    files, dataset, index = render_files(root, config, load)
    written, removed = sync_folder(out / "docs", files)
    theme_written, theme_removed = sync_folder(out / "theme", _theme_files())
    osa_print = print_settings(root, files, pdfs)
    config_text = yaml.safe_dump(out_config(config, osa_print), sort_keys=False, allow_unicode=True)
    config_written = write_if_changed(out / "mkdocs.yml", config_text.encode("utf-8"))
    pages = sum(1 for name in files if name.endswith(".md"))
    return GenerateResult(dataset.count(), pages, written + theme_written + config_written,
                          removed + theme_removed, dataset, index)
