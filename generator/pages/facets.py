"""Facets: the values readers filter by, for Pagefind and the section listings.

One table says which facet comes from which field; the same values feed the
search index (via hidden `data-pagefind-filter` elements on item pages) and the
listing filters (via `data-facets` on each row), so both agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from generator.content.countries import country_name
from generator.content.load import Content
from generator.content.models import Forum, Item, Proposal
from generator.content.values import first_day, last_day
from generator.pages.labels import enum_label, t
from generator.pages.listings import forum_status, is_expired, mission_codes

FACETS = ("collection", "country", "theme", "year", "status")
"""Facet names, in the order filters are shown."""


def _collection(item: Item, content: Content, lang: str, today: date) -> list[str]:
    return [t(f"section.{item.collection}", lang)]


def _country(item: Item, content: Content, lang: str, today: date) -> list[str]:
    codes = set(mission_codes(item))
    country = getattr(item, "country", None)
    if country:
        codes.add(country)
    return sorted(country_name(code, lang) for code in codes)


def _theme(item: Item, content: Content, lang: str, today: date) -> list[str]:
    return sorted(
        content.themes[s].label.get(lang)
        for s in getattr(item, "themes", None) or []
        if s in content.themes
    )


def _year(item: Item, content: Content, lang: str, today: date) -> list[str]:
    """Every year an item spans: a 2015–2018 project is found under 2016 too."""
    start = getattr(item, "start", None) or getattr(item, "date", None)
    if start is None:
        return []
    end = getattr(item, "end", None) or start
    return [str(y) for y in range(first_day(start).year, last_day(end).year + 1)][:50]


def _status(item: Item, content: Content, lang: str, today: date) -> list[str]:
    value: str | None
    if isinstance(item, Forum):
        value = forum_status(item, today)
    elif isinstance(item, Proposal):
        value = "expired" if is_expired(item, today) else "open"
    else:
        value = getattr(item, "status", None)
    return [enum_label("status", value, item.collection, lang)] if value else []


FACET_VALUES: dict[str, Callable[[Item, Content, str, date], list[str]]] = {
    "collection": _collection,
    "country": _country,
    "theme": _theme,
    "year": _year,
    "status": _status,
}


def facets(item: Item, content: Content, lang: str, today: date) -> dict[str, list[str]]:
    """Non-empty facet values of one item, in one language."""
    values = {name: FACET_VALUES[name](item, content, lang, today) for name in FACETS}
    return {name: found for name, found in values.items() if found}
