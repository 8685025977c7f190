"""JSON of every collection at `/api/<collection>.json`, listed by `/api/index.json`.

Other sites and scripts read these instead of scraping pages. Each item has its
`slug`, its pages' addresses (`page_url`: `{ru, en}`) and the fields it sets. Field
names are the content model's; values take one normal form whatever the editor wrote
(texts always `{ru, en}` with `en` left out where nobody translated, lists
always lists, dates and years as ISO strings), described by the schemas under
`/schemas/api/` (`schemas.api_schema`). JSON is the same for both languages,
so it lives once, outside `en/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.models import COLLECTIONS, Item
from generator.published import Links, item_urls, json_text, json_value
from generator.write import Writer

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs import SiteContext

API = "api/"
THEMES = "themes"
"""Not a collection, but every item's `themes` names its entries."""
PAGE_URL = "page_url"
"""The item's pages, `{ru, en}`. Not `url`: publications have a `url` field of their
own (the work's address, content-model.md), and field names are the contract's."""


def collection_url(name: str) -> str:
    return f"{API}{name}.json"


def write_api(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.STEPS`."""
    for name in COLLECTIONS:
        writer.text(collection_url(name), json_text(collection_document(name, context)))
    writer.text(collection_url(THEMES), json_text(themes_document(context)))
    writer.text(collection_url("index"), json_text(index_document(context)))


def collection_document(name: str, context: SiteContext) -> dict[str, Any]:
    links = Links(context.site_url, collection_url(name))
    items = sorted(context.content.items[name].values(), key=lambda i: i.slug)
    return {"collection": name, "count": len(items),
            "items": [item_json(item, links, context.languages) for item in items]}


def item_json(item: Item, links: Links, languages: tuple[str, ...]) -> dict[str, Any]:
    values = {name: json_value(value) for name, value in item.field_values().items()}
    return {"slug": item.slug, PAGE_URL: item_urls(item, links, languages), **values}


def themes_document(context: SiteContext) -> dict[str, Any]:
    themes = context.content.themes
    return {"themes": {slug: themes[slug].label.as_json() for slug in sorted(themes)}}


def index_document(context: SiteContext) -> dict[str, Any]:
    """What is published, with each file's schema, so a client can discover both."""
    links = Links(context.site_url, collection_url("index"))
    counts = context.content.counts()
    entries = [{"name": name, "count": counts[name], "url": links.href(collection_url(name)),
                "schema": links.href(f"schemas/api/{name}.schema.json")}
               for name in COLLECTIONS]
    return {"collections": entries,
            "themes": {"count": len(context.content.themes),
                       "url": links.href(collection_url(THEMES)),
                       "schema": links.href(f"schemas/api/{THEMES}.schema.json")}}
