"""Synthetic OSA Monitor projects for benchmarks: valid under the real schema, deterministic.

`make_project(root, projects)` copies the repository's real records, hand-written
pages and mkdocs.yml into `root`, then adds synthetic recipients (real ISO 3166-1
codes from pycountry), equipment projects, sources, agreements and milestones until
there are `projects` equipment records in all. The real records stay, so every link
in the hand-written pages still resolves under `mkdocs build --strict`.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pycountry
import yaml

from osa_site.records.schema import Domain, Purpose, Region

__all__ = ["REPO", "Counts", "make_project", "shipped_copy", "synthetic_records", "counts_for"]

REPO = Path(__file__).resolve().parent.parent
MAX_RECIPIENTS = 200
REGIONS = list(get_args(Region))  # every region the schema accepts
DOMAINS = list(get_args(Domain))
PURPOSES = [None, *get_args(Purpose)]
ITEMS = [
    "patrol boats",
    "coastal radar system",
    "rigid-hulled inflatable boats",
    "air traffic control radar",
    "heavy machinery",
    "diving support vessel",
    "unmanned aerial vehicles",
    "uniforms",
    "night-vision equipment",
    "satellite communication terminals",
    "rescue boats",
    "generators",
]
FORCES = ["Navy", "Coast Guard", "Air Force", "Army", "Armed Forces", "Maritime Police"]
PUBLISHERS = {
    "Ministry of Foreign Affairs of Japan": "official",
    "Ministry of Defense of Japan": "official",
    "Kyodo News": "news",
    "Jiji Press": "news",
    "NHK": "news",
    "The Japan Times": "news",
    "Nikkei Asia": "news",
    "The Diplomat": "news",
}
LOREM = (
    "The exchange of notes follows the recipient's request for equipment to strengthen maritime "
    "domain awareness. Delivery is expected in stages, and the handover ceremony is to be held at the "
    "main base. Reports differ on the exact scope, which later records will settle as sources appear."
)


@dataclass(frozen=True)
class Counts:
    projects: int
    recipients: int
    sources: int
    agreements: int
    milestones: int


def counts_for(projects: int) -> Counts:
    """Other kinds in proportion to the projects, roughly as in the real data."""
    return Counts(
        projects,
        min(MAX_RECIPIENTS, max(5, projects // 10)),
        projects,
        max(1, projects // 20),
        max(1, projects // 20),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _countries(exclude: set[str]) -> list[tuple[str, str]]:
    """(iso3, short name) of every country not yet in the real data, in a stable order."""
    found = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        if country.alpha_3 not in exclude:
            found.append((country.alpha_3, getattr(country, "common_name", None) or country.name))
    return found


def _date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _recipients(
    count: int, taken_iso3: set[str], taken_ids: set[str], rng: random.Random
) -> list[tuple[str, dict]]:
    records = []
    for iso3, name in _countries(taken_iso3):
        rid = _slug(name)
        if len(records) == count:
            break
        if rid in taken_ids or not rid:
            continue
        taken_ids.add(rid)
        records.append(
            (
                rid,
                {
                    "name": name,
                    "iso3": iso3,
                    "region": rng.choice(REGIONS),
                    "notes": f"Synthetic recipient {name} for benchmarks.",
                },
            )
        )
    return records


def _publisher(name: str) -> dict:
    return {"publisher": name, "publisher_type": PUBLISHERS[name]}


def _confidence(sources: list[dict]) -> str:
    """The level the sources support under the confidence rules: confirmed or reported."""
    official = any(s["publisher_type"] == "official" for s in sources)
    return "confirmed" if official or len({s["publisher"] for s in sources}) >= 2 else "reported"


def _source(i: int, rng: random.Random) -> tuple[str, dict]:
    year = rng.randint(2023, 2026)
    return f"synth-source-{i:05d}", {
        "title": f"Press release {i} on Official Security Assistance",
        **_publisher(rng.choice(sorted(PUBLISHERS))),
        "url": f"https://example.org/osa/{i}",
        "published": _date(rng, year) if i % 7 else "unknown",
        **({"language": "ja"} if i % 3 == 0 else {}),
    }


def _equipment(
    i: int, recipient: tuple[str, dict], sources: list[str], rng: random.Random
) -> tuple[str, dict]:
    rid, rec = recipient
    year = rng.randint(2023, 2026)
    item = rng.choice(ITEMS)
    data: dict = {
        "title": f"{item.capitalize()} for {rec['name']} ({i})",
        "recipient": rid,
        "fiscal_year": year,
        "force": f"{rec['name']} {rng.choice(FORCES)}",
        "domain": rng.choice(DOMAINS),
        "amount_jpy": rng.randint(1, 200) * 10_000_000,
        "exchange_of_notes": {"date": _date(rng, min(year + 1, 2026)), "place": "Tokyo"},
        "items": [
            {"name": item, "quantity": rng.randint(1, 12)},
            {"name": rng.choice(ITEMS), "note": "Related equipment and training."},
        ],
        "sources": sources,
        "notes": LOREM,
    }
    if purpose := rng.choice(PURPOSES):
        data["purpose"] = purpose
    if i % 3 == 0:
        data["lifecycle"] = [
            {
                "stage": "delivery",
                "date": _date(rng, 2026),
                "description": "First delivery",
                "sources": sources[:1],
            }
        ]
    if i % 11 == 0:
        data["confidence"] = "contested"
        data["disputes"] = [
            {
                "topic": "Number of units",
                "readings": [
                    {"value": "4 units", "according_to": "Kyodo News", "sources": sources[:1]},
                    {"value": "5 units", "sources": sources[-1:]},
                ],
            }
        ]
    return f"synth-{year}-{i:05d}", data


def _agreement(i: int, recipient: tuple[str, dict], source: str, rng: random.Random) -> tuple[str, dict]:
    _, rec = recipient
    return f"synth-agreement-{i:05d}", {
        "title": f"Japan–{rec['name']} agreement on the transfer of defence equipment ({i})",
        "partner": {"name": rec["name"], "iso3": rec["iso3"]},
        "signed": _date(rng, rng.randint(2014, 2026)),
        "place": "Tokyo",
        "sources": [source],
    }


def _milestone(i: int, source: str, rng: random.Random) -> tuple[str, dict]:
    return f"synth-milestone-{i:05d}", {
        "title": f"Synthetic milestone {i}",
        "date": _date(rng, rng.randint(2022, 2026)),
        "category": rng.choice(["policy", "institution", "budget", "diplomacy"]),
        "summary": LOREM[:160],
        "sources": [source],
    }


def synthetic_records(content: Path, projects: int, seed: int = 7) -> Iterator[tuple[str, str, dict]]:
    """(kind, id, data) for every synthetic record, so that `content` ends with `projects` projects."""
    rng = random.Random(seed)
    real = {
        kind: {f.stem for f in (content / kind).glob("*.yaml")}
        for kind in ("recipients", "equipment", "agreements", "milestones", "sources")
    }
    real_iso3 = {
        yaml.safe_load(f.read_text("utf-8"))["iso3"] for f in (content / "recipients").glob("*.yaml")
    }
    wanted = counts_for(max(0, projects - len(real["equipment"])))
    recipients = _recipients(
        min(wanted.recipients, MAX_RECIPIENTS - len(real["recipients"])),
        real_iso3,
        set(real["recipients"]),
        rng,
    )
    sources = [_source(i, rng) for i in range(wanted.sources)]
    yield from (("recipients", rid, data) for rid, data in recipients)
    yield from (("sources", sid, data) for sid, data in sources)
    ids = [sid for sid, _ in sources]
    by_id = dict(sources)

    def rated(kind: str, record: tuple[str, dict]) -> tuple[str, str, dict]:
        rid, data = record
        if data.get("confidence") != "contested":
            data["confidence"] = _confidence([by_id[sid] for sid in data["sources"]])
        return kind, rid, data

    for i in range(wanted.projects):
        own = list(dict.fromkeys([ids[i], ids[(i * 7 + 3) % len(ids)]] if len(ids) > 1 else ids[:1]))
        yield rated("equipment", _equipment(i, recipients[i % len(recipients)], own, rng))
    for i in range(wanted.agreements):
        yield rated("agreements", _agreement(i, recipients[i % len(recipients)], ids[i % len(ids)], rng))
    for i in range(wanted.milestones):
        yield rated("milestones", _milestone(i, ids[(i * 13) % len(ids)], rng))


def shipped_copy(root: Path) -> Path:
    """A copy of the shipped content and settings in `root`, with no synthetic record; returns `root`."""
    shutil.copytree(REPO / "content", root / "content", dirs_exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def make_project(root: Path, projects: int, seed: int = 7) -> Path:
    """A complete project folder in `root` with `projects` equipment records; returns `root`."""
    shutil.copytree(REPO / "content", root / "content", dirs_exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    content = root / "content"
    for kind, rid, data in list(synthetic_records(content, projects, seed)):
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
        # Dates are written quoted, as editors do, so they stay strings.
        (content / kind / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return root
