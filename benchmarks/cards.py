"""The cost of the share cards (issue 21): drawing every card picture and chart PNG of both
editions, with an empty cache and with a full one, against generating without cards; and what
the pictures weigh, now and projected to 10,000 projects."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from osa_site.output.cards import CardCache
from osa_site.output.generate import read_config, render_files
from osa_site.render.cards.specs import SHARED_CARDS

from .measure import Timing, median_time
from .synth import counts_for

__all__ = ["CardCost", "card_cost", "projected_bytes"]


@dataclass(frozen=True)
class CardCost:
    pages: int  # pages of both editions
    pictures: int  # card pictures and chart PNGs drawn with an empty cache
    without: Timing  # generating both editions' files without cards
    cold: Timing  # with cards, empty cache
    warm: Timing  # with cards, every picture cached
    warm_drawn: int  # pictures drawn by the warm run (0 when the cache works)
    card_sizes: list[int]  # bytes of each card picture (chart PNGs left out)


def _generate(root: Path, cards: CardCache | None) -> dict[str, bytes]:
    docs = render_files(root, read_config(root), cards=cards)
    return {**docs.files, **{f"th/{name}": data for name, data in (docs.thai or {}).items()}}


def card_cost(root: Path, cache: Path) -> CardCost:
    """Generate `root` three ways (each once: the cold run can only be cold once), after a first
    run that pays what is paid once per process (the Thai dictionary, the catalogues, imports)."""
    _generate(root, None)
    without = median_time(lambda: _generate(root, None), 1)
    cold_cache = CardCache(cache)
    files: dict[str, bytes] = {}
    cold = median_time(lambda: files.update(_generate(root, cold_cache)), 1)
    warm_cache = CardCache(cache)
    warm = median_time(lambda: _generate(root, warm_cache), 1)
    sizes = [len(data) for name, data in files.items() if "cards/" in name and name.endswith(".png")]
    pages = sum(1 for name in files if name.endswith(".md"))
    return CardCost(pages, cold_cache.drawn, without, cold, warm, warm_cache.drawn, sizes)


def projected_bytes(card_bytes: float, projects: int) -> tuple[int, float]:
    """(cards, bytes) for both editions at `projects` projects: one card per page but the kinds
    that share their section's card, at the measured size per card."""
    counts = counts_for(projects)
    own = counts.projects + counts.recipients + counts.agreements + counts.milestones
    own += 0 if "sources" in SHARED_CARDS else counts.sources
    own += 40  # sections, hand-written pages, budget years and designations, roughly as shipped
    return 2 * own, 2 * own * card_bytes


def median_size(sizes: list[int]) -> float:
    return statistics.median(sizes) if sizes else 0.0
