"""A temporary git repository of the project's content, with commits at fixed dates, for history tests."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from sitetools import shipped_copy

PROJECT = "2024-mongolia-atc-radar"
REMOVED = "fy2026-budget-proposal"  # a milestone that no record or page links to
RENAMED = ("timor-leste-first-osa-agreed", "timor-leste-first-osa")
COMMENTED = "fiji"  # a recipient whose file gets a comment only
DATES = ("2025-01-10T09:00:00+00:00", "2025-02-01T08:00:00+00:00", "2025-03-04T10:30:00+00:00")
CODE_ONLY_DATE = "2025-03-05T12:00:00+00:00"
EDIT_SUMMARY = "Amount changed from ¥1.3 billion to ¥1.35 billion; handover step added"


def git(repo: Path, *args: str, date: str = DATES[0]) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def edit_project(repo: Path) -> None:
    """Raise the amount and add a handover step to the Mongolia project."""
    record = repo / "content" / "equipment" / f"{PROJECT}.yaml"
    text = record.read_text(encoding="utf-8")
    text, count = re.subn(r"^amount_jpy: 1300000000$", "amount_jpy: 1350000000", text, flags=re.M)
    assert count == 1
    text = text.replace(
        "sources:\n",
        'lifecycle:\n  - stage: handover\n    date: "2025-03"\n'
        "    sources:\n      - mofa-2025-mongolia-atc-radar\nsources:\n",
        1,
    )
    record.write_text(text, encoding="utf-8")


def make_history_repo(repo: Path) -> Path:
    """Commits: every record; a removal, a rename and a comment-only edit; one record's edit; code only."""
    shipped_copy(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Records", date=DATES[0])
    git(repo, "rm", "-q", f"content/milestones/{REMOVED}.yaml")
    git(repo, "mv", f"content/milestones/{RENAMED[0]}.yaml", f"content/milestones/{RENAMED[1]}.yaml")
    recipient = repo / "content" / "recipients" / f"{COMMENTED}.yaml"
    recipient.write_text(
        recipient.read_text(encoding="utf-8") + "# A comment, no field changes.\n", encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "Remove, rename, comment", date=DATES[1])
    edit_project(repo)
    git(repo, "commit", "-q", "-am", "A commit message that the summary must not use", date=DATES[2])
    (repo / "tool.py").write_text("print('code only')\n", encoding="utf-8")
    git(repo, "add", "tool.py")
    git(repo, "commit", "-q", "-m", "Code only: must not appear", date=CODE_ONLY_DATE)
    return repo
