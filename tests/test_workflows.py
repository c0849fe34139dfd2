"""The CI workflow: its jobs and steps are the expected ones, and every command it runs exists.

`run:` scripts are split into commands; each command's program must be a shell
keyword or builtin, or a program found on PATH here. `osa-site` and `zensical`
command lines are parsed by their own click groups (so a renamed subcommand or
option fails here, not in CI), and `pip install -e '.[extra]'` must name an extra
that pyproject.toml defines.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
import yaml
from sitetools import ROOT

from osa_site.app.cli import main as osa_site_cli

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
EXPECTED_ACTIONS = {
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/upload-artifact@v4",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
    "actions/configure-pages@v5",
    "actions/cache@v4",
}
SHELL_WORDS = {
    "if",
    "then",
    "else",
    "elif",
    "fi",
    "for",
    "do",
    "done",
    "while",
    "case",
    "esac",
    "[",
    "]",
    "test",
    "echo",
    "export",
    "cd",
    "set",
    "exit",
    "true",
    "false",
    "command",
    "!",
    "{",
    "}",
}
# Only in the CI image, not necessarily on a developer's machine.
CI_ONLY = {"apt-get", "/usr/bin/chromium", "zensical"}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def steps(workflow: dict, job: str | None = None) -> list[dict]:
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step for j in jobs for step in j.get("steps", [])]


def without_heredocs(script: str) -> str:
    """The script with here-document bodies removed (they are input, not commands)."""
    out, end = [], None
    for line in script.splitlines():
        if end is not None:
            end = None if line.strip() == end else end
            continue
        match = re.search(r"<<-?\s*['\"]?(\w+)['\"]?", line)
        end = match.group(1) if match else None
        out.append(line)
    return "\n".join(out)


def commands(script: str) -> list[list[str]]:
    """Every simple command of a run: script, as argument lists."""
    text = without_heredocs(script).replace("\\\n", " ")
    result = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        inner = re.findall(r"\$\(([^)]*)\)", line)  # command substitutions are commands too
        line = re.sub(r"\$\([^)]*\)", "SUBSTITUTED", line)
        for part in re.split(r"&&|\|\||;|\|", line) + inner:
            words = shlex.split(part.replace("<<", " "), comments=False)
            while words and (words[0] in SHELL_WORDS - {"[", "test"} or re.match(r"^\w+=", words[0])):
                words = words[1:]
            if words and words[0] not in ("[", "test"):  # a test expression, not a program
                result.append(words)
    return result


def all_commands(workflow: dict) -> list[list[str]]:
    return [c for step in steps(workflow) if "run" in step for c in commands(step["run"])]


def test_triggers_and_jobs(workflow: dict) -> None:
    assert {"push", "pull_request"} <= set(triggers(workflow))
    assert set(workflow["jobs"]) == {"test", "deploy", "portability"}


def test_the_test_job_checks_builds_tests_and_uploads_in_order(workflow: dict) -> None:
    job = workflow["jobs"]["test"]
    assert "3.11" in job["container"]
    runs = [" ".join(c) for s in job["steps"] if "run" in s for c in commands(s["run"])]
    order = [
        ".ci/install-system-packages",
        "python -m pip install -e .[test]",
        "osa-site check",
        "osa-site build",
        "python -m pytest",
    ]
    positions = [next(i for i, r in enumerate(runs) if r.startswith(o)) for o in order]
    assert positions == sorted(positions), runs
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert any(s["with"]["path"].rstrip("/") == "site" for s in uploads)
    assert job["env"]["CI"] == "true"


def test_deploy_runs_on_main_only_with_pages_permissions(workflow: dict) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "test" in deploy["needs"]
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    pages = [s for s in steps(workflow, "test") if s.get("uses") == "actions/upload-pages-artifact@v3"]
    assert len(pages) == 1 and pages[0]["if"] == deploy["if"]


def test_the_build_gets_the_repository_and_pages_addresses(workflow: dict) -> None:
    job = workflow["jobs"]["test"]
    names = [s.get("id") for s in job["steps"]]
    (build,) = [s for s in job["steps"] if s.get("run", "").startswith("osa-site build")]
    (pages,) = [s for s in job["steps"] if s.get("uses") == "actions/configure-pages@v5"]
    assert names.index("pages") < job["steps"].index(build)
    assert build["env"]["OSA_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert build["env"]["OSA_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert pages["if"] == workflow["jobs"]["deploy"]["if"]  # Pages exists for what is published
    assert job["permissions"]["pages"] == "read"
    (generate,) = [
        s for s in steps(workflow, "portability") if s.get("run", "").startswith("osa-site generate")
    ]
    assert generate["env"]["OSA_REPOSITORY_URL"] == build["env"]["OSA_REPOSITORY_URL"]


def test_portability_job_builds_the_generated_tree_with_zensical(workflow: dict) -> None:
    runs = [c for s in steps(workflow, "portability") if "run" in s for c in commands(s["run"])]
    assert ["osa-site", "generate", "out/"] in runs
    assert ["zensical", "build", "-f", "out/mkdocs.yml"] in runs
    setup = [s for s in steps(workflow, "portability") if s.get("uses") == "actions/setup-python@v5"]
    assert setup and setup[0]["with"]["python-version"] == "3.11"


def test_only_the_expected_actions_are_used(workflow: dict) -> None:
    used = {s["uses"] for s in steps(workflow) if "uses" in s}
    assert used == EXPECTED_ACTIONS


def test_every_program_exists(workflow: dict) -> None:
    missing = sorted(
        {c[0] for c in all_commands(workflow) if c[0] not in CI_ONLY and shutil.which(c[0]) is None}
    )
    assert missing == []


def _parse(group: click.Group, name: str, args: list[str]) -> None:
    """Parse `name SUBCOMMAND ARGS...` with a click group, raising on an unknown subcommand or option.

    Group-level options are not used in the workflow, so the first word is the subcommand.
    """
    ctx = click.Context(group, info_name=name)
    sub = group.get_command(ctx, args[0]) if args and not args[0].startswith("-") else None
    if sub is None:
        raise click.UsageError(f"{name}: no subcommand {args[:1]}")
    sub.make_context(args[0], list(args[1:]), parent=ctx)


def test_osa_site_command_lines_parse(workflow: dict) -> None:
    lines = [c[1:] for c in all_commands(workflow) if c[0] == "osa-site"]
    assert {line[0] for line in lines} >= {"check", "build", "generate"}
    for line in lines:
        _parse(osa_site_cli, "osa-site", line)


def test_zensical_command_lines_parse(
    workflow: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zensical.main import cli

    (tmp_path / "out").mkdir()  # what `osa-site generate out/` writes before Zensical runs
    (tmp_path / "out" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    lines = [c[1:] for c in all_commands(workflow) if c[0] == "zensical"]
    assert lines
    for line in lines:
        _parse(cli, "zensical", line)


def test_python_modules_and_extras_exist(workflow: dict) -> None:
    extras = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "optional-dependencies"
        ]
    )
    for c in all_commands(workflow):
        if c[:2] == ["python", "-m"]:
            assert importlib.util.find_spec(c[2]) is not None or c[2] == "zensical", c
        for word in c:
            match = re.fullmatch(r"\.\[(\w+)\]", word)
            if match:
                assert match.group(1) in extras, word


def test_command_splitter() -> None:
    script = (
        "a -x && b 'y z' | c; VAR=1 d\nif [ ! -x e ]; then f \"$(g h)\"; fi\npython - <<'PY'\nimport x\nPY\n"
    )
    assert [c[0] for c in commands(script)] == ["a", "b", "c", "d", "f", "g", "python"]


def test_parser_rejects_unknown_subcommands_and_options() -> None:
    with pytest.raises(click.UsageError):
        _parse(osa_site_cli, "osa-site", ["publish"])
    with pytest.raises(click.UsageError):
        _parse(osa_site_cli, "osa-site", ["build", "--no-such-option"])


def check_workflow(*files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with GitHub's workflow schema, which it carries (no network)."""
    args = ["--builtin-schema", "vendor.github-workflows", *map(str, files)]
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True)


def test_workflow_files_match_githubs_schema() -> None:
    files = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert files
    result = check_workflow(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_refuses_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    step:\n      - run: x\n", encoding="utf-8"
    )
    result = check_workflow(broken)
    assert result.returncode == 1, result.stdout + result.stderr


def fake_debian(tmp_path: Path, installed: set[str]) -> dict[str, str]:
    """dpkg-query and apt-get stand-ins on PATH: the first knows `installed`, the second logs its call."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    known = " ".join(sorted(installed))
    scripts = {
        "dpkg-query": f'for p in {known}; do [ "$p" = "${{!#}}" ] && echo "install ok installed"'
        " && exit 0; done; exit 1",
        "apt-get": f'echo "$*" >> {tmp_path}/apt.log',
    }
    for name, body in scripts.items():
        (bin_dir / name).write_text(f"#!/usr/bin/env bash\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def test_ci_installs_chromium_and_a_thai_font_when_they_are_missing(tmp_path: Path) -> None:
    env = fake_debian(tmp_path, installed={"chromium"})
    subprocess.run([ROOT / ".ci" / "install-system-packages"], env=env, check=True)
    calls = (tmp_path / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls == ["update -qq", "install -y -qq fonts-thai-tlwg"]
    packages = (ROOT / ".ci" / "apt-packages").read_text(encoding="utf-8").split()
    assert {"chromium", "fonts-thai-tlwg"} <= set(packages)


def test_ci_installs_nothing_when_every_package_is_there(tmp_path: Path) -> None:
    env = fake_debian(tmp_path, installed={"chromium", "fonts-thai-tlwg"})
    subprocess.run([ROOT / ".ci" / "install-system-packages"], env=env, check=True)
    assert not (tmp_path / "apt.log").exists()


def test_ci_entry_point_installs_chromium_and_runs_pytest() -> None:
    run = ROOT / ".ci" / "run"
    text = run.read_text(encoding="utf-8")
    assert run.stat().st_mode & 0o111
    assert ".ci/install-system-packages" in text
    assert "python3 -m pip install -q -e '.[test]' && python3 -m pytest -rs" in text  # the README's command
    assert "CI=true" in text and '"$status" -eq 5' in text
    code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in code if "playwright install" in line]


def test_the_test_job_installs_what_ci_run_installs(workflow: dict) -> None:
    """The same Debian packages as .ci/run (Chromium and the Thai font the print tests need)."""
    runs = [c for s in steps(workflow, "test") if "run" in s for c in commands(s["run"])]
    assert [".ci/install-system-packages"] in runs
    assert ".ci/install-system-packages" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert not any(c[:2] == ["apt-get", "install"] for c in runs)  # no second list of packages


def test_the_card_pictures_are_kept_between_runs_before_the_build(workflow: dict) -> None:
    job = steps(workflow, "test")
    (cache,) = [s for s in job if s.get("uses", "").startswith("actions/cache@")]
    (build,) = [s for s in job if s.get("run", "").startswith("osa-site build")]
    assert cache["with"]["path"] == ".osa-cache" and job.index(cache) < job.index(build)
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])  # the newest cache is restored
