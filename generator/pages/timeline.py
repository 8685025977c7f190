"""Time views of a section: projects along the years, forums in month grids.

Only arithmetic on dates lives here (which years a bar covers, which cells of a
month a forum fills); the templates `timeline.html` and `calendar.html` draw them,
and `generate.py` supplies links and labels. Both views are plain HTML that passes
the sanitizer: a bar is placed on its track by classes (theme/ngo.css defines
`ngo-tl-c<n>`, `ngo-tl-s<n>` and `ngo-tl-e<n>` for up to `MAX_COLUMNS`), since
`style` attributes are removed from every page.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from generator.content.models import Forum, Project
from generator.content.values import first_day, last_day

MAX_COLUMNS = 20
"""A timeline longer than this many years is drawn on 20 equal steps: the text says
the exact years, the bar is a picture of the proportion."""


@dataclass(frozen=True)
class Bar:
    project: Project
    first: int
    """The first year."""
    last: int
    """The last year: the end's, else this year for a running project, else the start's."""
    open_end: bool
    """Running with no end given: the bar is drawn to this year and fades."""
    start_column: int
    """1-based grid line where the bar starts."""
    end_column: int
    """Grid line where it ends (exclusive, as CSS counts them)."""


@dataclass(frozen=True)
class Timeline:
    first: int
    last: int
    columns: int
    bars: list[Bar]
    ticks: list[tuple[int, int]] = field(default_factory=list)
    """(year, grid line) of the round years marked between the two ends of the axis."""


def project_timeline(projects: Iterable[Project], today: date) -> Timeline | None:
    """Projects in order of their start, each spanning its years; None if there are none."""
    spans = []
    for project in projects:
        if project.start is None:
            continue  # its years are not known: nothing to draw (the list still shows it)
        first = first_day(project.start).year
        open_end = project.end is None and project.status == "active"
        if project.end is not None:
            last = last_day(project.end).year
        else:
            last = max(first, today.year) if open_end else first
        spans.append((project, first, max(first, last), open_end))
    if not spans:
        return None
    spans.sort(key=lambda s: (s[1], s[2], s[0].slug))
    low, high = min(s[1] for s in spans), max(s[2] for s in spans)
    years = high - low + 1
    columns = min(years, MAX_COLUMNS)

    def line(offset: int, up: bool = False) -> int:
        """Grid line at `offset` years after the start of `low`: a bar's start rounds
        down and its end up, so that a bar never shrinks to nothing nor leaves the grid."""
        steps = offset * columns / years
        return 1 + (math.ceil(steps) if up else math.floor(steps))

    bars = []
    for project, first, last, open_end in spans:
        start = line(first - low)
        end = max(line(last + 1 - low, up=True), start + 1)
        bars.append(Bar(project, first, last, open_end, start, end))
    # Every fifth (or tenth) year, kept clear of the end labels: a year's label is about
    # three columns wide on a phone.
    step = 5 if years <= 30 else 10
    ticks = [(year, line(year - low)) for year in range(low + 1, high + 1) if year % step == 0]
    ticks = [(year, column) for year, column in ticks if 4 <= column <= columns - 4]
    return Timeline(low, high, columns, bars, ticks)


@dataclass
class Day:
    """One cell of a month grid."""

    number: int = 0
    """Day of the month; 0 for the blank cells before the 1st and after the last day."""
    starts: list[Forum] = field(default_factory=list)
    """Forums that begin on this day (their links go here)."""
    ongoing: list[Forum] = field(default_factory=list)
    """Forums that began earlier and still run on this day."""


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]


def month_grid(month: date, forums: Iterable[Forum]) -> Month:
    """The weeks of `month`, Monday first (the missions' countries count weeks so),
    with every forum placed on the days it covers."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdayscalendar(
        month.year, month.month
    )
    days = {n: Day(n) for week in weeks for n in week if n}
    first, last = month.replace(day=1), month.replace(day=max(days))
    ordered = sorted(forums, key=lambda f: (first_day(f.start), f.slug))
    # Only the days each forum runs on in this month, not every day against every forum:
    # the calendar hands each month it shows all the upcoming forums.
    for forum in ordered:
        start, end = first_day(forum.start), last_day(forum.end or forum.start)
        if start > last:
            continue
        if start >= first:
            days[start.day].starts.append(forum)
        if end < first:  # over before this month (or, wrongly, before its own start)
            continue
        since = 1 if start < first else start.day + 1  # the days after the start
        until = last.day if end > last else end.day
        for number in range(since, until + 1):
            days[number].ongoing.append(forum)
    return Month(first, [[days[n] if n else Day() for n in week] for week in weeks])
