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

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from generator.build.writer import Writer
from generator.content.characters import xml_safe
from generator.content.countries import country_name
from generator.content.models import Forum, Mission
from generator.content.values import LocalText, first_day, last_day
from generator.outputs.published import absolute, item_uuid, moment, stable_uuid
from generator.pages.labels import enum_label, t
from generator.pages.listings import forum_status
from generator.pages.present import item_url
from generator.urls import prefix

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

FILE_NAME = "forums.ics"

STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}
"""Forum status -> iCalendar STATUS. A forum on the published schedule is set, not
pencilled in, so planned ones are CONFIRMED; TENTATIVE would grey them out in
most clients for no reason the content states."""

REFRESH = "P1D"
"""How often subscribers should re-read the file (an RFC 5545 DURATION: one day); the
site is rebuilt about daily."""

CRLF = b"\r\n"
FOLD_AT = 74
"""Octets on one physical line before it is folded (RFC 5545 3.1: at most 75 with the
leading space of a continuation; the first line is kept one shorter, as icalendar did)."""
FOLD = b"\r\n "
NO_FOLD_BEFORE = (0x5C, 0x5E)
"""`\\` and `^`: never left last on a folded line, so an escape (`\\,`, `\\n`, RFC 6868
`^n`) stays whole on one line for clients that unfold naively (icalendar issue #1501)."""


def calendar_url(lang: str, mission: str | None = None) -> str:
    """Site-relative URL of a calendar file, for the feeds and for the pages' links."""
    folder = f"missions/{mission}/" if mission else ""
    return f"{prefix(lang)}{folder}{FILE_NAME}"


def event_url(forum: Forum, lang: str) -> str:
    """Site-relative URL of one forum's own calendar file, beside its page: the
    "add to calendar" download (`forums/<slug>/<slug>.ics`, named for the forum)."""
    return f"{item_url(forum, lang)}{forum.slug}.ics"


def write_calendars(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`.

    The calendar text is written directly (no icalendar objects): building and
    serialising a component per event per file cost ~1.8 CPU-s at 10,000 items.
    Each event is rendered once per language and the same bytes go into the whole
    schedule and into every mission calendar that lists the forum.
    """
    forums: list[Forum] = sorted(context.content.of(Forum), key=_order)
    stamp = _content_line("DTSTAMP", _utc(datetime.combine(context.today, time(0), UTC)))
    statuses = [STATUS[forum_status(f, context.today)] for f in forums]
    for lang in context.languages:
        events = [
            _event(f, lang, context, stamp, status)
            for f, status in zip(forums, statuses, strict=True)
        ]
        name = f"{t('section.forums', lang)} · {t('site.name', lang)}"
        writer.data(calendar_url(lang), _calendar(events, name, lang, context, None))
        for forum, event in zip(forums, events, strict=True):
            writer.data(
                event_url(forum, lang),
                _calendar([event], forum.title.get(lang), lang, context, None, forum),
            )
        for code, mission in context.content.missions.items():
            own = [event for f, event in zip(forums, events, strict=True) if code in f.missions]
            name = f"{t('section.forums', lang)} · {_mission_name(mission, lang)}"
            writer.data(calendar_url(lang, code), _calendar(own, name, lang, context, code))


def _calendar(
    events: list[bytes],
    name: str,
    lang: str,
    context: SiteContext,
    mission: str | None,
    forum: Forum | None = None,
) -> bytes:
    """VCALENDAR with the properties in the order (and the escaping) icalendar 7 wrote.

    NAME and the X-WR-* copies are written unescaped, as icalendar writes them and
    as clients read them; the text of DESCRIPTION and PRODID is TEXT-escaped. With
    `forum`, the file of that one event (`event_url`): clients import it once.
    """
    url = event_url(forum, lang) if forum else calendar_url(lang, mission)
    description = t("site.description", lang)
    address = absolute(context.site_url, url) if context.site_url else ""
    lines = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        _content_line("PRODID", escape_text(f"-//ngo-missions-site//forums//{lang.upper()}")),
        b"METHOD:PUBLISH",
        _content_line("DESCRIPTION", escape_text(description)),
        _content_line("X-WR-CALDESC", _raw(description)),
        _content_line("NAME", _raw(name)),
        _content_line("X-WR-CALNAME", _raw(name)),
    ]
    if forum is None:  # a subscription is re-read; one event's file is imported once
        lines.append(_content_line("REFRESH-INTERVAL", REFRESH))
        if address:
            lines.append(_content_line("SOURCE", address))
    lines.append(_content_line("UID", str(stable_uuid("feed", url))))
    if address:
        lines.append(_content_line("URL", address))
    head = CRLF.join(lines) + CRLF
    return b"".join((head, *events, b"END:VCALENDAR\r\n"))


def _event(forum: Forum, lang: str, context: SiteContext, stamp: bytes, status: str) -> bytes:
    """One VEVENT, CRLF-terminated, with icalendar 7's property order."""
    start, end = event_times(forum)
    title = forum.title
    summary = "SUMMARY;LANGUAGE=ru" if title.is_fallback(lang) else "SUMMARY"
    lines = [
        b"BEGIN:VEVENT",
        _content_line(summary, escape_text(title.get(lang))),
        _date_line("DTSTART", start),
    ]
    if end is not None:
        lines.append(_date_line("DTEND", end))
    lines += [stamp, _content_line("UID", str(item_uuid(forum)))]
    description = _description(forum, lang, context)
    if description:
        lines.append(_content_line("DESCRIPTION", escape_text(description)))
    place = location(forum, lang)
    if place:
        lines.append(_content_line("LOCATION", escape_text(place)))
    lines.append(_content_line("STATUS", status))
    if context.site_url:
        lines.append(_content_line("URL", absolute(context.site_url, item_url(forum, lang))))
    lines.append(b"END:VEVENT")
    return CRLF.join(lines) + CRLF


def _date_line(name: str, value: date | datetime) -> bytes:
    """A UTC DATE-TIME (`...Z`), or a `VALUE=DATE` day."""
    if isinstance(value, datetime):
        return _content_line(name, _utc(value))
    return _content_line(f"{name};VALUE=DATE", f"{value.year:04}{value.month:02}{value.day:02}")


def _utc(value: datetime) -> str:
    """`value` (already in UTC) as `YYYYMMDDTHHMMSSZ`; seconds' fractions are dropped."""
    return (
        f"{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}Z"
    )


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping, the same replacements in the same order as icalendar 7.

    `\\N` (an escaped newline already) becomes a newline first, so it is not doubled;
    any line ending (CRLF, LF, lone CR) becomes the two characters `\\n`.
    """
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _raw(text: str) -> str:
    """A value written as given (NAME, X-WR-*): only a line break is escaped, since a
    content line cannot hold one (icalendar refused such a value outright)."""
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _content_line(name: str, value: str) -> bytes:
    # RFC 5545 forbids controls in values; XML's list holds all but DEL (issue #20).
    return fold(f"{name}:{xml_safe(value)}".encode())


def fold(line: bytes) -> bytes:
    """Fold one UTF-8 content line (RFC 5545 3.1), exactly where icalendar 7 folded it.

    Each physical line takes as many whole characters as fit in `FOLD_AT` octets (a
    multibyte character is never split), continuations start with a space, and a
    line never ends in a `\\` or `^` that the next character could belong to.
    """
    if len(line) <= FOLD_AT:
        return line
    parts = []
    start = 0
    while len(line) - start > FOLD_AT:
        cut = start + FOLD_AT
        while line[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the start
            cut -= 1
        if line[cut - 1] in NO_FOLD_BEFORE and cut - 1 > start:
            cut -= 1
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return FOLD.join(parts)


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
    lines = [
        f"{t('field.missions', lang)}: "
        + ", ".join(
            _mission_name(missions[code], lang) if code in missions else country_name(code, lang)
            for code in forum.missions
        )
    ]
    if forum.format:
        lines.append(
            f"{t('field.format', lang)}: {enum_label('format', forum.format, 'forums', lang)}"
        )
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
