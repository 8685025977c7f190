"""Value types that content fields turn into: text in two languages, years, dates."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from generator.urls import FIRST, is_translation


@dataclass(frozen=True)
class LocalText:
    """Text for readers: Russian always, English when someone wrote it.

    `get("en")` falls back to Russian; `is_fallback("en")` tells a page that it
    must mark the text as shown in the original language.
    """

    ru: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return self.en if is_translation(lang) and self.en else self.ru

    def is_fallback(self, lang: str) -> bool:
        return is_translation(lang) and not self.en

    def lang_of(self, lang: str) -> str:
        """The language the text returned by `get(lang)` is actually in."""
        return FIRST if self.is_fallback(lang) else lang

    def as_json(self) -> dict[str, str]:
        return {"ru": self.ru, "en": self.en} if self.en else {"ru": self.ru}


@dataclass(frozen=True, order=True)
class Year:
    """A partial date, where a field says "year or date": a year alone (`start: 2015`)
    or a year and month (`start: 2015-06`). History is often known no better, and a
    made-up day would be a claim the sources do not make."""

    year: int
    month: int = 0
    """1-12, or 0 when only the year is known."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, 1)

    def last_day(self) -> date:
        if not self.month:
            return date(self.year, 12, 31)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


When = date | datetime | Year


def first_day(value: When) -> date:
    """The earliest calendar day a value may mean, for ordering and comparisons."""
    if isinstance(value, Year):
        return value.first_day()
    if isinstance(value, datetime):
        return value.date()
    return value


def last_day(value: When) -> date:
    """The latest calendar day a value may mean: `end: 2018` lasts to 31 December."""
    if isinstance(value, Year):
        return value.last_day()
    if isinstance(value, datetime):
        return value.date()
    return value


def year_of(value: When) -> int:
    return value.year
