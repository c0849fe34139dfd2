"""Write the generated Markdown tree and its MkDocs config: the pipeline's only output.

`generate_tree` runs load → validate → index → render and writes, into OUT:

- `docs/`: every generated page, the hand-written pages of `content/pages/` and
  the site's assets;
- `theme/`: the template overrides;
- `mkdocs.yml`: the project's config with its paths pointed at those folders.

Files are written only when their bytes change, and files that are no longer
generated are removed, so `mkdocs serve` sees only real changes. OUT must be a folder
osa-site may replace (see `outdir`): new, empty, or marked as ours.

From `content/pages/` only the file types pages need are published (`PAGE_TYPES`); any
other file, a symbolic link, a path outside `content/`, a page whose front matter MkDocs
could not read, or a page that would replace a generated page or download is a problem.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import yaml

from ..history.changes import change_log, record_of_path
from ..history.git import History, read_history
from ..i18n.editions import EDITIONS, THAI_DIR, edition_config, thai_markdown
from ..i18n.languages import Language, language
from ..i18n.segment import segment_markdown
from ..model.index import Index, build_index
from ..model.site import SiteContext
from ..model.urls import directory, pdf_targets
from ..records.content import LoadRecord, load_dataset
from ..records.dataset import Dataset
from ..records.loader import load_record
from ..records.problems import Problem, RecordError, display_path
from ..render.escape import FrontMatterError, read_front_matter
from ..render.memo import Calls, RenderMemo, Renders, fresh
from ..render.page_heads import page_heads, with_head
from ..render.pages import fill_pages
from ..render.paper import paper_texts
from ..render.site import render_docs
from .addresses import read_addresses, with_addresses
from .cards import CardCache, add_cards, add_chart_pictures, cache_folder
from .outdir import check_output_dir, mark, output_lock

__all__ = [
    "GenerateResult",
    "generate_tree",
    "render_files",
    "RenderedDocs",
    "site_context",
    "read_config",
    "site_config",
    "repository_of",
    "PACKAGE_DIR",
    "ConfigError",
    "PAGE_TYPES",
    "check_project",
    "hand_pages",
    "TREE_DIR",
]

# Where `osa-site build` and `serve` write the generated tree, inside the project. Not build/: setuptools
# leaves its own build/ there on `pip install .`, and a folder named for the tool is one that no other
# common tool (setuptools, Sphinx's _build, dist/, out/) writes into.
TREE_DIR = "osa-build"
PACKAGE_DIR = Path(__file__).parent.parent
ASSETS = PACKAGE_DIR / "assets"
THEME = PACKAGE_DIR / "theme"
# Assets the build uses but does not publish: the fonts the card pictures are drawn with.
UNPUBLISHED_ASSETS = ("fonts/",)
# What content/pages/ may publish: Markdown pages and the images and documents they show.
PAGE_TYPES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"})
# Named last among the tree's Markdown extensions, for speed (the same HTML): one finds where link
# brackets close faster, the other tries an inline pattern only on text it can match.
LINK_BRACKETS = "osa_site.render.link_brackets"
INLINE_TRIGGERS = "osa_site.render.inline_triggers"
SPEED_EXTENSIONS = (LINK_BRACKETS, INLINE_TRIGGERS)


class ConfigError(Exception):
    """The project's mkdocs.yml is missing or cannot be read; the message says which and where."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class GenerateResult:
    records: int
    pages: int
    written: int
    removed: int
    dataset: Dataset
    index: Index
    skipped: list[str] = field(default_factory=list)  # hidden files of content/pages/, not published
    cards_drawn: int = 0  # card pictures drawn by this run (the others came from the cache)
    cards_cached: int = 0


def read_config(root: Path) -> dict:
    """The project's mkdocs.yml as plain data (it holds no YAML tags); ConfigError if it cannot be."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise ConfigError(
            f"there is no mkdocs.yml in {root}; run osa-site in the project folder or pass --root",
            missing=True,
        )
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: is not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark_ = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark_.line + 1}:{mark_.column + 1}" if mark_ else str(path)
        raise ConfigError(
            f"{where}: mkdocs.yml is not valid YAML: {getattr(exc, 'problem', None) or type(exc).__name__}"
        ) from None
    if not isinstance(config, dict):
        raise ConfigError(
            f"{path}: expected a mapping of settings such as 'site_name: ...', "
            f"received {type(config).__name__}"
        )
    return config


def site_config(root: Path, environ: Mapping[str, str] | None = None) -> dict:
    """mkdocs.yml with the addresses in force (`addresses`): the site's, and the repository's
    as `extra.repository_url` when one is set. `environ` defaults to the process's environment."""
    config = read_config(root)
    return with_addresses(config, read_addresses(root, config, os.environ if environ is None else environ))


def project_repository(root: Path) -> str:
    """The repository's address for pages rendered outside a build (no mkdocs.yml is needed)."""
    try:
        config = read_config(root)
    except ConfigError:
        config = {}
    return read_addresses(root, config, os.environ).repository


def repository_of(config: Mapping) -> str:
    """The code repository's address that `site_config` put in the settings, or ""."""
    extra = config.get("extra")
    value = extra.get("repository_url", "") if isinstance(extra, Mapping) else ""
    return value if isinstance(value, str) else ""


ReadHistory = Callable[[Path], History]  # `read_history`, or a cache of it (the live preview)


def site_context(config: dict, index: Index, history: History) -> SiteContext:
    """What every page needs to know, the records' history included."""
    changes = change_log(history, index)
    return SiteContext(
        site_name=config.get("site_name", "OSA Monitor"),
        site_url=config.get("site_url", ""),
        publisher=config.get("site_author", "OSA Monitor"),
        last_changed=changes.last_changed(),
        changes=changes,
        repository=repository_of(config),
    )


def _page_problem(path: str, message: str) -> Problem:
    return Problem(path, 1, 1, "", message)


def _refusal(item: Path, inside: Path) -> str | None:
    """Why a file or folder of content/pages/ cannot be read at all, or None when it can."""
    if item.is_symlink():
        return (
            "is a symbolic link; pages and their files must be real files inside content/pages/, "
            "so nothing else is published"
        )
    if inside not in item.resolve().parents:
        return "resolves to a place outside content/; it is not published"
    return None


def _type_refusal(rel: str) -> str | None:
    suffix = Path(rel).suffix.lower()
    if suffix in PAGE_TYPES:
        return None
    return (
        f"files of type '{suffix or '(none)'}' are not published from content/pages/; "
        f"allowed: {', '.join(sorted(PAGE_TYPES))}"
    )


def _walk_pages(pages: Path, content: Path) -> tuple[dict[str, Path], list[Problem], list[str]]:
    """The publishable files of content/pages/ by docs path, the problems, and skipped hidden files."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    skipped: list[str] = []
    inside = content.resolve()
    for folder, dirs, files in os.walk(pages):
        base = Path(folder)
        for name in sorted(dirs + files):
            item, rel = base / name, (base / name).relative_to(pages).as_posix()
            refusal = None if name.startswith(".") else _refusal(item, inside)
            if name.startswith("."):
                skipped.append(f"content/pages/{rel}")
            elif refusal:
                problems.append(_page_problem(f"content/pages/{rel}", refusal))
            elif item.is_file():
                found[rel] = item  # any type, so a collision is named; other types are refused later
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (base / d).is_symlink()]
    return found, problems, skipped


def _served_as(name: str) -> str:
    """Where MkDocs publishes a docs file (directory URLs): `a.md` and `a/index.md` both give `a/`."""
    if not name.endswith(".md"):
        return name.casefold()
    return directory("index.md" if name == "README.md" else name).casefold()


def _collisions(generated: dict[str, bytes], written: dict[str, Path]) -> list[Problem]:
    """Hand-written pages and files that would replace a generated page, download or asset."""
    owners = {_served_as(name): name for name in generated}
    problems = []
    for rel in written:
        other = owners.get(_served_as(rel))
        if other is not None:
            problems.append(
                _page_problem(
                    f"content/pages/{rel}",
                    f"would replace the generated '{other}'; rename or move the hand-written file",
                )
            )
    return problems


def _asset_files() -> dict[str, bytes]:
    return {
        "assets/" + f.relative_to(ASSETS).as_posix(): f.read_bytes()
        for f in sorted(ASSETS.rglob("*"))
        if f.is_file() and not f.relative_to(ASSETS).as_posix().startswith(UNPUBLISHED_ASSETS)
    }


def _front_matter_problems(files: dict[str, bytes], written: set[str], calls: Calls) -> list[Problem]:
    """Every page's front matter must be what MkDocs can read; MkDocs would show it as text."""
    problems = []
    for name, data in files.items():
        if not name.endswith(".md"):
            continue
        path = f"content/pages/{name}" if name in written else f"(generated) {name}"
        try:
            calls(read_front_matter, data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(_page_problem(path, f"is not UTF-8 text (byte {exc.start})"))
        except FrontMatterError as exc:
            problems.append(_page_problem(path, f"front matter: {exc}"))
    return problems


def edition_files(found: dict[str, Path], code: str) -> dict[str, Path]:
    """The hand-written files of one edition: English at the top of content/pages/, Thai in th/.

    A file the Thai edition lacks is taken from the English pages (its page is marked English)."""
    prefix = f"{THAI_DIR}/"
    english = {rel: file for rel, file in found.items() if not rel.startswith(prefix)}
    if code == "en":
        return english
    return {**english, **{rel.removeprefix(prefix): f for rel, f in found.items() if rel.startswith(prefix)}}


def _marked_english(page: str) -> str:
    """A hand-written English page shown in another edition: its body marked lang="en"."""
    match = re.match(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", page, re.DOTALL)
    head, body = (page[: match.end()], page[match.end() :]) if match else ("", page)
    return f'{head}<div lang="en" markdown>\n\n{body}\n\n</div>\n'


def _static_files(
    root: Path, generated: dict[str, bytes], code: str = "en", calls: Calls | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """The hand-written pages (checked) and the package's assets; RecordError on any problem."""
    content = root / "content"
    pages = content / "pages"
    written: dict[str, Path] = {}
    problems: list[Problem] = []
    skipped: list[str] = []
    if pages.is_symlink():
        problems.append(_page_problem("content/pages", "is a symbolic link; it must be a real folder"))
    elif pages.is_dir():
        written, problems, skipped = _walk_pages(pages, content)
        written = edition_files(written, code)
    assets = _asset_files()
    problems += _collisions({**generated, **assets}, written)
    refused = {rel: why for rel in written if (why := _type_refusal(rel))}
    problems += [_page_problem(f"content/pages/{rel}", why) for rel, why in refused.items()]
    written = {rel: file for rel, file in written.items() if rel not in refused}
    files = {rel: file.read_bytes() for rel, file in written.items()}
    problems += _front_matter_problems({**generated, **files}, set(written), calls or Calls())
    if problems:
        raise RecordError(problems)
    return {**files, **assets}, skipped


def data_changed(history: History) -> str | None:
    """The day (UTC) of the latest commit that changed a record; hand-written pages are not data."""
    times = [change.time for change in history.changes if record_of_path(change.path)]
    return dt.datetime.fromtimestamp(max(times), dt.UTC).date().isoformat() if times else None


def hand_pages(root: Path, index: Index, ctx: SiteContext | None = None) -> dict[str, str]:
    """The hand-written Markdown pages of the context's edition (English by default) with their
    figures filled in; RecordError lists unknown names."""
    folder = root / "content" / "pages"
    found = _walk_pages(folder, root / "content")[0] if folder.is_dir() and not folder.is_symlink() else {}
    code = ctx.lang.code if ctx else "en"
    found = edition_files(found, code)
    texts = {
        rel: (display_path(file, root), file.read_text(encoding="utf-8"))
        for rel, file in sorted(found.items())
        if rel.endswith(".md")
    }
    ctx = ctx or SiteContext(repository=project_repository(root))
    own = {rel: t for rel, t in texts.items() if code == "en" or folder / THAI_DIR in found[rel].parents}
    stand_ins = {rel: t for rel, t in texts.items() if rel not in own}  # English, for missing translations
    filled, problems = fill_pages(own, index, ctx)
    english, more = fill_pages(stand_ins, index, replace(ctx, lang=language("en"))) if stand_ins else ({}, [])
    if problems or more:
        raise RecordError(problems + more)
    return dict(sorted({**filled, **{rel: _marked_english(t) for rel, t in english.items()}}.items()))


def check_project(root: Path, load: LoadRecord = load_record) -> Dataset:
    """What `osa-site check` checks: every record, then every figure the hand-written pages name."""
    dataset = load_dataset(root / "content", root, load)
    index = build_index(dataset)
    repository = project_repository(root)
    for code in EDITIONS:
        hand_pages(root, index, SiteContext(repository=repository, lang=language(code)))
    return dataset


@dataclass(frozen=True)
class RenderedDocs:
    """Every file of each edition's docs folder, with the records they came from."""

    dataset: Dataset
    index: Index
    files: dict[str, bytes]  # the English edition's docs folder
    thai: dict[str, bytes] | None  # the Thai edition's, or None when it is left out
    skipped: list[str]  # hidden files of content/pages/, not published


def render_files(
    root: Path,
    config: dict,
    load: LoadRecord = load_record,
    history: ReadHistory = read_history,
    editions: tuple[str, ...] = EDITIONS,
    cards: CardCache | None = None,
    memo: RenderMemo | None = None,
) -> RenderedDocs:
    """Every file of the docs folders: generated pages, hand-written pages, assets and card pictures.

    The Thai edition comes from the same index and history, when `editions` names it. Card
    pictures and chart PNGs come from `cards` (a cache that draws what it lacks); without it,
    pages have no cards (the benchmark's baseline). With `memo` (the preview's), record pages whose
    inputs are unchanged since the last call are reused.
    """
    dataset = load_dataset(root / "content", root, load)
    if memo is not None:
        memo.next_build()
    history_read = history(root)
    index = build_index(dataset, data_changed(history_read))
    ctx = site_context(config, index, history_read)
    files, skipped = edition_docs(root, ctx, index, "en", config, cards, history_read, memo)
    thai = (
        edition_docs(root, ctx, index, "th", config, cards, history_read, memo)[0]
        if "th" in editions
        else None
    )
    return RenderedDocs(dataset, index, files, thai, skipped)


def edition_docs(
    root: Path,
    ctx: SiteContext,
    index: Index,
    code: str,
    config: dict | None = None,
    cards: CardCache | None = None,
    history: History | None = None,
    memo: RenderMemo | None = None,
) -> tuple[dict[str, bytes], list[str]]:
    """Every file of one edition's docs folder, and the hidden files of content/pages/ it leaves out.

    The Thai edition's Markdown has its words marked for search (segment.py) and its pages'
    addresses under …/th/. Every page gets its head tags (`page_heads`), dated from `history`, and
    with `cards`, its card picture and Open Graph text (output/cards.py)."""
    settings, ctx = edition_settings(config or {"site_url": ctx.site_url}, ctx, code)
    renders = memo.renders(index, ctx) if memo is not None else fresh()
    calls = renders.calls
    files = {path: text.encode("utf-8") for path, text in render_docs(index, ctx, renders).items()}
    static, hidden = _static_files(root, files, code, calls)
    files.update(static)
    files.update((path, text.encode("utf-8")) for path, text in hand_pages(root, index, ctx).items())
    days = hand_page_days(history or History("unavailable"), code)
    files = dressed_pages(files, index, ctx, settings, days, renders, cards)
    if cards is not None:
        add_chart_pictures(files, index, ctx, cards)
    return dict(sorted(files.items())), hidden


def edition_settings(config: dict, ctx: SiteContext, code: str) -> tuple[dict, SiteContext]:
    """One edition's settings (`edition_config`) and site context: the English context as it is,
    another edition's in its language and at its address."""
    settings = edition_config(config, code)
    if code != "en":
        ctx = replace(ctx, lang=language(code), site_url=settings.get("site_url", ""))
    return settings, ctx


def dressed_pages(
    files: dict[str, bytes],
    index: Index,
    ctx: SiteContext,
    settings: dict,
    days: Mapping[str, str],
    renders: Renders,
    cards: CardCache | None,
) -> dict[str, bytes]:
    """One edition's files with every Markdown page given its head tags (`days`: hand-written
    pages' last changes), its Thai words marked in the Thai edition and, with `cards`, its card
    picture and Open Graph text. The whole build and the pages written ahead (ahead.py) both
    use it, so a page comes out the same either way."""
    calls = renders.calls
    pages = {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".md")}
    heads = page_heads(pages, index, ctx, days, renders)
    files = thai_markdown(files, partial(calls, segment_markdown)) if ctx.lang.code == "th" else dict(files)
    files.update(
        (path, calls(with_head, files[path].decode("utf-8"), head).encode("utf-8"))
        for path, head in heads.items()
    )
    if cards is None:
        return files
    description = " ".join(str(settings.get("site_description") or "").split())
    return add_cards(files, index, ctx, cards, description, calls)


def hand_page_days(history: History, code: str) -> dict[str, str]:
    """{docs path: YYYY-MM-DD} of each hand-written page's last commit in one edition; a page the
    Thai edition takes from the English pages has the English file's date."""
    latest: dict[str, int] = {}
    for change in history.changes:
        if change.path.startswith("content/pages/") and change.path.endswith(".md"):
            latest[change.path] = max(change.time, latest.get(change.path, change.time))
    day = {
        p.removeprefix("content/pages/"): dt.datetime.fromtimestamp(s, dt.UTC).date().isoformat()
        for p, s in latest.items()
    }
    english = {rel: d for rel, d in day.items() if not rel.startswith(f"{THAI_DIR}/")}
    if code == "en":
        return english
    return {
        **english,
        **{rel.removeprefix(f"{THAI_DIR}/"): d for rel, d in day.items() if rel.startswith(f"{THAI_DIR}/")},
    }


def out_config(config: dict, osa_print: dict | None = None) -> dict:
    """The config for the generated tree: same settings, paths inside OUT, the Markdown extensions
    that make Python-Markdown faster (`SPEED_EXTENSIONS`), and what the theme needs for paper
    (`extra.osa_print`: the date of the data, and the PDFs the pages link to)."""
    result = dict(config)
    result["docs_dir"] = "docs"
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else theme
    if not isinstance(theme, dict):
        raise ConfigError(
            f"mkdocs.yml: theme: expected a mapping such as 'name: material', received {type(theme).__name__}"
        )
    result["theme"] = {**theme, "custom_dir": "theme"}
    extensions = config.get("markdown_extensions") or []
    if isinstance(extensions, list):  # else MkDocs says why
        result["markdown_extensions"] = [*extensions, *(e for e in SPEED_EXTENSIONS if e not in extensions)]
    if osa_print is not None:
        result["extra"] = {**(config.get("extra") or {}), "osa_print": osa_print}
    result.pop("site_dir", None)
    return result


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly it; say whether it wrote.

    A file is never rewritten in place: the new bytes go to a new file renamed over the old one.
    The built site holds hard links to the tree's static files (app/static_links.py), which keep
    the bytes they were built with."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:  # absent, or not a file: written (or refused) below
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".osa-new")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def _listing(folder: Path) -> tuple[list[str], list[str]]:
    """The files and the folders under `folder` (relative, with "/"), the folders deepest first."""
    files: list[str] = []
    folders: list[str] = []
    for top, dirs, names in os.walk(folder):
        rel = Path(top).relative_to(folder).as_posix()
        prefix = "" if rel == "." else rel + "/"
        files += [prefix + name for name in names]
        folders += [prefix + name for name in dirs]
    return files, sorted(folders, reverse=True)


def _write_new(folder: Path, files: dict[str, bytes], found: set[str]) -> int:
    """Write each of `files` that `found` (what `folder` holds) lacks, making each folder once."""
    made: set[Path] = set()
    written = 0
    for name, data in files.items():
        if name in found:
            continue
        path = folder / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        written += 1
    return written


def sync_folder(folder: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Make `folder` hold exactly `files`; returns (written, removed). A file already there is
    written only when its bytes differ; a new one is written without reading first (a fresh tree
    at 2,000 projects has some 42,000 files)."""
    found, folders = _listing(folder)
    written = sum(write_if_changed(folder / name, files[name]) for name in found if name in files)
    written += _write_new(folder, files, set(found))
    stale = [name for name in found if name not in files]
    for name in stale:
        (folder / name).unlink()
    for name in folders:
        if not any((folder / name).iterdir()):
            (folder / name).rmdir()
    return written, len(stale)


def _theme_files() -> dict[str, bytes]:
    return {f.relative_to(THEME).as_posix(): f.read_bytes() for f in sorted(THEME.rglob("*")) if f.is_file()}


def print_settings(index: Index, pages: Iterable[str], pdfs: bool, lang: Language) -> dict:
    """The date of the data (the latest commit that changed a record), the words printed on paper
    in the edition's language (see `paper_texts`) and, when PDFs will be printed, {page: PDF}."""
    data_date = index.data_changed or ""
    return {
        "data_date": data_date,
        **paper_texts(lang, data_date),
        "pdfs": pdf_targets(pages) if pdfs else {},
    }


def generate_tree(
    root: Path,
    out: Path,
    load: LoadRecord = load_record,
    on_wait: Callable[[Path], None] | None = None,
    history: ReadHistory = read_history,
    pdfs: bool = False,
    editions: tuple[str, ...] = EDITIONS,
    memo: RenderMemo | None = None,
) -> GenerateResult:
    """Check every record and write the complete generated tree into `out`.

    Raises OutputRefused when `out` is not a folder osa-site may replace, ConfigError when
    mkdocs.yml cannot be read, and RecordError before writing anything when a record or a
    hand-written page has problems. One generate at a time writes `out` (a lock; others wait).
    With `pdfs`, the brief and recipient pages link to the PDFs that `osa-site build` prints.
    The Thai edition goes to OUT/th (a tree of its own); `editions` can leave it out. The preview
    passes a `memo` that it keeps from one call to the next (render/memo.py).
    """
    check_output_dir(out, root, "the output folder")
    config = site_config(root)
    cards = CardCache(cache_folder(root))
    docs = render_files(root, config, load, history, editions, cards, memo)
    with output_lock(out.resolve(), on_wait):
        out = check_output_dir(out, root, "the output folder")
        out.mkdir(parents=True, exist_ok=True)
        mark(out)
        written, removed = _write_edition(
            out,
            docs.files,
            edition_config(config, "en"),
            print_settings(docs.index, docs.files, pdfs, language("en")),
        )
        if docs.thai is not None:
            w, r = _write_edition(
                out / THAI_DIR,
                docs.thai,
                edition_config(config, "th"),
                print_settings(docs.index, docs.thai, False, language("th")),
            )
            written, removed = written + w, removed + r
        elif (out / THAI_DIR / "mkdocs.yml").is_file():
            shutil.rmtree(out / THAI_DIR)
    pages = sum(1 for name in docs.files if name.endswith(".md"))
    return GenerateResult(
        docs.dataset.count(),
        pages,
        written,
        removed,
        docs.dataset,
        docs.index,
        docs.skipped,
        cards.drawn,
        cards.found,
    )


class _TreeConfigDumper(yaml.SafeDumper):
    """Safe YAML, plus a function as a `!!python/name:` tag, which MkDocs and Zensical load."""


def _represent_function(dumper: yaml.SafeDumper, function: types.FunctionType) -> yaml.Node:
    return dumper.represent_scalar(
        f"tag:yaml.org,2002:python/name:{function.__module__}.{function.__name__}", ""
    )


_TreeConfigDumper.add_representer(types.FunctionType, _represent_function)


def dump_config(config: dict) -> str:
    """The generated tree's mkdocs.yml text (keys in the order given)."""
    return yaml.dump(config, Dumper=_TreeConfigDumper, sort_keys=False, allow_unicode=True)


def _write_edition(folder: Path, files: dict[str, bytes], config: dict, osa_print: dict) -> tuple[int, int]:
    """One edition's tree: docs/, theme/ and mkdocs.yml in `folder`; returns (written, removed)."""
    written, removed = sync_folder(folder / "docs", files)
    theme_written, theme_removed = sync_folder(folder / "theme", _theme_files())
    config_text = dump_config(out_config(config, osa_print))
    config_written = write_if_changed(folder / "mkdocs.yml", config_text.encode("utf-8"))
    return written + theme_written + config_written, removed + theme_removed
