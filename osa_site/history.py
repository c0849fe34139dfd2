"""When each record last changed, read from git in one call."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["last_changed", "last_change_date", "last_commit_epoch"]


def last_changed(root: Path, folder: str) -> dict[str, str]:
    """{path relative to root: YYYY-MM-DD of the last commit touching it}; empty outside git."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", folder],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for block in out.split("\x00")[1:]:
        date, *names = block.strip().splitlines()
        for name in names:
            dates.setdefault(name, date)
    return dates


def last_commit_epoch(root: Path) -> str | None:
    """The last commit's time as a Unix epoch string, for SOURCE_DATE_EPOCH."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None


def last_change_date(root: Path, folder: str) -> str:
    """YYYY-MM-DD of the last commit touching `folder`: the date of the data; '' outside git."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%cs", "--", folder], cwd=root,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
