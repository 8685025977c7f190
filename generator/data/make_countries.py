"""Regenerate `countries-europe-50m.json` from Natural Earth (run by hand, not in builds).

The map of the missions (generator/map_svg.py) draws from the committed JSON only;
nothing is fetched at build or view time. To refresh it:

    cd "$(mktemp -d)" && npm install world-atlas@2.0.2
    python generator/data/make_countries.py \\
        "$OLDPWD/node_modules/world-atlas/countries-50m.json" \\
        /usr/share/iso-codes/json/iso_3166-1.json > generator/data/countries-europe-50m.json

(run the last command from the repository root; `iso-codes` is the Debian package that
maps ISO 3166-1 numeric codes, which world-atlas uses, to the alpha-2 codes missions use).

Steps: decode the TopoJSON arcs, simplify each shared arc once (Douglas-Peucker, so that
neighbours keep a common border), assemble the countries, clip them to a box around
Europe that is larger than any view the site draws, round to 0.01°.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BOX = (-45.0, 8.0, 105.0, 84.0)
"""west, south, east, north in degrees: wider than any view the site draws (the
locator map of Iceland, Cyprus or Kazakhstan included), so that no clipped edge shows."""

TOLERANCE = 0.025
"""Douglas-Peucker tolerance in degrees (~2.5 km): finer than a pixel at the site's scale."""

SOURCE = (
    "Natural Earth 1:50m Admin 0 countries, version 4.1.0, public domain "
    "(naturalearthdata.com), via the world-atlas 2.0.2 npm package (ISC)"
)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantized, delta-encoded arcs -> lists of (lon, lat)."""
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


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the two ends always stay (they are shared nodes)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def clip(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman against BOX: edges along the box lie outside every view."""
    west, south, east, north = BOX
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, 2), round(y, 2)]
        if not out or out[-1] != point:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()  # rings are closed by the SVG path's `Z`
    return out


def convert(topology: dict, alpha2: dict[str, str]) -> dict:
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    countries: dict[str, list] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes = []
        for polygon in polygons:
            rings = [rounded(clip(ring(r, arcs))) for r in polygon]
            rings = [r for r in rings if len(r) >= 3]
            if rings:
                shapes.append(rings)
        if not shapes:
            continue
        # Territories without an ISO code (Kosovo, Northern Cyprus) are drawn as land
        # that no mission can claim: their key is not a valid mission code.
        code = alpha2.get(geometry.get("id", ""), "")
        key = code.lower() if code else "~" + geometry["properties"]["name"]
        countries.setdefault(key, []).extend(shapes)
    return {
        "source": SOURCE,
        "box": list(BOX),
        "tolerance": TOLERANCE,
        "countries": dict(sorted(countries.items())),
    }


def main(topojson: str, iso_codes: str) -> None:
    topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
    table = json.loads(Path(iso_codes).read_text(encoding="utf-8"))["3166-1"]
    alpha2 = {entry["numeric"]: entry["alpha_2"] for entry in table}
    data = convert(topology, alpha2)
    sys.stdout.write(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
