"""Stage 4: files made after MkDocs rendered the pages (feeds, JSON, search index).

They are registered in `STEPS`, run in order by both the CLI build and the
MkDocs plugin, so `mkdocs build` and `generator build` publish the same files.
Each step gets the checked content and the finished site folder; all files go
through one `Writer` for that folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.build.writer import Writer
from generator.content.load import Content
from generator.content.messages import default_lang, render_message
from generator.contrib import forms
from generator.outputs import api_json, feeds_atom, feeds_ics, schemas, search_words, sitemap
from generator.search.index import complete_bundle
from generator.urls import LANGUAGES


@dataclass
class SiteContext:
    content: Content
    site: Path
    """The built site: Russian at its root, English under `en/`."""
    today: date
    site_url: str = ""
    """Absolute base URL (`https://example.org/`) if configured, else ""."""
    languages: tuple[str, ...] = LANGUAGES
    edit_base: str = ""
    """Where "edit this page" links go; the web form's forge is read from it."""


Step = Callable[[SiteContext, Writer], None]

STEPS: list[Step] = [
    feeds_ics.write_calendars,  # /forums.ics, /missions/<code>/forums.ics, and under en/
    feeds_atom.write_atom_feeds,  # /feed.xml, /news/feed.xml, and under en/
    api_json.write_api,  # /api/<collection>.json, /api/index.json
    schemas.publish_schemas,  # /schemas/*.schema.json, as committed in schemas/
    search_words.write_words,  # /pagefind-words/<lang>.json: suggestions for misspellings
    forms.write_forms,  # /submit/forms.json, what the web form offers and checks
]
"""The outputs made from the content alone, in the order they run. Their modules import
`SiteContext` for type hints only, so this table can import them without a cycle."""

SITE_STEPS: list[Step] = [
    sitemap.write_sitemap,  # /sitemap.xml with hreflang, replacing MkDocs' own
]
"""The outputs that read the built site: they run once every page is in place."""


def write_outputs(context: SiteContext) -> None:
    write_content_outputs(context)
    write_site_outputs(context)


def write_content_outputs(context: SiteContext) -> None:
    """Feeds, calendars, JSON, schemas: the CLI writes them while the search index is
    still being written (build.py), the plugin after its last language."""
    if context.content.history.state == "shallow":
        logging.getLogger("generator.history").warning(
            render_message("history_shallow", {}, default_lang())
        )
    writer = Writer(context.site, overwrite=True)
    for step in STEPS:
        step(context, writer)


def write_site_outputs(context: SiteContext) -> None:
    writer = Writer(context.site, overwrite=True)
    for step in SITE_STEPS:
        step(context, writer)
    # Not in the steps: each language's search files are written already
    # (`search_index.SearchService`); this joins them into one bundle.
    complete_bundle(context.site, context.languages)
