"""Installs, as a new user makes them (issue 21): a fresh clone, `pip install .` into a new virtual
environment, then `osa-site build`; and a wheel, installed and run.

A plain install makes setuptools leave its own build/ in the project; the generated tree lives in
osa-build/, so the build must not stumble on it. To stay fast and offline the new environment gets
its dependencies from the test run's own environment (a .pth file naming its site-packages), and
the new environment's pip (the same files) builds with that environment's setuptools
(`--no-deps --no-build-isolation`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from osa_site.output.generate import TREE_DIR

ROOT = Path(__file__).resolve().parent.parent
PIP = ["-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index"]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def _clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    result = _run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], tmp_path)
    assert result.returncode == 0, result.stderr
    return clone


def _new_venv(folder: Path) -> Path:
    """A new virtual environment that also sees this environment's packages (but not its osa_site)."""
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(folder)
    python = folder / "bin" / "python"
    own = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], folder)
    (Path(own.stdout.strip()) / "outer-environment.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(clone, python of a new environment) after `pip install .` from the clone."""
    tmp = tmp_path_factory.mktemp("install")
    clone = _clone(tmp)
    python = _new_venv(tmp / "venv")
    result = _run([str(python), *PIP, "."], clone, _clean_env())
    assert result.returncode == 0, result.stderr
    return clone, python


def test_a_plain_install_runs_from_its_own_files(installed: tuple[Path, Path]) -> None:
    clone, python = installed
    where = _run([str(python), "-c", "import osa_site; print(osa_site.__file__)"], clone.parent, _clean_env())
    assert where.returncode == 0, where.stderr
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout
    assert (clone / "build").is_dir(), "setuptools left no build/: the case this test exists for is gone"


def test_a_fresh_clone_installed_with_pip_install_dot_builds(installed: tuple[Path, Path]) -> None:
    clone, python = installed
    result = _run([str(python.parent / "osa-site"), "build", "--no-pdf"], clone, _clean_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert (clone / "site" / "index.html").is_file()
    assert (clone / "site" / "th" / "index.html").is_file()
    assert (clone / TREE_DIR / "docs" / "index.md").is_file()
    assert not (clone / "build" / "docs").exists()  # setuptools' build/ is left alone
    status = _run(["git", "status", "--porcelain", "--untracked-files=all"], clone)
    assert status.stdout.strip() == "", "the build left files that .gitignore does not cover"


def test_a_wheel_installs_and_checks_the_records(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    wheels = tmp_path / "dist"
    made = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            ".",
        ],
        clone,
        _clean_env(),
    )
    assert made.returncode == 0, made.stderr
    (wheel,) = wheels.glob("osa_site-*.whl")
    python = _new_venv(tmp_path / "venv")
    result = _run([str(python), *PIP, str(wheel)], tmp_path, _clean_env())
    assert result.returncode == 0, result.stderr
    check = _run([str(python.parent / "osa-site"), "--root", str(clone), "check"], tmp_path, _clean_env())
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no problems" in check.stdout
