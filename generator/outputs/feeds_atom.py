"""Atom (RFC 4287) feeds: the news, and everything new or changed, in each language.

`/news/feed.xml` and `/feed.xml` are Russian; `/en/news/feed.xml` and
`/en/feed.xml` carry the English texts, with Russian where no translation
exists (marked `xml:lang="ru"`, as the pages mark it).

"Changed" can only mean what the content says: each item's own date (`date`,
else `start`, else `expires`). File times differ between checkouts and would
make two builds of one commit disagree; items with no date (missions, routes,
organizations, pages) therefore stay out of the updates feed. An announced
forum or an open proposal carries a date in the future and sorts first, which
is what a reader of announcements wants.

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
from generator.content.load import Content
from generator.content.models import Item
from generator.content.values import LocalText
from generator.outputs.published import Links, item_uuid, item_when, moment, stable_uuid, utc_stamp
from generator.pages.labels import t
from generator.pages.present import item_url

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


def _dated(content: Content) -> Iterable[Item]:
    return (item for item in content.all_items() if item_when(item) is not None)


@dataclass(frozen=True)
class AtomFeed:
    path: str
    """Within one language's site: `news/feed.xml`."""
    title_key: str
    page: str
    """The HTML page the feed mirrors, for its `alternate` link."""
    select: Callable[[Content], Iterable[Item]]
    categorize: bool = False
    """Add each entry's collection as a category (the feed mixes collections)."""


FEEDS = (
    AtomFeed("news/feed.xml", "section.news", "news/", _news),
    AtomFeed("feed.xml", "feed.updates", "", _dated, categorize=True),
)


def feed_url(feed_path: str, lang: str) -> str:
    return ("en/" if lang == "en" else "") + feed_path


def write_atom_feeds(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.STEPS`."""
    # Every language lists the same entries: pick them once (of ~10,000 dated items).
    chosen = {feed.path: newest_items(feed, context.content) for feed in FEEDS}
    for lang in context.languages:
        for feed in FEEDS:
            writer.text(
                feed_url(feed.path, lang), render_feed(feed, lang, context, chosen[feed.path])
            )


def newest_items(feed: AtomFeed, content: Content) -> list[Item]:
    """The feed's `LIMIT` newest items, newest first (as sorting them all would give)."""
    return heapq.nlargest(LIMIT, feed.select(content), key=_newest)


def render_feed(
    feed: AtomFeed, lang: str, context: SiteContext, items: list[Item] | None = None
) -> str:
    """The feed's XML; `items` are its `newest_items`, chosen here when not given."""
    url = feed_url(feed.path, lang)
    links = Links(context.site_url, url)
    if items is None:
        items = newest_items(feed, context.content)
    updated = max((_newest(i)[0] for i in items), default=moment(context.today))
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _add(root, "id", f"urn:uuid:{stable_uuid('feed', url)}")
    _add(root, "title", f"{t(feed.title_key, lang)} · {t('site.name', lang)}")
    _add(root, "subtitle", t("site.description", lang))
    _add(root, "updated", utc_stamp(updated))
    _link(root, "self", "application/atom+xml", links.href(url))
    _link(root, "alternate", "text/html", links.href(feed_url(feed.page, lang)))
    _add(_add(root, "author"), "name", t("site.name", lang))
    for item in items:
        _entry(root, item, lang, links, context, feed.categorize)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _entry(
    root: ET.Element, item: Item, lang: str, links: Links, context: SiteContext, categorize: bool
) -> None:
    entry = _add(root, "entry")
    _add(entry, "id", f"urn:uuid:{item_uuid(item, lang)}")
    _text(entry, "title", item.label(), lang)
    _add(entry, "updated", utc_stamp(_newest(item)[0]))
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


def _newest(item: Item) -> tuple[datetime, str]:
    when = item_when(item)
    assert when is not None  # every feed selects dated items only
    return moment(when), item.key


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, name, attrs)
    element.text = text
    return element


def _text(parent: ET.Element, name: str, value: LocalText, lang: str) -> None:
    element = _add(parent, name, value.get(lang), type="text")
    if value.is_fallback(lang):
        element.set(XML_LANG, "ru")


def _link(parent: ET.Element, rel: str, media_type: str, href: str) -> None:
    _add(parent, "link", rel=rel, type=media_type, href=href)
