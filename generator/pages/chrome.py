"""What every page of a language shows around its content: the footer and the way on.

The theme's footer (`theme/partials/footer.html`) and the 404 page (`theme/404.html`)
print these lists and compute nothing: which free pages exist, which feeds the build
writes and what they are called are decided here, where a test can read them. URLs are
relative to the language's own site root (`about/`, which is `/en/about/` in English):
the templates' `url` filter makes them relative to the page.
"""

from __future__ import annotations

from generator.content.load import Content
from generator.outputs.feeds_atom import FEEDS
from generator.outputs.feeds_ics import FILE_NAME as CALENDAR_FILE
from generator.pages.generate import SECTIONS
from generator.pages.labels import t

FOOTER_PAGES = (
    ("about", "footer.about"),
    ("programme", "footer.programme"),
    ("contributing", "footer.contributing"),
)
"""Free pages the footer links when the repository has them, by slug, with their label.
The editor's guide (`contributing`) is reached from here, not from the navigation."""

Link = dict[str, str]


def footer(content: Content, lang: str) -> dict[str, object]:
    """The union's name, its pages, and the feeds and calendar of this language."""
    pages = content.items["pages"]
    feeds = [{"title": f"{t(feed.title_key, lang)} (Atom)", "url": feed.path} for feed in FEEDS]
    feeds.append({"title": t("feed.calendar", lang), "url": CALENDAR_FILE})
    return {
        "union": t("site.union", lang),
        "label": t("footer.label", lang),
        "pages_title": t("footer.pages", lang),
        "pages": [
            {"title": t(key, lang), "url": f"{slug}/"}
            for slug, key in FOOTER_PAGES
            if slug in pages
        ],
        "feeds_title": t("footer.feeds", lang),
        "feeds": feeds,
    }


def not_found(lang: str) -> dict[str, object]:
    """The 404 page's words and the sections it offers instead."""
    return {
        "title": t("notfound.title", lang),
        "text": t("notfound.text", lang),
        "search": t("notfound.search", lang),
        "go": t("notfound.go", lang),
        "sections_title": t("notfound.sections", lang),
        "sections": [{"title": t("section.home", lang), "url": ""}]
        + [{"title": t(f"section.{name}", lang), "url": f"{name}/"} for name in SECTIONS],
    }
