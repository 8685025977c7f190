"""The built site (issue #3): every page, the listing rules, determinism, atomic builds.

`tests/fixtures/site/` is built once per session by the real command line, with a
fixed today (2030-01-15) so the listings never go stale; every check reads the built
HTML through a real parser (`tests/htmlparse.py`). The fixture's README says which
item pins which rule.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from serving import add_project_config, mkdocs_serve, wait_for
from site_files import site_files

from bench.preview import fetch
from tests.htmlparse import Element, parse

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
TODAY = "2030-01-15"
EPOCH = "1893456000"
"""SOURCE_DATE_EPOCH of 2030-01-01T00:00:00Z."""
EDIT_BASE = "https://forge.example/edit/main/"
SECTIONS = [
    "missions",
    "forums",
    "internships",
    "projects",
    "proposals",
    "routes",
    "publications",
    "news",
    "organizations",
]
LANG_PREFIX = {"ru": "", "en": "en/"}
BASE = "http://site.invalid/"
"""Stands for the site's origin when resolving relative links."""


# -- running the generator -----------------------------------------------------------


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}


def run_build(
    root: Path, site_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--root",
        str(root),
        "--site-dir",
        str(site_dir),
        *args,
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env or environment(),
        timeout=300,
        check=False,
    )


def copy_fixture(folder: Path, with_mkdocs: bool = False) -> Path:
    """A writable copy of the fixture; with the project's mkdocs.yml and theme if asked."""
    repo = folder / "repo"
    shutil.copytree(FIXTURE, repo)
    if with_mkdocs:
        add_project_config(repo)
    return repo


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the fixture's sources -------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One item of the fixture, by the file it comes from."""

    collection: str
    path: Path
    """Relative to the fixture's root."""

    @property
    def slug(self) -> str:
        return self.path.name.split(".")[0]

    def url(self, lang: str) -> str:
        if self.collection == "pages":
            return f"{LANG_PREFIX[lang]}{self.slug}/"
        return f"{LANG_PREFIX[lang]}{self.collection}/{self.slug}/"

    def source_for(self, lang: str) -> str:
        """The file a page's edit link opens: the translation if there is one."""
        english = self.path.with_name(f"{self.slug}.en.md")
        if lang == "en" and (FIXTURE / english).is_file():
            return english.as_posix()
        return self.path.as_posix()


def sources() -> list[Source]:
    found = [
        Source("missions", p.relative_to(FIXTURE))
        for p in sorted((FIXTURE / "missions").glob("*.yml"))
    ]
    for folder in sorted(p for p in (FIXTURE / "content").iterdir() if p.is_dir()):
        if folder.name == "media":
            continue
        found += [
            Source(folder.name, p.relative_to(FIXTURE))
            for p in sorted(folder.iterdir())
            if not p.name.endswith(".en.md")
        ]
    return found


SOURCES = sources()


def by_collection(name: str) -> list[Source]:
    return [s for s in SOURCES if s.collection == name]


# -- reading the built site ------------------------------------------------------------


@cache
def _parse_file(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def resolve(page_url: str, href: str) -> str | None:
    """The site URL a link on `page_url` leads to, or None if it leaves the site.

    A query (`submit/?collection=news`, read by the page's script) is no part of the
    file a static host serves."""
    absolute = urljoin(BASE + page_url, href)
    if not absolute.startswith(BASE):
        return None
    return urldefrag(absolute).url.partition("?")[0][len(BASE) :]


@dataclass(frozen=True)
class Listing:
    """One `.ngo-group` of a page: its heading and the items it links to, in order."""

    anchor: str
    heading: str
    items: list[str]
    rows: list[Element]


@dataclass(frozen=True)
class Site:
    root: Path

    def document(self, url: str) -> Element:
        path = self.root / url / "index.html"
        assert path.is_file(), f"no page at /{url}"
        return _parse_file(path)

    def article(self, url: str) -> Element:
        return self.document(url).find("article", cls="md-content__inner")

    def page_urls(self) -> list[str]:
        folders = (
            p.parent.relative_to(self.root).as_posix() for p in self.root.rglob("index.html")
        )
        return sorted("" if folder == "." else f"{folder}/" for folder in folders)

    def listings(self, url: str) -> list[Listing]:
        result = []
        for group in self.article(url).find_all("div", cls="ngo-group"):
            heading = group.find("h2")
            rows = [li for ul in group.find_all("ul", cls="ngo-list") for li in ul.find_all("li")]
            items = [resolve(url, row.find("a").get("href") or "") or "" for row in rows]
            result.append(Listing(heading.get("id") or "", heading.text, items, rows))
        return result

    def listing(self, url: str, anchor: str) -> Listing:
        found = [listing for listing in self.listings(url) if listing.anchor == anchor]
        assert found, f"no listing #{anchor} on /{url}"
        return found[0]

    def facts(self, url: str) -> dict[str, Element]:
        """The item's `<dl class="ngo-facts">` (the lead ones first): each label's `<dd>`."""
        found = {}
        for facts in self.article(url).find_all("dl", cls="ngo-facts"):
            labels = facts.find_all("dt")
            values = facts.find_all("dd")
            found.update({dt.text: dd for dt, dd in zip(labels, values, strict=True)})
        return found


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    target = tmp_path_factory.mktemp("site") / "site"
    result = run_build(FIXTURE, target, "--today", TODAY, "--edit-base", EDIT_BASE)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(target)


def item(collection: str, slug: str, lang: str = "ru") -> str:
    return f"{LANG_PREFIX[lang]}{collection}/{slug}/"


# -- a page for everything ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_item_and_mission_has_a_page_with_its_title(site: Site, lang: str) -> None:
    assert len(SOURCES) == 25
    for source in SOURCES:
        heading = site.article(source.url(lang)).find("h1").text
        assert heading, source.path


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("forums/forum-mai/", "Майский форум"),
        ("en/forums/forum-mai/", "May forum"),
        ("missions/dk/", "Миссия в Дании"),
        ("en/missions/dk/", "Mission in Denmark"),
        ("missions/de/", "Германия"),
        ("en/missions/de/", "Germany"),
        ("about/", "О союзе"),
        ("en/about/", "About the union of NGOs"),
        ("organizations/dansk-forening/", "Датское общество"),
    ],
)
def test_item_page_is_titled_in_its_language(site: Site, url: str, title: str) -> None:
    assert site.article(url).find("h1").text == title


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_section_has_a_page(site: Site, lang: str) -> None:
    for name in [*SECTIONS, "proposals/archive"]:
        assert site.article(f"{LANG_PREFIX[lang]}{name}/").find("h1").text


def test_pages_declare_their_language(site: Site) -> None:
    for url in site.page_urls():
        expected = "en" if url.startswith("en/") else "ru"
        assert site.document(url).find("html").get("lang") == expected, url


@pytest.mark.parametrize(
    ("url", "navigation", "site_name"),
    [
        ("forums/", "Навигация", "Зарубежные миссии Союза НКО"),
        ("en/forums/", "Navigation", "Foreign missions of the Union of NGOs"),
    ],
)
def test_theme_speaks_the_pages_language(
    site: Site, url: str, navigation: str, site_name: str
) -> None:
    document = site.document(url)
    assert document.find("nav", cls="md-nav--primary").get("aria-label") == navigation
    assert document.find("title").text.endswith(site_name)


# -- item pages: fields as a reader wants them ---------------------------------------------


@pytest.mark.parametrize(
    ("url", "label", "expected"),
    [
        ("forums/forum-fevral/", "Сроки", "20 февраля 2030 г."),
        ("en/forums/forum-fevral/", "Dates", "February 20, 2030"),
        ("forums/forum-mart/", "Сроки", "5 марта 2030 г. — 6 марта 2030 г."),
        (
            "forums/forum-mai/",
            "Сроки",
            "14 мая 2030 г., 10:00 (UTC+02:00) — 15 мая 2030 г., 17:30 (UTC+02:00)",
        ),
        (
            "en/forums/forum-mai/",
            "Dates",
            "May 14, 2030, 10:00 (UTC+02:00) — May 15, 2030, 17:30 (UTC+02:00)",
        ),
        ("news/itogi-goda/", "Дата", "10 января 2030 г."),
        ("en/news/itogi-goda/", "Date", "January 10, 2030"),
        ("internships/stazhirovka-otkrytaya/", "Заявки до", "1 марта 2030 г."),
        ("proposals/predlozhenie-otkrytoe/", "Действует до", "30 июня 2030 г."),
        ("projects/proekt-zavershennyi/", "Сроки", "2015–2018"),
    ],
)
def test_dates_are_written_as_the_language_writes_them(
    site: Site, url: str, label: str, expected: str
) -> None:
    assert site.facts(url)[label].text == expected


@pytest.mark.parametrize(
    ("url", "label", "text", "links"),
    [
        (
            "forums/forum-mai/",
            "Миссии",
            "Миссия в Дании, Германия",
            ["missions/dk/", "missions/de/"],
        ),
        ("forums/forum-mai/", "Формат", "очно и онлайн", []),
        ("en/forums/forum-mai/", "Venue", "House of Culture", []),
        (
            "internships/stazhirovka-otkrytaya/",
            "Принимающая миссия",
            "Миссия в Дании",
            ["missions/dk/"],
        ),
        ("internships/stazhirovka-otkrytaya/", "Регионы", "Москва, RU-TA", []),
        ("internships/stazhirovka-otkrytaya/", "Участников", "1 200", []),
        (
            "internships/stazhirovka-otkrytaya/",
            "Организации",
            "Союз НКО",
            ["organizations/soyuz-nko/"],
        ),
        ("projects/proekt-deistvuyushchii/", "Финансирование", "Грант фонда", []),
        ("en/projects/proekt-deistvuyushchii/", "Funding", "Foundation grant", []),
        (
            "projects/proekt-deistvuyushchii/",
            "Партнёры",
            "Датское общество",
            ["organizations/dansk-forening/"],
        ),
        ("projects/proekt-zavershennyi/", "Место", "Копенгаген, Дания", []),
        ("routes/marshrut-bez-barerov/", "Для кого", "пенсионеры, люди с инвалидностью", []),
        ("routes/marshrut-bez-barerov/", "Доступность", "для колясок, для слабослышащих", []),
        (
            "en/routes/marshrut-bez-barerov/",
            "Accessibility",
            "wheelchair access, hearing support",
            [],
        ),
        ("en/routes/marshrut-bez-barerov/", "Season", "all summer", []),
        (
            "proposals/predlozhenie-otkrytoe/",
            "Организация",
            "Датское общество",
            ["organizations/dansk-forening/"],
        ),
        ("proposals/predlozhenie-otkrytoe/", "Связаться", "partners@example.org", [None]),
        ("publications/issledovanie/", "Файл", "issledovanie.pdf", ["media/issledovanie.pdf"]),
        ("en/publications/issledovanie/", "File", "issledovanie.pdf", ["media/issledovanie.pdf"]),
        ("organizations/dansk-forening/", "Сайт", "https://dansk.example.org", [None]),
        ("organizations/dansk-forening/", "Миссии", "Миссия в Дании", ["missions/dk/"]),
        ("missions/dk/", "Руководитель миссии", "Д. Д. Данилова", []),
    ],
)
def test_item_page_shows_its_fields_for_readers(
    site: Site, url: str, label: str, text: str, links: list[str | None]
) -> None:
    value = site.facts(url)[label]
    assert value.text == text
    assert [resolve(url, a.get("href") or "") for a in value.find_all("a")] == links


def test_linked_media_file_is_published(site: Site) -> None:
    assert (site.root / "media" / "issledovanie.pdf").read_bytes() == (
        FIXTURE / "content" / "media" / "issledovanie.pdf"
    ).read_bytes()


@pytest.mark.parametrize(
    ("url", "value", "label"),
    [
        ("forums/forum-otmenennyi/", "cancelled", "отменён"),
        ("en/forums/forum-otmenennyi/", "cancelled", "cancelled"),
        ("forums/forum-proshedshii/", "held", "состоялся"),
        ("forums/forum-fevral/", "planned", "запланирован"),
        ("internships/stazhirovka-otkrytaya/", "open", "набор открыт"),
        ("projects/proekt-zavershennyi/", "completed", "завершён"),
        ("proposals/predlozhenie-isteklo/", "expired", "истекло"),
        ("missions/de/", "forming", "формируется"),
    ],
)
def test_item_status_is_a_badge(site: Site, url: str, value: str, label: str) -> None:
    badge = site.article(url).find("p", cls="ngo-kicker").find("span", cls="ngo-badge")
    assert badge.classes == ["ngo-badge", f"ngo-badge--{value}"]
    assert badge.text == label


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("forums/forum-mai/", "Программа майского форума."),
        ("en/forums/forum-mai/", "The May forum's programme."),
        ("missions/dk/", "Описание миссии в Дании."),
        ("en/missions/dk/", "About the mission in Denmark."),
    ],
)
def test_body_follows_the_fields(site: Site, url: str, body: str) -> None:
    order = list(site.article(url).iter())
    facts = site.article(url).find("dl", cls="ngo-facts")
    paragraph = next(e for e in order if e.tag == "p" and e.text == body)
    assert order.index(facts) < order.index(paragraph)


def test_untranslated_body_is_marked_as_russian_on_the_english_page(site: Site) -> None:
    article = site.article("en/projects/proekt-zavershennyi/")
    original = [e for e in article.find_all("div") if e.get("lang") == "ru"]
    assert [e.text for e in original] == ["Проект завершён."]
    assert article.find("p", cls="ngo-note").text == (
        "This text is shown in the original language (Russian)."
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_item_page_links_to_its_source_for_editing(site: Site, lang: str) -> None:
    for source in SOURCES:
        edit = site.article(source.url(lang)).find("p", cls="ngo-edit").find("a")
        assert edit.get("href") == EDIT_BASE + source.source_for(lang), source.path


def test_edit_links_open_the_translation_where_there_is_one(site: Site) -> None:
    def edit_link(url: str) -> str | None:
        return site.article(url).find("p", cls="ngo-edit").find("a").get("href")

    assert edit_link("forums/forum-mai/") == EDIT_BASE + "content/forums/forum-mai.md"
    assert edit_link("en/forums/forum-mai/") == EDIT_BASE + "content/forums/forum-mai.en.md"
    assert edit_link("en/forums/forum-fevral/") == EDIT_BASE + "content/forums/forum-fevral.md"
    assert edit_link("missions/dk/") == EDIT_BASE + "missions/dk.yml"
    assert edit_link("en/organizations/soyuz-nko/") == (
        EDIT_BASE + "content/organizations/soyuz-nko.yml"
    )


# -- section pages: the listing rules ------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("ru", ["Февраль 2030", "Март 2030", "Май 2030", "Прошедшие"]),
        ("en", ["February 2030", "March 2030", "May 2030", "Past"]),
    ],
)
def test_forums_upcoming_by_month_in_date_order_then_past(
    site: Site, lang: str, headings: list[str]
) -> None:
    url = f"{LANG_PREFIX[lang]}forums/"
    listings = site.listings(url)
    assert [g.heading for g in listings] == headings
    assert [g.anchor for g in listings] == ["m-2030-02", "m-2030-03", "m-2030-05", "past"]
    assert [g.items for g in listings] == [
        [item("forums", "forum-fevral", lang), item("forums", "forum-otmenennyi", lang)],
        [item("forums", "forum-mart", lang)],
        [item("forums", "forum-mai", lang)],
        [item("forums", "forum-proshedshii", lang)],
    ]


def test_past_forum_is_listed_as_held(site: Site) -> None:
    past = site.listing("forums/", "past")
    assert past.heading == "Прошедшие"
    assert past.rows[0].find("span", cls="ngo-badge--held").text == "состоялся"


def test_cancelled_forum_keeps_its_place_with_the_cancelled_badge(site: Site) -> None:
    february = site.listing("forums/", "m-2030-02")
    row = february.rows[february.items.index("forums/forum-otmenennyi/")]
    assert row.find("span", cls="ngo-badge").classes == ["ngo-badge", "ngo-badge--cancelled"]
    assert row.find("span", cls="ngo-badge").text == "отменён"


def test_forum_listing_shows_when_and_where(site: Site) -> None:
    row = site.listing("forums/", "m-2030-05").rows[0]
    assert row.find("span", cls="ngo-when").text == (
        "14 мая 2030 г., 10:00 (UTC+02:00) — 15 мая 2030 г., 17:30 (UTC+02:00)"
    )
    assert row.find("span", cls="ngo-where").text == "Миссия в Дании, Германия"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_proposals_page_lists_open_ones_and_not_expired(site: Site, lang: str) -> None:
    url = f"{LANG_PREFIX[lang]}proposals/"
    assert [g.items for g in site.listings(url)] == [
        [item("proposals", "predlozhenie-otkrytoe", lang)]
    ]
    links = {resolve(url, a.get("href") or "") for a in site.article(url).find_all("a")}
    assert f"{LANG_PREFIX[lang]}proposals/archive/" in links


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_proposals_archive_lists_expired_ones_and_not_open(site: Site, lang: str) -> None:
    url = f"{LANG_PREFIX[lang]}proposals/archive/"
    assert [g.items for g in site.listings(url)] == [
        [item("proposals", "predlozhenie-isteklo", lang)]
    ]


def test_internships_open_ones_first_even_when_they_start_earlier(site: Site) -> None:
    listings = site.listings("internships/")
    assert [(g.anchor, g.heading) for g in listings] == [
        ("open", "Открытые"),
        ("other", "Набор не идёт"),
    ]
    assert listings[0].items == ["internships/stazhirovka-otkrytaya/"]
    assert listings[1].items == [
        "internships/stazhirovka-zakrytaya/",
        "internships/stazhirovka-srok-istek/",
        "internships/stazhirovka-zavershennaya/",
    ]


def test_internship_past_its_deadline_is_not_open(site: Site) -> None:
    assert "internships/stazhirovka-srok-istek/" not in site.listing("internships/", "open").items


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_projects_grouped_by_status_with_years(site: Site, lang: str) -> None:
    listings = site.listings(f"{LANG_PREFIX[lang]}projects/")
    assert [g.anchor for g in listings] == ["active", "proposed", "completed"]
    assert len({g.heading for g in listings}) == 3 and all(g.heading for g in listings)
    assert [g.items for g in listings] == [
        [item("projects", "proekt-deistvuyushchii", lang)],
        [item("projects", "proekt-predlozhennyi", lang)],
        [item("projects", "proekt-zavershennyi", lang)],
    ]
    years = [g.rows[0].find("span", cls="ngo-when").text for g in listings]
    assert years == ["2028", "2031", "2015–2018"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_news_newest_first(site: Site, lang: str) -> None:
    assert [g.items for g in site.listings(f"{LANG_PREFIX[lang]}news/")] == [
        [
            item("news", "itogi-goda", lang),
            item("news", "vstrecha-v-berline", lang),
            item("news", "otkrytie-missii", lang),
        ]
    ]


def test_publications_newest_first(site: Site) -> None:
    assert [g.items for g in site.listings("publications/")] == [
        ["publications/otchet/", "publications/issledovanie/"]
    ]


@pytest.mark.parametrize(
    ("lang", "features"),
    [
        ("ru", ["пенсионеры, люди с инвалидностью", "для колясок, для слабослышащих"]),
        ("en", ["pensioners, people with disabilities", "wheelchair access, hearing support"]),
    ],
)
def test_routes_list_audience_and_accessibility(site: Site, lang: str, features: list[str]) -> None:
    [routes] = site.listings(f"{LANG_PREFIX[lang]}routes/")
    assert routes.items == [item("routes", "marshrut-bez-barerov", lang)]
    row = routes.rows[0]
    assert [
        row.find("span", cls="ngo-audience").text,
        row.find("span", cls="ngo-accessibility").text,
    ] == features


def test_organizations_section_lists_every_organization(site: Site) -> None:
    assert [g.items for g in site.listings("organizations/")] == [
        ["organizations/dansk-forening/", "organizations/soyuz-nko/"]
    ]


@pytest.mark.parametrize(
    ("lang", "head", "rows"),
    [
        (
            "ru",
            ["Название", "Статус", "Город", "Руководитель"],
            [
                ["Германия", "формируется", "", ""],
                ["Миссия в Дании", "действует", "Копенгаген", "Д. Д. Данилова"],
            ],
        ),
        (
            "en",
            ["Name", "Status", "City", "Head"],
            [
                ["Germany", "forming", "", ""],
                ["Mission in Denmark", "active", "Copenhagen", "D. D. Danilova"],
            ],
        ),
    ],
)
def test_missions_table_has_status_city_and_leader(
    site: Site, lang: str, head: list[str], rows: list[list[str]]
) -> None:
    url = f"{LANG_PREFIX[lang]}missions/"
    table = site.article(url).find("table", cls="ngo-table")
    assert [th.text for th in table.find("thead").find_all("th")] == head
    body = table.find("tbody").find_all("tr")
    assert [[td.text for td in tr.find_all("td")] for tr in body] == rows
    assert [resolve(url, tr.find("a").get("href") or "") for tr in body] == [
        f"{LANG_PREFIX[lang]}missions/de/",
        f"{LANG_PREFIX[lang]}missions/dk/",
    ]
    assert [tr.find("span", cls="ngo-badge").classes[1] for tr in body] == [
        "ngo-badge--forming",
        "ngo-badge--active",
    ]


MISSION_RELATED = {
    "dk": {
        "forums": ["forum-mai", "forum-fevral", "forum-proshedshii"],
        "internships": ["stazhirovka-zakrytaya", "stazhirovka-srok-istek", "stazhirovka-otkrytaya"],
        "projects": ["proekt-deistvuyushchii", "proekt-zavershennyi"],
        "proposals": ["predlozhenie-otkrytoe"],
        "routes": ["marshrut-bez-barerov"],
        "news": ["otkrytie-missii"],
        "organizations": ["dansk-forening"],
    },
    "de": {
        "forums": ["forum-mai", "forum-mart", "forum-otmenennyi"],
        "internships": ["stazhirovka-zavershennaya"],
        "projects": ["proekt-predlozhennyi"],
        "proposals": ["predlozhenie-isteklo"],
        "news": ["vstrecha-v-berline"],
    },
}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("code", sorted(MISSION_RELATED))
def test_mission_page_lists_what_it_takes_part_in_and_nothing_else(
    site: Site, code: str, lang: str
) -> None:
    listings = site.listings(f"{LANG_PREFIX[lang]}missions/{code}/")
    expected = {
        name: [item(name, slug, lang) for slug in slugs]
        for name, slugs in MISSION_RELATED[code].items()
    }
    assert {g.anchor: g.items for g in listings} == expected


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_home_page_counts_match_the_content(site: Site, lang: str) -> None:
    url = LANG_PREFIX[lang]
    counts = site.article(url).find("ul", cls="ngo-counts").find_all("li")
    found = {resolve(url, li.find("a").get("href") or ""): li.find("a").text for li in counts}
    numbers = {href: int(text.split()[0]) for href, text in found.items()}
    # Sections with nothing are not counted: no "0" on the home page.
    assert numbers == {
        f"{url}{name}/": len(by_collection(name)) for name in SECTIONS if by_collection(name)
    }
    assert found[f"{url}forums/"] == {"ru": "5 форумов", "en": "5 forums"}[lang]


def test_home_page_shows_the_newest_items(site: Site) -> None:
    groups = {g.anchor: g.items for g in site.listings("")}
    assert groups == {
        "forums": [
            "forums/forum-fevral/",
            "forums/forum-otmenennyi/",
            "forums/forum-mart/",
            "forums/forum-mai/",
        ],
        "internships": ["internships/stazhirovka-otkrytaya/"],
        "proposals": ["proposals/predlozhenie-otkrytoe/"],
        "projects": [
            "projects/proekt-predlozhennyi/",
            "projects/proekt-deistvuyushchii/",
            "projects/proekt-zavershennyi/",
        ],
        "news": ["news/itogi-goda/", "news/vstrecha-v-berline/", "news/otkrytie-missii/"],
    }


# -- the whole site: nav, links, no outside requests ----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "",
        "forums/",
        "forums/forum-mai/",
        "missions/dk/",
        "about/",
        "en/",
        "en/forums/forum-mai/",
        "en/proposals/archive/",
    ],
)
def test_nav_holds_the_sections_not_the_items(site: Site, url: str) -> None:
    prefix = "en/" if url.startswith("en/") or url == "en/" else ""
    nav = site.document(url).find("nav", cls="md-nav--primary")
    links = [resolve(url, a.get("href") or "") for a in nav.find_all("a", cls="md-nav__link")]
    assert links == [prefix, *(f"{prefix}{name}/" for name in SECTIONS), f"{prefix}about/"]


def test_internal_links_lead_to_published_files(site: Site) -> None:
    broken = []
    for url in site.page_urls():
        for element in site.document(url).iter():
            for name in ("href", "src"):
                target = resolve(url, element.get(name) or "#")
                if target is None:
                    continue
                path = site.root / target
                if not (
                    path / "index.html" if target.endswith("/") or not target else path
                ).is_file():
                    broken.append(f"/{url}: <{element.tag} {name}> -> /{target}")
    assert broken == []


REQUESTING = {
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}
"""Elements whose attribute makes the browser fetch something when the page loads."""


def test_no_page_makes_a_request_outside_the_site(site: Site) -> None:
    outside = []
    for url in site.page_urls():
        for element in site.document(url).iter():
            value = element.get(REQUESTING.get(element.tag, "")) or ""
            if value.startswith(("http://", "https://", "//")):
                outside.append(f"/{url}: <{element.tag}> {value}")
    assert outside == []


def test_no_google_fonts_anywhere(site: Site) -> None:
    for path in site.root.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


# -- determinism and atomic builds ---------------------------------------------------------


@pytest.fixture(scope="module")
def epoch_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of the fixture with the same SOURCE_DATE_EPOCH and no --today."""
    env = environment(SOURCE_DATE_EPOCH=EPOCH)
    folder = tmp_path_factory.mktemp("epoch")
    sites = (folder / "one", folder / "two")
    for target in sites:
        result = run_build(FIXTURE, target, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return sites


PAGEFIND = "pagefind/"


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(
    epoch_builds: tuple[Path, Path],
) -> None:
    first, second = (site_files(site) for site in epoch_builds)
    outside = [sorted(n for n in files if not n.startswith(PAGEFIND)) for files in (first, second)]
    assert outside[0] == outside[1]
    assert [name for name in outside[0] if first[name] != second[name]] == []
    assert any(name.endswith(".html") for name in outside[0])
    # Today is the epoch's date, 2030-01-01, not the clock's: the forum of 2029-10-10 is
    # past, and the deadline of 2030-01-10 (passed on the fixed today) has not passed yet.
    built = Site(epoch_builds[0])
    assert built.listing("forums/", "past").items == ["forums/forum-proshedshii/"]
    assert "internships/stazhirovka-srok-istek/" in built.listing("internships/", "open").items


def test_two_builds_with_the_same_source_date_epoch_have_identical_search_index(
    epoch_builds: tuple[Path, Path],
) -> None:
    first, second = (
        {n: b for n, b in site_files(site).items() if n.startswith(PAGEFIND)}
        for site in epoch_builds
    )
    assert first
    assert first == second


def copy_site(site: Site, folder: Path) -> Path:
    """A finished site in a folder of its own, as a previous build left it."""
    target = folder / "out" / "site"
    shutil.copytree(site.root, target)
    return target


@pytest.fixture
def previous_site(site: Site, tmp_path: Path) -> Path:
    return copy_site(site, tmp_path)


def test_content_error_names_file_and_line_and_leaves_previous_site(
    previous_site: Path, tmp_path: Path
) -> None:
    repo = copy_fixture(tmp_path)
    replace_in(repo / "content/forums/forum-fevral.md", "format: in-person", "format: onsite")
    before = site_files(previous_site)
    result = run_build(repo, previous_site, "--today", TODAY, "--lang", "ru")
    assert result.returncode == 1
    assert result.stdout.startswith("content/forums/forum-fevral.md:6: поле «format»")
    assert result.stderr == "Найдено ошибок: 1.\n"
    assert site_files(previous_site) == before
    assert sorted(os.listdir(previous_site.parent)) == [".site.lock", "site"]


@dataclass
class FailedBuild:
    result: subprocess.CompletedProcess[str]
    target: Path
    before: dict[str, bytes]


@pytest.fixture(scope="module")
def mkdocs_failure(site: Site, tmp_path_factory: pytest.TempPathFactory) -> FailedBuild:
    """Content that passes `check` but fails MkDocs' strict mode: `check` resolves links to
    pages and to anchors of items, not to the anchors of generated section pages (they
    depend on the data and the date), so such a link is left to MkDocs."""
    folder = tmp_path_factory.mktemp("mkdocs-failure")
    previous_site = copy_site(site, folder)
    repo = copy_fixture(folder)
    replace_in(
        repo / "content/forums/forum-fevral.md",
        "Программа февральского форума.",
        "Программа февральского форума. См. [архив](/forums/index.md#missing).",
    )
    before = site_files(previous_site)
    result = run_build(repo, previous_site, "--today", TODAY, "--lang", "ru")
    return FailedBuild(result, previous_site, before)


def test_mkdocs_failure_leaves_previous_site_and_no_temporary_folders(
    mkdocs_failure: FailedBuild,
) -> None:
    assert mkdocs_failure.result.returncode == 1
    assert mkdocs_failure.result.stderr.startswith("Сборка не удалась, прежний сайт не тронут: ")
    assert site_files(mkdocs_failure.target) == mkdocs_failure.before
    # The bodies converted before the failure stay for the next build (body_cache).
    assert sorted(os.listdir(mkdocs_failure.target.parent)) == [".site-cache", ".site.lock", "site"]


def test_mkdocs_failure_names_the_broken_link(mkdocs_failure: FailedBuild) -> None:
    """The editor's file and line, not the generated page's path."""
    lines = mkdocs_failure.result.stderr.splitlines()
    located = [line for line in lines if line.startswith("content/forums/forum-fevral.md:")]
    assert located, mkdocs_failure.result.stderr
    assert "'/forums/index.md#missing'" in located[0]


# -- the standard MkDocs commands ------------------------------------------------------------


def test_plain_mkdocs_build_makes_both_languages(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path, with_mkdocs=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=repo,
        env=environment(SOURCE_DATE_EPOCH=EPOCH),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    built = Site(repo / "site")
    assert built.document("").find("html").get("lang") == "ru"
    assert built.document("en/").find("html").get("lang") == "en"
    assert built.article("forums/forum-mai/").find("h1").text == "Майский форум"
    assert built.article("en/forums/forum-mai/").find("h1").text == "May forum"


def test_mkdocs_serve_shows_an_edited_front_matter(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path, with_mkdocs=True)
    log = tmp_path / "serve.log"
    with mkdocs_serve(repo, log, environment()) as base:
        url = base + "forums/forum-fevral/"
        assert wait_for(lambda: "Февральский форум" in fetch(url), 60), log.read_text()
        replace_in(
            repo / "content/forums/forum-fevral.md",
            "{ru: Февральский форум,",
            "{ru: Перенесённый форум,",
        )
        assert wait_for(lambda: "Перенесённый форум" in fetch(url), 30), log.read_text()
