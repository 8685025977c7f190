"""The words of the search index, one small JSON list per language, for suggestions.

Pagefind finds nothing for a misspelt word ("Гагрин"), and its index cannot be read
back word by word in the browser. So the build writes the words readers can find, from
the same text the item pages show and Pagefind indexes (titles, text fields, bodies,
country and theme names), most frequent first, and the search scripts offer the nearest
of them when a query finds nothing (theme/assets/javascripts/search.js). The editor's
guide and other pages for editors (`visibility: editors`) are left out, as they are left
out of the index.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from generator.build.writer import Writer
from generator.content.addresses import PAGEFIND_WORDS
from generator.content.load import Content
from generator.content.models import Item, Page
from generator.content.values import LocalText
from generator.pages.facets import FACET_VALUES
from generator.urls import is_translation

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

FOLDER = PAGEFIND_WORDS
"""Beside the `pagefind/` bundle, which Pagefind's own writes and reuse manage; the name
is reserved in `content.addresses`, so no page can take it."""

MAX_WORDS = 20_000
"""Enough for every word of the benchmark's 10,000 items' titles, few enough to load in
a moment on a phone (about 200 KB); the rarest words go first."""

MIN_LENGTH = 4
"""Shorter words are rarely misspelt, and nearly every short query is near one of them."""

_WORD = re.compile(rf"[^\W\d_]{{{MIN_LENGTH},}}")
"""A word of at least `MIN_LENGTH` letters: a run of letters is matched whole or not at all."""
_NOT_TEXT = re.compile(r"https?://[^\s\0]+|<[^>\0]*>|`[^`\0]*`|\]\([^)\0]*\)")
"""Addresses, tags, code and link targets of a Markdown body: not words a reader sees.
None reaches past a NUL, which joins the texts (`words`)."""
_JOIN = "\0"
"""Between two texts: checked content never holds it (`content.characters.XML_FORBIDDEN`)."""


_FACETS_READ = ("country", "theme")
"""The facets whose names are words on the page (the others are dates, kinds, statuses)."""


def words_url(lang: str) -> str:
    return f"{FOLDER}/{lang}.json"


def write_words(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`: `pagefind-words/<lang>.json` for each language."""
    for lang in context.languages:
        listed = vocabulary(context.content, lang, context.today)
        writer.data(words_url(lang), json.dumps(listed, ensure_ascii=False).encode("utf-8"))


def vocabulary(content: Content, lang: str, today: Any) -> list[str]:
    """The words of `lang`'s indexed pages, each in its most frequent spelling, the most
    frequent words first (ties in alphabetical order).

    Spellings are counted as found (`Counter` counts a list in C), then folded into
    words: at 10,000 items, counting each word into two counters took seconds."""
    found = Counter(words(_texts(content, lang, today)))
    counts: Counter[str] = Counter()
    spellings: dict[str, dict[str, int]] = {}
    for word, count in found.items():
        key = word.casefold()
        counts[key] += count
        spellings.setdefault(key, {})[word] = count
    ranked = sorted(counts, key=lambda key: (-counts[key], key))[:MAX_WORDS]
    return [_most_common(spellings[key]) for key in ranked]


def words(texts: Iterable[str]) -> list[str]:
    """The words of `texts`, in order, leaving out what `_NOT_TEXT` matches in each.

    The texts are joined and read in one pass: at 10,000 items (about 190,000 texts) the
    two regex calls per text cost more than the reading (docs/performance.md)."""
    return _WORD.findall(_NOT_TEXT.sub(" ", _JOIN.join(texts)))


def _most_common(spellings: dict[str, int]) -> str:
    best = max(spellings.values())
    return min(word for word, count in spellings.items() if count == best)


def _texts(content: Content, lang: str, today: Any) -> Iterator[str]:
    """The text of every indexed item page in `lang`."""
    items: list[Item] = list(content.missions.values())
    for name, collection in content.items.items():
        if name != "missions":
            items.extend(collection.values())
    for item in items:
        if isinstance(item, Page) and item.for_editors:
            continue
        for name in item.fields():
            yield from _field_texts(getattr(item, name, None), lang)
        for name in _FACETS_READ:
            yield from FACET_VALUES[name](item, content, lang, today)
        yield _body(item, lang)


def _field_texts(value: Any, lang: str) -> Iterator[str]:
    if isinstance(value, LocalText):
        yield value.get(lang)
    elif isinstance(value, dict):
        for part in value.values():
            yield from _field_texts(part, lang)
    elif isinstance(value, list):
        for part in value:
            yield from _field_texts(part, lang)


def _body(item: Item, lang: str) -> str:
    """The body the page shows in `lang`; an English page's Russian body for want of a
    translation is not in the English index (search/index.py FALLBACK_BODY)."""
    return (item.body_en if is_translation(lang) else item.body) or ""
