"""The site as a whole, as every page sees it: its name, address, publisher, language and record changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n.languages import Language, language
from .changelog import ChangeLog

__all__ = ["SiteContext"]


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site as a whole."""

    site_name: str = "OSA Monitor"
    site_url: str = ""
    publisher: str = "OSA Monitor"
    last_changed: dict[str, str] = field(default_factory=dict)  # record path -> YYYY-MM-DD
    changes: ChangeLog = field(default_factory=ChangeLog)  # every record change, from git
    repository: str = ""  # the code repository's address (CITATION.cff's repository-code), if published
    lang: Language = field(default_factory=lambda: language("en"))  # the edition's language
