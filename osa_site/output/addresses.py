"""Where the site and its code repository live: read from settings, never guessed.

- The repository: `OSA_REPOSITORY_URL`; in GitHub Actions, `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`
  (set by GitHub for every job); else `extra.repository_url` in mkdocs.yml; else CITATION.cff's
  `repository-code`. Unset everywhere, it is "", and pages say how to report an error without it.
- The site: `OSA_SITE_URL` (the workflow passes the address `actions/configure-pages` reports), else
  mkdocs.yml's `site_url`.

Only https addresses are taken; anything else counts as unset, with a note saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

__all__ = ["Addresses", "read_addresses", "with_addresses", "REPOSITORY_SETTINGS"]

REPOSITORY_SETTINGS = (
    "OSA_REPOSITORY_URL (or, in GitHub Actions, GITHUB_SERVER_URL and GITHUB_REPOSITORY), "
    "extra.repository_url in mkdocs.yml, or repository-code in CITATION.cff"
)


@dataclass(frozen=True)
class Addresses:
    repository: str = ""  # e.g. https://github.com/owner/name, no trailing slash
    site_url: str = ""  # the English edition's public address, ending in "/"
    notes: tuple[str, ...] = ()  # settings that are missing or were refused


def _https(value: object) -> str:
    """The address when it is an https URL with a host, else ""."""
    if not isinstance(value, str):
        return ""
    parts = urlsplit(value.strip())
    ok = parts.scheme == "https" and parts.hostname and not any(c.isspace() for c in value.strip())
    return value.strip() if ok else ""


def _citation_repository(root: Path) -> str:
    try:
        citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return ""
    return citation.get("repository-code", "") if isinstance(citation, dict) else ""


def _repository_candidates(root: Path, config: Mapping, environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """(setting, value) in order of precedence; the first that is set wins."""
    github = ""
    if environ.get("GITHUB_SERVER_URL") and environ.get("GITHUB_REPOSITORY"):
        github = f"{environ['GITHUB_SERVER_URL'].rstrip('/')}/{environ['GITHUB_REPOSITORY'].strip('/')}"
    extra = config.get("extra")
    extra = extra if isinstance(extra, Mapping) else {}
    return [
        ("OSA_REPOSITORY_URL", environ.get("OSA_REPOSITORY_URL", "")),
        ("GITHUB_SERVER_URL and GITHUB_REPOSITORY", github),
        ("mkdocs.yml extra.repository_url", extra.get("repository_url", "")),
        ("CITATION.cff repository-code", _citation_repository(root)),
    ]


def _first(candidates: list[tuple[str, object]], notes: list[str]) -> str:
    for setting, value in candidates:
        if value in ("", None):
            continue
        if _https(value):
            return _https(value)
        notes.append(f"{setting}: expected an https address, received {value!r}; it is not used")
        return ""
    return ""


def read_addresses(root: Path, config: Mapping, environ: Mapping[str, str]) -> Addresses:
    """The repository's and the site's addresses, from the environment, mkdocs.yml and CITATION.cff."""
    notes: list[str] = []
    repository = _first(list(_repository_candidates(root, config, environ)), notes).rstrip("/")
    if not repository and not notes:
        notes.append(
            f"the code repository's address is not set ({REPOSITORY_SETTINGS}); "
            "record pages will have no correction link"
        )
    site = _first(
        [("OSA_SITE_URL", environ.get("OSA_SITE_URL", "")), ("site_url", config.get("site_url"))], notes
    )
    site = site.rstrip("/") + "/" if site else ""
    return Addresses(repository, site, tuple(notes))


def with_addresses(config: dict, addresses: Addresses) -> dict:
    """mkdocs.yml's settings with the addresses in force: `site_url` and `extra.repository_url`."""
    extra = dict(config.get("extra") or {}) if isinstance(config.get("extra"), Mapping) else {}
    if addresses.repository:
        extra["repository_url"] = addresses.repository
    result = {**config, "extra": extra} if extra or "extra" in config else dict(config)
    if addresses.site_url:
        result["site_url"] = addresses.site_url
    return result
