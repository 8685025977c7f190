"""The content model as typed objects: one dataclass per collection.

These classes are the contract of `content-model.md` in code. Each field's
metadata holds its `fields.Field`, which reads it, checks it and describes it
for the JSON Schemas and the editor's guide. Templates and feeds read these
objects, never raw YAML. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, ClassVar

from generator.content.countries import country_name
from generator.content.fields import (
    Account,
    Count,
    Date,
    DateOrDateTime,
    Email,
    EmailOrUrl,
    Enum,
    Field,
    ListOf,
    OneOrMany,
    Plain,
    Ref,
    Struct,
    Text,
    Url,
    YearOrDate,
)
from generator.content.values import LocalText, When
from generator.urls import FIRST, prefix


def spec(f: Field) -> Any:
    """Declare a model attribute together with the field that reads it."""
    if isinstance(f, ListOf):
        return dataclasses.field(default_factory=list, metadata={"spec": f})
    return dataclasses.field(default=None, metadata={"spec": f})


def _themes() -> Field:
    return ListOf(Ref("theme"), help="theme slugs from content/themes.yml")


def _missions(required: bool = False) -> Field:
    return ListOf(Ref("mission"), required=required, help="mission codes, e.g. [dk]")


def _organizations() -> Field:
    return ListOf(Ref("organization"), help="organization slugs from content/organizations/")


@dataclass(kw_only=True)
class Item:
    """What every page-making object has: where it came from and where it goes."""

    collection: ClassVar[str] = ""
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()
    """Groups of fields of which at least one must be given (`host` or `country`);
    a dotted name is a field of a map (`location.country`)."""
    start_optional_when: ClassVar[tuple[str, ...]] = ()
    """Statuses that say the item is over: then `start` may be left out, as history is
    often told without dates; otherwise `start` is required."""
    slug: str
    source: str
    """Path of the Russian file, relative to the repository root."""
    lines: dict[str, int] = dataclasses.field(default_factory=dict, repr=False)
    """Line of each field in `source`, for messages and "edit" links."""
    body: str = dataclasses.field(default="", repr=False)
    body_line: int = 0
    body_en: str | None = dataclasses.field(default=None, repr=False)
    body_en_line: int = 0
    """Line of `source_en` where `body_en` starts, for the checker's messages."""
    source_en: str | None = None

    @classmethod
    def fields(cls) -> dict[str, Field]:
        # A class is hashable; mypy reads the dataclass instances' `__hash__ = None`.
        return _fields_of(cls)  # type: ignore[arg-type]

    @classmethod
    def text_fields(cls) -> list[str]:
        """Fields an English translation file may override."""
        return [name for name, f in cls.fields().items() if isinstance(f, Text)]

    @property
    def key(self) -> str:
        return f"{self.collection}/{self.slug}"

    def url(self, lang: str = FIRST) -> str:
        """Site-relative URL with the trailing slash MkDocs' directory URLs use."""
        return f"{prefix(lang)}{self.collection}/{self.slug}/"

    def label(self) -> LocalText:
        """The item's name for lists and links."""
        return getattr(self, "title", None) or LocalText(self.slug)

    def field_values(self) -> dict[str, Any]:
        """The contract's fields that are set, in contract order."""
        return {
            name: getattr(self, name)
            for name in self.fields()
            if getattr(self, name) not in (None, [])
        }


@cache
def _fields_of(cls: type[Any]) -> dict[str, Field]:
    return {f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata}


@dataclass(kw_only=True)
class Mission(Item):
    collection: ClassVar[str] = "missions"
    status: str = spec(Enum("active", "forming", "suspended", "closed", required=True))
    name: LocalText | None = spec(Text(help="default: the country's name"))
    city: LocalText | None = spec(Text())
    founded: date | None = spec(Date())
    leader: dict[str, Any] | None = spec(Struct({"name": Text(required=True), "role": Text()}))
    contacts: dict[str, Any] | None = spec(
        Struct({"email": Email(), "phone": Plain(), "website": Url(), "address": Text()})
    )
    maintainers: list[str] = spec(ListOf(Account(), help="forge accounts that may approve"))
    languages: list[str] = spec(ListOf(Ref("language"), help="ISO 639-1 codes"))
    summary: LocalText | None = spec(Text())

    @property
    def code(self) -> str:
        return self.slug

    def label(self) -> LocalText:
        """The name given, else the country's name in both languages (CLDR)."""
        return self.name or LocalText(country_name(self.code, "ru"), country_name(self.code, "en"))


@dataclass(kw_only=True)
class Forum(Item):
    collection: ClassVar[str] = "forums"
    title: LocalText = spec(Text(required=True))
    start: date | datetime = spec(DateOrDateTime(required=True))
    end: date | datetime | None = spec(DateOrDateTime())
    missions: list[str] = spec(_missions(required=True))
    city: LocalText | None = spec(Text())
    venue: LocalText | None = spec(Text())
    format: str | None = spec(Enum("in-person", "online", "hybrid"))
    status: str | None = spec(Enum("planned", "held", "cancelled", help="default: from the dates"))
    registration: str | None = spec(Url())
    themes: list[str] = spec(_themes())


@dataclass(kw_only=True)
class Internship(Item):
    collection: ClassVar[str] = "internships"
    start_optional_when: ClassVar[tuple[str, ...]] = ("completed",)
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = (("host", "country"),)
    title: LocalText = spec(Text(required=True))
    host: str | None = spec(Ref("mission", help="the host mission's code, or give country"))
    country: str | None = spec(
        Ref("country", help="ISO 3166-1 code of the host country where no mission exists yet")
    )
    start: When | None = spec(
        YearOrDate(help="year, year-month or date; may be left out when completed")
    )
    end: When | None = spec(YearOrDate())
    participants: int | None = spec(Count())
    regions: list[str] = spec(
        ListOf(Ref("region"), help="federal subjects: name or ISO 3166-2:RU code")
    )
    region_count: int | None = spec(Count(help="how many regions, when they are not named"))
    organizations: list[str] = spec(_organizations())
    status: str | None = spec(Enum("open", "closed", "completed"))
    apply_by: date | None = spec(Date())
    apply: str | None = spec(EmailOrUrl(help="where to apply: a URL or an email address"))
    themes: list[str] = spec(_themes())


@dataclass(kw_only=True)
class Project(Item):
    collection: ClassVar[str] = "projects"
    start_optional_when: ClassVar[tuple[str, ...]] = ("completed",)
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = (("missions", "location.country"),)
    title: LocalText = spec(Text(required=True))
    missions: list[str] = spec(_missions())
    start: When | None = spec(
        YearOrDate(help="year, year-month or date; may be left out when completed")
    )
    end: When | None = spec(YearOrDate())
    status: str = spec(Enum("proposed", "active", "completed", required=True))
    themes: list[str] = spec(_themes())
    funding: list[dict[str, Any]] = spec(
        ListOf(
            Struct(
                {"source": Text(required=True), "kind": Enum("sponsor", "grant", "own", "other")}
            )
        )
    )
    partners: list[str] = spec(_organizations())
    location: dict[str, Any] | None = spec(Struct({"city": Text(), "country": Ref("country")}))
    images: list[dict[str, Any]] = spec(
        ListOf(Struct({"path": Ref("media", required=True), "alt": Text(required=True)}))
    )
    summary: LocalText | None = spec(Text())


@dataclass(kw_only=True)
class Proposal(Item):
    collection: ClassVar[str] = "proposals"
    title: LocalText = spec(Text(required=True))
    organization: str = spec(Ref("organization", required=True))
    looking_for: LocalText = spec(Text(required=True))
    countries: list[str] = spec(ListOf(Ref("country"), help="ISO 3166-1 codes"))
    themes: list[str] = spec(_themes())
    expires: date = spec(Date(required=True, help="after it the proposal is archived"))
    contact: str | None = spec(EmailOrUrl())


@dataclass(kw_only=True)
class Route(Item):
    collection: ClassVar[str] = "routes"
    title: LocalText = spec(Text(required=True))
    countries: list[str] = spec(ListOf(Ref("country"), required=True))
    audience: list[str] = spec(
        OneOrMany(Enum("pensioners", "disabled", "families", "youth"), required=True)
    )
    accessibility: list[str] = spec(
        OneOrMany(Enum("wheelchair", "hearing", "vision", "mobility", "cognitive"))
    )
    duration_days: int | None = spec(Count())
    season: LocalText | None = spec(Text())
    status: str | None = spec(Enum("planned", "open", "closed"))
    partners: list[str] = spec(_organizations())


@dataclass(kw_only=True)
class Publication(Item):
    collection: ClassVar[str] = "publications"
    title: LocalText = spec(Text(required=True))
    authors: list[LocalText] = spec(OneOrMany(Text(), required=True))
    date: date = spec(Date(required=True))
    themes: list[str] = spec(_themes())
    file: str | None = spec(Ref("media", help="a media path, or give url"))
    # The work's own address (content-model.md) hides `Item.url`; pages call
    # `present.item_url`, which looks the method up on the class.
    url: str | None = spec(Url())  # type: ignore[assignment]


@dataclass(kw_only=True)
class News(Item):
    collection: ClassVar[str] = "news"
    title: LocalText = spec(Text(required=True))
    date: date = spec(Date(required=True))
    missions: list[str] = spec(_missions())
    themes: list[str] = spec(_themes())
    summary: LocalText | None = spec(Text())


@dataclass(kw_only=True)
class Organization(Item):
    collection: ClassVar[str] = "organizations"
    name: LocalText = spec(Text(required=True))
    country: str = spec(Ref("country", required=True))
    city: LocalText | None = spec(Text())
    kind: str | None = spec(Enum("member", "foreign-partner", "government", "sponsor"))
    website: str | None = spec(Url())
    themes: list[str] = spec(_themes())
    missions: list[str] = spec(_missions())

    def label(self) -> LocalText:
        return self.name


@dataclass(kw_only=True)
class Page(Item):
    collection: ClassVar[str] = "pages"
    title: LocalText = spec(Text(required=True))
    summary: LocalText | None = spec(Text())
    visibility: str | None = spec(
        Enum(
            "public",
            "editors",
            help="editors: a page for contributors, out of the navigation and the search index",
        )
    )

    @property
    def for_editors(self) -> bool:
        return self.visibility == "editors"

    def url(self, lang: str = FIRST) -> str:
        """Free pages sit at the top level: `/about/`, not `/pages/about/`."""
        return f"{prefix(lang)}{self.slug}/"


INTRO_NAME = "_index"
"""The one reserved file name: a section's introduction, as in Hugo (`_index.md`)."""


@dataclass(kw_only=True)
class Intro(Item):
    """A section's introduction (`content/<collection>/_index.md`, `missions/_index.md`)
    or the home page's (`content/_index.md`): what the section holds and how a mission
    adds to it. Written by editors, so the site's story is content, not code."""

    collection: ClassVar[str] = "intros"
    section: str = "home"
    """`home`, or the collection whose section page this introduces."""
    title: LocalText = spec(Text(required=True))
    summary: LocalText | None = spec(Text())

    @property
    def key(self) -> str:
        return f"intros/{self.section}"

    def url(self, lang: str = FIRST) -> str:
        folder = prefix(lang)
        return folder if self.section == "home" else f"{folder}{self.section}/"

    def docs_path(self) -> str:
        """The generated page it introduces, relative to a language's docs tree."""
        return "index.md" if self.section == "home" else f"{self.section}/index.md"


@dataclass(frozen=True)
class Collection:
    """One row of the table that loading, checking and generating walk."""

    name: str
    model: type[Item]
    folder: str
    extension: str
    """`.md` (front matter and body, with `.en.md` translations) or `.yml` (data)."""
    singular: str
    """One item's name (`mission`, `news`): its JSON Schema is `schemas/<singular>.schema.json`."""

    @property
    def schema_file(self) -> str:
        """The file name of the JSON Schema an editor's YAML plugin completes from; the
        schemas output writes it and the files `new` makes name it in their `$schema`."""
        return f"{self.singular}.schema.json"


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection("missions", Mission, "missions", ".yml", "mission"),
        Collection("forums", Forum, "content/forums", ".md", "forum"),
        Collection("internships", Internship, "content/internships", ".md", "internship"),
        Collection("projects", Project, "content/projects", ".md", "project"),
        Collection("proposals", Proposal, "content/proposals", ".md", "proposal"),
        Collection("routes", Route, "content/routes", ".md", "route"),
        Collection("publications", Publication, "content/publications", ".md", "publication"),
        Collection("news", News, "content/news", ".md", "news"),
        Collection("organizations", Organization, "content/organizations", ".yml", "organization"),
        Collection("pages", Page, "content/pages", ".md", "page"),
    )
}

CONTENT_COLLECTIONS = [c for c in COLLECTIONS.values() if c.folder.startswith("content/")]


@dataclass
class Theme:
    slug: str
    label: LocalText
    line: int


THEME_FIELD = Text(required=True)
