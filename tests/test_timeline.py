"""Projects along the years and forums in month grids (generator/timeline.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from generator.content.models import Forum, Project
from generator.content.values import LocalText, Year
from generator.pages.timeline import month_grid, project_timeline

TODAY = date(2030, 1, 15)


def project(slug: str, start: int, end: int | None, status: str) -> Project:
    return Project(
        slug=slug,
        source=f"content/projects/{slug}.md",
        title=LocalText(slug),
        missions=["dk"],
        start=Year(start),
        end=Year(end) if end else None,
        status=status,
    )


def forum(slug: str, start: date | datetime, end: date | datetime | None = None) -> Forum:
    return Forum(
        slug=slug,
        source=f"content/forums/{slug}.md",
        title=LocalText(slug),
        start=start,
        end=end,
        missions=["dk"],
    )


def test_one_column_per_year_and_bars_cover_their_years() -> None:
    timeline = project_timeline(
        [
            project("b", 2028, None, "active"),
            project("a", 2015, 2018, "completed"),
            project("c", 2031, 2033, "proposed"),
        ],
        TODAY,
    )
    assert timeline is not None
    assert (timeline.first, timeline.last, timeline.columns) == (2015, 2033, 19)
    bars = {
        bar.project.slug: (bar.first, bar.last, bar.start_column, bar.end_column, bar.open_end)
        for bar in timeline.bars
    }
    assert bars == {
        "a": (2015, 2018, 1, 5, False),
        "b": (2028, 2030, 14, 17, True),  # running: drawn to this year
        "c": (2031, 2033, 17, 20, False),
    }
    assert [bar.project.slug for bar in timeline.bars] == ["a", "b", "c"]  # by start


def test_round_years_are_ticked_clear_of_the_ends() -> None:
    timeline = project_timeline([project("a", 2015, 2033, "completed")], TODAY)
    assert timeline is not None and timeline.ticks == [(2020, 6), (2025, 11)]


def test_a_long_history_is_drawn_on_twenty_steps() -> None:
    timeline = project_timeline(
        [project("a", 1990, 1991, "completed"), project("b", 2029, 2029, "completed")], TODAY
    )
    assert timeline is not None and timeline.columns == 20
    first, last = timeline.bars
    assert (first.start_column, first.end_column) == (1, 2)
    assert (last.start_column, last.end_column) == (20, 21)


def test_no_projects_no_timeline() -> None:
    assert project_timeline([], TODAY) is None


def test_month_grid_starts_on_monday_and_places_each_forum_on_its_days() -> None:
    grid = month_grid(
        date(2030, 3, 1),
        [
            forum("three-days", date(2030, 3, 5), date(2030, 3, 7)),
            forum("into-april", date(2030, 3, 30), date(2030, 4, 2)),
            forum("timed", datetime(2030, 3, 14, 23, 0, tzinfo=timezone(timedelta(hours=2)))),
        ],
    )
    assert [d.number for d in grid.weeks[0]] == [0, 0, 0, 0, 1, 2, 3]  # 1 March: a Friday
    days = {d.number: d for week in grid.weeks for d in week if d.number}
    assert [f.slug for f in days[5].starts] == ["three-days"]
    assert [f.slug for f in days[6].ongoing] == ["three-days"]
    assert [f.slug for f in days[7].ongoing] == ["three-days"]
    assert not days[8].starts and not days[8].ongoing
    assert [f.slug for f in days[31].ongoing] == ["into-april"]
    assert [f.slug for f in days[14].starts] == ["timed"]  # its own local date


def cells(grid_month: date, forums: list[Forum]) -> dict[int, tuple[list[str], list[str]]]:
    grid = month_grid(grid_month, forums)
    return {
        d.number: ([f.slug for f in d.starts], [f.slug for f in d.ongoing])
        for week in grid.weeks
        for d in week
        if d.number
    }


def test_month_grid_places_only_the_days_a_forum_covers_in_that_month() -> None:
    days = cells(
        date(2030, 3, 1),
        [
            forum("from-february", date(2030, 2, 20), date(2030, 3, 2)),
            forum("all-spring", date(2030, 2, 1), date(2030, 5, 1)),
            forum("february-only", date(2030, 2, 3), date(2030, 2, 28)),
            forum("in-april", date(2030, 4, 1)),
            forum("ends-before-it-starts", date(2030, 3, 10), date(2030, 2, 1)),
            forum("whole-year", Year(2030)),
        ],
    )
    assert days[1] == ([], ["whole-year", "all-spring", "from-february"])  # by start
    assert days[2] == ([], ["whole-year", "all-spring", "from-february"])
    assert days[3] == ([], ["whole-year", "all-spring"])
    assert days[10] == (["ends-before-it-starts"], ["whole-year", "all-spring"])
    assert days[31] == ([], ["whole-year", "all-spring"])
    assert not any("february-only" in s + o or "in-april" in s + o for s, o in days.values())


def test_month_grid_counts_the_days_of_a_short_month_from_any_day_given() -> None:
    days = cells(date(2030, 2, 14), [forum("to-march", date(2030, 2, 27), date(2030, 3, 3))])
    assert sorted(days) == list(range(1, 29))
    assert days[27] == (["to-march"], []) and days[28] == ([], ["to-march"])
    assert month_grid(date(2030, 2, 14), []).first == date(2030, 2, 1)
