"""Building the two editions: the Thai one in a forked worker beside the English one.

Both ways (in parallel and one after the other) must give the same site, byte for byte; a failed
Thai build must fail the build and leave nothing behind; a worker must not outlive its build.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from osa_site.app import sitebuild
from osa_site.app.sitebuild import BuildFailed, build_editions
from osa_site.output.generate import generate_tree

ROOT = Path(__file__).resolve().parent.parent


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions") / "osa-build"
    generate_tree(ROOT, out)
    return out


def test_the_parallel_build_gives_the_same_site_as_one_edition_after_the_other(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sitebuild._editions_in_parallel(), "this machine should build the editions in parallel"
    build_editions(tree, tmp_path / "parallel", ROOT)
    monkeypatch.setattr(sitebuild, "_editions_in_parallel", lambda: False)
    build_editions(tree, tmp_path / "sequential", ROOT)
    parallel, sequential = _digest(tmp_path / "parallel"), _digest(tmp_path / "sequential")
    assert "th/index.html" in parallel and "index.html" in parallel
    assert parallel == sequential
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parallel", "sequential"]  # no folder left beside


@pytest.mark.parametrize("parallel", [True, False])
def test_a_failed_thai_build_fails_the_build_and_leaves_nothing_beside_the_site(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    broken = tmp_path / "tree"
    subprocess.run(["cp", "-a", str(tree), str(broken)], check=True)
    # A nav entry that points at no page is a warning, and the build is strict.
    config = broken / "th" / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnav:\n  - missing-page.md\n", encoding="utf-8")
    monkeypatch.setattr(sitebuild, "_editions_in_parallel", lambda: parallel)
    with pytest.raises(BuildFailed, match="missing-page.md"):
        build_editions(broken, tmp_path / "site", ROOT)
    assert not (tmp_path / "site-th").exists()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_the_thai_worker_dies_with_a_killed_build(tree: Path, tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom osa_site.app.sitebuild import build_editions\n"
        "build_editions(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    build = subprocess.Popen([sys.executable, "-c", code, str(tree), str(tmp_path / "site")], cwd=ROOT)
    deadline, workers = time.monotonic() + 60, []
    while not workers and time.monotonic() < deadline and build.poll() is None:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert workers, "the build started no worker"
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        for pid in workers:  # reap, in case the worker was re-parented to this process
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.05)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert alive == [], "a Thai worker outlived the build that started it"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
