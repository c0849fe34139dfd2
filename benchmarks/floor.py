"""Where a fresh build's time goes, and what MkDocs costs before any page has content (issue 22).

`phase_times` builds a project one phase after the other, in a new process, and times each phase:
generating the tree, each edition's MkDocs build and its finishing (compaction, sitemap), then
Pagefind. `floor_tree` copies a generated tree with the text of every page cut to one line, its
front matter kept, so the pages keep their titles, head tags and places in the site.
`floor_times` builds each edition of that copy with MkDocs: what MkDocs and Material cost for that
many pages, whatever the pages say. Beside Pagefind's time it is the part of the 150 s target that no
change to the pages' text can give back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

from osa_site.render.escape import FRONT_MATTER

from .measure import Timing, median_time
from .synth import REPO

__all__ = ["PHASES", "floor_tree", "floor_times", "phase_times", "one_line_page"]

PHASES = ("generate", "MkDocs en", "finish en", "MkDocs th", "finish th", "Pagefind")
ONE_LINE = "A page of the benchmark's floor.\n"


def one_line_page(page: str) -> str:
    """The page with its front matter, if any, and one line of text in place of the rest."""
    header = FRONT_MATTER.match(page)  # MkDocs' rule for a page's header
    return (header.group(0) if header else "") + "\n" + ONE_LINE


def floor_tree(tree: Path, floor: Path) -> int:
    """Copy the generated `tree` to `floor`, every Markdown page cut to one line; returns how many."""
    shutil.rmtree(floor, ignore_errors=True)
    shutil.copytree(tree, floor, symlinks=True)
    pages = sorted(floor.rglob("*.md"))
    for page in pages:
        page.write_text(one_line_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    return len(pages)


def _build_edition(config_file: Path, site: Path) -> None:
    from osa_site.app.sitebuild import mkdocs_build

    shutil.rmtree(site, ignore_errors=True)
    mkdocs_build(config_file, site, root=None)


def floor_times(floor: Path) -> dict[str, Timing]:
    """Each edition of the floor tree built by MkDocs (strict, with the site's plugins), in turn."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    configs = {"en": floor / "mkdocs.yml", "th": floor / "th" / "mkdocs.yml"}
    return {
        lang: median_time(partial(_build_edition, config, floor / f"site-{lang}"), 1)
        for lang, config in configs.items()
    }


def run_phases(root: Path, out: Path) -> dict[str, Timing]:
    """The build of both editions, phase by phase in this process (`osa-site build` runs the Thai
    MkDocs build beside the English one; here they take turns, so each is timed alone)."""
    from osa_site.app.sitebuild import finish_edition, index_search, mkdocs_build
    from osa_site.output.generate import generate_tree

    shutil.rmtree(out, ignore_errors=True)
    tree, site = out / "osa-build", out / "site"
    configs: dict[str, dict] = {}

    def build(lang: str) -> None:
        config = tree / "mkdocs.yml" if lang == "en" else tree / lang / "mkdocs.yml"
        configs[lang] = mkdocs_build(config, site if lang == "en" else out / f"site-{lang}", root=root)

    steps = {
        "generate": lambda: generate_tree(root, tree, editions=("en", "th")),
        "MkDocs en": lambda: build("en"),
        "finish en": lambda: finish_edition(site, configs["en"]["site_url"]),
        "MkDocs th": lambda: build("th"),
        "finish th": lambda: finish_edition(out / "site-th", configs["th"]["site_url"]),
        "Pagefind": lambda: index_search((out / "site-th").rename(site / "th").parent, ["th"]),
    }
    return {name: median_time(steps[name], 1) for name in PHASES}


_PHASES_IN_A_NEW_PROCESS = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from benchmarks.floor import run_phases
times = run_phases(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({name: [t.cpu, t.wall] for name, t in times.items()}))
"""


def phase_times(root: Path, out: Path) -> dict[str, Timing]:
    """`run_phases` in a new Python process, as `osa-site build` starts: nothing imported yet."""
    command = [sys.executable, "-c", _PHASES_IN_A_NEW_PROCESS, str(root), str(out), str(REPO)]
    done = subprocess.run(
        command, check=True, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: Timing(cpu, wall) for name, (cpu, wall) in times.items()}
