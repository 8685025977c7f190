"""What every machine-readable output agrees on: addresses, identities, dates, values.

Feeds, JSON, the sitemap and the pages' structured data all name the same
items. Doing it in one place keeps them consistent: an item has one stable id
in every feed, one moment it "changed", one JSON form of each value, and its
links are absolute when the site's address is known, else relative to the file
that holds them (the only relative form a reader can resolve without knowing
where the site is published).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from generator import urls
from generator.content.history import History
from generator.content.models import Item
from generator.content.values import LocalText, Year
from generator.pages.present import item_url, rel_url

ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ngo-missions-site:items")
"""Namespace of the items' UUIDs. Never change it: calendars and feed readers
recognise an event or an entry they already have by this id, so a new namespace
would duplicate every forum in every subscriber's calendar."""

DATE_FIELDS = ("date", "start", "expires")
"""An item's "when", in order of preference (as `listings.sort_key` orders mixed lists)."""


def item_uuid(item: Item, *scope: str) -> uuid.UUID:
    """A UUID derived from the item's key only, so it survives a change of site address.

    `scope` separates entries that must differ, such as the Russian and the
    English entry of one news item.
    """
    return stable_uuid(*scope, item.key)


def stable_uuid(*parts: str) -> uuid.UUID:
    """A UUID for anything named by site-relative parts (a feed by its path)."""
    return uuid.uuid5(ID_NAMESPACE, "/".join(parts))


def item_when(item: Item) -> date | datetime | Year | None:
    """The item's own date: content carries no other timestamp (and file times lie)."""
    for name in DATE_FIELDS:
        value: date | datetime | Year | None = getattr(item, name, None)
        if value is not None:
            return value
    return None


PUBLISHED_ON = ("news", "publications")
"""Collections whose items declare their publication `date`: old news moved into the
repository keeps the day it was first published, whatever the commit's."""


@dataclass(frozen=True)
class Stamps:
    """When an item (in one language, or in all) first appeared and last changed."""

    published: datetime | None
    updated: datetime | None


def item_stamps(item: Item, history: History, today: date, lang: str | None = None) -> Stamps:
    """`published`: the declared publication date where the collection has one, else the
    file's first commit. `updated`: the last commit of the item's files (the English
    entry counts its `.en.md`; `lang=None` counts both), else the declared date.

    Never an event date (a forum's start, a proposal's expiry), and never after
    `today`: an item dated later is not published yet, and gets no stamps at all.
    """
    files = (item.source,) if lang == urls.FIRST else (item.source, item.source_en)
    commits = history.of(*files)
    declared = item_declared(item)
    published = declared or (commits.first if commits else None)
    updated = commits.last if commits else declared
    if published is not None and updated is not None and updated < published:
        updated = published  # written ahead of its publication date, then committed
    end_of_today = datetime.combine(today, time.max, UTC)
    if any(stamp is not None and stamp > end_of_today for stamp in (published, updated)):
        return Stamps(None, None)
    return Stamps(published, updated)


def item_declared(item: Item) -> datetime | None:
    """The publication date the item declares, if its collection has one."""
    value = getattr(item, "date", None) if item.collection in PUBLISHED_ON else None
    return moment(value) if value is not None else None


def moment(value: date | datetime | Year) -> datetime:
    """A value as a UTC instant: a day or a year means its first midnight, UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    day = value.first_day() if isinstance(value, Year) else value
    return datetime.combine(day, time(0), UTC)


def utc_stamp(value: date | datetime | Year) -> str:
    """RFC 3339 in UTC with `Z`, as Atom and sitemaps write instants."""
    return moment(value).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Links:
    """Hrefs from one published file: absolute with a site URL, else relative to the file."""

    site_url: str
    from_url: str
    """The file's own URL relative to the site root (`news/feed.xml`, `api/forums.json`)."""

    def href(self, to_url: str) -> str:
        if self.site_url:
            return absolute(self.site_url, to_url)
        return rel_url(self.from_url, to_url)


def absolute(site_url: str, to_url: str) -> str:
    """`https://example.org/` + `en/forums/` (site URLs never start with a slash)."""
    return site_url.rstrip("/") + "/" + to_url


site_root = urls.site_root
"""The whole site's address from one language's (`generator.urls`)."""


def json_value(value: Any) -> Any:
    """A field's value as JSON: texts as `{ru, en}`, dates ISO, years as `"2015"`."""
    if isinstance(value, LocalText):
        return value.as_json()
    if isinstance(value, date | datetime | Year):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def item_urls(item: Item, links: Links, languages: tuple[str, ...]) -> dict[str, str]:
    return {lang: links.href(item_url(item, lang)) for lang in languages}


def json_text(document: Any) -> str:
    """Stable bytes for a JSON file: key order as built, Cyrillic unescaped, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
