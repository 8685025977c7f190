"""The missions map and the locator maps (generator/map_svg.py), without a browser."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

from generator.content.check import load_and_check
from generator.pages.generate import generate
from generator.pages.map_svg import (
    CENTRE,
    EARTH_RADIUS,
    MIN_TARGET,
    SLOT,
    Box,
    Frame,
    Labels,
    MapMission,
    _projected,
    _ring_box,
    countries,
    europe,
    locator_frame,
    locator_svg,
    mission_map,
    path_data,
    project,
    warm,
)

FIXTURE = Path(__file__).parent / "fixtures" / "a11y"
DATA = Path(__file__).parent.parent / "generator" / "data"
EUROPE = {
    "ad",
    "al",
    "at",
    "ba",
    "be",
    "bg",
    "by",
    "ch",
    "cy",
    "cz",
    "de",
    "dk",
    "ee",
    "es",
    "fi",
    "fr",
    "gb",
    "gr",
    "hr",
    "hu",
    "ie",
    "is",
    "it",
    "li",
    "lt",
    "lu",
    "lv",
    "mc",
    "md",
    "me",
    "mk",
    "mt",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "rs",
    "ru",
    "se",
    "si",
    "sk",
    "sm",
    "tr",
    "ua",
}
NEIGHBOURS = {"am", "az", "dz", "eg", "ge", "il", "kz", "lb", "ma", "tn", "uz"}
LABELS = Labels(
    title="Карта миссий",
    legend="Обозначения",
    no_mission="нет миссии",
    note="См. таблицу.",
    outside="Вне карты",
)


def mission(code: str, status: str = "active", name: str = "", lang: str = "") -> MapMission:
    return MapMission(code, status, name or code.upper(), f"{code}/", status, lang)


def links(markup: str) -> dict[str, str]:
    """href -> the link's accessible name (its <title>)."""
    return dict(
        re.findall(
            r'<a class="ngo-map__country[^"]*" href="([^"]*)"[^>]*>'
            r"<title>([^<]*)</title>",
            markup,
        )
    )


def test_projection_puts_the_centre_at_the_origin() -> None:
    assert project(*CENTRE) == (0.0, 0.0)


def test_projection_keeps_areas() -> None:
    """Lambert azimuthal equal-area: a 1° cell's area matches the sphere's, far from the
    centre too (Iceland, Cyprus), so Norway does not swell as on Mercator."""
    for lon, lat in ((-20.0, 64.0), (33.0, 35.0), (20.0, 52.0)):
        corners = [
            project(lon, lat),
            project(lon + 1, lat),
            project(lon + 1, lat + 1),
            project(lon, lat + 1),
        ]
        area = (
            abs(
                sum(
                    x1 * y2 - x2 * y1
                    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True)
                )
            )
            / 2
        )
        sphere = (
            6371.0**2
            * math.radians(1)
            * (math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat)))
        )
        assert abs(area / sphere - 1) < 0.01, (lon, lat)


def test_vendored_data_has_the_countries_of_europe_by_mission_code() -> None:
    assert set(countries()) >= EUROPE | NEIGHBOURS
    assert "~Kosovo" in countries()  # land without an ISO code, which no mission can claim


def unproject(x: float, y: float) -> tuple[float, float]:
    """The inverse of `project` (Snyder, Map Projections, p. 186)."""
    lon0, lat0 = (math.radians(v) for v in CENTRE)
    x, y = x / EARTH_RADIUS, y / EARTH_RADIUS
    rho = math.hypot(x, y)
    if rho == 0:
        return CENTRE
    c = 2 * math.asin(rho / 2)
    lat = math.asin(math.cos(c) * math.sin(lat0) + y * math.sin(c) * math.cos(lat0) / rho)
    lon = lon0 + math.atan2(
        x * math.sin(c), rho * math.cos(lat0) * math.cos(c) - y * math.sin(lat0) * math.sin(c)
    )
    return math.degrees(lon), math.degrees(lat)


def edge_points(view: Box) -> list[tuple[float, float]]:
    steps = [i / 10 for i in range(11)]
    return (
        [(view.west + t * view.width, view.south) for t in steps]
        + [(view.west + t * view.width, view.north) for t in steps]
        + [(view.west, view.south + t * view.height) for t in steps]
        + [(view.east, view.south + t * view.height) for t in steps]
    )


def test_every_view_lies_inside_the_vendored_data() -> None:
    """Otherwise the edge where the data was clipped shows as a straight coastline.

    Checked for Europe's countries and their neighbours, where missions are; a locator
    of India would show an edge (the data stops at 8°N and 105°E).
    """
    west, south, east, north = json.loads((DATA / "countries-europe-50m.json").read_text())["box"]
    views = {"europe": europe()}
    for code in sorted(EUROPE | NEIGHBOURS):
        frame = locator_frame(code)
        assert frame is not None, code
        views[code] = frame.view
    outside = [
        name
        for name, view in views.items()
        if not all(
            west <= lon <= east and south <= lat <= north
            for lon, lat in (unproject(x, y) for x, y in edge_points(view))
        )
    ]
    assert outside == []


def test_licence_note_travels_with_the_data() -> None:
    note = (DATA / "README.md").read_text()
    assert "Natural Earth" in note and "public domain" in note


def test_each_mission_country_is_a_link_named_with_its_status() -> None:
    markup = mission_map(
        [
            mission("dk", name="Дания", status="active"),
            mission("no", name="Норвегия", status="forming"),
        ],
        LABELS,
    )
    assert links(markup) == {"dk/": "Дания: active", "no/": "Норвегия: forming"}
    assert 'role="group" aria-labelledby="ngo-map-title"' in markup
    assert '<title id="ngo-map-title">Карта миссий</title>' in markup


def test_links_come_in_the_order_of_their_names() -> None:
    """The order a keyboard user tabs through them."""
    markup = mission_map(
        [
            mission("se", name="Швеция"),
            mission("dk", name="Дания"),
            mission("fi", name="Финляндия"),
        ],
        LABELS,
    )
    assert list(links(markup)) == ["dk/", "fi/", "se/"]


def test_statuses_have_patterns_not_only_colours() -> None:
    markup = mission_map(
        [mission("dk", status="forming"), mission("de", status="suspended")], LABELS
    )
    assert 'fill="url(#ngo-map-forming)"' in markup
    assert 'fill="url(#ngo-map-suspended)"' in markup


def test_legend_names_every_country_by_status() -> None:
    """The text alternative: what the colours say, in words."""
    markup = mission_map(
        [
            mission("dk", name="Дания"),
            mission("de", name="Германия"),
            mission("rs", status="closed", name="Сербия"),
        ],
        LABELS,
    )
    legend = re.sub(r"<svg.*?</svg>", "", markup.split("<figcaption")[1])
    text = re.sub(r"<[^>]+>", "", legend)
    assert "active (2): Германия, Дания" in text
    assert "closed (1): Сербия" in text
    assert "нет миссии" in text


def test_a_russian_name_on_an_english_page_is_marked_as_russian() -> None:
    markup = mission_map([mission("mt", name="Миссия на Мальте", lang="ru")], LABELS)
    assert '<a class="ngo-map__country ngo-map--active" href="mt/" lang="ru">' in markup
    assert '<span lang="ru">Миссия на Мальте</span>' in markup


def test_small_countries_get_a_target_of_24_px_on_a_phone() -> None:
    markup = mission_map([mission("mt"), mission("de")], LABELS)
    malta, germany = markup.split('href="mt/"')[1], markup.split('href="de/"')[1]
    assert f'r="{MIN_TARGET // 2}"' in malta.split("</a>")[0]
    assert "<circle" not in germany.split("</a>")[0]


def test_countries_outside_the_drawing_are_named_but_not_drawn() -> None:
    markup = mission_map([mission("ar", name="Аргентина"), mission("dk", name="Дания")], LABELS)
    assert list(links(markup)) == ["dk/"]
    assert "Вне карты: Аргентина" in markup


def test_names_are_escaped() -> None:
    markup = mission_map([mission("dk", name="<script>alert(1)</script>")], LABELS)
    assert "<script>" not in markup and "&lt;script&gt;" in markup


def test_the_map_is_the_same_bytes_every_time() -> None:
    missions = [mission("dk"), mission("mt", status="suspended"), mission("no", "forming")]
    assert str(mission_map(missions, LABELS)) == str(mission_map(missions, LABELS))


def test_locator_highlights_the_country_in_its_status() -> None:
    svg = locator_svg("dk", "forming")
    assert svg is not None and svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'fill="url(#ngo-map-forming)"' in svg
    assert locator_svg("ar", "active") is None  # not in the vendored data


def test_locator_rings_a_country_too_small_to_see() -> None:
    assert "<circle" in (locator_svg("mt", "active") or "")
    assert "<circle" not in (locator_svg("de", "active") or "")


def test_missions_and_home_pages_carry_the_map_beside_a_slot() -> None:
    """The page body keeps an empty slot (it passes the sanitizer); the SVG goes in the
    front matter for the theme (theme/main.html)."""
    content, problems = load_and_check(FIXTURE)
    assert not problems.sorted()
    for lang in ("ru", "en"):
        pages = {o.path: o for o in generate(content, lang, date(2030, 1, 15))}
        for path in ("index.md", "missions/index.md"):
            assert SLOT in pages[path].html + pages[path].after, (lang, path)
            assert pages[path].meta["ngo_figure"].startswith('<figure class="ngo-map"')
        assert "ngo_figure" not in pages["missions/dk.md"].meta
        up = {"ru": "../../", "en": "../../../"}[lang]  # the Russian tree holds the file
        assert f'<img src="{up}assets/maps/dk.svg" alt=' in pages["missions/dk.md"].html


def test_rings_measured_once_draw_as_rings_measured_afresh() -> None:
    warm()
    frame = locator_frame("dk")
    assert frame is not None
    for code in ("dk", "no", "mt", "ru"):
        shapes = _projected()[code]
        copies = [[list(ring) for ring in polygon] for polygon in shapes]
        assert path_data(shapes, frame) == path_data(copies, frame)
    assert path_data(_projected()["pt"], frame) == ""  # far outside Denmark's frame


def test_a_ring_is_measured_by_its_own_points_not_by_a_ring_it_resembles() -> None:
    warm()
    ring = _projected()["dk"][0][0]
    moved = [(x + 5000.0, y) for x, y in ring]
    assert _ring_box(ring) == Box.around(ring)
    assert _ring_box(moved) == Box.around(moved) != _ring_box(ring)
    frame = Frame.fit(europe(), 1000)
    assert path_data([[moved]], frame) == ""  # out of sight: not drawn with Denmark's box
