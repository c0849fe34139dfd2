"""Which web addresses a source may give: http(s), a real host name, nothing hidden in them.

An address is refused when it holds white space, a control, format or other invisible character,
a user name or password (`https://host@evil.example/` sends the reader to evil.example), no host
(`https:///x`, `https://#`), a port that is not a number, or a host that is not a plausible domain
name (labels of letters, digits and hyphens; international names are accepted through IDNA).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .textpolicy import describe

__all__ = ["url_problem", "MAX_URL_LENGTH"]

MAX_URL_LENGTH = 2_000
_EXPECTED = "expected a web address starting with http:// or https://"
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LABEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def _hidden_character(address: str) -> str | None:
    for position, char in enumerate(address, start=1):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"):
            return f"{describe(char)} at position {position}"
    return None


def _host_problem(host: str) -> str | None:
    """None when `host` is a plausible domain name such as www.mofa.go.jp or an IDNA one."""
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"the host {_short(host)} is not a valid domain name"
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"the host {_short(host)} is not a domain name such as www.mofa.go.jp"
    if not _TOP_LABEL.fullmatch(labels[-1]):
        return f"the host {_short(host)} does not end in a top-level domain such as .jp or .org"
    return None


def _short(text: str, limit: int = 60) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…'"


def url_problem(address: str) -> str | None:
    """What is wrong with a source's address, as a message, or None when it is acceptable."""
    if len(address) > MAX_URL_LENGTH:
        return f"{_EXPECTED} of at most {MAX_URL_LENGTH:,} characters, received {len(address):,}"
    hidden = _hidden_character(address)
    if hidden:
        return f"{_EXPECTED} without spaces or invisible characters, received {hidden}"
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return f"{_EXPECTED}, received {_short(address)}, which cannot be read as one"
    if parts.scheme.lower() not in ("http", "https") or not address.lower().startswith(
        parts.scheme.lower() + "://"
    ):
        return f"{_EXPECTED}, received {_short(address)}"
    if "@" in parts.netloc:
        return (
            f"{_EXPECTED} without a user name or password before the host, received {_short(address)}: "
            "the part before '@' only looks like the host"
        )
    if not parts.hostname:
        return f"{_EXPECTED} and a host name, received {_short(address)}, which has no host"
    problem = _host_problem(parts.hostname)
    return f"{_EXPECTED}, received {_short(address)}: {problem}" if problem else None
