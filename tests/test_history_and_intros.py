"""History as sources tell it (partial dates, no dates for what is over, a place without
a mission) and the sections' introductions (`_index.md`): read, checked, scaffolded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from content_repo import front_matter, make_repo, messages, problems_of

from generator.cli import main
from generator.content.check import load_and_check
from generator.content.values import Year
from generator.contrib.scaffold import Request, render
from generator.pages.generate import generate
from generator.pages.present import format_range, format_when

INTERNSHIP = "content/internships/stazhirovka-berlin-2019.md"
PROJECT = "content/projects/gagarin-kopengagen.md"
FIRST = "content/internships/pervaya.md"


def test_year_and_month_is_a_partial_date(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {PROJECT: ("start: 2015", "start: 2015-06")})
    content, problems = load_and_check(root)
    assert not problems
    start = content.items["projects"]["gagarin-kopengagen"].start
    assert start == Year(2015, 6)
    assert (start.isoformat(), start.first_day(), start.last_day()) == (
        "2015-06",
        date(2015, 6, 1),
        date(2015, 6, 30),
    )


def test_month_thirteen_is_not_a_month(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: ("start: 2015", "start: 2015-13")}) == [
        f"{PROJECT}:4: поле «start»: «2015-13» не год и не дата; "
        "пишите 2015, 2015-06 или 2015-06-01"
    ]


def test_an_internship_over_may_have_no_dates_and_a_country_instead_of_a_mission(
    tmp_path: Path,
) -> None:
    text = front_matter(
        "title: Первая стажировка\ncountry: de\nparticipants: 12\nregion_count: 5\n"
        "status: completed\n"
    )
    root = make_repo(tmp_path, {FIRST: text})
    content, problems = load_and_check(root)
    assert not problems
    first = content.items["internships"]["pervaya"]
    assert (first.start, first.country, first.region_count) == (None, "de", 5)


def test_an_internship_not_over_needs_its_start(tmp_path: Path) -> None:
    text = front_matter("title: Стажировка\ncountry: de\nstatus: open\n")
    assert problems_of(tmp_path, {FIRST: text}, "en") == [
        f'{FIRST}:4: the field "start" is missing (a year, year-month or date, e.g. 2015 or '
        "2015-06); only what is over (status: completed) may have no dates, and this one "
        "has status: open"
    ]


def test_an_internship_needs_a_host_or_a_country(tmp_path: Path) -> None:
    text = front_matter("title: Стажировка\nstart: 2019\nstatus: completed\n")
    assert problems_of(tmp_path, {FIRST: text}) == [
        f"{FIRST}:1: нужно хотя бы одно из полей: host, country; например, добавьте «host»"
    ]


def test_a_project_may_be_placed_by_its_country(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {PROJECT: ("missions: [dk]\n", "location: {country: dk}\n")})
    text = root.joinpath(PROJECT).read_text(encoding="utf-8")
    if text.count("location:") > 1:  # the fixture has its own location: keep one
        root.joinpath(PROJECT).write_text(
            text.replace("location: {country: dk}\n", "", 1), encoding="utf-8"
        )
    assert messages(root) == []


def test_a_project_without_missions_or_country_is_an_error(tmp_path: Path) -> None:
    text = front_matter("title: Проект\nstart: 2015\nstatus: completed\n")
    rel = "content/projects/proekt.md"
    assert problems_of(tmp_path, {rel: text}, "en") == [
        f"{rel}:1: at least one of these fields is required: missions, location.country; "
        'e.g. add "missions"'
    ]


def test_intros_are_read_with_their_translation(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "content/_index.md": front_matter("title: Главная\nsummary: Кратко.\n", "Текст.\n"),
            "content/_index.en.md": front_matter("title: Home\n", "Text.\n"),
            "missions/_index.md": front_matter("title: Миссии\n"),
            "content/forums/_index.md": front_matter("title: Форумы\n"),
        },
    )
    content, problems = load_and_check(root)
    assert not problems
    assert sorted(content.intros) == ["forums", "home", "missions"]
    home = content.intros["home"]
    assert (home.title.ru, home.title.en, home.body_en) == ("Главная", "Home", "Text.\n")
    assert content.intros["forums"].url("en") == "en/forums/"
    assert "_index" not in content.items["forums"]


def test_intro_fields_are_checked(tmp_path: Path) -> None:
    intro = "content/news/_index.md"
    text = front_matter("title: Новости\nstatus: open\n")
    assert problems_of(tmp_path, {intro: text}) == [f"{intro}:3: неизвестное поле «status»"]


def test_intro_links_are_checked(tmp_path: Path) -> None:
    intro = "content/news/_index.md"
    text = front_matter("title: Новости\n", "См. [страницу](../nowhere.md).\n")
    [problem] = problems_of(tmp_path, {intro: text}, "en")
    assert problem.startswith(f'{intro}:4: the link "../nowhere.md" ')


def test_a_translated_intro_needs_its_original(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/_index.en.md": front_matter("title: Home\n")}) == [
        "content/_index.en.md: перевод без русского оригинала: нет файла content/_index.md"
    ]


def test_new_writes_a_section_intro_that_check_accepts_once_titled(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    assert main(["new", "_index", "--section", "routes", "--root", str(root)]) == 0
    rel = "content/routes/_index.md"
    assert messages(root) == [f"{rel}:5: поле «title» пустое"]
    text = render(Request("_index", title="Социальный туризм", section="routes"))
    root.joinpath(rel).write_text(text, encoding="utf-8")
    assert messages(root) == []


def test_new_intro_without_section_says_which_exist(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(tmp_path)
    assert main(["new", "_index", "--root", str(root), "--lang", "en"]) == 1
    assert "--section and one of: home, missions, forums" in capsys.readouterr().err


def test_partial_dates_read_as_written() -> None:
    assert format_when(Year(2015, 6), "ru") == "июнь 2015"
    assert format_when(Year(2015, 6), "en") == "June 2015"
    assert format_range(Year(2015), Year(2018), "ru") == "2015–2018"
    assert format_range(None, None, "ru") == "даты неизвестны"
    assert format_range(None, None, "en") == "dates not known"


def test_a_dateless_item_says_its_dates_are_not_known(tmp_path: Path) -> None:
    text = front_matter(
        "title: Первая стажировка\ncountry: de\nparticipants: 12\nregion_count: 5\n"
        "status: completed\n"
    )
    content, problems = load_and_check(make_repo(tmp_path, {FIRST: text}))
    assert not problems
    pages = {p.path: p for p in generate(content, "ru", date(2030, 1, 1))}
    page = pages["internships/pervaya.md"].html
    assert "<dt>Сроки</dt>\n<dd>неизвестны</dd>" in page  # a line apart: two words in the index
    assert "<dt>Регионов</dt>\n<dd>5</dd>" in page  # a line apart: two words in the index
    assert "<dt>Страна</dt>\n<dd>Германия</dd>" in page  # a line apart: two words in the index
    listing = pages["internships/index.md"].after
    assert '<a href="pervaya/">Первая стажировка</a>' in listing
    assert "даты неизвестны" in listing and "Германия" in listing


def test_sections_open_with_their_intro_and_drop_empty_groups(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/routes": None})  # an empty section
    root.joinpath("content/routes").mkdir()
    root.joinpath("content/routes/_index.md").write_text(
        front_matter("title: Туризм\nsummary: Льготные маршруты.\n", "Как добавить.\n"),
        encoding="utf-8",
    )
    content, problems = load_and_check(root)
    assert not problems
    page = {p.path: p for p in generate(content, "en", date(2030, 1, 1))}["routes/index.md"]
    assert '<h1><span lang="ru">Туризм</span></h1>' in page.html
    assert page.fallback  # the Russian body, marked as such
    assert page.source.strip().endswith("</div>")
    assert page.markdown.strip() == "Как добавить."
    assert "ngo-empty" not in page.after


def test_a_summary_the_text_begins_with_is_not_shown_twice(tmp_path: Path) -> None:
    news = "content/news/itogi-goda.md"
    text = front_matter(
        "title: Итоги\ndate: 2025-12-30\nsummary: Миссия провела форум.\n",
        "Миссия провела форум. Подробности ниже.\n",
    )
    content, problems = load_and_check(make_repo(tmp_path, {news: text}))
    assert not problems
    page = {p.path: p for p in generate(content, "ru", date(2030, 1, 1))}["news/itogi-goda.md"]
    assert "ngo-lead" not in page.html
    assert "Миссия провела форум." in page.markdown
