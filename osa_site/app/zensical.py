"""The Zensical adapter: one edition's generated tree built by Zensical (Material's successor), for
`osa-site build --engine zensical`.

Zensical runs as its own command (`python -m zensical build`), in the generated tree, and writes
into tree/site; the site is then moved where the caller asked. The Thai tree's config names a
function of osa_site (its heading slugs), so Zensical gets this process's copy of osa_site first on
its path, not whichever copy another folder holds. It inherits this process's environment, so
the caller sets SOURCE_DATE_EPOCH as for a MkDocs build (sitebuild.source_date_epoch).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["ZENSICAL_PIN", "ZensicalFailed", "zensical_build"]

# The release this site's templates are tested with (pyproject's [zensical] extra).
ZENSICAL_PIN = "zensical==0.0.73"
_TIMEOUT_S = 1800
_SAID = 20  # the last lines of Zensical's output that a failure repeats


class ZensicalFailed(Exception):
    """Zensical is missing, or refused the tree."""


def _environment() -> dict[str, str]:
    package_parent = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def _failure(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return "\n".join(lines[-_SAID:]) or "Zensical stopped without saying why"


def zensical_build(config_file: Path, site_dir: Path) -> None:
    """Build `config_file` (a generated edition's mkdocs.yml) with Zensical into `site_dir`, which
    must not exist, be empty, or be the tree's own site folder. Raises ZensicalFailed with what
    Zensical printed."""
    if importlib.util.find_spec("zensical") is None:
        raise ZensicalFailed(f"Zensical is not installed: pip install '{ZENSICAL_PIN}'")
    config_file = config_file.resolve()  # Zensical runs in the tree's folder
    tree = config_file.parent
    built = tree / "site"
    shutil.rmtree(built, ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)]
    try:
        done = subprocess.run(
            command, cwd=tree, env=_environment(), capture_output=True, text=True, timeout=_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        raise ZensicalFailed(f"Zensical did not finish within {_TIMEOUT_S} s") from None
    if done.returncode != 0 or not (built / "index.html").is_file():
        said = _failure(done.stdout + done.stderr)
        raise ZensicalFailed(f"Zensical could not build {config_file}:\n{said}")
    if site_dir.resolve() == built:
        return  # asked for the folder Zensical writes
    if site_dir.exists():
        site_dir.rmdir()  # empty: the caller's staging folder
    shutil.move(built, site_dir)
