"""Languages and where each one's pages live: the one place that knows the prefixes.

The first language of `LANGUAGES` is the site's root (`/news/x/`); every other one
lives under its code (`/en/news/x/`). Code that needs a language's address or folder
asks here instead of comparing with "ru" or "en" (`tests/test_languages.py` sees to it).
"""

from __future__ import annotations

LANGUAGES = ("ru", "en")
"""The site's languages, the first at the root; every language loop goes over these."""

FIRST = LANGUAGES[0]
"""The first language: the site's root, the language every text is written in (`x.md`,
`ru:` in a bilingual field), and the one a page shows where a translation is missing."""

TRANSLATIONS = LANGUAGES[1:]
"""The languages a text may be translated into (`x.en.md`, `en:` in a bilingual field)."""


def is_translation(lang: str) -> bool:
    """Whether `lang` is a translation's language, whose pages may show the first
    language's text for want of a translation."""
    return lang in TRANSLATIONS


def other_language(lang: str) -> str:
    """The language a page's language switch leads to."""
    return next(code for code in LANGUAGES if code != lang)


def prefix(lang: str) -> str:
    """The language's folder in the site, with a trailing slash: "" for the first."""
    return "" if lang == FIRST else f"{lang}/"


def language_url(site_url: str, lang: str) -> str:
    """The base URL of one language's site, from the whole site's (or "" if unknown)."""
    if not site_url or lang == FIRST:
        return site_url
    return site_url.rstrip("/") + "/" + prefix(lang)


def site_root(language_url: str, lang: str) -> str:
    """The whole site's address from one language's."""
    if lang == FIRST or not language_url:
        return language_url
    return language_url.rstrip("/").removesuffix(f"/{lang}") + "/"


def site_path(lang: str, page_url: str) -> str:
    """A page's path in the whole site: MkDocs' `page.url` is relative to the language's
    own site (`news/x/`), which is `/en/news/x/` for English."""
    return "/" + prefix(lang) + page_url
