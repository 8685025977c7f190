"""The site's face on every page: mark, footer, 404 pages, titles, head meta (#17).

Read from the a11y fixture's site (one page of every type in both languages, built once a
session and shared with the Nu checker's test), built without `--site-url`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.htmlparse import Element, parse

LANGS = {"ru": "", "en": "en/"}


@pytest.fixture(scope="module")
def site(built_fixture: Callable[[str], Path]) -> Path:
    return built_fixture("a11y")


def pages(site: Path, lang: str) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    if lang == "ru":
        return [p for p in found if p.relative_to(site).parts[0] != "en"]
    return [p for p in found if p.relative_to(site).parts[0] == "en"]


def document(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("lang", "heading", "union"),
    [
        ("ru", "Страница не найдена", "Общенациональный союз некоммерческих организаций"),
        ("en", "Page not found", "Nationwide Union of Non-Profit Organizations"),
    ],
)
def test_each_language_has_its_own_404_page_with_a_way_on(
    site: Path, lang: str, heading: str, union: str
) -> None:
    page = document(site / LANGS[lang] / "404.html")
    assert page.find("html").get("lang") == lang
    assert page.find("h1").text.strip() == heading
    assert page.find("title").text.startswith(f"{heading} — ")
    form = page.find("form", cls="ngo-notfound__search")
    assert form.get("action") == f"/{LANGS[lang]}search/"
    assert form.find("input").get("name") == "q"  # what the search page reads
    sections = [a.get("href") for a in page.find("ul", cls="ngo-notfound__sections").find_all("a")]
    assert f"/{LANGS[lang]}missions/" in sections and f"/{LANGS[lang]}forums/" in sections
    # Served at any address, so every link starts at the language's own root.
    links = [a.get("href") for a in page.find("footer").find_all("a")]
    assert links and all(href.startswith(f"/{LANGS[lang]}") for href in links)
    assert union in page.find("footer").text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_has_the_footer_and_its_links_lead_to_published_files(
    site: Path, lang: str
) -> None:
    for path in pages(site, lang):
        if path.name == "404.html":
            continue
        footer = document(path).find("footer", cls="md-footer")
        assert footer.find("div", cls="md-copyright").text.strip(), path
        for link in footer.find_all("a"):
            target = posixpath.normpath(
                posixpath.join(path.parent.relative_to(site).as_posix(), link.get("href"))
            )
            assert (site / target).exists() or (site / target / "index.html").exists(), (
                path,
                link.get("href"),
            )


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "ru",
            ["О Союзе НКО", "Новости (Atom)", "Новое на сайте (Atom)", "Календарь форумов (.ics)"],
        ),
        ("en", ["About the Union", "News (Atom)", "What's new (Atom)", "Forum calendar (.ics)"]),
    ],
)
def test_footer_names_the_pages_and_feeds_in_the_pages_language(
    site: Path, lang: str, labels: list[str]
) -> None:
    footer = document(site / LANGS[lang] / "index.html").find("footer")
    assert [a.text for a in footer.find_all("a")] == labels  # no programme or guide here


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_has_a_description_and_no_relative_hreflang(site: Path, lang: str) -> None:
    for path in pages(site, lang):
        head = document(path).find("head")
        descriptions = [m for m in head.find_all("meta") if m.get("name") == "description"]
        assert len(descriptions) == 1 and (descriptions[0].get("content") or "").strip(), path
        # Without --site-url no address is absolute: no hreflang (Material's script would
        # ask for a sitemap.xml the build did not write).
        assert not [link for link in head.find_all("link") if link.get("hreflang")], path


def test_item_page_title_joins_the_site_name_with_a_spaced_em_dash(site: Path) -> None:
    titles = [document(p).find("title").text for p in pages(site, "ru")]
    item_titles = [t for t in titles if " — Зарубежные миссии" in t]
    assert len(item_titles) > 20
    assert not [t for t in titles if " - " in t]


def test_logo_and_favicon_are_the_sites_own(site: Path) -> None:
    page = document(site / "index.html")
    icon = [link for link in page.find("head").find_all("link") if link.get("rel") == "icon"]
    assert [link.get("href") for link in icon] == ["assets/images/favicon.svg"]
    assert (site / "assets" / "images" / "favicon.svg").read_text().startswith("<svg")
    logo = page.find("a", cls="md-logo").find("svg")
    assert logo.get("aria-hidden") == "true"
    assert len(logo.find_all("circle")) == 3  # the world and two points, not Material's book


@pytest.mark.parametrize(("lang", "column"), [("ru", "Контакты"), ("en", "Contacts")])
def test_missions_table_has_a_contacts_column_with_tappable_links(
    site: Path, lang: str, column: str
) -> None:
    table = document(site / LANGS[lang] / "missions" / "index.html").find("table")
    head = [th.text for th in table.find("thead").find_all("th")]
    assert head[-1] == column
    links = [a.get("href") for a in table.find("tbody").find_all("a")]
    assert "mailto:dk@example.org" in links
    assert "tel:+4533123456" in links  # written "+45 33 12 34 56": dialled without spaces


def test_mission_page_links_its_phone_and_email(site: Path) -> None:
    facts = document(site / "missions" / "dk" / "index.html").find_all("dl", cls="ngo-facts")
    links = {a.get("href"): a.text for dl in facts for a in dl.find_all("a")}
    assert links["tel:+4533123456"] == "+45 33 12 34 56"
    assert links["mailto:dk@example.org"] == "dk@example.org"


def test_a_russian_region_name_is_marked_russian_on_the_english_page(site: Path) -> None:
    page = site / "en" / "internships" / "stazhirovka-otkrytaya" / "index.html"
    spans = [
        s for dl in document(page).find_all("dl", cls="ngo-facts") for s in dl.find_all("span")
    ]
    marked = [span.text for span in spans if span.get("lang") == "ru"]
    assert "Москва" in marked
