"""Feeds and what pages tell machines: iCalendar, Atom, sitemap, JSON-LD, Open Graph.

The site is built from `fixtures/feeds` three times: twice with a site URL and the same
SOURCE_DATE_EPOCH (the bytes must agree), once without a site URL (links become
relative, and nothing that needs an absolute address is published). Every feed is read
back with a real parser: `icalendar` for calendars, ElementTree for Atom and sitemaps.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from generator.build.orchestrator import BuildOptions, build
from generator.build.stages import checked_content
from generator.build.writer import Writer
from generator.content import sanitize
from generator.content.load import Content
from generator.content.models import Forum
from generator.content.values import LocalText
from generator.outputs import feeds_ics, sitemap
from generator.outputs.published import absolute, item_uuid, stable_uuid
from generator.outputs.registry import SiteContext
from generator.pages.generate import generate
from generator.pages.labels import t
from generator.pages.listings import forum_status
from generator.pages.present import item_url
from generator.pages.structured_data import script_json

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

FIXTURE = Path(__file__).parent / "fixtures" / "feeds"
SITE_URL = "https://missions.example.org/"
EPOCH = "1775001600"
"""2026-04-01T00:00:00Z: the Hamburg forum (10 March) is past, the others are ahead."""
TODAY = datetime(2026, 4, 1, tzinfo=UTC)

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

FEED_FILES = [
    "forums.ics",
    "en/forums.ics",
    "missions/dk/forums.ics",
    "missions/de/forums.ics",
    "en/missions/dk/forums.ics",
    "en/missions/de/forums.ics",
    "feed.xml",
    "news/feed.xml",
    "en/feed.xml",
    "en/news/feed.xml",
    "sitemap.xml",
]


@dataclass(frozen=True)
class Sites:
    first: Path
    second: Path
    """Same input, same SOURCE_DATE_EPOCH as `first`."""
    relative: Path
    """Built without a site URL."""


def _build(target: Path, site_url: str) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(BuildOptions(FIXTURE, target, site_url=site_url, parallel=False))
    return target


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    base = tmp_path_factory.mktemp("feeds")
    return Sites(
        _build(base / "first", SITE_URL),
        _build(base / "second", SITE_URL),
        _build(base / "relative", ""),
    )


@pytest.fixture(scope="module")
def site(sites: Sites) -> Path:
    return sites.first


def calendar(site: Path, rel: str) -> Calendar:
    return Calendar.from_ical((site / rel).read_bytes())


def events(site: Path, rel: str) -> dict[str, Event]:
    """Events by the slug at the end of their URL (or their summary without one)."""
    found = {}
    for event in calendar(site, rel).walk("VEVENT"):
        url = str(event.get("URL", ""))
        found[url.rstrip("/").rsplit("/", 1)[-1] or str(event["SUMMARY"])] = event
    return found


def atom(site: Path, rel: str) -> ET.Element:
    return ET.parse(site / rel).getroot()


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def entry_slugs(feed: ET.Element) -> list[str]:
    return [_alternate(e).rstrip("/").rsplit("/", 1)[-1] for e in entries(feed)]


def _alternate(element: ET.Element) -> str:
    links = [link for link in element.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert len(links) == 1
    return links[0].get("href", "")


# -- iCalendar ------------------------------------------------------------------------


def test_schedule_holds_every_forum_once_with_a_uid(site: Path) -> None:
    found = events(site, "forums.ics")
    assert sorted(found) == ["forum-berlin", "forum-gamburg", "forum-kopengagen", "vstrecha-online"]
    uids = [str(e["UID"]) for e in found.values()]
    assert len(set(uids)) == 4 and all(uids)


def test_uids_do_not_depend_on_the_site_address_or_language(sites: Sites) -> None:
    """A calendar recognises an event it has by UID: moving the site must not duplicate it."""

    def uids(site: Path, rel: str) -> set[str]:
        return {str(e["UID"]) for e in calendar(site, rel).walk("VEVENT")}

    assert (
        uids(sites.first, "forums.ics")
        == uids(sites.relative, "forums.ics")
        == uids(sites.first, "en/forums.ics")
    )


def test_dtstamp_is_the_builds_today(site: Path) -> None:
    stamps = {e.decoded("DTSTAMP") for e in calendar(site, "forums.ics").walk("VEVENT")}
    assert stamps == {TODAY}


def test_timed_forum_is_written_in_utc(site: Path) -> None:
    """10:00 at UTC+02:00 is 08:00 UTC, written with `Z` so no VTIMEZONE is needed."""
    event = events(site, "forums.ics")["forum-kopengagen"]
    assert event.decoded("DTSTART") == datetime(2026, 5, 14, 8, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 5, 14, 15, 30, tzinfo=UTC)
    text = (site / "forums.ics").read_bytes().decode("utf-8")  # CRLF kept
    assert "DTSTART:20260514T080000Z\r\n" in text and "DTEND:20260514T153000Z\r\n" in text


def test_timed_forum_moves_to_the_previous_day_in_utc(site: Path) -> None:
    """01:00 at UTC+03:00 on 1 September is 22:00 UTC on 31 August; no end, no DTEND."""
    event = events(site, "forums.ics")["vstrecha-online"]
    assert event.decoded("DTSTART") == datetime(2026, 8, 31, 22, 0, tzinfo=UTC)
    assert "DTEND" not in event


def test_all_day_forum_has_an_exclusive_end(site: Path) -> None:
    """1-3 June ends on 4 June: RFC 5545's DTEND is the first day after the event."""
    event = events(site, "forums.ics")["forum-berlin"]
    assert event.decoded("DTSTART") == date(2026, 6, 1)
    assert event.decoded("DTEND") == date(2026, 6, 4)
    text = (site / "forums.ics").read_bytes().decode("utf-8")  # CRLF kept
    assert "DTSTART;VALUE=DATE:20260601\r\n" in text and "DTEND;VALUE=DATE:20260604\r\n" in text


def test_one_day_forum_lasts_one_day(site: Path) -> None:
    event = events(site, "forums.ics")["forum-gamburg"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        date(2026, 3, 10),
        date(2026, 3, 11),
    )


def test_cancelled_forum_is_cancelled_and_the_others_confirmed(site: Path) -> None:
    statuses = {slug: str(e["STATUS"]) for slug, e in events(site, "forums.ics").items()}
    assert statuses == {
        "forum-berlin": "CONFIRMED",
        "forum-gamburg": "CANCELLED",
        "forum-kopengagen": "CONFIRMED",
        "vstrecha-online": "CONFIRMED",
    }


def test_event_names_its_place_and_page(site: Path) -> None:
    event = events(site, "forums.ics")["forum-kopengagen"]
    assert str(event["SUMMARY"]) == "Форум НКО в Копенгагене"
    assert str(event["LOCATION"]) == "Дом культуры, Копенгаген"
    assert str(event["URL"]) == SITE_URL + "forums/forum-kopengagen/"
    assert "https://forum.example.org/register" in str(event["DESCRIPTION"])


def test_english_calendar_falls_back_to_russian_and_says_so(site: Path) -> None:
    found = events(site, "en/forums.ics")
    assert str(found["forum-kopengagen"]["SUMMARY"]) == "NGO forum in Copenhagen"
    assert str(found["forum-kopengagen"]["LOCATION"]) == "House of Culture, Copenhagen"
    assert str(found["forum-kopengagen"]["URL"]) == SITE_URL + "en/forums/forum-kopengagen/"
    untranslated = found["forum-berlin"]["SUMMARY"]
    assert str(untranslated) == "Неделя НКО в Берлине"
    assert untranslated.params["LANGUAGE"] == "ru"


def test_mission_calendars_hold_their_own_forums(site: Path) -> None:
    assert sorted(events(site, "missions/dk/forums.ics")) == ["forum-berlin", "forum-kopengagen"]
    assert sorted(events(site, "missions/de/forums.ics")) == [
        "forum-berlin",
        "forum-gamburg",
        "vstrecha-online",
    ]
    assert sorted(events(site, "en/missions/de/forums.ics")) == sorted(
        events(site, "missions/de/forums.ics")
    )


def test_calendar_names_itself(site: Path) -> None:
    assert str(calendar(site, "missions/dk/forums.ics")["NAME"]) == "Форумы · Дания"
    assert str(calendar(site, "forums.ics")["VERSION"]) == "2.0"


def test_without_a_site_url_events_have_no_url(sites: Sites) -> None:
    """A calendar's URL must be absolute; a wrong one is worse than none."""
    found = events(sites.relative, "forums.ics")
    assert len(found) == 4 and all("URL" not in e for e in found.values())


# -- iCalendar text, written without icalendar, read back with it --------------------

NASTY = "Форум, «Диалог»; часть 1\\2\nвторая строка ^ ещё\\N и C:\\путь\\ "
"""Commas, semicolons, backslashes (one before `N`), a newline, `^` and Cyrillic."""


def _nasty_content(site_url: str) -> tuple[Content, SiteContext]:
    """The feeds fixture plus forums whose texts put every escape and every width of
    character at the fold point (the prefix shifts them one octet at a time)."""
    content = checked_content(FIXTURE)
    forums = content.items["forums"]
    base = forums["forum-kopengagen"]
    for pad in range(12):
        text = "x" * pad + NASTY * 3
        slug = f"nasty-{pad}"
        forums[slug] = dataclasses.replace(
            base,
            slug=slug,
            title=LocalText(text, None if pad % 2 else "EN, " + text),
            venue=LocalText(text),
            city=LocalText("Орхус; ,\\"),
            registration=f"https://forum.example.org/{'я' * pad}?a=1,2;b=\\",
        )
    missions = content.missions
    missions["dk"] = dataclasses.replace(
        missions["dk"], name=LocalText("Дания, Фареры; Гренландия")
    )
    return content, SiteContext(content, Path("."), TODAY.date(), site_url)


def _reference_calendar(
    forums: list[Forum], name: str, lang: str, context: SiteContext, mission: str | None
) -> bytes:
    """The calendar as the generator built it with icalendar objects until 2026-11."""
    url = feeds_ics.calendar_url(lang, mission)
    stamp = datetime.combine(context.today, time(0), UTC)
    events = []
    for forum in forums:
        start, end = feeds_ics.event_times(forum)
        event = Event.new(
            uid=str(item_uuid(forum)),
            stamp=stamp,
            start=start,
            end=end,
            summary=forum.title.get(lang),
            location=feeds_ics.location(forum, lang) or None,
            description=feeds_ics._description(forum, lang, context) or None,
            status=feeds_ics.STATUS[forum_status(forum, context.today)],
            url=absolute(context.site_url, item_url(forum, lang)) if context.site_url else None,
        )
        if forum.title.is_fallback(lang):
            event["SUMMARY"].params["LANGUAGE"] = "ru"
        events.append(event)
    links = (
        {"url": absolute(context.site_url, url), "source": absolute(context.site_url, url)}
        if context.site_url
        else {}
    )
    calendar = Calendar.new(
        prodid=f"-//ngo-missions-site//forums//{lang.upper()}",
        uid=str(stable_uuid("feed", url)),
        name=name,
        description=t("site.description", lang),
        refresh_interval=timedelta(days=1),
        method="PUBLISH",
        subcomponents=events,
        **links,
    )
    return calendar.to_ical()


def _written_calendars(
    context: SiteContext, folder: Path, events: bool = False
) -> dict[str, bytes]:
    """The schedules written (or, with `events`, the one-event files beside forum pages)."""
    feeds_ics.write_calendars(dataclasses.replace(context, site=folder), Writer(folder))
    return {
        rel: path.read_bytes()
        for path in folder.rglob("*.ics")
        if (rel := path.relative_to(folder).as_posix()).endswith(feeds_ics.FILE_NAME) != events
    }


@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_calendars_are_byte_for_byte_what_icalendar_wrote(tmp_path: Path, site_url: str) -> None:
    """The direct writer replaced icalendar objects (~1.8 CPU-s at 10,000 items) and
    must not change a byte: subscribers compare the file, and the tests parse it."""
    content, context = _nasty_content(site_url)
    written = _written_calendars(context, tmp_path)
    forums = sorted(content.items["forums"].values(), key=feeds_ics._order)
    expected = {}
    for lang in context.languages:
        name = f"{t('section.forums', lang)} · {t('site.name', lang)}"
        expected[feeds_ics.calendar_url(lang)] = _reference_calendar(
            forums, name, lang, context, None
        )
        for code, mission in content.missions.items():
            own = [f for f in forums if code in f.missions]
            name = f"{t('section.forums', lang)} · {mission.label().get(lang)}"
            expected[feeds_ics.calendar_url(lang, code)] = _reference_calendar(
                own, name, lang, context, code
            )
    assert sorted(written) == sorted(expected)
    assert [rel for rel in expected if written[rel] != expected[rel]] == []
    assert written["forums.ics"].count(b"BEGIN:VEVENT") == 16


def test_long_lines_fold_at_75_octets_without_splitting_a_character(tmp_path: Path) -> None:
    data = _written_calendars(_nasty_content(SITE_URL)[1], tmp_path)["forums.ics"]
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75  # a continuation: space + 74 octets
    assert all(len(line) <= 74 for line in lines if not line.startswith(b" "))
    for line in lines:
        line.decode("utf-8")  # a multibyte character is never cut in two
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")}
    expected = ("x" * pad + NASTY * 3 for pad in range(0, 12, 2))  # the Russian titles
    assert {text.replace("\\N", "\n") for text in expected} <= summaries  # `\N`: see below


def test_fold_keeps_cyrillic_whole_and_escapes_on_one_line() -> None:
    # 73 ASCII octets then "ж" (2 octets): it would end at octet 75, so it moves down.
    assert feeds_ics.fold(("X:" + "a" * 71 + "жж").encode()) == (
        ("X:" + "a" * 71).encode() + b"\r\n " + "жж".encode()
    )
    # a backslash as the 74th octet waits for the character it escapes
    assert feeds_ics.fold(b"X:" + b"a" * 71 + b"\\,b") == b"X:" + b"a" * 71 + b"\r\n \\,b"
    assert feeds_ics.fold(b"X:" + b"a" * 72) == b"X:" + b"a" * 72  # 74 octets: one line
    assert feeds_ics.fold(b"X:" + b"a" * 73) == b"X:" + b"a" * 72 + b"\r\n a"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a,b;c", "a\\,b\\;c"),
        ("C:\\dir", "C:\\\\dir"),
        ("one\ntwo", "one\\ntwo"),
        ("one\r\ntwo", "one\\ntwo"),
        ("Москва, ул. Ленина; д. 1", "Москва\\, ул. Ленина\\; д. 1"),
        ("", ""),
    ],
)
def test_text_escaping(text: str, escaped: str) -> None:
    assert feeds_ics.escape_text(text) == escaped


@pytest.mark.parametrize("text", [NASTY, NASTY * 4, "a\\,b", "one\r\ntwo\rthree", ""])
def test_escaped_text_round_trips_through_icalendar(text: str) -> None:
    escaped = feeds_ics.escape_text(text)
    assert "\n" not in escaped and "\r" not in escaped
    event = (
        b"BEGIN:VEVENT\r\n" + feeds_ics.fold(f"SUMMARY:{escaped}".encode()) + b"\r\nEND:VEVENT\r\n"
    )
    # `\N` is an escaped newline already (icalendar wrote it so); line endings become "\n"
    expected = text.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
    assert str(Event.from_ical(event)["SUMMARY"]) == expected


# -- Atom -----------------------------------------------------------------------------


def test_news_feed_is_atom_with_the_required_elements(site: Path) -> None:
    feed = atom(site, "news/feed.xml")
    assert feed.tag == f"{ATOM}feed" and feed.get(XML_LANG) == "ru"
    assert feed.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
    assert feed.findtext(f"{ATOM}title") == "Новости · Зарубежные миссии Союза НКО"
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"  # the newest entry
    self_links = [
        link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"
    ]
    assert self_links == [SITE_URL + "news/feed.xml"]
    for entry in entries(feed):
        assert entry.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
    assert entry_slugs(feed) == ["novosti-de", "novosti-dk"]  # newest first


def test_news_entry_carries_title_date_link_and_summary(site: Path) -> None:
    entry = {
        s: e
        for s, e in zip(
            entry_slugs(atom(site, "news/feed.xml")),
            entries(atom(site, "news/feed.xml")),
            strict=True,
        )
    }
    dk = entry["novosti-dk"]
    assert dk.findtext(f"{ATOM}title") == "Миссия в Дании открыла приём заявок"
    assert dk.findtext(f"{ATOM}updated") == "2026-02-01T00:00:00Z"
    assert _alternate(dk) == SITE_URL + "news/novosti-dk/"
    assert dk.findtext(f"{ATOM}summary") == "Приём заявок открыт."
    assert [c.get("term") for c in dk.findall(f"{ATOM}category")] == ["culture"]


def test_english_news_feed_marks_russian_fallback(site: Path) -> None:
    feed = atom(site, "en/news/feed.xml")
    assert feed.get(XML_LANG) == "en"
    titles = {
        s: e.find(f"{ATOM}title") for s, e in zip(entry_slugs(feed), entries(feed), strict=True)
    }
    assert titles["novosti-dk"].text == "The mission in Denmark opens applications"
    assert titles["novosti-dk"].get(XML_LANG) is None
    assert titles["novosti-de"].text == "Миссия в Германии формируется"
    assert titles["novosti-de"].get(XML_LANG) == "ru"
    assert all(_alternate(e).startswith(SITE_URL + "en/news/") for e in entries(feed))


def test_updates_feed_without_history_holds_declared_publications(site: Path) -> None:
    """The fixture is a folder of the project's repository, not a repository of its own:
    no history (tests/test_history.py builds one), so only news and publications, which
    declare when they were published, are dated; forums and proposals never by their
    event dates."""
    feed = atom(site, "feed.xml")
    assert entry_slugs(feed) == ["novosti-de", "novosti-dk"]
    updated = [e.findtext(f"{ATOM}updated") for e in entries(feed)]
    assert updated == ["2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z"]
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    collections = [next(c.get("term") for c in e.findall(f"{ATOM}category")) for e in entries(feed)]
    assert set(collections) == {"news"}


def test_entry_ids_do_not_depend_on_the_site_address(sites: Sites) -> None:
    def ids(site: Path) -> list[str]:
        return [e.findtext(f"{ATOM}id", "") for e in entries(atom(site, "feed.xml"))]

    assert ids(sites.first) == ids(sites.relative)
    assert set(ids(sites.first)).isdisjoint(
        e.findtext(f"{ATOM}id") for e in entries(atom(sites.first, "en/feed.xml"))
    )


@pytest.mark.parametrize("rel", ["feed.xml", "news/feed.xml", "en/feed.xml", "en/news/feed.xml"])
def test_without_a_site_url_feed_links_resolve_against_the_feed(sites: Sites, rel: str) -> None:
    feed = atom(sites.relative, rel)
    hrefs = [link.get("href", "") for link in feed.iter(f"{ATOM}link")]
    assert hrefs and not any("://" in href for href in hrefs)
    for href in hrefs:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
        path = sites.relative / ("" if target == "." else target)
        assert (path / "index.html" if path.is_dir() else path).is_file(), href


# -- determinism ----------------------------------------------------------------------


def test_outputs_are_identical_across_builds(sites: Sites) -> None:
    produced = [
        *FEED_FILES,
        *(
            p.relative_to(sites.first).as_posix()
            for folder in ("api", "schemas")
            for p in sorted((sites.first / folder).rglob("*.json"))
        ),
    ]
    assert len(produced) > len(FEED_FILES) + 20
    different = [
        rel
        for rel in produced
        if (sites.first / rel).read_bytes() != (sites.second / rel).read_bytes()
    ]
    assert different == []


# -- sitemap --------------------------------------------------------------------------


def test_sitemap_lists_every_page_with_its_hreflang_alternates(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    urls = {u.findtext(f"{SITEMAP}loc"): u for u in root.findall(f"{SITEMAP}url")}
    pages = {
        SITE_URL + ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
        for p in site.rglob("index.html")
    }
    assert set(urls) == pages
    forum = urls[SITE_URL + "en/forums/forum-berlin/"]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in forum.findall(f"{XHTML}link")
        if link.get("rel") == "alternate"
    }
    assert alternates == {
        "ru": SITE_URL + "forums/forum-berlin/",
        "en": SITE_URL + "en/forums/forum-berlin/",
        "x-default": SITE_URL + "forums/forum-berlin/",
    }


def _reference_sitemap(context: SiteContext) -> str:
    """The sitemap as the generator built it with ElementTree until 2026-11."""
    languages, site = context.languages, context.site
    root = ET.Element("urlset", {"xmlns": f"{SITEMAP[1:-1]}", "xmlns:xhtml": XHTML[1:-1]})
    pages = sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if p.parent.relative_to(site).parts[:1] not in {(lang,) for lang in languages[1:]}
    )
    for page in pages:
        versions = {lang: page if lang == languages[0] else f"{lang}/{page}" for lang in languages}
        versions = {
            lang: url for lang, url in versions.items() if (site / url / "index.html").is_file()
        }
        for url in versions.values():
            entry = ET.SubElement(root, "url")
            ET.SubElement(entry, "loc").text = absolute(context.site_url, url)
            if len(versions) > 1:
                hreflangs = [*versions.items()]
                if languages[0] in versions:
                    hreflangs.append(("x-default", versions[languages[0]]))
                for hreflang, to in hreflangs:
                    ET.SubElement(
                        entry,
                        "xhtml:link",
                        rel="alternate",
                        hreflang=hreflang,
                        href=absolute(context.site_url, to),
                    )
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


@pytest.mark.parametrize(
    "pages",
    [
        [],
        [
            "",
            "en/",
            "a&b/",
            "en/a&b/",
            'q"<x>/',
            'en/q"<x>/',
            "новости/дания/",
            "only-ru/",
            "en/only-en/",
            "deep/er/",
            "en/deep/er/",
            "en/deep/",
            "with space/",
        ],
    ],
)
def test_sitemap_is_byte_for_byte_what_elementtree_wrote(tmp_path: Path, pages: list[str]) -> None:
    """The sitemap is written as text now (its ElementTree and walk cost ~1.1 CPU-s at
    10,000 items); the bytes, escapes and all, must stay those ElementTree wrote."""
    for page in pages:
        (tmp_path / page).mkdir(parents=True, exist_ok=True)
        (tmp_path / page / "index.html").write_text("<html></html>")
    (tmp_path / "not-a-page").mkdir()
    (tmp_path / "not-a-page" / "other.html").write_text("")
    for languages in (("ru", "en"), ("ru",), ("ru", "en", "de")):
        context = SiteContext(Content(tmp_path), tmp_path, TODAY.date(), SITE_URL, languages)
        assert sitemap.render_sitemap(context) == _reference_sitemap(context)


def test_mkdocs_sitemaps_are_replaced_by_one(site: Path) -> None:
    leftovers = [p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")]
    assert leftovers == ["sitemap.xml"]
    assert "None" not in (site / "sitemap.xml").read_text("utf-8")


def test_no_sitemap_without_a_site_url(sites: Sites) -> None:
    """Sitemaps need absolute URLs; MkDocs' own would list `None/...`."""
    assert list(sites.relative.rglob("sitemap.xml*")) == []


# -- pages: JSON-LD, Open Graph, links to the feeds ---------------------------------------


class Head(HTMLParser):
    """The JSON-LD blocks, <meta> and <a>/<link> elements of one page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.jsonld: list[dict] = []
        self.meta: dict[str, str] = {}
        self.anchors: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self._in_jsonld = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld = True
        elif tag == "meta" and (values.get("property") or values.get("name")):
            self.meta[values.get("property") or values.get("name") or ""] = values["content"] or ""
        elif tag == "a":
            self.anchors.append(values)
        elif tag == "link":
            self.links.append(values)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = self._in_jsonld and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))


def page(site: Path, url: str) -> Head:
    return Head((site / url / "index.html").read_text("utf-8"))


def test_forum_page_describes_an_event_at_one_place(site: Path) -> None:
    [data] = page(site, "forums/forum-kopengagen").jsonld
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Форум НКО в Копенгагене"
    assert data["startDate"] == "2026-05-14T10:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place == {
        "@type": "Place",
        "name": "Дом культуры",
        "address": {"@type": "PostalAddress", "addressLocality": "Копенгаген"},
    }
    assert online == {"@type": "VirtualLocation", "url": "https://forum.example.org/register"}
    assert data["organizer"][0]["url"] == SITE_URL + "missions/dk/"


def test_cancelled_forum_page_says_cancelled(site: Path) -> None:
    [data] = page(site, "forums/forum-gamburg").jsonld
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["name"] == "Ратуша"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("routes/berlin-dostupnyi", "TouristTrip"),
        ("news/novosti-dk", "Article"),
        ("missions/dk", "Organization"),
        ("organizations/berlin-verein", "Organization"),
        ("projects/pamyatnik", "Project"),
        ("en/news/novosti-dk", "Article"),
    ],
)
def test_item_pages_have_their_schema_org_type(site: Path, url: str, kind: str) -> None:
    [data] = page(site, url).jsonld
    assert data["@type"] == kind
    assert data["url"] == SITE_URL + url + "/"


def test_route_is_a_trip_not_an_event(site: Path) -> None:
    [data] = page(site, "en/routes/berlin-dostupnyi").jsonld
    assert "startDate" not in data
    assert data["touristType"] == ["pensioners", "people with disabilities"]
    assert data["provider"] == [
        {
            "@type": "Organization",
            "name": "Berlin Society",
            "url": SITE_URL + "en/organizations/berlin-verein/",
        }
    ]


def test_sections_have_no_jsonld_but_open_graph(site: Path) -> None:
    head = page(site, "forums")
    assert head.jsonld == []
    assert head.meta["og:title"] == "Форумы" and head.meta["og:url"] == SITE_URL + "forums/"


def test_item_page_has_open_graph_and_twitter_tags(site: Path) -> None:
    meta = page(site, "en/projects/pamyatnik").meta
    assert meta["og:title"] == meta["twitter:title"] == "Monument in Copenhagen"
    assert meta["og:url"] == SITE_URL + "en/projects/pamyatnik/"
    assert meta["og:locale"] == "en_US" and meta["og:locale:alternate"] == "ru_RU"
    assert meta["og:image"] == SITE_URL + "media/pamyatnik.png"
    assert meta["og:image:alt"] == "The monument"
    assert meta["twitter:card"] == "summary_large_image"
    news = page(site, "news/novosti-dk").meta
    assert news["og:type"] == "article" and news["article:published_time"] == "2026-02-01"
    assert news["og:description"] == "Приём заявок открыт."


def test_without_a_site_url_nothing_claims_an_absolute_address(sites: Sites) -> None:
    head = page(sites.relative, "projects/pamyatnik")
    assert "og:url" not in head.meta and "og:image" not in head.meta
    assert head.meta["og:title"] == "Памятник в Копенгагене"
    assert "url" not in head.jsonld[0]


def test_pages_announce_the_atom_feeds(site: Path) -> None:
    feeds = [
        link["href"]
        for link in page(site, "en/forums/forum-berlin").links
        if link.get("type") == "application/atom+xml"
    ]
    assert feeds == ["../../news/feed.xml", "../../feed.xml"]


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("forums", "../forums.ics"),
        ("en/forums", "../forums.ics"),
        ("missions/dk", "forums.ics"),
        ("en/missions/de", "forums.ics"),
        ("news", "feed.xml"),
    ],
)
def test_pages_link_their_feeds(site: Path, url: str, href: str) -> None:
    hrefs = [a.get("href") for a in page(site, url).anchors]
    assert href in hrefs
    target = posixpath.normpath(posixpath.join(url, href))
    assert (site / target).is_file()


@pytest.mark.parametrize(
    ("url", "webcal"),
    [
        ("forums", "webcal://missions.example.org/forums.ics"),
        ("en/forums", "webcal://missions.example.org/en/forums.ics"),
        ("missions/dk", "webcal://missions.example.org/missions/dk/forums.ics"),
        ("en/missions/de", "webcal://missions.example.org/en/missions/de/forums.ics"),
    ],
)
def test_built_pages_offer_a_subscription_beside_the_download(
    sites: Sites, url: str, webcal: str
) -> None:
    """Through the whole build, sanitizer included; without a site URL there is none."""
    hrefs = [a.get("href") or "" for a in page(sites.first, url).anchors]
    assert webcal in hrefs
    download = hrefs[hrefs.index(webcal) - 1]
    assert download.endswith("forums.ics") and not download.startswith("webcal:")
    relative = [a.get("href") or "" for a in page(sites.relative, url).anchors]
    assert not [href for href in relative if href.startswith("webcal:")]


def test_every_feed_link_keeps_its_href(site: Path) -> None:
    """A subscription link whose scheme the sanitizer drops must not be offered at all."""
    for url in ("forums", "missions/dk", "en/missions/de"):
        assert all(a.get("href") for a in page(site, url).anchors)


@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_each_forum_has_a_file_of_its_one_event(tmp_path: Path, site_url: str) -> None:
    """The "add to calendar" file: the forum's event as the schedule has it, imported
    once (no refresh interval, no subscription source)."""
    content, context = _nasty_content(site_url)
    schedules = _written_calendars(context, tmp_path / "schedules")
    singles = _written_calendars(context, tmp_path / "events", events=True)
    forums = content.items["forums"].values()
    assert sorted(singles) == sorted(
        feeds_ics.event_url(forum, lang) for forum in forums for lang in context.languages
    )
    for lang in context.languages:
        schedule = {
            str(event["UID"]): event
            for event in Calendar.from_ical(schedules[feeds_ics.calendar_url(lang)]).walk("VEVENT")
        }
        for forum in forums:
            single = Calendar.from_ical(singles[feeds_ics.event_url(forum, lang)])
            (event,) = single.walk("VEVENT")
            assert event.to_ical() == schedule[str(event["UID"])].to_ical()
            assert "REFRESH-INTERVAL" not in single and "SOURCE" not in single
            assert single["NAME"].to_ical().decode() == feeds_ics._raw(forum.title.get(lang))


@pytest.mark.parametrize("allowed", [True, False])
def test_webcal_link_needs_a_site_url_and_the_sanitizers_consent(
    monkeypatch: pytest.MonkeyPatch, allowed: bool
) -> None:
    schemes = sanitize.URL_SCHEMES | {"webcal"} if allowed else sanitize.URL_SCHEMES
    monkeypatch.setattr(sanitize, "PAGE_URL_SCHEMES", schemes)
    content = checked_content(FIXTURE)
    for site_url, expected in ((SITE_URL, allowed), ("", False)):
        pages = {o.path: o.text for o in generate(content, "ru", TODAY.date(), "", site_url)}
        for path, webcal in (
            ("forums/index.md", "webcal://missions.example.org/forums.ics"),
            ("missions/de.md", "webcal://missions.example.org/missions/de/forums.ics"),
        ):
            assert (f'href="{webcal}"' in pages[path]) is expected
            assert ("webcal:" in pages[path]) is expected


def test_jsonld_cannot_close_its_script_element() -> None:
    data = {"name": "</script><script>alert(1)</script><!-- & \u2028"}
    text = script_json(data)
    assert not set(text) & {"<", ">", "&", "\u2028"}
    assert json.loads(text) == data
