"""JSON of every collection at `/api/<collection>.json`, listed by `/api/index.json`.

Other sites and scripts read these instead of scraping pages. Each item has its
`slug`, its pages' addresses (`page_url`: `{ru, en}`), when its files last changed
(`updated`: the last commit of its `.md` and `.en.md`, or the news item's or
publication's own date where the history is unknown; left out when neither is known,
see `published.item_stamps`) and the fields it sets. Field
names are the content model's; values take one normal form whatever the editor wrote
(texts always `{ru, en}` with `en` left out where nobody translated, lists
always lists, dates and years as ISO strings), described by the schemas under
`/schemas/api/` (`schemas.api_schema`). JSON is the same for both languages,
so it lives once, outside `en/`.
"""

from __future__ import annotations

from datetime import date
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from generator.build.writer import Writer
from generator.content import addresses
from generator.content.models import COLLECTIONS, Item
from generator.content.values import LocalText, Year
from generator.outputs.published import (
    Links,
    item_stamps,
    item_urls,
    json_text,
    json_value,
    utc_stamp,
)

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

API = f"{addresses.API}/"
THEMES = "themes"
"""Not a collection, but every item's `themes` names its entries."""
PAGE_URL = "page_url"
"""The item's pages, `{ru, en}`. Not `url`: publications have a `url` field of their
own (the work's address, content-model.md), and field names are the contract's."""
UPDATED = "updated"
"""When the item's files last changed (RFC 3339, UTC); not a field of the content model."""


def collection_url(name: str) -> str:
    return f"{API}{name}.json"


def write_api(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`."""
    for name in COLLECTIONS:
        writer.text(collection_url(name), collection_text(name, context))
    writer.text(collection_url(THEMES), json_text(themes_document(context)))
    writer.text(collection_url("index"), json_text(index_document(context)))


def collection_document(name: str, context: SiteContext) -> dict[str, Any]:
    links = Links(context.site_url, collection_url(name))
    items = sorted(context.content.items[name].values(), key=lambda i: i.slug)
    return {
        "collection": name,
        "count": len(items),
        "items": [item_json(item, links, context) for item in items],
    }


def collection_text(name: str, context: SiteContext) -> str:
    """`json_text(collection_document(name, context))`, the same bytes, made faster.

    `json.dumps(indent=2)` falls back to the pure-Python encoder, and `json_value`
    first copies every item: ~0.4 CPU-s for the collections at 10,000 items. Here
    the fields' values are written straight from the items.
    """
    links = Links(context.site_url, collection_url(name))
    items = sorted(context.content.items[name].values(), key=lambda i: i.slug)
    document = {
        "collection": name,
        "count": len(items),
        "items": [{**item_head(item, links, context), **item.field_values()} for item in items],
    }
    return indented_json(document, "") + "\n"


def indented_json(value: Any, indent: str) -> str:
    """`json.dumps(json_value(value), ensure_ascii=False, indent=2)`, at `indent` depth.

    Strings go through the json module's own C escaping; the containers are laid
    out as `indent=2` lays them out (`{}`/`[]` when empty, `"key": value`).
    """
    if type(value) is str:  # the most frequent value, and a leaf: checked first
        return encode_basestring(value)
    if isinstance(value, dict | LocalText):
        pairs = value.as_json() if isinstance(value, LocalText) else value
        if not pairs:
            return "{}"
        inner = indent + "  "
        return (
            "{\n"
            + ",\n".join(
                f"{inner}{encode_basestring(key) if type(key) is str else _json_key(key)}: "
                f"{indented_json(item, inner)}"
                for key, item in pairs.items()
            )
            + f"\n{indent}}}"
        )
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = indent + "  "
        return (
            "[\n"
            + ",\n".join(inner + indented_json(item, inner) for item in value)
            + f"\n{indent}]"
        )
    if isinstance(value, str):  # a subclass of str (an enum's value)
        return encode_basestring(value)
    if isinstance(value, date | Year):  # a datetime is a date
        return encode_basestring(value.isoformat())
    return _json_scalar(value)


def _json_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _json_float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _json_float(value: float) -> str:
    """As `json` writes floats (NaN and the infinities are not JSON, but json writes them)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _json_key(key: Any) -> str:
    """A dict key as `json` writes it: strings as such, scalars as their JSON text."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_json_float(key))
    return encode_basestring(_json_scalar(key))


def item_json(item: Item, links: Links, context: SiteContext) -> dict[str, Any]:
    values = {name: json_value(value) for name, value in item.field_values().items()}
    return {**item_head(item, links, context), **values}


def item_head(item: Item, links: Links, context: SiteContext) -> dict[str, Any]:
    """What every item's JSON opens with, before its fields: slug, pages, last change."""
    head: dict[str, Any] = {"slug": item.slug, PAGE_URL: item_urls(item, links, context.languages)}
    updated = item_stamps(item, context.content.history, context.today).updated
    if updated is not None:
        head[UPDATED] = utc_stamp(updated)
    return head


def themes_document(context: SiteContext) -> dict[str, Any]:
    themes = context.content.themes
    return {"themes": {slug: themes[slug].label.as_json() for slug in sorted(themes)}}


def index_document(context: SiteContext) -> dict[str, Any]:
    """What is published, with each file's schema, so a client can discover both."""
    links = Links(context.site_url, collection_url("index"))
    counts = context.content.counts()
    entries = [
        {
            "name": name,
            "count": counts[name],
            "url": links.href(collection_url(name)),
            "schema": links.href(f"schemas/api/{name}.schema.json"),
        }
        for name in COLLECTIONS
    ]
    return {
        "collections": entries,
        "themes": {
            "count": len(context.content.themes),
            "url": links.href(collection_url(THEMES)),
            "schema": links.href(f"schemas/api/{THEMES}.schema.json"),
        },
    }
