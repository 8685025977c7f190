"""iCalendar (RFC 5545) feeds of the forums: the whole schedule and one per mission.

Calendars subscribe to these files and re-read them, so every event keeps one
`UID` for ever (derived from the forum's slug, not the site's address), and the
file changes only when the content or the build's "today" does: `DTSTAMP` is
the build's date, never the clock. Timed forums are written in UTC (`...Z`),
which every client reads without a VTIMEZONE; all-day forums are `VALUE=DATE`
days with the exclusive end RFC 5545 asks for (a forum on 14-15 May ends on 16).

Each language has its own files, as each has its own pages: `/forums.ics` and
`/en/forums.ics`, `/missions/<code>/forums.ics` and `/en/missions/<code>/forums.ics`.
A mission without forums still gets its (empty) calendar, so a subscription
made today receives the forums announced later.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from icalendar import Calendar, Event

from generator.countries import country_name
from generator.labels import enum_label, t
from generator.listings import forum_status
from generator.models import Forum, Mission
from generator.present import item_url
from generator.published import absolute, item_uuid, moment, stable_uuid
from generator.values import LocalText, first_day, last_day
from generator.write import Writer

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs import SiteContext

FILE_NAME = "forums.ics"

STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}
"""Forum status -> iCalendar STATUS. A forum on the published schedule is set, not
pencilled in, so planned ones are CONFIRMED; TENTATIVE would grey them out in
most clients for no reason the content states."""

REFRESH = timedelta(days=1)
"""How often subscribers should re-read the file; the site is rebuilt about daily."""


def calendar_url(lang: str, mission: str | None = None) -> str:
    """Site-relative URL of a calendar file, for the feeds and for the pages' links."""
    prefix = "en/" if lang == "en" else ""
    folder = f"missions/{mission}/" if mission else ""
    return f"{prefix}{folder}{FILE_NAME}"


def write_calendars(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.STEPS`."""
    forums: list[Forum] = sorted(context.content.items["forums"].values(), key=_order)
    for lang in context.languages:
        name = f"{t('section.forums', lang)} · {t('site.name', lang)}"
        writer.data(calendar_url(lang), _calendar(forums, name, lang, context, None))
        for code, mission in context.content.missions.items():
            own = [f for f in forums if code in f.missions]
            name = f"{t('section.forums', lang)} · {_mission_name(mission, lang)}"
            writer.data(calendar_url(lang, code), _calendar(own, name, lang, context, code))


def _calendar(forums: Iterable[Forum], name: str, lang: str, context: SiteContext,
              mission: str | None) -> bytes:
    url = calendar_url(lang, mission)
    stamp = datetime.combine(context.today, time(0), UTC)
    events = [_event(f, lang, context, stamp) for f in forums]
    calendar = Calendar.new(
        prodid=f"-//ngo-missions-site//forums//{lang.upper()}",
        uid=str(stable_uuid("feed", url)), name=name,
        description=t("site.description", lang), refresh_interval=REFRESH,
        method="PUBLISH", subcomponents=events,
        **({"url": absolute(context.site_url, url), "source": absolute(context.site_url, url)}
           if context.site_url else {}))
    return calendar.to_ical()


def _event(forum: Forum, lang: str, context: SiteContext, stamp: datetime) -> Event:
    start, end = event_times(forum)
    event = Event.new(
        uid=str(item_uuid(forum)), stamp=stamp, start=start, end=end,
        summary=forum.title.get(lang), location=location(forum, lang) or None,
        description=_description(forum, lang, context) or None,
        status=STATUS[forum_status(forum, context.today)],
        url=absolute(context.site_url, item_url(forum, lang)) if context.site_url else None)
    if forum.title.is_fallback(lang):
        event["SUMMARY"].params["LANGUAGE"] = "ru"
    return event


def event_times(forum: Forum) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: both instants in UTC, or whole days with an exclusive end.

    A forum given as days (or with a day on either side) is an all-day event; a
    timed forum without `end` has no DTEND, which RFC 5545 reads as "at that moment".
    """
    start, end = forum.start, forum.end
    if isinstance(start, datetime) and (end is None or isinstance(end, datetime)):
        return moment(start), moment(end) if end is not None else None
    return first_day(start), last_day(end or start) + timedelta(days=1)


def location(forum: Forum, lang: str) -> str:
    """`venue, city` in the calendar's language; empty for a forum with neither."""
    return ", ".join(text.get(lang) for text in (forum.venue, forum.city) if text)


def _description(forum: Forum, lang: str, context: SiteContext) -> str:
    missions = context.content.missions
    lines = [f"{t('field.missions', lang)}: " + ", ".join(
        _mission_name(missions[code], lang) if code in missions else country_name(code, lang)
        for code in forum.missions)]
    if forum.format:
        lines.append(f"{t('field.format', lang)}: "
                     f"{enum_label('format', forum.format, 'forums', lang)}")
    if forum.registration:
        lines.append(f"{t('field.registration', lang)}: {forum.registration}")
    return "\n".join(lines)


def _mission_name(mission: Mission, lang: str) -> str:
    label: LocalText = mission.label()
    return label.get(lang)


def _order(forum: Forum) -> tuple[datetime, str]:
    return moment(forum.start), forum.slug


def webcal_url(site_url: str, url: str) -> str:
    """The subscription address calendars open: the file's absolute URL as `webcal://`."""
    address = absolute(site_url, url)
    return "webcal://" + address.split("://", 1)[1]
