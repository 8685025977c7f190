"""The site's own addresses: one table of what the build writes at fixed places.

A free page `pages/forums.md` is published at `/forums/`, where the forums' listing is
too; the last one written wins, or the build stops with a traceback (`search.md
generated twice`, `Directory not empty` for `en`). So `check` lays every item's page on
the address map next to the addresses the build keeps for itself, and reports each
collision with both sides named. The code that makes those addresses takes their names
from this table (pages in `generate`, folders in the outputs, the search index and the
pictures), and a test compares the table with the top level of a built site: a new
folder the build writes and this table lacks fails that test, not an editor's build.
"""

from __future__ import annotations

from generator.content.models import COLLECTIONS, Intro, Item

HOME_PAGE = "index.md"
SEARCH_PAGE = "search.md"
SUBMIT_PAGE = "submit.md"
"""The web form for member organizations; its data is `submit/forms.json`."""
ARCHIVE_PAGE = "proposals/archive.md"
SECTION_PAGE = "index"
"""Each section's listing is `<section>/index.md`: no item of a section may be `index`."""

LANGUAGE_ROOTS = ("en",)
"""Languages after the first live under `/<lang>/`."""
ASSETS = "assets"
"""Material's scripts and styles, the theme's, and the missions' locator maps."""
MEDIA = "media"
"""`content/media/` as published, with its resized copies."""
API = "api"
SCHEMAS = "schemas"
PAGEFIND = "pagefind"
PAGEFIND_PARTS = "pagefind-parts"
"""A later language's search files until they join the one bundle."""
PAGEFIND_WORDS = "pagefind-words"
"""The search's vocabulary per language, for suggestions on a misspelled word."""
NOT_FOUND = "404"
"""MkDocs writes the theme's `404.html`; a page `404.md` would take its place."""

FIXED_PAGES = (HOME_PAGE, SEARCH_PAGE, SUBMIT_PAGE, ARCHIVE_PAGE)
"""Generated pages that are no item's; sections add `<collection>/index.md`."""

SITE_FOLDERS: dict[str, str] = {
    **{root: "language_root" for root in LANGUAGE_ROOTS},
    ASSETS: "assets",
    MEDIA: "media",
    API: "api",
    SCHEMAS: "schemas",
    PAGEFIND: "pagefind",
    PAGEFIND_PARTS: "pagefind",
    PAGEFIND_WORDS: "pagefind",
    NOT_FOUND: "not_found",
}
"""Top-level folders (and `404`) the build writes, by the message key naming them."""

SECTIONS = tuple(name for name in COLLECTIONS if name != "pages")


def reserved() -> dict[str, tuple[str, str]]:
    """Docs paths the build keeps for itself -> (what is there, the source it comes from)."""
    table: dict[str, tuple[str, str]] = {
        HOME_PAGE: ("home", "content/"),
        SEARCH_PAGE: ("search", ""),
        SUBMIT_PAGE: ("submit", ""),
        ARCHIVE_PAGE: ("archive", "content/proposals/"),
    }
    for name in SECTIONS:
        folder = COLLECTIONS[name].folder
        table[f"{name}/{SECTION_PAGE}.md"] = ("section", folder + "/")
    for name, what in SITE_FOLDERS.items():
        table[f"{name}.md"] = (what, "")
    return table


def reserved_names(collection: str) -> list[str]:
    """The file names (without extension) an item of `collection` may not have."""
    taken = {address(path) for path in reserved()}
    names = {part for path in reserved() for part in path.removesuffix(".md").split("/")}
    return sorted(n for n in names if address(docs_path(collection, n)) in taken)


def docs_path(collection: str, slug: str) -> str:
    """The generated page of an item, relative to a language's docs tree (`generate`)."""
    return f"{slug}.md" if collection == "pages" else f"{collection}/{slug}.md"


def page_path(item: Item) -> str:
    if isinstance(item, Intro):  # `_index.md`: the section's own page, introduced
        return item.docs_path()
    return docs_path(item.collection, item.slug)


def address(path: str) -> str:
    """The address a docs path is published at: `news/index.md` -> `/news/`."""
    stem = path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return "/" + stem
