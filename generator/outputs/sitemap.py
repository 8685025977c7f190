"""`/sitemap.xml`: every page of both languages, each with its `hreflang` alternates.

MkDocs writes a sitemap per language build (`sitemap.xml` and `.gz` at the root
and again under `en/`), each unaware of the other language, and without a
`site_url` full of `None` addresses. This step replaces them with one sitemap
for the whole site. A sitemap must list absolute URLs, so without a site URL
(`--site-url`, or `site_url` in mkdocs.yml) there is none: MkDocs' files are
removed and nothing is written.

Pages are taken from the built site itself (every `index.html`), so the
sitemap lists exactly what was published, home, sections and archives included.
An item's page carries `lastmod`: the last commit of its file (the English page counts
its `.en.md`), from `published.item_stamps`; pages that no single file makes, and any
page when the history is unknown, carry none rather than a guess.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.writer import Writer
from generator.content.models import Item
from generator.outputs.published import absolute, item_stamps, utc_stamp
from generator.pages.present import item_url
from generator.urls import prefix

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
FILE_NAME = "sitemap.xml"
MKDOCS_FILES = ("sitemap.xml", "sitemap.xml.gz")
PAGE = "index.html"

HEAD = (
    f"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"{SITEMAP}\" xmlns:xhtml=\"{XHTML}\""
)
"""The XML declaration and root as ElementTree wrote them, kept byte for byte."""

ESCAPES_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
ESCAPES_ATTRIBUTE = (
    *ESCAPES_TEXT,
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)
"""XML escapes of element text and of attribute values, as ElementTree makes them."""


def write_sitemap(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`."""
    _remove_mkdocs_sitemaps(context)
    if context.site_url:
        writer.text(FILE_NAME, render_sitemap(context))


def render_sitemap(context: SiteContext) -> str:
    """The sitemap's text, written directly (it was an ElementTree of ~100,000 elements
    at 10,000 items: ~1.1 CPU-s with the walk, for a file this regular)."""
    languages = context.languages
    published = site_pages(context.site)
    changed = _last_changes(context)
    entries = []
    for page in _first_language_pages(published, languages):
        versions = {lang: prefix(lang) + page for lang in languages}
        versions = {lang: url for lang, url in versions.items() if url in published}
        alternates = (
            _alternates(versions, languages[0], context.site_url) if len(versions) > 1 else ""
        )
        for url in versions.values():
            loc = _escape(absolute(context.site_url, url), ESCAPES_TEXT)
            lastmod = f"    <lastmod>{changed[url]}</lastmod>\n" if url in changed else ""
            entries.append(f"  <url>\n    <loc>{loc}</loc>\n{lastmod}{alternates}  </url>\n")
    if not entries:
        return HEAD + " />\n"
    return "".join((HEAD, ">\n", *entries, "</urlset>\n"))


def _last_changes(context: SiteContext) -> dict[str, str]:
    """Each item page's `lastmod`, by its URL in each language."""
    found: dict[str, str] = {}
    items: list[Item] = context.content.all_items()
    for lang in context.languages:
        for item in items:
            updated = item_stamps(item, context.content.history, context.today, lang).updated
            if updated is not None:
                found[item_url(item, lang)] = utc_stamp(updated)
    return found


def _alternates(versions: dict[str, str], default: str, site_url: str) -> str:
    """Each language's version, and `x-default`: the site's first language (Russian).

    The same lines for every version of the page, so they are made once per page.
    """
    hreflangs = [*versions.items()]
    if default in versions:
        hreflangs.append(("x-default", versions[default]))
    return "".join(
        f'    <xhtml:link rel="alternate" hreflang="{_escape(hreflang, ESCAPES_ATTRIBUTE)}" '
        f'href="{_escape(absolute(site_url, url), ESCAPES_ATTRIBUTE)}" />\n'
        for hreflang, url in hreflangs
    )


def _escape(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, entity in escapes:
        if char in text:
            text = text.replace(char, entity)
    return text


def site_pages(site: Path) -> set[str]:
    """Every folder of the built site holding an `index.html`, as a URL (`""`, `en/news/`).

    One walk with `os.scandir`, which knows files from folders without a `stat` each:
    the site has ~20,000 pages at 10,000 items.
    """
    found: set[str] = set()
    pending = [("", str(site))]
    while pending:
        url, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    pending.append((f"{url}{entry.name}/", entry.path))
                elif entry.name == PAGE and entry.is_file():
                    found.add(url)
    return found


def _first_language_pages(published: set[str], languages: tuple[str, ...]) -> list[str]:
    """Pages of the first language's site, as URLs without the language prefix.

    Every language has the same pages (one generator writes them all); a page
    missing in one language is listed without alternates.
    """
    others = set(languages[1:])
    return sorted(url for url in published if url.split("/", 1)[0] not in others)


def _remove_mkdocs_sitemaps(context: SiteContext) -> None:
    """Each language build left its own; one for the whole site replaces them."""
    for folder in map(prefix, context.languages):
        for name in MKDOCS_FILES:
            (context.site / folder / name).unlink(missing_ok=True)
