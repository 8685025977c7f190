"""Stage 3: checked content -> the pages of one language, all in memory.

Each page is a Markdown file for MkDocs: a front matter this module writes
(JSON-quoted, so contributor text cannot break it), an HTML block rendered from
the project's own Jinja templates with autoescape, then the contributor's
Markdown body appended as text. The body never passes through Jinja: content
is never a template. Nothing here touches the disk or knows about MkDocs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from babel.dates import format_date, get_day_names
from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup, escape

from generator.content import sanitize
from generator.content.addresses import ARCHIVE_PAGE, HOME_PAGE, SEARCH_PAGE, SUBMIT_PAGE
from generator.content.countries import country_name
from generator.content.load import Content, ItemT
from generator.content.models import (
    COLLECTIONS,
    Forum,
    Internship,
    Item,
    Mission,
    News,
    Page,
    Project,
    Proposal,
)
from generator.content.values import LocalText
from generator.contrib.forms import FORM_COLLECTIONS, FORMS_URL
from generator.outputs.feeds_atom import FEEDS, feed_url
from generator.outputs.feeds_ics import calendar_url, event_url, webcal_url
from generator.outputs.published import absolute, item_stamps
from generator.pages.facets import facets
from generator.pages.images import plan as plan_image
from generator.pages.labels import count_label, enum_label, t
from generator.pages.listings import (
    expired_proposals,
    forum_status,
    forums_by_month,
    internship_is_open,
    internships_open_first,
    is_expired,
    is_upcoming,
    newest_first,
    open_proposals,
    past_forums,
    projects_by_status,
    related_by_mission,
    related_to_mission,
    sort_key,
)
from generator.pages.map_svg import (
    LOCATOR_HEIGHT,
    LOCATOR_WIDTH,
    SLOT,
    MapMission,
    country_box,
    locator_path,
    mission_map,
)
from generator.pages.map_svg import Labels as MapLabels
from generator.pages.present import (
    Presenter,
    abbreviations_html,
    badge,
    format_range,
    format_when,
    has_fallback,
    item_url,
    label,
    media_url,
    rel_url,
    text_html,
)
from generator.pages.structured_data import Head, head_meta
from generator.pages.timeline import Bar, month_grid, project_timeline
from generator.pages.typography import typeset_html
from generator.urls import LANGUAGES, is_translation, other_language, prefix

SECTIONS = [
    "missions",
    "forums",
    "internships",
    "projects",
    "proposals",
    "routes",
    "publications",
    "news",
    "organizations",
]
"""Sections in nav order; free pages follow them."""

_HIDDEN_FACTS = {
    "title",
    "name",
    "summary",
    "status",
    "images",
    "maintainers",
    "start",
    "end",
    "visibility",
}
"""Fields shown elsewhere on the page (heading, lead, badge, gallery, dates) or not public."""

_LEAD_FACTS: dict[str, tuple[str, ...]] = {
    "forums": ("dates", "city", "format"),
    "internships": ("apply_by",),
}
"""Facts an item page opens with, above its buttons: what a visitor decides by."""

NEVER = datetime.min.replace(tzinfo=UTC)
"""Sorts before every commit: the place of an item the history does not date."""

_BUTTON_FACTS = frozenset({"registration", "apply"})
"""Fields shown as buttons (`_actions`), not as facts: a bare address is no call to act."""

HOME_LIMIT = 5


ORIGINAL_OPEN = '<div lang="ru" markdown="1">\n\n'
ORIGINAL_CLOSE = "\n\n</div>\n"
"""Around the Russian body of an English page without an English body, in the page as a
Markdown file (`SitePage.text`). The MkDocs glue converts the body (`SitePage.markdown`,
marked by `SitePage.fallback`) on its own and wraps the HTML (engine.pages.ORIGINAL_HTML),
so both languages' processes can share one conversion (body_exchange)."""


@dataclass
class SitePage:
    """One page of the docs tree, by its path relative to the language's root.

    Kept in parts: the front matter as data, the generated HTML, and the contributor's
    Markdown body between generated HTML. The MkDocs plugin hands these to MkDocs as
    they are (only the body is Markdown); `text` is the same page as a Markdown file.
    """

    path: str
    title: str
    meta: dict[str, Any]
    html: str
    markdown: str = ""
    after: str = ""
    fallback: bool = False
    """`markdown` is the Russian body, shown on an English page for want of a translation."""

    @property
    def source(self) -> str:
        """The body as Markdown in the page: a fallback body inside its `lang="ru"` block."""
        return f"{ORIGINAL_OPEN}{self.markdown}{ORIGINAL_CLOSE}" if self.fallback else self.markdown

    @property
    def text(self) -> str:
        """Front matter in JSON (a subset of YAML), so no contributor text can break out."""
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in self.meta.items())
        return f"---\n{front}---\n\n{self.html}{self.source}{self.after}"


@dataclass
class Row:
    """One line of a listing, with the facet values the listing filter reads."""

    html: Markup
    facets: str
    """JSON: {facet: [values]} in the page's language."""

    def __html__(self) -> str:
        return str(self.html)


@dataclass
class Listed:
    """An item as every listing shows it, whatever the page (`Generator._listed_item`)."""

    item: Item
    url: str
    """The item's page, as a site URL: rows link it relative to their page."""
    name: Markup
    """The item's name, as its links show it."""
    details: str
    """HTML of the row after the link: when, where, features, status ("" if none)."""
    facets: dict[str, list[str]]
    """The item's facets, collection included, as its page's front matter has them."""
    facets_json: str
    """The facets of its rows: JSON without the collection, which the listing is."""


@dataclass
class Group:
    heading: str
    anchor: str
    rows: list[Row] = field(default_factory=list)
    more: str = ""


@dataclass
class Action:
    """A button at the top of an item page."""

    href: str
    text: str
    primary: bool = False


def _environment() -> Environment:
    # auto_reload off: templates do not change during a build, and checking their files'
    # dates at every `get_template` was 4 % of generating 10,000 items' pages.
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    return env


ENV = _environment()


@cache
def _template(name: str) -> Template:
    """A template of `ENV`, looked up once per build instead of once per page, with its
    globals copied into a plain dict: Jinja keeps them in a `ChainMap`, which it copies
    at every render, and that took half of the time of rendering a small template."""
    template = ENV.get_template(name)
    template.globals = dict(template.globals)
    return template


@dataclass
class Generator:
    """The pages of one language. `edit_base` prefixes source paths for edit links."""

    content: Content
    lang: str
    today: date
    edit_base: str = ""
    site_url: str = ""
    """The whole site's address, if known: `webcal:` links and Open Graph need it."""
    _listed: dict[str, Listed] = field(default_factory=dict, init=False, repr=False)
    """What an item's listing rows and its page share, by item key (see `_listed_item`)."""
    _related: dict[str, dict[str, list[Item]]] | None = field(default=None, init=False, repr=False)
    """Each mission's related items, while `pages` makes every mission's page."""
    _mission_names: dict[str, Markup] = field(default_factory=dict, init=False, repr=False)

    def pages(self) -> Iterator[SitePage]:
        yield self.home()
        for name in SECTIONS:
            yield self.section(name)
        yield self.proposals_archive()
        yield self.search_page()
        yield self.submit_page()
        # One pass over the items for all missions' pages, not one pass per mission.
        self._related = related_by_mission(self.content)
        try:
            for mission in self.content.missions.values():
                yield self.mission_page(mission)
        finally:
            self._related = None
        for name in (*SECTIONS[1:], "pages"):
            for item in self.content.items[name].values():
                yield self.item_page(item)

    # -- pages ------------------------------------------------------------------

    def item_page(self, item: Item, after_body: str = "") -> SitePage:
        url = item_url(item, self.lang)
        presenter = Presenter(self.content, self.lang, url)
        title = self._title_html(item)
        head = _template("item.html").render(
            t=self._t,
            collection=item.collection,
            title=title,
            section_url=presenter.url_to(self._kicker_url(item)),
            section_name=self._kicker_name(item),
            status=self._status_badge(item),
            summary=self._summary(item),
            **self._split_facts(item, presenter),
            actions=self._actions(item, presenter),
            images=self._images(item, presenter),
            locator=self._locator(item, presenter),
            shows_original=self._shows_original(item),
        )
        edit = _template("edit.html").render(
            t=self._t, edit_url=self._edit_url(item), source=self._source(item)
        )
        site_page = self._site_page(
            self._path(item),
            item.label().get(self.lang),
            head + "\n",
            markdown=self._body(item),
            after="\n\n" + after_body + edit,
            search=None if _for_editors(item) else dict(self._listed_item(item).facets),
            item=item,
            title_html=title,
        )
        site_page.fallback = self._body_is_fallback(item)
        return site_page

    def mission_page(self, mission: Mission) -> SitePage:
        url = item_url(mission, self.lang)
        presenter = Presenter(self.content, self.lang, url)
        related = (
            self._related.get(mission.code, {})
            if self._related is not None
            else related_to_mission(self.content, mission.code)
        )
        groups = [
            Group(self._section_name(name), name, [self._row(i, presenter) for i in items])
            for name, items in related.items()
        ]
        extra = _template("groups.html").render(t=self._t, groups=groups)
        extra += _template("feeds.html").render(links=self._calendar_links(presenter, mission.code))
        return self.item_page(mission, after_body=extra + "\n")

    def section(self, name: str) -> SitePage:
        url = self._section_url(name)
        presenter = Presenter(self.content, self.lang, url)
        groups, table, links = getattr(self, f"_section_{name}", self._section_plain)(
            name, presenter
        )
        extras: dict[str, Any] = getattr(self, f"_extras_{name}", lambda presenter: {})(presenter)
        return self._section_page(
            f"{name}/index.md",
            self._section_name(name),
            name,
            groups=groups,
            table=table,
            links=links,
            **extras,
        )

    def proposals_archive(self) -> SitePage:
        url = self._prefix() + "proposals/archive/"
        presenter = Presenter(self.content, self.lang, url)
        expired = expired_proposals(self.content.of(Proposal), self.today)
        group = Group(
            t("list.archive", self.lang), "archive", [self._row(p, presenter) for p in expired]
        )
        back = [
            (presenter.url_to(self._section_url("proposals")), t("list.current_link", self.lang))
        ]
        return self._section_page(
            ARCHIVE_PAGE,
            t("list.archive_title", self.lang),
            "proposals",
            own_intro=False,
            groups=[group],
            links=back,
        )

    def search_page(self) -> SitePage:
        """The search page: theme/assets/javascripts/search.js fills `#ngo-search-page`."""
        html = _template("search.html").render(t=self._t)
        return self._site_page(SEARCH_PAGE, t("search.title", self.lang), html)

    def submit_page(self) -> SitePage:
        """The forms for member organizations: theme/assets/javascripts/submit.js builds
        them in `#ngo-submit` from the data the build writes (generator/contrib/forms.py)."""
        url = self._prefix() + "submit/"
        html = _template("submit.html").render(t=self._t, forms_url=rel_url(url, FORMS_URL))
        return self._site_page(SUBMIT_PAGE, t("submit.title", self.lang), html)

    def home(self) -> SitePage:
        presenter = Presenter(self.content, self.lang, self._prefix())
        items = self.content.items
        counts = [  # what there is, never a zero
            (count_label(n, len(items[n]), self.lang), presenter.url_to(self._section_url(n)))
            for n in SECTIONS
            if items[n]
        ]
        forums = [
            f for _, month in forums_by_month(self.content.of(Forum), self.today) for f in month
        ]
        internships = [
            i
            for i in internships_open_first(self.content.of(Internship), self.today)
            if internship_is_open(i, self.today)
        ]
        proposals = self._changed_last(open_proposals(self.content.of(Proposal), self.today))
        projects = self._changed_last(self.content.of(Project))
        news = newest_first(self.content.of(News))
        groups = [  # only what has something to show: no "nothing yet" on the home page
            self._home_group(key, section, rows, presenter)
            for key, section, rows in (
                ("home.next_forums", "forums", forums),
                ("home.open_internships", "internships", internships),
                ("home.new_proposals", "proposals", proposals),
                ("home.latest_projects", "projects", projects),
                ("home.latest_news", "news", news),
            )
            if rows
        ]
        missions = Markup('<a href="{}">{}</a>').format(
            presenter.url_to(self._section_url("missions")), self._section_name("missions")
        )
        return self._section_page(
            HOME_PAGE,
            t("site.name", self.lang),
            "home",
            groups=groups,
            counts=counts,
            lead=t("site.description", self.lang),
            figure=self._map(
                presenter, Markup(escape(t("map.note_home", self.lang))).format(section=missions)
            ),
        )

    def _changed_last(self, items: Iterable[ItemT]) -> list[ItemT]:
        """What changed last first (the file's last commit, `published.item_stamps`), so
        the home page's "new" lists say what is new; items the history does not date
        follow, by their own dates."""
        history = self.content.history

        def key(item: ItemT) -> tuple[bool, datetime, tuple[date, str]]:
            updated = item_stamps(item, history, self.today, self.lang).updated
            return updated is not None, updated or NEVER, sort_key(item)

        return sorted(items, key=key, reverse=True)

    # -- sections -----------------------------------------------------------------

    def _section_plain(self, name: str, presenter: Presenter) -> tuple[list[Group], Any, list[Any]]:
        items: Sequence[Item] = sorted(
            self.content.items[name].values(), key=lambda i: i.label().get(self.lang).casefold()
        )
        if name in ("news", "publications"):
            items = newest_first(items)  # type: ignore[arg-type]  # `name` says which they are
        feeds = [
            (presenter.url_to(feed_url(feed.path, self.lang)), t("feed.news", self.lang))
            for feed in FEEDS
            if feed.page == f"{name}/"
        ]
        return (
            [Group(self._section_name(name), "all", [self._row(i, presenter) for i in items])],
            None,
            feeds,
        )

    def _section_missions(
        self, name: str, presenter: Presenter
    ) -> tuple[list[Group], Any, list[Any]]:
        head = [
            label("name", self.lang),
            label("status", self.lang),
            label("city", self.lang),
            label("leader", self.lang),
        ]
        missions = sorted(self.content.missions.values(), key=lambda m: m.code)
        with_contacts = any(mission.contacts for mission in missions)  # else no empty column
        if with_contacts:
            head.append(label("contacts", self.lang))
        rows = []
        for mission in missions:
            row = [
                presenter.reference("mission", mission.code),
                badge("status", mission.status, "missions", self.lang),
                text_html(mission.city, self.lang) if mission.city else "",
                text_html(mission.leader["name"], self.lang) if mission.leader else "",
            ]
            if with_contacts:
                row.append(presenter.contacts(mission.contacts) if mission.contacts else "")
            rows.append(row)
        return [], {"head": head, "rows": rows}, []

    def _section_forums(
        self, name: str, presenter: Presenter
    ) -> tuple[list[Group], Any, list[Any]]:
        forums = self.content.of(Forum)
        groups = [
            Group(self._month(month), f"m-{month:%Y-%m}", [self._row(f, presenter) for f in items])
            for month, items in forums_by_month(forums, self.today)
        ]
        if not groups:
            groups = [Group(t("list.upcoming", self.lang), "upcoming")]
        past = Group(
            t("list.past", self.lang),
            "past",
            [self._row(f, presenter) for f in past_forums(forums, self.today)],
        )
        return [*groups, past], None, self._calendar_links(presenter)

    def _section_internships(
        self, name: str, presenter: Presenter
    ) -> tuple[list[Group], Any, list[Any]]:
        ordered = internships_open_first(self.content.of(Internship), self.today)
        open_ = [i for i in ordered if internship_is_open(i, self.today)]
        rest = [i for i in ordered if not internship_is_open(i, self.today)]
        return (
            [
                Group(t("list.open", self.lang), "open", [self._row(i, presenter) for i in open_]),
                Group(t("list.other", self.lang), "other", [self._row(i, presenter) for i in rest]),
            ],
            None,
            [],
        )

    def _section_projects(
        self, name: str, presenter: Presenter
    ) -> tuple[list[Group], Any, list[Any]]:
        groups = [
            Group(
                self._status_heading("projects", status),
                status,
                [self._row(p, presenter) for p in items],
            )
            for status, items in projects_by_status(self.content.of(Project))
        ]
        return groups, None, []

    def _section_proposals(
        self, name: str, presenter: Presenter
    ) -> tuple[list[Group], Any, list[Any]]:
        current = open_proposals(self.content.of(Proposal), self.today)
        archive = presenter.url_to(self._prefix() + "proposals/archive/")
        return (
            [Group(t("list.open", self.lang), "open", [self._row(p, presenter) for p in current])],
            None,
            [(archive, t("list.archive_link", self.lang))],
        )

    # -- pictures above the listings: map, calendar, timeline ---------------------------

    def _extras_missions(self, presenter: Presenter) -> dict[str, Any]:
        return {"figure": self._map(presenter, t("map.note_table", self.lang))}

    def _map(self, presenter: Presenter, note: str | Markup) -> Markup | None:
        """The missions map (generator/map_svg.py), with links relative to this page."""
        if not self.content.missions:
            return None
        missions = [
            MapMission(
                code=m.code,
                status=m.status,
                name=m.label().get(self.lang),
                href=presenter.url_to(item_url(m, self.lang)),
                status_label=enum_label("status", m.status, "missions", self.lang),
                lang="ru" if m.label().is_fallback(self.lang) else "",
            )
            for m in self.content.missions.values()
        ]
        return mission_map(
            missions,
            MapLabels(
                title=t("map.title", self.lang),
                legend=t("map.legend", self.lang),
                no_mission=t("map.no_mission", self.lang),
                note=note,
                outside=t("map.outside", self.lang),
            ),
        )

    def _locator(self, item: Item, presenter: Presenter) -> dict[str, Any] | None:
        """A mission's country on a small map; its file is written by site.write_assets."""
        if not isinstance(item, Mission) or country_box(item.code) is None:
            return None
        return {
            "src": presenter.url_to(locator_path(item.code)),
            "alt": t("map.locator", self.lang).format(country=country_name(item.code, self.lang)),
            "width": LOCATOR_WIDTH,
            "height": LOCATOR_HEIGHT,
        }

    def _extras_forums(self, presenter: Presenter) -> dict[str, Any]:
        """Month grids of the upcoming forums, above the same forums as lists."""
        months = forums_by_month(self.content.of(Forum), self.today)
        upcoming = [f for _, forums in months for f in forums]
        if not months:
            return {}
        days = get_day_names("abbreviated", locale=self.lang)
        wide = get_day_names("wide", locale=self.lang)
        return {
            "calendar": {
                "weekdays": [(days[i], wide[i]) for i in range(7)],  # Monday first
                "months": [self._calendar_month(month, upcoming, presenter) for month, _ in months],
            }
        }

    def _calendar_month(
        self, month: date, forums: list[Any], presenter: Presenter
    ) -> dict[str, Any]:
        anchor = f"m-{month:%Y-%m}"
        weeks = []
        for week in month_grid(month, forums).weeks:
            cells = []
            for day in week:
                classes, html = [], Markup(escape(day.number or ""))
                if day.starts:
                    classes.append("ngo-calendar__day--start")
                    names = Markup("; ").join(self._forum_name(f) for f in day.starts)
                    target = (
                        presenter.url_to(item_url(day.starts[0], self.lang))
                        if len(day.starts) == 1
                        else f"#{anchor}"
                    )
                    html = Markup(
                        '<a href="{}">{}<span class="ngo-visually-hidden">: {}</span></a>'
                    ).format(target, day.number, names)
                elif day.ongoing:
                    classes.append("ngo-calendar__day--ongoing")
                covering = day.starts + day.ongoing
                if covering and all(forum_status(f, self.today) == "cancelled" for f in covering):
                    classes.append("ngo-calendar__day--cancelled")
                cells.append({"html": html, "classes": " ".join(classes)})
            weeks.append(cells)
        return {"caption": self._month(month), "anchor": anchor, "weeks": weeks}

    def _forum_name(self, forum: Any) -> Markup:
        status = forum_status(forum, self.today)
        name = text_html(forum.title, self.lang)
        if status == "cancelled":
            return Markup("{} ({})").format(name, enum_label("status", status, "forums", self.lang))
        return name

    def _extras_projects(self, presenter: Presenter) -> dict[str, Any]:
        """Every project as a bar over the years, in order of its start."""
        timeline = project_timeline(self.content.of(Project), self.today)
        if timeline is None:
            return {}
        rows = [
            {
                "link": presenter.item_link(bar.project),
                "years": self._bar_years(bar),
                "status": self._status_badge(bar.project),
                "classes": " ".join(
                    [
                        f"ngo-tl-s{bar.start_column}",
                        f"ngo-tl-e{bar.end_column}",
                        f"ngo-timeline__bar--{bar.project.status}",
                    ]
                    + (["ngo-timeline__bar--open"] if bar.open_end else [])
                ),
            }
            for bar in timeline.bars
        ]
        return {
            "timeline": {
                "first": timeline.first,
                "last": timeline.last,
                "columns": timeline.columns,
                "ticks": timeline.ticks,
                "rows": rows,
            }
        }

    def _bar_years(self, bar: Bar) -> str:
        if bar.open_end:
            return t("timeline.since", self.lang).format(year=bar.first)
        return str(bar.first) if bar.first == bar.last else f"{bar.first}–{bar.last}"

    # -- pieces -------------------------------------------------------------------

    def _calendar_links(
        self, presenter: Presenter, mission: str | None = None
    ) -> list[tuple[str, str]]:
        """The .ics file to download, and a `webcal:` subscription.

        The subscription needs the site's absolute address, and a sanitizer that lets
        the scheme through: without it the link would lose its href and stay as text.
        """
        url = calendar_url(self.lang, mission)
        keys = (
            ("feed.mission_calendar", "feed.mission_calendar_subscribe")
            if mission
            else ("feed.calendar", "feed.calendar_subscribe")
        )
        links = [(presenter.url_to(url), t(keys[0], self.lang))]
        if self.site_url and "webcal" in sanitize.PAGE_URL_SCHEMES:
            links.append((webcal_url(self.site_url, url), t(keys[1], self.lang)))
        return links

    def _actions(self, item: Item, presenter: Presenter) -> list[Action]:
        """The buttons under a forum's or an internship's title: register, add the one
        event to a calendar; apply, while applications are open."""
        if isinstance(item, Forum):
            actions = []
            status = forum_status(item, self.today)
            if item.registration and is_upcoming(item, self.today) and status != "cancelled":
                actions.append(
                    Action(item.registration, t("event.register", self.lang), primary=True)
                )
            ics = presenter.url_to(event_url(item, self.lang))
            actions.append(Action(ics, t("event.add_to_calendar", self.lang)))
            return actions
        if isinstance(item, Internship):
            actions = []
            apply = getattr(item, "apply", None)
            if apply and internship_is_open(item, self.today):
                href = apply if "@" not in apply or apply.startswith("http") else f"mailto:{apply}"
                actions.append(Action(href, t("event.apply", self.lang), primary=True))
            return actions
        return []

    def _row(self, item: Item, presenter: Presenter) -> Row:
        """One line of a listing: link, when, where, and the status badge."""
        listed = self._listed_item(item)
        # `presenter.item_link(item)`, with the item's URL and name made once per item.
        link = f'<a href="{escape(presenter.url_to(listed.url))}">{listed.name}</a>'
        return Row(
            Markup(f"{link} · {listed.details}" if listed.details else link), listed.facets_json
        )

    def _listed_item(self, item: Item) -> Listed:
        """What is the same on every row of `item` (all but the link, which is relative to
        the page) and its facets: an item is listed in its section and on each of its
        missions' pages, and its page has the same facets. Kept by key while the item
        object is the same: the preview replaces an item's object when its file changes."""
        listed = self._listed.get(item.key)
        if listed is None or listed.item is not item:
            values = facets(item, self.content, self.lang, self.today)
            row_values = {k: v for k, v in values.items() if k != "collection"}
            listed = self._listed[item.key] = Listed(
                item,
                item_url(item, self.lang),
                self._title_html(item),
                " · ".join(self._row_details(item)),
                values,
                json.dumps(row_values, ensure_ascii=False, sort_keys=True),
            )
        return listed

    def _row_details(self, item: Item) -> list[str]:
        """A row's parts after the link: when, where, a route's features, the status."""
        parts: list[str] = []
        when = self._when(item)
        if when:
            parts.append(f'<span class="ngo-when">{escape(when)}</span>')
        where = self._where(item)
        if where:
            parts.append(f'<span class="ngo-where">{where}</span>')
        if item.collection == "routes":
            parts.extend(self._route_features(item))
        status = self._status_badge(item)
        if status:
            parts.append(status)
        return parts

    def _where(self, item: Item) -> str:
        """A row's place: the city, if the item has one, then its missions' names (a
        mission is named after its country by default) or its countries' (`_place_codes`)."""
        if item.collection == "organizations":
            return ""
        location = getattr(item, "location", None) or {}
        city = getattr(item, "city", None) or location.get("city")
        names = [text_html(city, self.lang)] if city else []
        codes = (
            getattr(item, "missions", None)
            or _place_codes(item)
            or getattr(item, "countries", None)
            or []
        )
        names += [self._mission_name_html(code) for code in codes]
        return ", ".join(names)

    def _mission_name_html(self, code: str) -> Markup:
        """A mission's name (or its country's): missions change only with a full rebuild."""
        names = self._mission_names
        if code not in names:
            names[code] = text_html(
                Presenter(self.content, self.lang, "").mission_name(code), self.lang
            )
        return names[code]

    def _route_features(self, item: Item) -> list[Markup]:
        """Who a route is for and how it is accessible: what its readers choose by."""
        parts = []
        for name in ("audience", "accessibility"):
            values = getattr(item, name, None) or []
            if values:
                labels = ", ".join(enum_label(name, v, item.collection, self.lang) for v in values)
                parts.append(Markup(f'<span class="ngo-{escape(name)}">{escape(labels)}</span>'))
        return parts

    def _when(self, item: Item) -> str:
        start = getattr(item, "start", None)
        if start is not None or "start" in item.fields():  # "dates not known" if left out
            return format_range(start, getattr(item, "end", None), self.lang)
        for name in ("date", "expires"):
            value = getattr(item, name, None)
            if value is not None:
                return format_when(value, self.lang)
        return ""

    def _status_badge(self, item: Item) -> Markup | None:
        if isinstance(item, Forum):
            return badge("status", forum_status(item, self.today), "forums", self.lang)
        if isinstance(item, Proposal):
            value = "expired" if is_expired(item, self.today) else "open"
            return badge("status", value, "proposals", self.lang)
        status = getattr(item, "status", None)
        return badge("status", status, item.collection, self.lang) if status else None

    def _split_facts(self, item: Item, presenter: Presenter) -> dict[str, list[Any]]:
        """The facts the page opens with (`_LEAD_FACTS`, in that order) and the others."""
        facts = self._facts(item, presenter)
        lead = [facts.pop(name) for name in _LEAD_FACTS.get(item.collection, ()) if name in facts]
        return {"lead": lead, "facts": list(facts.values())}

    def _facts(self, item: Item, presenter: Presenter) -> dict[str, tuple[str | Markup, Markup]]:
        """Each shown field's label and value, by field name ("dates": start and end)."""
        facts: dict[str, tuple[str | Markup, Markup]] = {}
        start, end = getattr(item, "start", None), getattr(item, "end", None)
        if start is not None or "start" in item.fields():  # "Dates: not known" if left out
            when = (
                format_range(start, end, self.lang)
                if start is not None or end is not None
                else t("dates.not_known", self.lang)
            )
            facts["dates"] = (label("dates", self.lang), abbreviations_html(when))
        for name, spec in item.fields().items():
            if name in _HIDDEN_FACTS or name in _BUTTON_FACTS:
                continue
            value = getattr(item, name)
            if name == "leader" and value:  # "Руководитель миссии: А. А. Маркарян", once
                role = value.get("role")
                heading = text_html(role, self.lang) if role else label(name, self.lang)
                facts[name] = (heading, text_html(value["name"], self.lang))
                continue
            if value is None or (type(value) is list and not value):  # as `in (None, [])`
                continue
            facts[name] = (
                label(name, self.lang),
                presenter.value(spec, value, name, item.collection),
            )
        return facts

    def _images(self, item: Item, presenter: Presenter) -> list[dict[str, Any]]:
        """The gallery: each resized copy (generator/images.py) links to its original."""
        gallery = []
        for image in getattr(item, "images", None) or []:
            copy = plan_image(self.content.root / "content", image["path"])
            original = presenter.url_to(media_url(image["path"]))
            gallery.append(
                {
                    "href": original,
                    "src": presenter.url_to(media_url(copy.path)) if copy else original,
                    "width": copy.width if copy else None,
                    "height": copy.height if copy else None,
                    "alt": image["alt"].get(self.lang),
                    "lang": "ru" if image["alt"].is_fallback(self.lang) else None,
                }
            )
        return gallery

    def _summary(self, item: Item) -> Markup | None:
        """The lead, unless the text below begins by saying the same."""
        summary = getattr(item, "summary", None)
        if summary is None or _said_first(summary.get(self.lang), self._body(item)):
            return None
        return text_html(summary, self.lang)

    def _title_html(self, item: Item) -> Markup:
        return text_html(item.label(), self.lang)

    def _body(self, item: Item) -> str:
        """The body in this language, else the Russian one (`SitePage.fallback`)."""
        if self._body_is_fallback(item):
            return item.body
        if is_translation(self.lang) and item.body_en is not None:
            return item.body_en
        return item.body

    def _body_is_fallback(self, item: Item) -> bool:
        """No English body: no `.en.md`, or one that translates front matter fields only."""
        return (
            is_translation(self.lang)
            and not (item.body_en or "").strip()
            and bool(item.body.strip())
        )

    def _shows_original(self, item: Item) -> bool:
        """Whether the page shows any of the item's own text in Russian for want of English
        (the note says so once; each such element also carries `lang="ru"`)."""
        return self._body_is_fallback(item) or any(
            has_fallback(getattr(item, name), self.lang) for name in item.fields()
        )

    def _edit_url(self, item: Item) -> str:
        return self.edit_base + self._source(item) if self.edit_base else ""

    def _source(self, item: Item) -> str:
        if is_translation(self.lang) and item.source_en:
            return item.source_en
        return item.source

    def _section_page(
        self,
        path: str,
        title: str,
        collection: str,
        lead: str | None = None,
        own_intro: bool = True,
        **parts: Any,
    ) -> SitePage:
        """A section or the home page: its introduction (`_index.md`, else the generated
        title and lead), then what the section lists. An empty group is left out where the
        introduction already says what the section will hold."""
        intro = self.content.intros.get(collection) if own_intro else None
        values = {
            "groups": [],
            "table": None,
            "links": [],
            "counts": None,
            "figure": None,
            "calendar": None,
            "timeline": None,
            **parts,
        }
        if intro is not None:
            values["groups"] = [g for g in values["groups"] if g.rows or g.more]
        head = _template("intro.html").render(
            t=self._t,
            collection=collection,
            title=self._title_html(intro) if intro else escape(title),
            lead=self._summary(intro) if intro else lead,
            shows_original=bool(intro and self._shows_original(intro)),
            submit_url=self._submit_url(path, collection),
        )
        html = _template("section.html").render(
            t=self._t,
            collection=collection,
            figure_slot=Markup(SLOT) if values["figure"] else None,
            **values,
        )
        page_title = intro.title.get(self.lang) if intro else title
        site_page = self._site_page(
            path,
            page_title,
            head,
            markdown=self._body(intro) if intro else "",
            after="\n\n" + html,
            title_html=self._title_html(intro) if intro else None,
            figure=values["figure"],
        )
        site_page.fallback = intro is not None and self._body_is_fallback(intro)
        return site_page

    def _submit_url(self, path: str, collection: str) -> str | None:
        """The section's "Submit" button: the web form, opened at this collection."""
        if collection not in FORM_COLLECTIONS:
            return None
        form = rel_url(page_url(path, self.lang), f"{self._prefix()}submit/")
        return f"{form}?collection={collection}"

    def _home_group(
        self, key: str, section: str, items: Sequence[Item], presenter: Presenter
    ) -> Group:
        return Group(
            t(key, self.lang),
            section,
            [self._row(i, presenter) for i in items[:HOME_LIMIT]],
            more=presenter.url_to(self._section_url(section)),
        )

    def _site_page(
        self,
        path: str,
        title: str,
        html: str,
        markdown: str = "",
        after: str = "",
        search: dict[str, list[str]] | None = None,
        item: Item | None = None,
        title_html: Markup | None = None,
        figure: Markup | None = None,
    ) -> SitePage:
        """Front matter for the theme: title, the other language, search facets.

        Values are JSON (a subset of YAML), so no contributor text can break out.
        The title is HTML: Material writes it unescaped into the header, where a Russian
        title on an English page keeps its `lang` (theme/main.html strips it for <title>).
        """
        url = page_url(path, self.lang)
        other = other_language(self.lang)
        meta: dict[str, Any] = {
            "title": typeset_html(str(title_html or escape(title)), self.lang),
            "ngo_lang": self.lang,
            "ngo_alternate": {
                "lang": other,
                "href": rel_url(url, page_url(path, other)),
                "label": t("page.other_language", self.lang),
            },
            "ngo_hreflang": self._hreflang(path, url),
        }
        if search is not None:
            meta["ngo_search"] = search
        if figure:
            # Generated SVG, not content: the theme puts it in place of the page's
            # figure slot after the sanitizer has run (generator/map_svg.py).
            meta["ngo_figure"] = str(figure)
        head = Head(self.content, self.lang, self.today, self.site_url, url)
        meta.update(head_meta(head, title, item))  # JSON-LD, Open Graph, feed links
        return SitePage(path, title, meta, html, markdown, after)

    def _hreflang(self, path: str, url: str) -> list[list[str]]:
        """`<link rel=alternate hreflang>` targets: every language's version of the page,
        and Russian as x-default, as the sitemap has them. Search engines want absolute
        addresses: without a known site address there are none (the language switch
        still links the other version)."""
        if not self.site_url:
            return []
        versions = [(lang, page_url(path, lang)) for lang in LANGUAGES]
        versions.append(("x-default", versions[0][1]))
        return [[lang, absolute(self.site_url, to)] for lang, to in versions]

    def _path(self, item: Item) -> str:
        if item.collection == "pages":
            return f"{item.slug}.md"
        return f"{item.collection}/{item.slug}.md"

    def _prefix(self) -> str:
        return prefix(self.lang)

    def _section_url(self, name: str) -> str:
        return f"{self._prefix()}{name}/"

    def _kicker_url(self, item: Item) -> str:
        """The section above an item; free pages have none, so theirs is the home page."""
        return self._prefix() if item.collection == "pages" else self._section_url(item.collection)

    def _kicker_name(self, item: Item) -> str:
        return self._section_name("home" if item.collection == "pages" else item.collection)

    def _section_name(self, name: str) -> str:
        return t(f"section.{name}", self.lang)

    def _status_heading(self, collection: str, status: str) -> str:
        return t(f"group.{collection}.{status}", self.lang)

    def _month(self, month: date) -> str:
        return format_date(month, "LLLL y", locale=self.lang).capitalize()

    def _t(self, key: str) -> str:
        return t(key, self.lang)


def _for_editors(item: Item) -> bool:
    """A page for contributors (`visibility: editors`): not in the nav nor the search."""
    return isinstance(item, Page) and item.for_editors


def _said_first(summary: str, body: str) -> bool:
    """Whether the body's first paragraph repeats the summary (as far as words go)."""
    first = body.strip().split("\n\n", 1)[0]
    words = _WORDS.findall(summary.casefold())
    return bool(words) and _WORDS.findall(first.casefold())[: len(words)] == words


_WORDS = re.compile(r"\w+")


def _place_codes(item: Item) -> list[str]:
    """Where an item without missions took place: its host mission, or a country where
    no mission exists yet (`country`, `location.country`)."""
    if item.collection == "organizations":
        return []
    location = getattr(item, "location", None) or {}
    code = getattr(item, "host", None) or getattr(item, "country", None) or location.get("country")
    return [code] if code else []


def page_url(path: str, lang: str) -> str:
    """The site URL of a docs path: `projects/x.md` -> `en/projects/x/` in English."""
    stem = path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return prefix(lang) + stem


def generate(
    content: Content, lang: str, today: date, edit_base: str = "", site_url: str = ""
) -> list[SitePage]:
    """All pages of one language, in a stable order."""
    return list(Generator(content, lang, today, edit_base, site_url).pages())


def nav(lang: str, content: Content) -> list[dict[str, str]]:
    """The sections, not the items: Material renders the nav into every page.

    Titles are HTML, because Material writes nav titles unescaped: contributor text
    is escaped, and a free page's Russian title on the English site is marked as such.
    """
    entries = [{str(escape(t("section.home", lang))): "index.md"}]
    entries += [{str(escape(t(f"section.{name}", lang))): f"{name}/index.md"} for name in SECTIONS]
    entries += [
        {typeset_html(str(text_html(page.label(), lang)), lang): f"{page.slug}.md"}
        for page in sorted(content.items["pages"].values(), key=lambda p: p.slug)
        if not _for_editors(page)
    ]
    return entries


__all__ = ["COLLECTIONS", "SECTIONS", "LocalText", "SitePage", "generate", "nav"]
