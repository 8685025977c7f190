"""The missions map, drawn at build time as SVG from a vendored public-domain dataset.

No tiles, no script, no request at view time (design.md): the country shapes are
Natural Earth's 1:50m boundaries, clipped to Europe and simplified once
(`generator/data/make_countries.py`), projected here with a Lambert azimuthal
equal-area projection centred on Europe, which keeps the sizes of countries true
(Norway does not swell as on a Mercator map) in a few lines of trigonometry.

Two pictures come out of it:

- `mission_map`: the whole of Europe with the mission countries coloured by status
  and linked to their mission pages, a legend and a text alternative. It is inline
  SVG so the countries are real links, reachable by keyboard and named for screen
  readers. The page body cannot carry it (the sanitizer removes SVG from every page
  body, contributors' included); the generator puts it in the page's front matter and
  the theme swaps it for an empty placeholder element (see `SLOT` and theme/main.html).
- `locator_svg`: a small stand-alone picture of one country in its surroundings for
  the mission's own page, published as a file and shown with `<img alt>`.

Fills are patterns as well as colours (WCAG 1.4.1: colour is not the only cue), and
every mission country has a dark outline that stands out 3:1 from its neighbours
(1.4.11).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from markupsafe import Markup, escape

from generator.build.writer import Writer
from generator.content import addresses

STATUSES = ("active", "forming", "suspended", "closed")
"""Mission statuses in the legend's order (content-model.md)."""

SLOT = '<div class="ngo-figure-slot"></div>'
"""Placeholder in a generated page body that the theme replaces with `ngo_figure`."""

CENTRE = (20.0, 52.0)
"""Longitude and latitude of the projection's centre: Europe's, to the Urals."""

VIEW = ((-24.5, 63.5), (-10.0, 35.5), (35.0, 33.0), (56.0, 44.0), (52.0, 64.0), (28.0, 71.3))
"""Points the whole-Europe view must show: Iceland, Portugal's south-west cape, Cyprus,
the Caspian, the Urals, the North Cape."""

WIDTH = 1000
"""Width of the map in SVG units; the height follows from the view."""

MIN_TARGET = 70
"""Smallest size of a country link in SVG units: 24 CSS px (WCAG 2.5.8) at the map's
narrowest, a 390 px phone, where 1,000 units take ~345 px. Smaller countries (Malta,
Luxembourg) get a round marker that large, transparent around a visible dot."""

MIN_VISIBLE = 20
"""Below this size in SVG units (7 px on a phone) a country also gets a visible dot."""

LOCATOR_WIDTH = 320
LOCATOR_HEIGHT = 240
LOCATOR_MIN_SPAN = 1600.0
"""Kilometres a locator map shows at least across: enough to place Malta in context."""
LOCATOR_MAX_SPAN = 3200.0
"""And at most: Norway's or Ukraine's neighbours, not half a continent."""

EARTH_RADIUS = 6371.0

# Fill and outline of each status: (background, foreground of the hatch or None).
# Blues for working missions, orange for suspended, grey for closed; hatched fills for
# the two that are not plain "active".
FILLS: dict[str, tuple[str, str | None]] = {
    "active": ("#1f3f8f", None),
    "forming": ("#c9d6f2", "#1f3f8f"),
    "suspended": ("#fbe1c8", "#9c4a00"),
    "closed": ("#8a8a8a", None),
}
NEUTRAL = "#e4e4e4"
SEA = "#f2f6fa"
BORDER = "#ffffff"
OUTLINE = "#1a1a1a"


@dataclass(frozen=True)
class MapMission:
    """One mission as the map shows it."""

    code: str
    status: str
    name: str
    """In the page's language (or Russian, see `lang`)."""
    href: str
    """Relative link from the page that shows the map to the mission's page."""
    status_label: str
    lang: str = ""
    """Set to "ru" when `name` is a Russian fallback on an English page."""


@dataclass(frozen=True)
class Labels:
    """The interface strings a map needs, already in the page's language."""

    title: str
    legend: str
    no_mission: str
    note: str | Markup
    """Where the same information is found as a list or table."""
    outside: str
    """Heading of the countries that lie outside the drawn area, if any."""


# ---- data and projection --------------------------------------------------------------


@cache
def countries() -> dict[str, list[list[list[list[float]]]]]:
    """Country code -> polygons -> rings -> [lon, lat] points, from the vendored file."""
    text = (
        resources.files("generator")
        .joinpath("data/countries-europe-50m.json")
        .read_text(encoding="utf-8")
    )
    countries: dict[str, list[list[list[list[float]]]]] = json.loads(text)["countries"]
    return countries


def project(lon: float, lat: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area: degrees -> kilometres east and north of CENTRE."""
    lon0, lat0 = (math.radians(v) for v in CENTRE)
    lam, phi = math.radians(lon), math.radians(lat)
    cos_c = math.sin(lat0) * math.sin(phi) + math.cos(lat0) * math.cos(phi) * math.cos(lam - lon0)
    k = math.sqrt(2 / (1 + cos_c))
    x = k * math.cos(phi) * math.sin(lam - lon0)
    y = k * (math.cos(lat0) * math.sin(phi) - math.sin(lat0) * math.cos(phi) * math.cos(lam - lon0))
    return x * EARTH_RADIUS, y * EARTH_RADIUS


@dataclass(frozen=True)
class Box:
    """A rectangle in projected kilometres (north up)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> Box:
        xs, ys = zip(*points, strict=True)
        return cls(min(xs), min(ys), max(xs), max(ys))

    def meets(self, other: Box) -> bool:
        return not (
            other.east < self.west
            or other.west > self.east
            or other.north < self.south
            or other.south > self.north
        )

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south


@cache
def _projected() -> dict[str, list[list[list[tuple[float, float]]]]]:
    return {
        code: [
            [[project(lon, lat) for lon, lat in ring] for ring in polygon] for polygon in polygons
        ]
        for code, polygons in countries().items()
    }


@cache
def country_box(code: str) -> Box | None:
    """The projected bounding box of a country's largest piece of land, or None if the
    country is not in the data.

    The largest piece, so that Svalbard does not stretch Norway's locator map to the
    pole, nor Bornholm Denmark's; overseas parts were clipped away by the data's box.
    """
    shapes = _projected().get(code)
    if not shapes:
        return None
    largest: list[tuple[float, float]] = max((polygon[0] for polygon in shapes), key=_area)
    return Box.around(largest)


def _area(ring: list[tuple[float, float]]) -> float:
    """Shoelace formula, unsigned."""
    twice: float = sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
    )
    return abs(twice) / 2


@dataclass(frozen=True)
class Frame:
    """Projected kilometres -> SVG units for one picture."""

    view: Box
    width: float
    height: float

    @classmethod
    def fit(cls, view: Box, width: float) -> Frame:
        return cls(view, width, round(width * view.height / view.width))

    def __call__(self, point: tuple[float, float]) -> tuple[int, int]:
        x, y = point
        scale = self.width / self.view.width
        return round((x - self.view.west) * scale), round((self.view.north - y) * scale)


def path_data(shapes: list[list[list[tuple[float, float]]]], frame: Frame) -> str:
    """An SVG path of whole-unit relative moves; rings outside the frame are left out."""
    margin = frame.view.width * 0.05
    seen = Box(
        frame.view.west - margin,
        frame.view.south - margin,
        frame.view.east + margin,
        frame.view.north + margin,
    )
    parts: list[str] = []
    for polygon in shapes:
        for ring in polygon:
            if not seen.meets(_ring_box(ring)):
                continue
            points = _distinct(frame(p) for p in ring)
            if len(points) < 3:
                continue
            x0, y0 = points[0]
            moves = [f"M{x0} {y0}"]
            for (ax, ay), (bx, by) in pairwise(points):
                moves.append(f"{bx - ax} {by - ay}")
            parts.append(moves[0] + "l" + " ".join(moves[1:]) + "z")
    return "".join(parts)


@cache
def _ring_boxes() -> dict[int, tuple[list[tuple[float, float]], Box]]:
    """The box of every projected ring, by the ring's identity (the ring is kept with
    it, so the identity cannot pass to another list). Every locator map tests all of
    Europe's rings against its frame: measuring them again each time was most of the
    ~0.18 CPU-s of writing the twelve locators of bench/out/run-10000."""
    return {
        id(ring): (ring, Box.around(ring))
        for shapes in _projected().values()
        for polygon in shapes
        for ring in polygon
    }


def _ring_box(ring: list[tuple[float, float]]) -> Box:
    known = _ring_boxes().get(id(ring))
    return known[1] if known is not None and known[0] is ring else Box.around(ring)


def warm() -> None:
    """Project the countries and measure their rings now, in the process that forks
    the languages' processes, so that each of them inherits the result instead of
    working it out again."""
    _ring_boxes()


def _distinct(points: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for point in points:
        if not out or out[-1] != point:
            out.append(point)
    return out


def europe() -> Box:
    return Box.around(project(lon, lat) for lon, lat in VIEW)


# ---- the whole map ----------------------------------------------------------------------


def mission_map(missions: list[MapMission], labels: Labels) -> Markup:
    """A figure: the linked map, then a legend that names every country by status."""
    frame = Frame.fit(europe(), WIDTH)
    by_code = {m.code: m for m in missions}
    shown = {m.code for m in missions if _visible(m.code, frame)}
    neutral = "".join(
        path_data(shapes, frame) for code, shapes in _projected().items() if code not in shown
    )
    parts = [
        Markup(
            '<svg class="ngo-map__svg" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {} {}" role="group" aria-labelledby="ngo-map-title">'
            '<title id="ngo-map-title">{}</title>'
        ).format(frame.width, frame.height, labels.title),
        _defs(),
        Markup('<rect width="{}" height="{}" fill="{}"/>').format(frame.width, frame.height, SEA),
        Markup(
            '<path aria-hidden="true" d="{}" fill="{}" stroke="{}" stroke-width="0.8" '
            'stroke-linejoin="round"/>'
        ).format(neutral, NEUTRAL, BORDER),
    ]
    # Links in the order of their names: the order a keyboard user tabs through them.
    for mission in sorted((by_code[c] for c in shown), key=lambda m: m.name.casefold()):
        parts.append(_country_link(mission, frame))
    parts.append(Markup("</svg>"))
    return Markup(
        '<figure class="ngo-map" data-pagefind-ignore>{}'
        '<figcaption class="ngo-map__caption">{}</figcaption></figure>'
    ).format(Markup("").join(parts), _legend(missions, shown, labels))


def _visible(code: str, frame: Frame) -> bool:
    box = country_box(code)
    return box is not None and frame.view.meets(box)


def _country_link(mission: MapMission, frame: Frame) -> Markup:
    shapes = _projected()[mission.code]
    d = path_data(shapes, frame)
    name = Markup("{}: {}").format(mission.name, mission.status_label)
    lang = Markup(' lang="{}"').format(mission.lang) if mission.lang else ""
    marker = _marker(mission, frame)
    return Markup(
        '<a class="ngo-map__country ngo-map--{status}" href="{href}"{lang}>'
        "<title>{name}</title>"
        '<path d="{d}" fill="{fill}" stroke="{outline}" stroke-width="1.2" '
        'stroke-linejoin="round"/>{marker}</a>'
    ).format(
        status=mission.status,
        href=mission.href,
        lang=lang,
        name=name,
        d=d,
        fill=_fill(mission.status),
        outline=OUTLINE,
        marker=marker,
    )


def _marker(mission: MapMission, frame: Frame) -> Markup:
    """A target big enough to hit for a country too small to (WCAG 2.5.8)."""
    box = country_box(mission.code)
    assert box is not None
    (x0, y0), (x1, y1) = frame((box.west, box.north)), frame((box.east, box.south))
    if min(x1 - x0, y1 - y0) >= MIN_TARGET:
        return Markup("")
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    target = Markup(
        '<circle class="ngo-map__target" cx="{}" cy="{}" r="{}" fill="transparent"/>'
    ).format(cx, cy, MIN_TARGET // 2)
    if min(x1 - x0, y1 - y0) >= MIN_VISIBLE:
        return target
    # Too small to see at all (Malta, Luxembourg): a dot in the status's fill marks it.
    return target + Markup(
        '<circle cx="{}" cy="{}" r="9" fill="{}" stroke="{}" stroke-width="2.5"/>'
    ).format(cx, cy, _fill(mission.status), OUTLINE)


def _fill(status: str) -> str:
    background, hatch = FILLS.get(status, (NEUTRAL, None))
    return f"url(#ngo-map-{status})" if hatch else background


def _defs() -> Markup:
    """The hatch patterns of the statuses that have one."""
    patterns = [
        Markup(
            '<pattern id="ngo-map-{}" width="8" height="8" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="8" height="8" fill="{}"/>'
            '<rect width="3" height="8" fill="{}"/></pattern>'
        ).format(status, bg, fg)
        for status, (bg, fg) in FILLS.items()
        if fg
    ]
    return Markup("<defs>{}</defs>").format(Markup("").join(patterns))


def _legend(missions: list[MapMission], shown: set[str], labels: Labels) -> Markup:
    """Each status with its swatch and the countries that have it: the text alternative."""
    items = []
    for status in STATUSES:
        group = sorted((m for m in missions if m.status == status), key=lambda m: m.name.casefold())
        if not group:
            continue
        names = Markup(", ").join(_name(m) for m in group)
        items.append(
            Markup(
                '<li>{swatch}<span><span class="ngo-map__status">{label}</span> ({count}): '
                "{names}</span></li>"
            ).format(
                swatch=_swatch(status), label=group[0].status_label, count=len(group), names=names
            )
        )
    items.append(
        Markup('<li>{}<span class="ngo-map__status">{}</span></li>').format(
            _swatch(""), labels.no_mission
        )
    )
    outside = sorted((m for m in missions if m.code not in shown), key=lambda m: m.name.casefold())
    extra = Markup("")
    if outside:
        extra = Markup("<p>{}: {}</p>").format(
            labels.outside, Markup(", ").join(_name(m) for m in outside)
        )
    return Markup(
        '<span class="ngo-map__legend-title">{}</span>'
        '<ul class="ngo-map__legend">{}</ul>{}<span class="ngo-map__note">{}</span>'
    ).format(labels.legend, Markup("").join(items), extra, labels.note)


def _name(mission: MapMission) -> Markup:
    if mission.lang:
        return Markup('<span lang="{}">{}</span>').format(mission.lang, mission.name)
    return Markup(escape(mission.name))


def _swatch(status: str) -> Markup:
    fill = _fill(status) if status else NEUTRAL
    outline = OUTLINE if status else "#8a8a8a"
    return Markup(
        '<svg class="ngo-map__swatch" aria-hidden="true" viewBox="0 0 24 16" width="24" '
        'height="16"><rect x="1" y="1" width="22" height="14" fill="{}" stroke="{}" '
        'stroke-width="1.5"/></svg>'
    ).format(fill, outline)


# ---- the locator map of one mission ------------------------------------------------------


def locator_frame(code: str) -> Frame | None:
    """The view of a locator map: the country's main land, 2.2 times over, within limits."""
    box = country_box(code)
    if box is None:
        return None
    span = min(
        max(box.width * 2.2, box.height * 2.2 * LOCATOR_WIDTH / LOCATOR_HEIGHT, LOCATOR_MIN_SPAN),
        LOCATOR_MAX_SPAN,
    )
    cx, cy = (box.west + box.east) / 2, (box.south + box.north) / 2
    half_w, half_h = span / 2, span / 2 * LOCATOR_HEIGHT / LOCATOR_WIDTH
    return Frame(
        Box(cx - half_w, cy - half_h, cx + half_w, cy + half_h), LOCATOR_WIDTH, LOCATOR_HEIGHT
    )


def locator_svg(code: str, status: str) -> str | None:
    """A stand-alone SVG of one country (in its status's fill) among its neighbours.

    None if the country is not in the vendored data (outside Europe's box).
    """
    frame = locator_frame(code)
    if frame is None:
        return None
    box = country_box(code)
    assert box is not None
    neutral = "".join(
        path_data(shapes, frame) for other, shapes in _projected().items() if other != code
    )
    own = path_data(_projected()[code], frame)
    x0, y0 = frame((box.west, box.north))
    x1, y1 = frame((box.east, box.south))
    ring = ""
    if min(x1 - x0, y1 - y0) < 12:  # a dot on the map: ring it so it can be seen
        ring = (
            f'<circle cx="{(x0 + x1) // 2}" cy="{(y0 + y1) // 2}" r="12" fill="none" '
            f'stroke="{OUTLINE}" stroke-width="2.5"/>'
        )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {LOCATOR_WIDTH} {LOCATOR_HEIGHT}" width="{LOCATOR_WIDTH}" '
        f'height="{LOCATOR_HEIGHT}">'
        + str(_defs())
        + f'<rect width="{LOCATOR_WIDTH}" height="{LOCATOR_HEIGHT}" fill="{SEA}"/>'
        f'<path d="{neutral}" fill="{NEUTRAL}" stroke="{BORDER}" stroke-width="0.8" '
        'stroke-linejoin="round"/>'
        f'<path d="{own}" fill="{_fill(status)}" stroke="{OUTLINE}" stroke-width="1.5" '
        f'stroke-linejoin="round"/>{ring}</svg>\n'
    )


def locator_path(code: str) -> str:
    """Where a mission's locator map is published, relative to the site root."""
    return f"{addresses.ASSETS}/maps/{code}.svg"


def write_locators(missions: Iterable[tuple[str, str]], writer: Writer) -> None:
    """One locator file per (code, status) of a mission whose country the data has."""
    for code, status in sorted(missions):
        svg = locator_svg(code, status)
        if svg is not None:
            writer.text(locator_path(code), svg)
