"""Values as readers see them: dates in each language's format, names, links.

Everything that reaches HTML is escaped here or by Jinja's autoescape; the
functions return `Markup` only for HTML they built themselves from escaped
parts. Links are relative (the site may live under any path, and the English
site is built separately under `en/`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from generator.content.countries import country_name, language_name
from generator.content.fields import (
    Count,
    Date,
    DateOrDateTime,
    Email,
    EmailOrUrl,
    Enum,
    Field,
    ListOf,
    Plain,
    Ref,
    Struct,
    Text,
    Url,
    YearOrDate,
)
from generator.content.load import Content
from generator.content.models import Item
from generator.content.values import LocalText, Year
from generator.pages.labels import enum_label, t
from generator.urls import is_translation


def rel_url(from_url: str, to_url: str) -> str:
    """A relative link between two site URLs (`projects/x/` -> `missions/dk/`)."""
    if _ODD_URL.search(from_url) or _ODD_URL.search(to_url):
        base = "/" + from_url
        target = "/" + to_url
        rel = posixpath.relpath(target, base if base.endswith("/") else posixpath.dirname(base))
        if (to_url == "" or to_url.endswith("/")) and not rel.endswith("/"):
            rel += "/"
        return "./" if rel in (".", "./") else rel
    return _rel_from(from_url.split("/")[:-1], to_url)


def _rel_from(base_parts: list[str], to_url: str) -> str:
    """`rel_url` from a normal site URL split into its folders (`a/b/` and `a/b/c.xml`:
    a, b) to a normal one. Site URLs are already normal paths, which `posixpath.relpath`
    would normalise again at every call: a tenth of generating 10,000 items' pages."""
    target_parts = [part for part in to_url.split("/") if part]
    common = 0
    for mine, theirs in zip(base_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."
    if (to_url == "" or to_url.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


# What a normal site URL never has: a leading or doubled slash, "." or ".." segments.
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NOT_DIALLED = re.compile(r"[^\d+]")
"""What a `tel:` link leaves out of a number as written (spaces, dashes, brackets)."""
_ODD_URL = re.compile(r"^/|//|(^|/)\.{1,2}(/|$)")


def item_url(item: Item, lang: str) -> str:
    """`item.url(lang)`, looked up on the class: on a publication, the instance's `url`
    field (the work's own address, content-model.md) hides the `Item.url` method."""
    return _url_method(type(item))(item, lang)  # type: ignore[arg-type]  # classes hash


@cache
def _url_method(klass: type) -> Callable[[Any, str], str]:
    """The class's `url` method, found once per class instead of once per link."""
    for base in klass.__mro__:
        method: Callable[[Any, str], str] | None = vars(base).get("url")
        if callable(method):
            return method
    raise AttributeError(f"{klass.__name__} has no url method")


def format_when(value: date | datetime | Year, lang: str) -> str:
    if isinstance(value, Year):
        return month_name(value, lang) if value.month else str(value.year)
    if isinstance(value, datetime):
        offset = value.strftime("%z")
        zone = f"UTC{offset[:3]}:{offset[3:]}" if offset not in ("+0000", "") else "UTC"
        # The day as the language writes dates ("14 мая 2030 г.", "May 14, 2030"), then
        # the time: the same date format as all-day items, in the item's own UTC offset.
        day = long_date(value.date(), lang)
        return f"{day}, {format_time(value, 'HH:mm', locale=lang)} ({zone})"
    return long_date(value, lang)


@lru_cache(maxsize=16_384)
def long_date(value: date, lang: str) -> str:
    """ "14 мая 2030 г.", "May 14, 2030". Babel parses its pattern at every call; the
    10,000 items of the benchmark have ~2,000 dates, each written on several pages."""
    return format_date(value, "long", locale=lang)


def month_name(value: Year, lang: str) -> str:
    """ "июнь 2015 г." is not how Russian names a month of a year: "июнь 2015", as the
    standalone month (CLDR `LLLL`), in both languages ("June 2015")."""
    return format_date(value.first_day(), "LLLL y", locale=lang)


def format_range(start: Any, end: Any, lang: str) -> str:
    if start is None:
        return t("dates.unknown", lang) if end is None else format_when(end, lang)
    if end is None or end == start:
        return format_when(start, lang)
    if isinstance(start, Year) and isinstance(end, Year) and not (start.month or end.month):
        return f"{start.year}–{end.year}"
    return f"{format_when(start, lang)} — {format_when(end, lang)}"


@lru_cache(maxsize=4096)
def format_count(value: int, lang: str) -> str:
    """Babel looks the locale's number format up at every call; counts repeat."""
    return format_decimal(value, locale=lang)


_ABBREVIATION = re.compile(r"(?<=\d)(\s)(гг?\.)")
"""The "г." ("year") Babel writes after a Russian date: `14 мая 2030 г.`."""


def abbreviations_html(text: str) -> Markup:
    """`text` escaped, its date abbreviations in `<span class="ngo-abbr">`, which the
    search index leaves out (search/index.py EXCLUDED): as a word of its own, "г"
    matched every query that starts with it, and a misspelt name found every dated page."""
    return Markup(_ABBREVIATION.sub(r'\1<span class="ngo-abbr">\2</span>', str(escape(text))))


def text_html(text: LocalText, lang: str) -> Markup:
    """Text in the page's language, or the Russian original marked as such."""
    if text.is_fallback(lang):
        return Markup(f'<span lang="ru">{escape(text.ru)}</span>')
    return escape(text.get(lang))


def as_html(value: Any) -> str:
    """`value` as `Markup.format` puts it in place of `{}`: HTML as it is, anything else
    escaped. Pages are built with f-strings of these: `Markup.format` (a `string.Formatter`
    at every call) was a fifth of generating 10,000 items' pages. An f-string of `Markup`
    parts gives a plain `str` (no escaping of the literal parts), to wrap in `Markup`."""
    if isinstance(value, Markup):
        return value
    if type(value) is str:
        return escape(value)
    return Markup("{}").format(value)


def join_html(separator: str, parts: Iterable[Any]) -> Markup:
    """`Markup(separator).join(parts)`, which escapes every part that is not HTML, but
    without a new `Markup` for each part that is."""
    return Markup(
        separator.join([part if isinstance(part, Markup) else escape(part) for part in parts])
    )


def has_fallback(value: Any, lang: str) -> bool:
    """Whether any text in a field's value (lists and structs included) is shown in
    Russian on a `lang` page: the page must then say so."""
    if isinstance(value, LocalText):
        return value.is_fallback(lang)
    if isinstance(value, dict):
        return any(has_fallback(v, lang) for v in value.values())
    if isinstance(value, list):
        return any(has_fallback(v, lang) for v in value)
    return False


def link(href: str, label: str | Markup, external: bool = False) -> Markup:
    if external:
        return Markup(f'<a href="{as_html(href)}" rel="noopener">{as_html(label)}</a>')
    return Markup(f'<a href="{as_html(href)}">{as_html(label)}</a>')


@lru_cache(maxsize=4096)
def badge(field: str, value: str, collection: str, lang: str) -> Markup:
    """A status as a badge; the same few dozen badges recur on every listing row."""
    return Markup(
        f'<span class="ngo-badge ngo-badge--{as_html(value)}">'
        f"{as_html(enum_label(field, value, collection, lang))}</span>"
    )


@dataclass
class Presenter:
    """Formats one item's fields for one page of one language."""

    content: Content
    lang: str
    page_url: str

    def __post_init__(self) -> None:
        # The page's folders, split once for all its links; None when the page's own URL
        # is not a normal path (then every link takes `rel_url`'s general way).
        self._base = None if _ODD_URL.search(self.page_url) else self.page_url.split("/")[:-1]

    def url_to(self, site_url: str) -> str:
        if self._base is None or _ODD_URL.search(site_url):
            return rel_url(self.page_url, site_url)
        return _rel_from(self._base, site_url)

    def item_link(self, item: Item) -> Markup:
        return link(self.url_to(item_url(item, self.lang)), text_html(item.label(), self.lang))

    def mission_name(self, code: str) -> LocalText:
        mission = self.content.missions.get(code)
        if mission is not None:
            return mission.label()
        return LocalText(country_name(code, "ru"), country_name(code, "en"))

    def value(self, spec: Field, value: Any, name: str, collection: str) -> Markup:
        """Dispatch on the field's type: the model's specs are the table."""
        if isinstance(spec, ListOf):
            return Markup(", ".join([self.value(spec.item, v, name, collection) for v in value]))
        if isinstance(spec, Text):
            return text_html(value, self.lang)
        if isinstance(spec, Enum):
            return escape(enum_label(name, value, collection, self.lang))
        if isinstance(spec, (Date, DateOrDateTime, YearOrDate)):
            return abbreviations_html(format_when(value, self.lang))
        if isinstance(spec, Count):
            return escape(format_count(value, self.lang))
        if isinstance(spec, Ref):
            return self.reference(spec.target, value)
        if isinstance(spec, (Email, Url, EmailOrUrl)):
            return self.contact(value)
        if isinstance(spec, Struct):
            return self.struct(spec, value, collection)
        assert isinstance(spec, Field | Plain)
        return self.untranslated(value)

    def untranslated(self, value: Any) -> Markup:
        """A value written once for every language (a region's name, a venue): when it is
        Russian on a page in another language, marked as Russian for readers and tools."""
        text = escape(value)
        if is_translation(self.lang) and _CYRILLIC.search(str(value)):
            return Markup(f'<span lang="ru">{text}</span>')
        return text

    def reference(self, target: str, value: str) -> Markup:
        if target == "mission" and value in self.content.missions:
            mission = self.content.missions[value]
            return link(
                self.url_to(item_url(mission, self.lang)),
                text_html(self.mission_name(value), self.lang),
            )
        if target == "organization" and value in self.content.items["organizations"]:
            return self.item_link(self.content.items["organizations"][value])
        if target == "theme" and value in self.content.themes:
            return text_html(self.content.themes[value].label, self.lang)
        if target in ("country", "mission"):
            return escape(country_name(value, self.lang))
        if target == "language":
            return escape(language_name(value, self.lang))
        if target == "media":
            return link(self.url_to(media_url(value)), escape(posixpath.basename(value)))
        return self.untranslated(value)

    def contact(self, value: str) -> Markup:
        if "@" in value and not value.lower().startswith("http"):
            return link(f"mailto:{value}", value)
        return link(value, value, external=True)

    def phone(self, value: str) -> Markup:
        """A phone number as written, linked as `tel:` so that a phone dials it on a tap."""
        number = _NOT_DIALLED.sub("", str(value))
        if not number.lstrip("+"):
            return escape(value)
        return link(f"tel:{number}", value)

    def contacts(self, value: dict[str, Any]) -> Markup:
        """A mission's e-mail, phone and website, each a link; the address as text."""
        parts = []
        for key in ("email", "phone", "website"):
            if key in value:
                parts.append(self.phone(value[key]) if key == "phone" else self.contact(value[key]))
        if "address" in value:
            parts.append(text_html(value["address"], self.lang))
        return Markup("<br>").join(parts)

    def struct(self, spec: Struct, value: dict[str, Any], collection: str) -> Markup:
        parts = [
            self.phone(value[k]) if k == "phone" else self.value(f, value[k], k, collection)
            for k, f in spec.fields.items()
            if k in value
        ]
        if "kind" in value and "source" in value:  # funding: "source (kind)"
            source, kind = (
                value["source"].get(self.lang),
                enum_label("kind", value["kind"], collection, self.lang),
            )
            if _same_words(source, kind):  # "Спонсорские средства", not "(спонсорские …)"
                return parts[0]
            return Markup(f"{parts[0]} ({parts[1]})")
        return Markup(", ".join(parts))


def _same_words(longer: str, shorter: str) -> bool:
    """Whether `shorter` says nothing `longer` does not ("sponsor" in "Sponsors' money")."""
    words = longer.casefold()
    return all(word[:5] in words for word in shorter.casefold().split())


@lru_cache(maxsize=1024)
def label(field: str, lang: str) -> str:
    return t(f"field.{field}", lang)


def media_url(path: str) -> str:
    """A media path as a URL path: percent-encoded (`check` allows safe names only; a
    build run without it must not link `a#b.pdf` to the anchor `b.pdf` of `a`)."""
    return quote(path, safe="/")
