"""The rules that decide what a listing shows, and in which order.

Kept apart from templates so they can be tested on their own: "upcoming" and
"past", "open" and "expired", depend on the build's today, which is given,
never read from the clock here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from itertools import groupby

from generator.content.load import Content
from generator.content.models import Forum, Internship, Item, News, Project, Proposal, Publication
from generator.content.values import first_day, last_day


def forum_status(forum: Forum, today: date) -> str:
    """Explicit status wins; otherwise a forum whose last day has passed was held."""
    if forum.status:
        return forum.status
    return "held" if last_day(forum.end or forum.start) < today else "planned"


def is_upcoming(forum: Forum, today: date) -> bool:
    return last_day(forum.end or forum.start) >= today


def forums_by_month(forums: Iterable[Forum], today: date) -> list[tuple[date, list[Forum]]]:
    """Upcoming forums, soonest first, grouped under the first day of their month."""
    upcoming = sorted((f for f in forums if is_upcoming(f, today)), key=_start_key)
    grouped = groupby(upcoming, key=lambda f: first_day(f.start).replace(day=1))
    return [(month, list(group)) for month, group in grouped]


def past_forums(forums: Iterable[Forum], today: date) -> list[Forum]:
    """Held (or cancelled) forums, the most recent first."""
    return sorted((f for f in forums if not is_upcoming(f, today)), key=_start_key, reverse=True)


def is_expired(proposal: Proposal, today: date) -> bool:
    return proposal.expires < today


def open_proposals(proposals: Iterable[Proposal], today: date) -> list[Proposal]:
    """Open proposals, those expiring soonest first so nobody misses them."""
    return sorted(
        (p for p in proposals if not is_expired(p, today)), key=lambda p: (p.expires, p.slug)
    )


def expired_proposals(proposals: Iterable[Proposal], today: date) -> list[Proposal]:
    return sorted(
        (p for p in proposals if is_expired(p, today)),
        key=lambda p: (p.expires, p.slug),
        reverse=True,
    )


def internship_is_open(internship: Internship, today: date) -> bool:
    """Open means taking applications: status `open`, and the deadline not passed."""
    if internship.status != "open":
        return False
    return internship.apply_by is None or internship.apply_by >= today


def internships_open_first(items: Iterable[Internship], today: date) -> list[Internship]:
    return sorted(
        items,
        key=lambda i: (not internship_is_open(i, today), -_start_ordinal(i), i.slug),
    )


PROJECT_ORDER = ("active", "proposed", "completed")


def projects_by_status(projects: Iterable[Project]) -> list[tuple[str, list[Project]]]:
    """Active projects first, then proposed, then completed; newest first in each."""
    result = []
    for status in PROJECT_ORDER:
        group = [p for p in projects if p.status == status]
        group.sort(key=lambda p: (-_start_ordinal(p), p.slug))
        if group:
            result.append((status, group))
    return result


def newest_first(items: Iterable[News | Publication]) -> list[News | Publication]:
    return sorted(items, key=lambda i: (i.date, i.slug), reverse=True)


def mission_codes(item: Item) -> list[str]:
    """The missions an item belongs to, by whichever field its collection uses."""
    codes: list[str] = []
    for name in ("missions", "countries"):
        codes.extend(getattr(item, name, None) or [])
    for name in ("host", "country"):
        if getattr(item, name, None) and item.collection != "organizations":
            codes.append(getattr(item, name))
    location = getattr(item, "location", None) or {}
    if location.get("country"):
        codes.append(location["country"])
    return sorted(set(codes))


def related_to_mission(content: Content, code: str) -> dict[str, list[Item]]:
    """Everything a mission takes part in, by collection, for its page."""
    related: dict[str, list[Item]] = {}
    for name, items in content.items.items():
        if name in ("missions", "pages"):
            continue
        found = [item for item in items.values() if code in mission_codes(item)]
        if found:
            related[name] = sorted(found, key=sort_key, reverse=True)
    return related


def related_by_mission(content: Content) -> dict[str, dict[str, list[Item]]]:
    """`related_to_mission` for every code at once, in one pass over the items: the
    same lists in the same order (collections as `content.items` has them)."""
    related: dict[str, dict[str, list[Item]]] = {}
    for name, items in content.items.items():
        if name in ("missions", "pages"):
            continue
        for item in items.values():
            for code in mission_codes(item):
                related.setdefault(code, {}).setdefault(name, []).append(item)
    for by_collection in related.values():
        for name, found in by_collection.items():
            by_collection[name] = sorted(found, key=sort_key, reverse=True)
    return related


def sort_key(item: Item) -> tuple[date, str]:
    """The date that best places an item in time, for mixed lists."""
    for name in ("date", "start", "expires"):
        value = getattr(item, name, None)
        if value is not None:
            return first_day(value), item.slug
    return date.min, item.slug


def _start_ordinal(item: Internship | Project) -> int:
    """The start as a day number; an item over with no known dates sorts last."""
    return first_day(item.start).toordinal() if item.start is not None else 0


def _start_key(forum: Forum) -> tuple[date, str, str]:
    """Day first, then the moment in UTC, so all-day and timed forums interleave."""
    start = forum.start
    moment = start.astimezone(UTC).isoformat() if isinstance(start, datetime) else ""
    return first_day(start), moment, forum.slug
