"""The bilingual site (issue #6): Russian at `/…`, English at `/en/…`, honest fallback.

`tests/fixtures/bilingual/` holds one item per translation case (its README has the
table): full, partial, missing, a mission with and without an English description,
organizations with and without an English name. It is built once by the real command
line with a fixed today and a known site address; pages are read with the standard
library's parser (`tests/htmlparse.py`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.htmlparse import Element, parse

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bilingual"
TODAY = "2030-01-15"
SITE_URL = "https://missions.example.org/"
EDIT_BASE = "https://forge.example/edit/main/"
PREFIX = {"ru": "", "en": "en/"}
OTHER = {"ru": "en", "en": "ru"}
SHARED = ("assets/", "pagefind/", "api/", "schemas/", "media/", "sitemap.xml")
"""Published once for both languages (or per build, like Material's assets): not pages."""
NOTE = "This text is shown in the original language (Russian)."
CYRILLIC = re.compile("[А-Яа-яЁё]")


# -- building and reading the site ----------------------------------------------------------


@dataclass(frozen=True)
class Site:
    root: Path

    def document(self, url: str) -> Element:
        return _parse_file(self.root / url / "index.html")

    def article(self, url: str) -> Element:
        return self.document(url).find("article", cls="md-content__inner")

    def pages(self, lang: str) -> set[str]:
        """Every HTML file of one language, relative to that language's root."""
        base = self.root / PREFIX[lang]
        found = {p.relative_to(base).as_posix() for p in base.rglob("*.html")}
        return {p for p in found if not p.startswith(("en/", *SHARED))}

    def page_urls(self, lang: str) -> list[str]:
        """Site URLs of every page of `lang` (404.html is served for any missing address)."""
        return sorted(
            PREFIX[lang] + p.removesuffix("index.html")
            for p in self.pages(lang)
            if p.endswith("index.html")
        )

    def facts(self, url: str) -> dict[str, Element]:
        return {
            dt.text: dd
            for facts in self.article(url).find_all("dl", cls="ngo-facts")
            for dt, dd in zip(facts.find_all("dt"), facts.find_all("dd"), strict=True)
        }


@cache
def _parse_file(path: Path) -> Element:
    assert path.is_file(), f"no page {path}"
    return parse(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    target = tmp_path_factory.mktemp("bilingual") / "site"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--root",
            str(FIXTURE),
            "--site-dir",
            str(target),
            "--today",
            TODAY,
            "--site-url",
            SITE_URL,
            "--edit-base",
            EDIT_BASE,
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(target)


def resolve(page_url: str, href: str) -> str:
    """The site URL (`en/forums/x/`) a link on `page_url` leads to."""
    absolute = urljoin(SITE_URL + page_url, href)
    assert absolute.startswith(SITE_URL), f"{href} on /{page_url} leaves the site"
    return absolute[len(SITE_URL) :]


def counterpart(url: str) -> str:
    return url.removeprefix("en/") if url.startswith("en/") else "en/" + url


def lang_of_url(url: str) -> str:
    return "en" if url.startswith("en/") else "ru"


def texts_with_lang(element: Element, lang: str) -> Iterator[tuple[str, str, Element]]:
    """Every text node below `element`, with the language it is declared in."""
    lang = element.get("lang") or lang
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                yield child.strip(), lang, element
        elif child.tag not in ("script", "style", "svg"):
            yield from texts_with_lang(child, lang)


def in_russian(element: Element, text: str) -> list[str]:
    """The texts below `element` containing `text` that are declared Russian."""
    return [t for t, lang, _ in texts_with_lang(element, "en") if text in t and lang == "ru"]


def in_english(element: Element, text: str) -> list[str]:
    return [t for t, lang, _ in texts_with_lang(element, "en") if text in t and lang == "en"]


def has_note(site: Site, url: str) -> bool:
    return any(p.text == NOTE for p in site.article(url).find_all("p", cls="ngo-note"))


# -- every page in both languages ------------------------------------------------------------


def test_every_russian_page_has_an_english_counterpart_and_back(site: Site) -> None:
    russian, english = site.pages("ru"), site.pages("en")
    assert russian == english
    assert {
        "index.html",
        "404.html",
        "search/index.html",
        "proposals/archive/index.html",
        "missions/dk/index.html",
        "o-nas/index.html",
    } <= russian


def test_every_language_has_its_own_feeds(site: Site) -> None:
    for name in ("feed.xml", "forums.ics", "news/feed.xml", "missions/de/forums.ics"):
        assert (site.root / name).is_file() and (site.root / "en" / name).is_file(), name


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_declares_its_language_on_html(site: Site, lang: str) -> None:
    for page in sorted(site.pages(lang)):
        document = _parse_file(site.root / PREFIX[lang] / page)
        assert document.find("html").get("lang") == lang, page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_head_links_both_languages_with_hreflang(site: Site, lang: str) -> None:
    for url in site.page_urls(lang):
        head = site.document(url).find("head")
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in head.find_all("link")
            if "alternate" in (link.get("rel") or "").split() and link.get("hreflang")
        }
        russian = url if lang == "ru" else counterpart(url)
        assert alternates == {
            "ru": SITE_URL + russian,
            "en": SITE_URL + counterpart(russian),
            "x-default": SITE_URL + russian,
        }, url


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_language_switch_leads_to_the_same_page_in_the_other_language(
    site: Site, lang: str
) -> None:
    for url in site.page_urls(lang):
        switch = site.document(url).find("a", cls="ngo-lang-switch")
        assert resolve(url, switch.get("href") or "") == counterpart(url), url
        assert switch.get("hreflang") == switch.get("lang") == OTHER[lang]
        assert switch.text == {"ru": "English", "en": "Русский"}[lang]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_edit_link_opens_the_file_the_page_was_read_from(site: Site, lang: str) -> None:
    expected = {
        "projects/mayak-polnyi/": {
            "ru": "content/projects/mayak-polnyi.md",
            "en": "content/projects/mayak-polnyi.en.md",
        },
        "news/novost-chastichnaya/": {
            "ru": "content/news/novost-chastichnaya.md",
            "en": "content/news/novost-chastichnaya.en.md",
        },
        "forums/forum-bez-perevoda/": {
            "ru": "content/forums/forum-bez-perevoda.md",
            "en": "content/forums/forum-bez-perevoda.md",
        },
        "missions/dk/": {"ru": "missions/dk.yml", "en": "missions/dk.en.md"},
    }
    for url, source in expected.items():
        edit = site.article(PREFIX[lang] + url).find("p", cls="ngo-edit").find("a")
        assert edit.get("href") == EDIT_BASE + source[lang], url


# -- the three cases ---------------------------------------------------------------------------


def test_fully_translated_item_reads_in_english_without_a_note(site: Site) -> None:
    url = "en/projects/mayak-polnyi/"
    article = site.article(url)
    assert article.find("h1").text == "Lighthouse of friendship"
    assert article.find("p", cls="ngo-lead").text == "Volunteers restore an old lighthouse."
    assert in_english(article, "Volunteers from two countries restore the lighthouse")
    facts = {label: dd.text for label, dd in site.facts(url).items()}
    assert facts["Funding"] == "Culture foundation (grant)"
    assert facts["Location"] == "Helsingør, Denmark"
    assert facts["Partners"] == "Danish Friendship Society"
    assert facts["Themes"] == "Culture"
    assert not [t for t, lang, _ in texts_with_lang(article, "en") if lang == "ru"]
    assert not has_note(site, url)


def test_translation_file_may_override_text_fields(site: Site) -> None:
    url = "en/routes/marshrut-polnyi/"
    assert site.article(url).find("h1").text == "A route through Jutland"
    assert site.facts(url)["Season"].text == "summer"
    assert in_english(site.article(url), "A route for pensioners.")
    assert not has_note(site, url)


def test_partly_translated_item_marks_its_russian_summary_and_body(site: Site) -> None:
    url = "en/projects/chastichnyi/"
    article = site.article(url)
    assert in_english(article.find("h1"), "Partly translated project")
    assert in_russian(article.find("p", cls="ngo-lead"), "Краткое описание только по-русски.")
    body = [div for div in article.find_all("div") if div.get("lang") == "ru"]
    assert [div.text for div in body] == ["Текст проекта только по-русски."]
    assert has_note(site, url)


def test_translation_without_a_body_shows_the_russian_body_marked(site: Site) -> None:
    url = "en/news/novost-chastichnaya/"
    article = site.article(url)
    assert in_english(article.find("h1"), "News with a translated title")
    assert in_russian(article.find("p", cls="ngo-lead"), "Итоги встречи без перевода.")
    assert in_russian(article, "Текст новости только по-русски.")
    assert has_note(site, url)


def test_untranslated_item_is_russian_inside_an_english_page(site: Site) -> None:
    url = "en/forums/forum-bez-perevoda/"
    document = site.document(url)
    article = site.article(url)
    assert in_russian(article.find("h1"), "Форум без перевода")
    assert in_russian(site.facts(url)["City"], "Копенгаген")
    assert in_russian(article, "Программа форума только по-русски.")
    assert has_note(site, url)
    # ...and around it, an English page: section, labels, values, dates, theme, nav
    assert article.find("p", cls="ngo-kicker").find("a").text == "Forums"
    facts = {label: dd.text for label, dd in site.facts(url).items()}
    assert facts == {
        "Dates": "May 14, 2030 — May 15, 2030",
        "Missions": "Denmark, Germany",
        "City": "Копенгаген",
        "Format": "in person",
        "Themes": "Culture",
    }
    assert article.find("span", cls="ngo-badge").text == "planned"
    nav = [a.text for a in document.find("nav", cls="md-nav--primary").find_all("a") if a.text]
    assert nav[:4] == ["Home", "Missions", "Forums", "Internships"]
    assert document.find("nav", cls="md-nav--primary").get("aria-label") == "Navigation"
    assert (
        document.find("title").text == "Форум без перевода — Foreign missions of the Union of NGOs"
    )
    topics = document.find_all("div", cls="md-header__topic")
    assert topics[0].text == "Foreign missions of the Union of NGOs"
    assert in_russian(topics[1], "Форум без перевода")


def test_untranslated_organization_and_its_links_are_marked(site: Site) -> None:
    url = "en/organizations/russkii-dom/"
    assert in_russian(site.article(url).find("h1"), "Русский дом в Берлине")
    assert site.facts(url)["Country"].text == "Germany"
    assert has_note(site, url)
    listing = site.article("en/organizations/")
    assert in_russian(listing, "Русский дом в Берлине")
    assert in_english(listing, "Danish Friendship Society")
    assert in_russian(site.facts("en/projects/chastichnyi/")["Partners"], "Русский дом в Берлине")


def test_translated_organization_has_no_note(site: Site) -> None:
    url = "en/organizations/dansk-forening/"
    assert site.article(url).find("h1").text == "Danish Friendship Society"
    assert site.facts(url)["Country"].text == "Denmark"
    assert not has_note(site, url)


def test_mission_with_english_description(site: Site) -> None:
    article = site.article("en/missions/dk/")
    assert article.find("h1").text == "Denmark"  # no name given: CLDR's
    assert in_english(article, "The mission brings together Danish non-profit organizations.")
    assert not has_note(site, "en/missions/dk/")


def test_mission_without_english_description(site: Site) -> None:
    article = site.article("en/missions/de/")
    assert article.find("h1").text == "Germany"
    assert in_russian(article, "Описание немецкой миссии есть только на русском языке.")
    assert in_russian(article.find("p", cls="ngo-lead"), "Миссия формируется в Берлине.")
    assert has_note(site, "en/missions/de/")


def test_free_page_without_translation_is_marked_in_the_nav_too(site: Site) -> None:
    assert in_russian(site.article("en/o-nas/"), "Страница о союзе только по-русски.")
    nav = site.document("en/").find("nav", cls="md-nav--primary")
    assert in_russian(nav, "О нас")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_russian_pages_carry_no_fallback_marks(site: Site, lang: str) -> None:
    url = PREFIX[lang] + "projects/mayak-polnyi/"
    assert not has_note(site, url)
    if lang == "ru":
        for page in site.page_urls("ru"):
            assert not site.article(page).find_all("p", cls="ngo-note"), page


def test_russian_text_on_english_pages_is_always_marked(site: Site) -> None:
    """Every Cyrillic word an English page shows sits in an element with lang="ru"."""
    for page in sorted(site.pages("en")):
        body = _parse_file(site.root / "en" / page).find("body")
        unmarked = [
            (text, parent.tag, parent.classes)
            for text, lang, parent in texts_with_lang(body, "en")
            if CYRILLIC.search(text) and lang != "ru"
        ]
        assert not unmarked, (page, unmarked)


# -- values formatted for each language --------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "label", "expected"),
    [
        ("forums/forum-bez-perevoda/", "Сроки", "14 мая 2030 г. — 15 мая 2030 г."),
        ("en/forums/forum-bez-perevoda/", "Dates", "May 14, 2030 — May 15, 2030"),
        ("internships/stazhirovka-bez-perevoda/", "Заявки до", "1 марта 2030 г."),
        ("en/internships/stazhirovka-bez-perevoda/", "Apply by", "March 1, 2030"),
        ("internships/stazhirovka-bez-perevoda/", "Участников", "1 250"),
        ("en/internships/stazhirovka-bez-perevoda/", "Participants", "1,250"),
        ("news/novost-chastichnaya/", "Дата", "10 января 2030 г."),
        ("en/news/novost-chastichnaya/", "Date", "January 10, 2030"),
        ("forums/forum-bez-perevoda/", "Формат", "очно"),
        ("en/forums/forum-bez-perevoda/", "Format", "in person"),
        ("forums/forum-bez-perevoda/", "Темы", "Культура"),
        ("en/forums/forum-bez-perevoda/", "Themes", "Culture"),
    ],
)
def test_dates_numbers_and_values_in_the_pages_language(
    site: Site, url: str, label: str, expected: str
) -> None:
    assert site.facts(url)[label].text == expected


def test_russian_numbers_group_digits_with_a_no_break_space(site: Site) -> None:
    participants = site.facts("internships/stazhirovka-bez-perevoda/")["Участников"]
    assert participants.children == ["1\N{NO-BREAK SPACE}250"]  # `.text` folds it to a space


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("forums/forum-bez-perevoda/", "запланирован"),
        ("en/forums/forum-bez-perevoda/", "planned"),
        ("missions/de/", "формируется"),
        ("en/missions/de/", "forming"),
        ("internships/stazhirovka-bez-perevoda/", "набор открыт"),
        ("en/internships/stazhirovka-bez-perevoda/", "open"),
        ("proposals/predlozhenie-isteklo/", "истекло"),
        ("en/proposals/predlozhenie-isteklo/", "expired"),
    ],
)
def test_statuses_in_the_pages_language(site: Site, url: str, expected: str) -> None:
    assert site.article(url).find("span", cls="ngo-badge").text == expected


@pytest.mark.parametrize(
    ("url", "label", "expected"),
    [
        ("forums/forum-bez-perevoda/", "Миссии", "Дания, Германия"),
        ("en/forums/forum-bez-perevoda/", "Missions", "Denmark, Germany"),
        ("proposals/predlozhenie-otkrytoe/", "Страны", "Германия"),
        ("en/proposals/predlozhenie-otkrytoe/", "Countries", "Germany"),
        ("organizations/dansk-forening/", "Страна", "Дания"),
        ("en/organizations/dansk-forening/", "Country", "Denmark"),
    ],
)
def test_country_names_come_from_cldr_in_both_languages(
    site: Site, url: str, label: str, expected: str
) -> None:
    assert site.facts(url)[label].text == expected


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("ru", ["Германия", "Дания"]),
        ("en", ["Germany", "Denmark"]),
    ],
)
def test_missions_table_names_missions_in_the_pages_language(
    site: Site, lang: str, names: list[str]
) -> None:
    rows = site.article(PREFIX[lang] + "missions/").find("tbody").find_all("tr")
    assert [row.find("td").text for row in rows] == names


# -- the pages around the items -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("", "Зарубежные миссии Союза НКО"),
        ("en/", "Foreign missions of the Union of NGOs"),
        ("search/", "Поиск"),
        ("en/search/", "Search"),
        ("proposals/archive/", "Архив предложений"),
        ("en/proposals/archive/", "Proposals archive"),
        ("forums/", "Форумы"),
        ("en/forums/", "Forums"),
    ],
)
def test_pages_around_the_items_speak_the_pages_language(
    site: Site, url: str, heading: str
) -> None:
    document = site.document(url)
    assert site.article(url).find("h1").text == heading
    site_name = {
        "ru": "Зарубежные миссии Союза НКО",
        "en": "Foreign missions of the Union of NGOs",
    }[lang_of_url(url)]
    assert document.find("title").text.endswith(site_name)
    assert document.find("div", cls="md-header__topic").text == site_name


def test_english_archive_lists_the_expired_proposal(site: Site) -> None:
    article = site.article("en/proposals/archive/")
    links = [
        resolve("en/proposals/archive/", a.get("href") or "")
        for a in article.find("ul", cls="ngo-list").find_all("a")
    ]
    assert links == ["en/proposals/predlozhenie-isteklo/"]
    assert article.find("span", cls="ngo-when").text == "December 31, 2029"


def test_english_search_page_and_box_speak_english(site: Site) -> None:
    document = site.document("en/search/")
    assert site.article("en/search/").find("div", id="ngo-search-page").text == (
        "Search needs JavaScript. Everything is listed in the sections."
    )
    box = document.find("input", id="ngo-search-input")
    assert box.get("placeholder") == "Search the site"
    form = document.find("form", cls="ngo-search__form")
    assert resolve("en/search/", form.get("action") or "") == "en/search/"


@pytest.mark.parametrize(
    ("lang", "top", "navigation"),
    [
        ("ru", "К началу", "Навигация"),
        ("en", "Back to top", "Navigation"),
    ],
)
def test_material_interface_strings_in_the_pages_language(
    site: Site, lang: str, top: str, navigation: str
) -> None:
    document = site.document(PREFIX[lang] + "forums/")
    assert document.find("button", cls="md-top").text == top
    assert document.find("nav", cls="md-nav--primary").get("aria-label") == navigation


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_has_a_share_card_and_a_canonical_address(site: Site, lang: str) -> None:
    """With --site-url: og:image (the page's own card unless it has a picture), canonical."""
    for url in site.page_urls(lang):
        head = site.document(url).find("head")
        properties = {m.get("property"): m.get("content") for m in head.find_all("meta")}
        image = properties["og:image"]
        assert image.startswith(SITE_URL), url
        assert (site.root / image[len(SITE_URL) :]).is_file(), (url, image)
        if "/assets/cards/" in image:
            assert image.startswith(SITE_URL + ("en/" if lang == "en" else "") + "assets/cards/")
            assert properties["og:image:width"] == "1200"
        canonical = [
            link.get("href") for link in head.find_all("link") if link.get("rel") == "canonical"
        ]
        assert canonical == [SITE_URL + url], url
