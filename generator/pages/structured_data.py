"""What a page tells machines in its `<head>`: schema.org JSON-LD, Open Graph, Twitter.

Search engines read JSON-LD to show a forum as an event with its date and
place; messengers and social sites read Open Graph to preview a shared link.
Everything is computed here, per page, and handed to `theme/main.html` in the
page's front matter (`generate.Generator._output`), where the template only
prints it:

- `ngo_meta`: `[attribute, name, content]` triples, one `<meta>` each;
- `ngo_links`: `[rel, type, title, href]`, one `<link>` each (feed discovery);
- `ngo_jsonld`: a JSON text already safe inside `<script type="application/ld+json">`.

Open Graph wants absolute addresses, so `og:url` and `og:image` are given only
when the site's address is known; the rest is useful without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from markupsafe import escape

from generator.content.countries import country_name
from generator.content.load import Content
from generator.content.models import (
    Forum,
    Internship,
    Item,
    Mission,
    News,
    Organization,
    Project,
    Publication,
    Route,
)
from generator.content.values import LocalText
from generator.outputs.feeds_atom import FEEDS, feed_url
from generator.outputs.published import absolute
from generator.pages.labels import enum_label, t
from generator.pages.listings import forum_status
from generator.pages.present import item_url, rel_url
from generator.pages.share_cards import HEIGHT, WIDTH, Card
from generator.urls import prefix

SCHEMA = "https://schema.org/"
LOCALES = {"ru": "ru_RU", "en": "en_US"}
ARTICLE_COLLECTIONS = ("news", "publications")
"""Pages that Open Graph calls `article`; every other page is a `website`."""

EVENT_STATUS = {
    "planned": "EventScheduled",
    "held": "EventScheduled",
    "cancelled": "EventCancelled",
}
ATTENDANCE = {
    "in-person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""`json.dumps` with these options builds a new encoder at every call: one per page."""


@dataclass(frozen=True)
class Head:
    """The facts one page's head is made of."""

    content: Content
    lang: str
    today: date
    site_url: str
    """The whole site's address (Russian root), or "" when unknown."""
    page_url: str
    """This page's URL relative to the site root (`en/forums/x/`)."""

    def url(self, to_url: str) -> str | None:
        return absolute(self.site_url, to_url) if self.site_url else None

    def text(self, value: LocalText | None) -> str | None:
        return value.get(self.lang) if value else None


def head_meta(head: Head, title: str, item: Item | None = None) -> dict[str, Any]:
    """The front-matter fields `theme/main.html` turns into head elements."""
    card = share_card(head, title, item)
    meta: dict[str, Any] = {
        # Material prints it unescaped into `<meta name="description">`.
        "description": str(escape(description(item, head.lang))),
        "ngo_meta": _open_graph(head, title, item, card),
        "ngo_links": _feed_links(head),
    }
    if card is not None:  # drawn by the engine into the docs tree (share_cards.write_cards)
        meta["ngo_card"] = [card.site_name, card.section, card.title]
    builder = JSON_LD.get(item.collection) if item is not None else None
    if item is not None and builder is not None:
        meta["ngo_jsonld"] = script_json(_drop_empty(builder(item, head)))
    return meta


def script_json(data: Any) -> str:
    """JSON that cannot end its `<script>` element or open a comment in it."""
    text = _ENCODER.encode(data)
    for char, escaped in _SCRIPT_ESCAPES.items():
        if char in text:
            text = text.replace(char, escaped)
    return text


def description(item: Item | None, lang: str) -> str:
    """The item's lead text, else the site's description."""
    for name in ("summary", "looking_for"):
        value: LocalText | None = getattr(item, name, None)
        if value:
            return value.get(lang)
    return t("site.description", lang)


@dataclass(frozen=True)
class _Words:
    """The strings every page of a language repeats in its head, looked up once."""

    site_name: str
    locale: str
    alternates: tuple[str, ...]
    feeds: tuple[tuple[str, str], ...]
    """(title, URL from the site root) of each Atom feed."""


@cache
def _words(lang: str) -> _Words:
    """Per language, not per page: 10,000 pages asked `t` for the same six strings."""
    site_name = t("site.name", lang)
    return _Words(
        site_name,
        LOCALES[lang],
        tuple(LOCALES[other] for other in LOCALES if other != lang),
        tuple(
            (f"{t(feed.title_key, lang)} · {site_name}", feed_url(feed.path, lang))
            for feed in FEEDS
        ),
    )


def share_card(head: Head, title: str, item: Item | None) -> Card | None:
    """The page's share card: only with a site address, which `og:image` needs."""
    if not head.site_url:
        return None
    in_section = item is not None and item.collection != "pages"
    section = t(f"section.{item.collection}", head.lang) if item is not None and in_section else ""
    return Card(_words(head.lang).site_name, section, title)


def _open_graph(head: Head, title: str, item: Item | None, card: Card | None) -> list[list[str]]:
    lang = head.lang
    words = _words(lang)
    text = description(item, lang)
    image = _images(item, head)[:1]
    if not image and card is not None:  # the item's own picture first, else the card
        image = [(absolute(head.site_url, prefix(lang) + card.url), title)]
    kind = "article" if item is not None and item.collection in ARTICLE_COLLECTIONS else ("website")
    tags = [
        ["property", "og:site_name", words.site_name],
        ["property", "og:type", kind],
        ["property", "og:title", title],
        ["property", "og:description", text],
        ["property", "og:locale", words.locale],
        *[["property", "og:locale:alternate", other] for other in words.alternates],
    ]
    if head.site_url:
        tags.append(["property", "og:url", absolute(head.site_url, head.page_url)])
    for src, alt in image:
        tags += [["property", "og:image", src], ["property", "og:image:alt", alt]]
        if card is not None and src.endswith(card.url):
            tags += [
                ["property", "og:image:width", str(WIDTH)],
                ["property", "og:image:height", str(HEIGHT)],
            ]
    if isinstance(item, News):
        tags.append(["property", "article:published_time", item.date.isoformat()])
    tags += [
        ["name", "twitter:card", "summary_large_image" if image else "summary"],
        ["name", "twitter:title", title],
        ["name", "twitter:description", text],
        *[["name", "twitter:image", src] for src, _ in image],
    ]
    return tags


def _feed_links(head: Head) -> list[list[str]]:
    """Atom feeds of the page's language, for readers' autodiscovery."""
    feeds = _words(head.lang).feeds
    return [
        ["alternate", "application/atom+xml", title, href]
        for (title, _), href in zip(feeds, _feed_hrefs(head), strict=True)
    ]


_FEED_HREFS: dict[tuple[str, tuple[str, ...], int], list[str]] = {}
"""Links to the feeds by (language, the page's first folders, how many folders it has)."""


def _feed_hrefs(head: Head) -> list[str]:
    """`rel_url` from the page to each feed, worked out once per kind of page.

    A link between two normal site URLs depends only on the folders they share and on
    how deep the page is: `news/a/` and `news/b/` link a feed alike. Feed URLs have at
    most `_FEED_DEPTH` parts, so the page's first that many folders and its depth say
    all: 10,000 pages, 2 feeds each, were a fifth of this module's time.
    """
    folders = head.page_url.split("/")[:-1]
    if not _is_normal(folders, head.page_url):
        return [rel_url(head.page_url, url) for _, url in _words(head.lang).feeds]
    key = (head.lang, tuple(folders[:_FEED_DEPTH]), len(folders))
    hrefs = _FEED_HREFS.get(key)
    if hrefs is None:
        hrefs = _FEED_HREFS[key] = [
            rel_url(head.page_url, url) for _, url in _words(head.lang).feeds
        ]
    return hrefs


_FEED_DEPTH = max(len(feed_url(feed.path, lang).split("/")) for feed in FEEDS for lang in LOCALES)


def _is_normal(folders: list[str], page_url: str) -> bool:
    """No leading or doubled slash, no "." or ".." part: what `rel_url` takes its short
    way for (`present._ODD_URL`); any other URL goes the long way."""
    last = page_url.rsplit("/", 1)[-1]
    return last not in (".", "..") and not any(part in ("", ".", "..") for part in folders)


def _images(item: Item | None, head: Head) -> list[tuple[str, str]]:
    """Absolute image addresses with their alt texts; none without a site address."""
    if not head.site_url:
        return []
    return [
        (absolute(head.site_url, image["path"]), image["alt"].get(head.lang))
        for image in getattr(item, "images", None) or []
    ]


# -- schema.org, one builder per collection ---------------------------------------------


def _base(kind: str, item: Item, head: Head) -> dict[str, Any]:
    return {
        "@context": SCHEMA.rstrip("/"),
        "@type": kind,
        "name": item.label().get(head.lang),
        "url": head.url(item_url(item, head.lang)),
        "inLanguage": head.lang,
    }


def _event(item: Item, head: Head) -> dict[str, Any]:
    """One Event at one place: the venue in its city, online, or both for hybrid."""
    assert isinstance(item, Forum)
    places: list[dict[str, Any]] = []
    if item.format != "online" and (item.venue or item.city):
        places.append(
            {
                "@type": "Place",
                "name": head.text(item.venue) or head.text(item.city),
                "address": {"@type": "PostalAddress", "addressLocality": head.text(item.city)},
            }
        )
    if item.format in ("online", "hybrid"):
        places.append({"@type": "VirtualLocation", "url": item.registration})
    return {
        **_base("Event", item, head),
        "startDate": item.start.isoformat(),
        "endDate": item.end.isoformat() if item.end else None,
        "eventStatus": SCHEMA + EVENT_STATUS[forum_status(item, head.today)],
        "eventAttendanceMode": SCHEMA + ATTENDANCE[item.format] if item.format else None,
        "location": places[0] if len(places) == 1 else places,
        "organizer": [_mission_ref(code, head) for code in item.missions],
        "about": _themes(item, head),
    }


def _internship(item: Item, head: Head) -> dict[str, Any]:
    assert isinstance(item, Internship)
    return {
        **_base("EducationEvent", item, head),
        "startDate": item.start.isoformat() if item.start else None,
        "endDate": item.end.isoformat() if item.end else None,
        "location": {
            "@type": "Country",
            "name": country_name(item.host or item.country or "", head.lang),
        },
        "organizer": _mission_ref(item.host, head) if item.host else None,
        "maximumAttendeeCapacity": item.participants,
        "about": _themes(item, head),
    }


def _mission(item: Item, head: Head) -> dict[str, Any]:
    assert isinstance(item, Mission)
    contacts = item.contacts or {}
    leader = item.leader or {}
    return {
        **_base("Organization", item, head),
        "description": head.text(item.summary),
        "foundingDate": item.founded.isoformat() if item.founded else None,
        "areaServed": {"@type": "Country", "name": country_name(item.code, head.lang)},
        "address": _address(item.city, item.code, head, contacts.get("address")),
        "email": contacts.get("email"),
        "telephone": contacts.get("phone"),
        "sameAs": contacts.get("website"),
        "employee": {
            "@type": "Person",
            "name": head.text(leader.get("name")),
            "jobTitle": head.text(leader.get("role")),
        }
        if leader
        else None,
    }


def _organization(item: Item, head: Head) -> dict[str, Any]:
    assert isinstance(item, Organization)
    return {
        **_base("Organization", item, head),
        "address": _address(item.city, item.country, head),
        "sameAs": item.website,
        "knowsAbout": _themes(item, head),
    }


def _project(item: Item, head: Head) -> dict[str, Any]:
    assert isinstance(item, Project)
    location = item.location or {}
    return {
        **_base("Project", item, head),
        "description": head.text(item.summary),
        "foundingDate": item.start.isoformat() if item.start else None,
        "dissolutionDate": item.end.isoformat() if item.end else None,
        "location": {
            "@type": "Place",
            "address": _address(location.get("city"), location.get("country"), head),
        },
        "funder": [{"@type": "Organization", "name": head.text(f["source"])} for f in item.funding],
        "image": [src for src, _ in _images(item, head)],
        "knowsAbout": _themes(item, head),
    }


def _route(item: Item, head: Head) -> dict[str, Any]:
    """A TouristTrip, not an Event: routes have no date, only a season."""
    assert isinstance(item, Route)
    return {
        **_base("TouristTrip", item, head),
        "touristType": [enum_label("audience", a, "routes", head.lang) for a in item.audience],
        "itinerary": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "item": {"@type": "Country", "name": country_name(code, head.lang)},
                }
                for n, code in enumerate(item.countries, 1)
            ],
        },
        "provider": [_organization_ref(slug, head) for slug in item.partners],
    }


def _article(item: Item, head: Head) -> dict[str, Any]:
    assert isinstance(item, News)
    publisher = {
        "@type": "Organization",
        "name": t("site.name", head.lang),
        "url": head.url(prefix(head.lang)),
    }
    return {
        **_base("Article", item, head),
        "headline": item.title.get(head.lang),
        "description": head.text(item.summary),
        "datePublished": item.date.isoformat(),
        "author": publisher,
        "publisher": publisher,
        "about": _themes(item, head),
    }


def _publication(item: Item, head: Head) -> dict[str, Any]:
    assert isinstance(item, Publication)
    return {
        **_base("CreativeWork", item, head),
        "author": [{"@type": "Person", "name": a.get(head.lang)} for a in item.authors],
        "datePublished": item.date.isoformat(),
        "sameAs": item.url,
        "encoding": {"@type": "MediaObject", "contentUrl": head.url(item.file)}
        if item.file and head.site_url
        else None,
        "about": _themes(item, head),
    }


JSON_LD: dict[str, Callable[[Item, Head], dict[str, Any]]] = {
    "forums": _event,
    "internships": _internship,
    "missions": _mission,
    "organizations": _organization,
    "projects": _project,
    "routes": _route,
    "news": _article,
    "publications": _publication,
}
"""schema.org type per collection; proposals and free pages have none that fits."""


def _address(
    city: LocalText | None, country: str | None, head: Head, street: LocalText | None = None
) -> dict[str, Any] | None:
    if not (city or country or street):
        return None
    return {
        "@type": "PostalAddress",
        "addressLocality": head.text(city),
        "addressCountry": country.upper() if country else None,
        "streetAddress": head.text(street),
    }


def _mission_ref(code: str, head: Head) -> dict[str, Any]:
    mission = head.content.missions.get(code)
    name = mission.label().get(head.lang) if mission else country_name(code, head.lang)
    url = head.url(item_url(mission, head.lang)) if mission else None
    return {"@type": "Organization", "name": name, "url": url}


def _organization_ref(slug: str, head: Head) -> dict[str, Any]:
    organization = head.content.items["organizations"].get(slug)
    if organization is None:
        return {"@type": "Organization", "name": slug}
    return {
        "@type": "Organization",
        "name": organization.label().get(head.lang),
        "url": head.url(item_url(organization, head.lang)),
    }


def _themes(item: Item, head: Head) -> list[str]:
    themes = head.content.themes
    return [
        themes[slug].label.get(head.lang) if slug in themes else slug
        for slug in getattr(item, "themes", None) or []
    ]


def _drop_empty(value: Any) -> Any:
    """Leave out what the content does not say, rather than publish nulls.

    Empty means None, `[]` or `{}`, after emptying; a dict left with no more than its
    `@type` is empty too. One pass per dict or list: every page with JSON-LD (9 in 10)
    comes through here, and a pass to clean then another to filter were a third of
    `head_meta`'s time (cProfile, 10,000 items).
    """
    if isinstance(value, dict):
        return _drop_in_dict(value)
    if isinstance(value, list):
        return _drop_in_list(value)
    return value


_GONE = object()
"""What `_pruned` returns for an item with nothing left in it."""


def _pruned(item: Any) -> Any:
    """`item` with its empty parts left out, or `_GONE` if it is empty itself."""
    if item is None:
        return _GONE
    if isinstance(item, dict):
        item = _drop_in_dict(item)
        return _GONE if item is None else item
    if isinstance(item, list):
        item = _drop_in_list(item)
        return item if item else _GONE
    return item


def _drop_in_dict(value: dict[str, Any]) -> dict[str, Any] | None:
    kept = {}
    for key, item in value.items():
        if (item := _pruned(item)) is not _GONE:
            kept[key] = item
    return None if kept.keys() <= {"@type"} else kept


def _drop_in_list(value: list[Any]) -> list[Any]:
    return [item for item in map(_pruned, value) if item is not _GONE]
