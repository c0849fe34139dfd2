"""TopoJSON decoding and the Equal Earth projection, for the world map.

Pure geometry: no records, no HTML. The vendored `world-atlas` topology is read
once per process (it never changes while the program runs).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Country",
    "load_countries",
    "load_small_countries",
    "project",
    "outline",
    "representative_points",
    "DATA_DIR",
    "WIDTH",
    "CENTRE_LON",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "assets" / "data"
CENTRE_LON = 150.0  # a Pacific-centred map keeps Fiji and Tonga whole; the seam falls in the Atlantic
WIDTH = 960.0
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_SCALE = WIDTH / 2 / (math.pi / (_M * _A1))  # x of the equator's ends is ±WIDTH/2
ANTARCTICA = "010"

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """One country of the topology: ISO 3166-1 numeric id, name, and its rings in lon/lat."""

    id: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]


def _decode_arcs(topology: dict) -> list[Ring]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry: dict, arcs: list[Ring]) -> tuple[tuple[Ring, ...], ...]:
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return ()
    return tuple(tuple(_ring(r, arcs) for r in rings) for rings in parts)


def decode(topology: dict, object_name: str = "countries") -> Iterator[Country]:
    """Every geometry of one object of a TopoJSON topology, with a numeric id."""
    arcs = _decode_arcs(topology)
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry.get("id"):
            yield Country(geometry["id"], geometry["properties"]["name"], _polygons(geometry, arcs))


@lru_cache(maxsize=4)
def load_countries(path: Path = DATA_DIR / "countries-110m.json") -> tuple[Country, ...]:
    """The vendored world-atlas countries, without Antarctica, in file order."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    return tuple(c for c in decode(topology) if c.id != ANTARCTICA)


@lru_cache(maxsize=4)
def load_small_countries(
    path: Path = DATA_DIR / "small-countries-50m.json",
) -> dict[str, tuple[str, float, float]]:
    """Countries too small for the 110m map: numeric id -> (name, lon, lat)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: (v["name"], v["lon"], v["lat"]) for k, v in data["points"].items()}


def _ring_area(ring: Ring) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def representative_points(topology: dict, known: set[str]) -> dict[str, dict]:
    """For countries of `topology` whose id is not in `known`: the centre of the bounding
    box of their largest polygon. This is how small-countries-50m.json was made."""
    points = {}
    for country in decode(topology):
        if country.id in known or not country.polygons:
            continue
        outer = max((p[0] for p in country.polygons), key=_ring_area)
        lons, lats = [p[0] for p in outer], [p[1] for p in outer]
        points[country.id] = {
            "name": country.name,
            "lon": round((min(lons) + max(lons)) / 2, 3),
            "lat": round((min(lats) + max(lats)) / 2, 3),
        }
    return dict(sorted(points.items()))


def _shift(lon: float) -> float:
    return (lon - CENTRE_LON + 180.0) % 360.0 - 180.0


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson and Jenny 2018), centred on CENTRE_LON, in SVG units."""
    return _equal_earth(math.radians(_shift(lon)), lat)


def _equal_earth(lam: float, lat: float) -> tuple[float, float]:
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x * _SCALE, -y * _SCALE


def project_ring(ring: Ring) -> Ring:
    """Project a ring without letting it jump across the seam: a ring that crosses it is kept
    whole on the side of its first point (the map is clipped to its outline)."""
    out: Ring = []
    previous = None
    for lon, lat in ring:
        shifted = _shift(lon)
        if previous is not None:
            while shifted - previous > 180:
                shifted -= 360
            while shifted - previous < -180:
                shifted += 360
        previous = shifted
        out.append(_equal_earth(math.radians(shifted), lat))
    return out


def outline(steps: int = 90) -> Ring:
    """The map's edge: the meridians ±180° from the centre."""
    right = [_equal_earth(math.pi, -90 + 180 * i / steps) for i in range(steps + 1)]
    left = [_equal_earth(-math.pi, 90 - 180 * i / steps) for i in range(steps + 1)]
    return right + left
