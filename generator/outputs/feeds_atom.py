"""Atom (RFC 4287) feeds: the news, and everything new or changed, in each language.

`/news/feed.xml` and `/feed.xml` are Russian; `/en/news/feed.xml` and
`/en/feed.xml` carry the English texts, with Russian where no translation
exists (marked `xml:lang="ru"`, as the pages mark it).

"What's new" is what changed, as RFC 4287 means it: an entry's `updated` is the last
commit of its file (the English entry counts its `.en.md` too) and its `published` the
news item's or publication's own date, else the file's first commit
(`published.item_stamps`, from `content.history`). `/feed.xml` holds the `LIMIT` items
changed last, of every collection; `/news/feed.xml` the `LIMIT` news items published last.
An event's dates (a forum's start, a proposal's expiry) are never an entry's dates, so an
expired proposal is not news unless its file changed. Without the history (no git, or a
shallow clone) only the dates content declares remain: news and publications, and an
item with none is left out (Atom requires `updated`). Nothing dated after the build's
"today" is listed.

Entry ids are `urn:uuid:` derived from the item (per language), never from the
site's address, so moving the site does not make every entry new again.
"""

from __future__ import annotations

import heapq
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from generator.build.writer import Writer
from generator.content.characters import xml_safe
from generator.content.load import Content
from generator.content.models import Item
from generator.content.values import LocalText
from generator.outputs.published import (
    Links,
    Stamps,
    item_stamps,
    item_uuid,
    moment,
    stable_uuid,
    utc_stamp,
)
from generator.pages.labels import t
from generator.pages.present import item_url
from generator.urls import prefix

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "xml:lang"
# Elements are built with plain names and the namespace declared on the root by hand:
# ElementTree's `default_namespace` refuses un-prefixed attributes such as `href`.

LIMIT = 50
"""Entries per feed: readers poll the whole file, and keep what they have seen."""

SUMMARY_FIELDS = ("summary", "looking_for")
"""The first of these an item has is its entry's summary."""


def _news(content: Content) -> Iterable[Item]:
    return content.items["news"].values()


def _everything(content: Content) -> Iterable[Item]:
    return content.all_items()


@dataclass(frozen=True)
class AtomFeed:
    path: str
    """Within one language's site: `news/feed.xml`."""
    title_key: str
    page: str
    """The HTML page the feed mirrors, for its `alternate` link."""
    select: Callable[[Content], Iterable[Item]]
    order_by: str
    """The `Stamps` field entries are ordered by, newest first."""
    categorize: bool = False
    """Add each entry's collection as a category (the feed mixes collections)."""


FEEDS = (
    AtomFeed("news/feed.xml", "section.news", "news/", _news, "published"),
    AtomFeed("feed.xml", "feed.updates", "", _everything, "updated", categorize=True),
)


def feed_url(feed_path: str, lang: str) -> str:
    return prefix(lang) + feed_path


def write_atom_feeds(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`."""
    for lang in context.languages:
        for feed in FEEDS:
            writer.text(feed_url(feed.path, lang), render_feed(feed, lang, context))


def newest_items(feed: AtomFeed, lang: str, context: SiteContext) -> list[Entry]:
    """The feed's `LIMIT` newest entries, newest first (as sorting them all would give)."""
    history, today = context.content.history, context.today
    entries = (
        Entry(item, item_stamps(item, history, today, lang))
        for item in feed.select(context.content)
    )
    dated = (entry for entry in entries if entry.stamps.updated is not None)
    return heapq.nlargest(LIMIT, dated, key=lambda entry: entry.order(feed.order_by))


@dataclass(frozen=True)
class Entry:
    item: Item
    stamps: Stamps

    def order(self, by: str) -> tuple[datetime, str]:
        when = getattr(self.stamps, by) or self.stamps.updated
        assert when is not None  # feeds list entries with an `updated` only
        return when, self.item.key


def render_feed(feed: AtomFeed, lang: str, context: SiteContext) -> str:
    """The feed's XML, in `lang`."""
    url = feed_url(feed.path, lang)
    links = Links(context.site_url, url)
    entries = newest_items(feed, lang, context)
    updated = max(
        (e.stamps.updated for e in entries if e.stamps.updated is not None),
        default=_last_change(context),
    )
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _add(root, "id", f"urn:uuid:{stable_uuid('feed', url)}")
    _add(root, "title", f"{t(feed.title_key, lang)} · {t('site.name', lang)}")
    _add(root, "subtitle", t("site.description", lang))
    _add(root, "updated", utc_stamp(updated))
    _link(root, "self", "application/atom+xml", links.href(url))
    _link(root, "alternate", "text/html", links.href(feed_url(feed.page, lang)))
    _add(_add(root, "author"), "name", t("site.name", lang))
    for entry in entries:
        _entry(root, entry, lang, links, context, feed.categorize)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _last_change(context: SiteContext) -> datetime:
    """A feed with no entry changed when the content last did, else "today"."""
    head = context.content.history.head
    today = moment(context.today)
    return head if head is not None and head <= today else today


def _entry(
    root: ET.Element, dated: Entry, lang: str, links: Links, context: SiteContext, categorize: bool
) -> None:
    item, stamps = dated.item, dated.stamps
    entry = _add(root, "entry")
    _add(entry, "id", f"urn:uuid:{item_uuid(item, lang)}")
    _text(entry, "title", item.label(), lang)
    if stamps.published is not None:
        _add(entry, "published", utc_stamp(stamps.published))
    assert stamps.updated is not None  # `newest_items` keeps dated entries only
    _add(entry, "updated", utc_stamp(stamps.updated))
    _link(entry, "alternate", "text/html", links.href(item_url(item, lang)))
    summary = next(
        (getattr(item, name) for name in SUMMARY_FIELDS if getattr(item, name, None)), None
    )
    if summary is not None:
        _text(entry, "summary", summary, lang)
    if categorize:
        _add(entry, "category", term=item.collection, label=t(f"section.{item.collection}", lang))
    themes = context.content.themes
    for slug in getattr(item, "themes", None) or []:
        label = themes[slug].label.get(lang) if slug in themes else slug
        _add(entry, "category", term=slug, label=label)


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    # Whatever reached the model, the feed stays well-formed XML (issue #20).
    element = ET.SubElement(parent, name, {k: xml_safe(v) for k, v in attrs.items()})
    element.text = None if text is None else xml_safe(text)
    return element


def _text(parent: ET.Element, name: str, value: LocalText, lang: str) -> None:
    element = _add(parent, name, value.get(lang), type="text")
    if value.is_fallback(lang):
        element.set(XML_LANG, "ru")


def _link(parent: ET.Element, rel: str, media_type: str, href: str) -> None:
    _add(parent, "link", rel=rel, type=media_type, href=href)
