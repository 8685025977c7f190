"""Deterministic synthetic content repositories for benchmarks.

The build must grow linearly with the content (design.md), and that can only be shown on a
repository far larger than the real one. `make_repo` writes such a repository: it follows
`content-model.md` exactly (every collection, required and most optional fields, references
that resolve, Russian bodies with some English translations), so the generator's whole
pipeline runs on it, not a shortcut. The same arguments give a byte-identical tree, so two
benchmark runs measure the same input.

    python bench/synth.py bench/out/repo --items 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from random import Random

# "Today" for the synthetic world: statuses (held/planned, open/completed) are chosen to be
# plausible against it. A constant, not the clock, so the tree never depends on the run date.
TODAY = dt.date(2026, 6, 1)

# Share of `items` per collection. Organizations are ~10 % of items (the brief); the rest
# mirrors what a union of missions publishes: news most, routes and internships least.
SHARES: dict[str, float] = {
    "news": 0.30,
    "publications": 0.15,
    "projects": 0.12,
    "forums": 0.10,
    "proposals": 0.10,
    "organizations": 0.10,
    "internships": 0.07,
    "routes": 0.06,
}

# Share of items (not organizations, which have no body) that get a `<slug>.en.md`.
TRANSLATED_SHARE = 0.30


@dataclass(frozen=True)
class Country:
    """A mission's country: names, cities, UTC offset in winter and phone prefix."""

    code: str
    ru: str
    en: str
    cities: tuple[tuple[str, str], ...]
    utc_winter: int
    phone: str
    languages: tuple[str, ...]
    status: str


COUNTRIES: tuple[Country, ...] = (
    Country(
        "dk",
        "Дания",
        "Denmark",
        (("Копенгаген", "Copenhagen"), ("Орхус", "Aarhus")),
        1,
        "+45",
        ("da", "en"),
        "active",
    ),
    Country(
        "de",
        "Германия",
        "Germany",
        (("Берлин", "Berlin"), ("Мюнхен", "Munich"), ("Гамбург", "Hamburg")),
        1,
        "+49",
        ("de",),
        "active",
    ),
    # `no` is both Norway's code and Norwegian's language code: the writer must quote it.
    Country(
        "no",
        "Норвегия",
        "Norway",
        (("Осло", "Oslo"), ("Берген", "Bergen")),
        1,
        "+47",
        ("no", "en"),
        "active",
    ),
    Country(
        "se",
        "Швеция",
        "Sweden",
        (("Стокгольм", "Stockholm"), ("Гётеборг", "Gothenburg")),
        1,
        "+46",
        ("sv",),
        "active",
    ),
    Country(
        "fi",
        "Финляндия",
        "Finland",
        (("Хельсинки", "Helsinki"), ("Турку", "Turku")),
        2,
        "+358",
        ("fi", "sv"),
        "active",
    ),
    Country(
        "fr",
        "Франция",
        "France",
        (("Париж", "Paris"), ("Лион", "Lyon")),
        1,
        "+33",
        ("fr",),
        "active",
    ),
    Country(
        "it", "Италия", "Italy", (("Рим", "Rome"), ("Милан", "Milan")), 1, "+39", ("it",), "active"
    ),
    Country(
        "es",
        "Испания",
        "Spain",
        (("Мадрид", "Madrid"), ("Барселона", "Barcelona")),
        1,
        "+34",
        ("es",),
        "forming",
    ),
    Country(
        "nl",
        "Нидерланды",
        "Netherlands",
        (("Амстердам", "Amsterdam"), ("Гаага", "The Hague")),
        1,
        "+31",
        ("nl",),
        "active",
    ),
    Country(
        "be",
        "Бельгия",
        "Belgium",
        (("Брюссель", "Brussels"), ("Антверпен", "Antwerp")),
        1,
        "+32",
        ("nl", "fr", "de"),
        "forming",
    ),
    Country(
        "at",
        "Австрия",
        "Austria",
        (("Вена", "Vienna"), ("Зальцбург", "Salzburg")),
        1,
        "+43",
        ("de",),
        "forming",
    ),
    Country(
        "ch",
        "Швейцария",
        "Switzerland",
        (("Женева", "Geneva"), ("Цюрих", "Zurich")),
        1,
        "+41",
        ("de", "fr", "it"),
        "forming",
    ),
)

THEMES: dict[str, tuple[str, str]] = {
    "culture": ("Культура", "Culture"),
    "education": ("Образование", "Education"),
    "youth": ("Молодёжь", "Youth"),
    "science": ("Наука", "Science"),
    "social-support": ("Социальная поддержка", "Social support"),
    "tourism": ("Социальный туризм", "Social tourism"),
    "heritage": ("Историческая память", "Historical memory"),
    "health": ("Здоровье", "Health"),
}

PAGES: dict[str, tuple[str, str]] = {
    "about": ("О союзе", "About the union"),
    "how-to-contribute": ("Как предложить материал", "How to contribute"),
    "join": ("Как вступить в союз", "How to join"),
    "contacts": ("Контакты", "Contacts"),
    "privacy": ("Персональные данные", "Personal data"),
}

# Russian federal subjects for internships: by name or by ISO 3166-2:RU code, as editors do.
REGIONS = (
    "Москва",
    "Санкт-Петербург",
    "Татарстан",
    "Свердловская область",
    "RU-NIZ",
    "RU-NVS",
    "RU-KDA",
    "Калининградская область",
    "RU-YAR",
    "Приморский край",
)

SURNAMES = (
    "Иванова",
    "Петров",
    "Смирнова",
    "Кузнецов",
    "Соколова",
    "Попов",
    "Лебедева",
    "Козлов",
    "Новикова",
    "Морозов",
    "Волкова",
    "Маркарян",
)
SURNAMES_EN = (
    "Ivanova",
    "Petrov",
    "Smirnova",
    "Kuznetsov",
    "Sokolova",
    "Popov",
    "Lebedeva",
    "Kozlov",
    "Novikova",
    "Morozov",
    "Volkova",
    "Markaryan",
)
INITIALS = ("А. А.", "Е. В.", "И. С.", "М. Н.", "О. П.", "С. Д.", "Т. Г.", "В. К.")
INITIALS_EN = ("A. A.", "E. V.", "I. S.", "M. N.", "O. P.", "S. D.", "T. G.", "V. K.")

# Subjects carry their grammatical gender so the verb agrees: 0 masculine, 1 feminine,
# 2 neuter ("Союз провёл", "Миссия провела", "Крыло провело").
RU_SUBJECTS = (
    ("Миссия", 1),
    ("Союз НКО", 0),
    ("Рабочая группа", 1),
    ("Координационный совет", 0),
    ("Молодёжное крыло союза", 2),
    ("Партнёрская организация", 1),
    ("Оргкомитет", 0),
    ("Делегация", 1),
    ("Волонтёрская сеть", 1),
    ("Центр русского языка", 0),
)
RU_VERBS = (
    ("провёл", "провела", "провело"),
    ("подготовил", "подготовила", "подготовило"),
    ("представил", "представила", "представило"),
    ("организовал", "организовала", "организовало"),
    ("поддержал", "поддержала", "поддержало"),
    ("обсудил", "обсудила", "обсудило"),
    ("завершил", "завершила", "завершило"),
    ("открыл", "открыла", "открыло"),
)
RU_OBJECTS = (
    "серию встреч с соотечественниками",
    "выставку архивных фотографий",
    "программу языковых курсов для детей",
    "круглый стол о социальном туризме",
    "сбор средств на реставрацию памятника",
    "конкурс детского рисунка",
    "доклад о положении русских школ за рубежом",
    "стажировку для студентов из регионов России",
    "маршрут для людей с ограниченной подвижностью",
    "цикл лекций по истории науки",
)
RU_ADVERBIALS = (
    "в партнёрстве с местными властями",
    "при поддержке спонсоров",
    "в рамках ежегодного форума",
    "по итогам открытого конкурса",
    "с участием представителей муниципалитета",
    "несмотря на сжатые сроки",
    "впервые за последние годы",
    "вместе с университетом-партнёром",
)
RU_HEADINGS = (
    "Как это было",
    "Участники и партнёры",
    "Что дальше",
    "Итоги",
    "Как принять участие",
    "Программа",
)
RU_LIST = (
    "регистрация участников и приветственное слово",
    "доклады представителей миссий",
    "работа секций по темам",
    "посещение мемориальных мест",
    "подведение итогов и планы на следующий год",
    "встреча с волонтёрами",
    "экскурсия для семей с детьми",
)
RU_LINK_TEXT = ("программа мероприятия", "фотоотчёт", "положение о конкурсе", "отчёт миссии")

EN_SUBJECTS = (
    ("The mission", 0),
    ("The NGO union", 0),
    ("The working group", 0),
    ("The youth section", 0),
    ("A partner organization", 0),
    ("The organizing committee", 0),
    ("The volunteer network", 0),
)
EN_VERBS = (
    ("held",),
    ("prepared",),
    ("presented",),
    ("organized",),
    ("supported",),
    ("discussed",),
    ("completed",),
)
EN_OBJECTS = (
    "a series of meetings with compatriots",
    "an exhibition of archive photographs",
    "language courses for children",
    "a round table on social tourism",
    "a fundraiser for the monument's restoration",
    "a children's drawing contest",
    "an internship for students from Russia's regions",
    "a route for people with reduced mobility",
)
EN_ADVERBIALS = (
    "together with the local authorities",
    "with the sponsors' support",
    "as part of the annual forum",
    "after an open call",
    "with the municipality taking part",
    "for the first time in years",
)
EN_HEADINGS = ("How it went", "Participants and partners", "What comes next", "Results")
EN_LIST = (
    "registration and welcome address",
    "talks by the missions' representatives",
    "working sessions by theme",
    "a visit to memorial sites",
    "results and plans for next year",
)
EN_LINK_TEXT = ("the programme", "the photo report", "the contest rules", "the mission's report")

# Title templates with the slug stem an editor would derive from them: {city_*} and
# {country_*} are filled in each language, {year} as is.
TITLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "forums": (
        (
            "forum-sootechestvennikov",
            "Форум российских соотечественников: {city_ru} {year}",
            "Forum of Russian compatriots: {city_en} {year}",
        ),
        (
            "konferentsiya-dialog-kultur",
            "Конференция НКО «Диалог культур» — {city_ru}",
            "NGO conference “Dialogue of cultures” — {city_en}",
        ),
        (
            "kruglyy-stol-turizm",
            "Круглый стол о социальном туризме, {city_ru}",
            "Round table on social tourism, {city_en}",
        ),
    ),
    "internships": (
        (
            "stazhirovka",
            "Стажировка в миссии: {country_ru} {year}",
            "Internship at the mission: {country_en} {year}",
        ),
        (
            "letnyaya-shkola",
            "Летняя школа волонтёров — {city_ru}",
            "Volunteers' summer school — {city_en}",
        ),
    ),
    "projects": (
        (
            "pamyatnik-gagarinu",
            "Памятник Юрию Гагарину — {city_ru}",
            "Yuri Gagarin monument — {city_en}",
        ),
        (
            "vystavka-russkie",
            "Выставка «Русские в истории страны: {country_ru}»",
            "Exhibition “Russians in the history of {country_en}”",
        ),
        (
            "yazykovye-kursy",
            "Языковые курсы для детей, {city_ru}",
            "Language courses for children, {city_en}",
        ),
    ),
    "proposals": (
        (
            "ishchem-partnera-vystavka",
            "Ищем партнёра для выставки — {city_ru}",
            "Looking for a partner: exhibition in {city_en}",
        ),
        (
            "zayavka-na-grant",
            "Совместная заявка на грант, {country_ru}",
            "Joint grant application, {country_en}",
        ),
    ),
    "routes": (
        ("dostupnyy-marshrut", "Доступный маршрут: {city_ru}", "Accessible route: {city_en}"),
        ("vykhodnye-dlya-semey", "Выходные для семей — {city_ru}", "A family weekend in {city_en}"),
    ),
    "publications": (
        (
            "russkie-shkoly",
            "Русские школы: {country_ru}, {year}",
            "Russian schools: {country_en}, {year}",
        ),
        (
            "doklad-sotsialnyy-turizm",
            "Доклад о социальном туризме {year}",
            "Report on social tourism {year}",
        ),
    ),
    "news": (
        (
            "itogi-goda",
            "Миссия ({country_ru}) подвела итоги года",
            "The mission in {country_en} sums up the year",
        ),
        (
            "registratsiya-na-forum",
            "Открыта регистрация на форум, {city_ru}",
            "Forum registration is open, {city_en}",
        ),
        (
            "novye-partnery",
            "Новые партнёры союза, {country_ru}",
            "New partners of the union, {country_en}",
        ),
    ),
    "organizations": (
        (
            "obshchestvo-sootechestvennikov",
            "Общество соотечественников ({city_ru})",
            "Compatriots' society ({city_en})",
        ),
        ("fond-most", "Фонд «Мост» ({city_ru})", "Bridge Foundation ({city_en})"),
        (
            "assotsiatsiya-shkol",
            "Ассоциация русских школ ({city_ru})",
            "Association of Russian schools ({city_en})",
        ),
    ),
}


# --- YAML writing ------------------------------------------------------------------------


class Raw(str):
    """A scalar written unquoted as it stands: dates, date-times, years.

    Editors write `start: 2026-05-14`, not `start: "2026-05-14"`, and the generator's
    loader must read that; so the synthetic files do the same.
    """


# A plain scalar that no YAML reader (1.1 or 1.2, block or flow context) reads as anything
# but this string: starts with a letter, no indicator characters (`: # , [ ] { }`).
_PLAIN = re.compile(r"[A-Za-zА-Яа-яЁё][\w .()«»“”—'-]*", re.UNICODE)
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def scalar(value: object) -> str:
    """Write one scalar, quoting every string a YAML 1.1 reader could misread (`no`)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        raise TypeError("the content model has no booleans")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML11_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def flow(value: object) -> str:
    """Write a value in flow style: `[dk, "no"]`, `{ru: ..., en: ...}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def dump(fields: dict[str, object]) -> str:
    """Write a block mapping of flow values, skipping absent (None) optional fields."""
    return "".join(f"{k}: {flow(v)}\n" for k, v in fields.items() if v is not None)


def front_matter(fields: dict[str, object], body: str) -> str:
    """An item file: YAML front matter between `---` lines, then the Markdown body."""
    return f"---\n{dump(fields)}---\n{body}"


# --- text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocab:
    """Words for one language's bodies."""

    subjects: tuple[tuple[str, int], ...]  # (subject, grammatical gender)
    verbs: tuple[tuple[str, ...], ...]  # one form per gender
    objects: tuple[str, ...]
    adverbials: tuple[str, ...]
    headings: tuple[str, ...]
    bullets: tuple[str, ...]
    links: tuple[str, ...]
    more: str


RU = Vocab(
    RU_SUBJECTS,
    RU_VERBS,
    RU_OBJECTS,
    RU_ADVERBIALS,
    RU_HEADINGS,
    RU_LIST,
    RU_LINK_TEXT,
    "Подробнее",
)
EN = Vocab(
    EN_SUBJECTS, EN_VERBS, EN_OBJECTS, EN_ADVERBIALS, EN_HEADINGS, EN_LIST, EN_LINK_TEXT, "More"
)


def sentence(rng: Random, vocab: Vocab) -> str:
    """One plausible sentence: subject, verb, object, circumstance."""
    subject, gender = rng.choice(vocab.subjects)
    verb = rng.choice(vocab.verbs)[gender]
    return f"{subject} {verb} {rng.choice(vocab.objects)} {rng.choice(vocab.adverbials)}."


def paragraph(rng: Random, vocab: Vocab, sentences: int) -> str:
    """A paragraph of a few sentences."""
    return " ".join(sentence(rng, vocab) for _ in range(sentences))


def body(rng: Random, vocab: Vocab = RU) -> str:
    """A Markdown body of ~1–3 KB with a heading, a list and a link, as editors write them.

    The link points outside the site on purpose: an internal link would depend on the
    generator's URL scheme, which the synthetic repository must not assume.
    """
    intro = paragraph(rng, vocab, rng.randint(2, 4))
    heading = rng.choice(vocab.headings)
    middle = paragraph(rng, vocab, rng.randint(2, 4))
    bullets = "".join(f"- {b}\n" for b in rng.sample(vocab.bullets, rng.randint(3, 5)))
    link = f"[{rng.choice(vocab.links)}](https://union.example.org/docs/{rng.randint(100, 999)})"
    outro = paragraph(rng, vocab, rng.randint(1, 3))
    return f"{intro}\n\n## {heading}\n\n{middle}\n\n{bullets}\n{outro} {vocab.more}: {link}.\n"


# --- values ------------------------------------------------------------------------------


def iso(day: dt.date) -> Raw:
    """A date as editors write it: `2026-05-14`."""
    return Raw(day.isoformat())


def random_date(rng: Random, first_year: int, last_year: int) -> dt.date:
    """A day between 1 January of `first_year` and 31 December of `last_year`."""
    start = dt.date(first_year, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(last_year, 12, 31).toordinal()))


def utc_offset(country: Country, day: dt.date) -> str:
    """The country's offset on that day: summer time from April to October, roughly."""
    hours = country.utc_winter + (1 if 4 <= day.month <= 10 else 0)
    return f"+{hours:02d}:00"


def date_time(country: Country, day: dt.date, hour: int) -> Raw:
    """A local date-time with its UTC offset: `2026-05-14T10:00+02:00`."""
    return Raw(f"{day.isoformat()}T{hour:02d}:00{utc_offset(country, day)}")


def text(rng: Random, ru: str, en: str, bilingual: float = 0.6) -> object:
    """A reader-facing text: a `{ru, en}` map most of the time, else Russian only."""
    return {"ru": ru, "en": en} if rng.random() < bilingual else ru


def person(rng: Random) -> tuple[str, str]:
    """A person's name in Russian and English."""
    i, j = rng.randrange(len(SURNAMES)), rng.randrange(len(INITIALS))
    return f"{INITIALS[j]} {SURNAMES[i]}", f"{INITIALS_EN[j]} {SURNAMES_EN[i]}"


def some(rng: Random, pool: list[str], low: int, high: int) -> list[str]:
    """A few distinct values from a pool, in the pool's order (lists read naturally)."""
    count = min(len(pool), rng.randint(low, high))
    picked = set(rng.sample(range(len(pool)), count))
    return [v for i, v in enumerate(pool) if i in picked]


# --- the world ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where an item happens: its country (a mission) and one of the country's cities."""

    country: Country
    city: tuple[str, str]

    @property
    def code(self) -> str:
        return self.country.code


@dataclass
class World:
    """What items may refer to, and the random source every writer shares."""

    rng: Random
    homes: dict[str, Place]  # organization slug → where it sits

    @property
    def organizations(self) -> list[str]:
        return list(self.homes)

    @property
    def themes(self) -> list[str]:
        return list(THEMES)

    def place(self, country: Country | None = None) -> Place:
        country = country or self.rng.choice(COUNTRIES)
        return Place(country, self.rng.choice(country.cities))

    def others(self, place: Place) -> list[str]:
        """Mission codes other than the place's: reference lists never repeat a code."""
        return [c.code for c in COUNTRIES if c is not place.country]

    def title(self, collection: str, place: Place, year: int) -> tuple[str, str, str]:
        """A slug stem and a title in Russian and English, about this place."""
        stem, ru, en = self.rng.choice(TITLES[collection])
        names = {
            "city_ru": place.city[0],
            "city_en": place.city[1],
            "country_ru": place.country.ru,
            "country_en": place.country.en,
            "year": year,
        }
        return stem, ru.format(**names), en.format(**names)


Fields = dict[str, object]


@dataclass
class Item:
    """One item's front matter, the stem of its slug, and what its translation overrides."""

    fields: Fields
    stem: str
    title_en: str
    summary_en: str | None = None


def forum(w: World, p: Place) -> Item:
    """A forum: some with date-times and offsets, `end` never before `start`."""
    r = w.rng
    day = random_date(r, 2018, 2027)
    stem, ru, en = w.title("forums", p, day.year)
    if r.random() < 0.3:
        hour = r.choice((9, 10, 14))
        start = date_time(p.country, day, hour)
        end = date_time(p.country, day, hour + r.randint(2, 8)) if r.random() < 0.7 else None
    else:
        start = iso(day)
        end = iso(day + dt.timedelta(days=r.randint(1, 3))) if r.random() < 0.6 else None
    status = None
    if r.random() < 0.7:
        status = "cancelled" if r.random() < 0.05 else ("held" if day < TODAY else "planned")
    fields: Fields = {
        "title": text(r, ru, en),
        "start": start,
        "end": end,
        "missions": [p.code, *some(r, w.others(p), 0, 3)],
        "city": text(r, *p.city, 0.8),
        "venue": text(r, "Русский дом", "Russian House") if r.random() < 0.6 else None,
        "format": r.choice(("in-person", "online", "hybrid")),
        "status": status,
        "registration": f"https://forum.example.org/{p.code}/{day.year}/registration"
        if r.random() < 0.5
        else None,
        "themes": some(r, w.themes, 1, 3),
    }
    return Item(fields, stem, en)


def internship(w: World, p: Place) -> Item:
    """An internship hosted by one mission; `apply_by` before `start` before `end`."""
    r = w.rng
    day = random_date(r, 2019, 2027)
    stem, ru, en = w.title("internships", p, day.year)
    end = day + dt.timedelta(days=r.randint(14, 90))
    status = "completed" if end < TODAY else ("open" if day > TODAY else "closed")
    fields: Fields = {
        "title": text(r, ru, en),
        "host": p.code,
        "start": iso(day),
        "end": iso(end),
        "participants": r.randint(5, 40),
        "regions": some(r, list(REGIONS), 1, 3),
        "organizations": some(r, w.organizations, 0, 2) or None,
        "status": status,
        "apply_by": iso(day - dt.timedelta(days=r.randint(20, 60))),
        "themes": some(r, w.themes, 1, 2),
    }
    return Item(fields, stem, en)


def project(w: World, p: Place) -> Item:
    """A joint project: `start` and `end` both years or both dates, never mixed."""
    r = w.rng
    day = random_date(r, 2012, 2027)
    stem, ru, en = w.title("projects", p, day.year)
    end_day = day + dt.timedelta(days=r.randint(200, 1500)) if r.random() < 0.6 else None
    as_year = r.random() < 0.6
    start = Raw(str(day.year)) if as_year else iso(day)
    end = None if end_day is None else (Raw(str(end_day.year)) if as_year else iso(end_day))
    status = (
        "proposed"
        if day > TODAY
        else "completed"
        if end_day is not None and end_day < TODAY
        else "active"
    )
    sources = (
        ("Спонсорские средства", "sponsor"),
        ("Грант муниципалитета", "grant"),
        ("Собственные средства союза", "own"),
        ("Частные пожертвования", "other"),
    )
    fields: Fields = {
        "title": text(r, ru, en),
        "missions": [p.code, *some(r, w.others(p), 0, 1)],
        "start": start,
        "end": end,
        "status": status,
        "themes": some(r, w.themes, 1, 3),
        "funding": [{"source": s, "kind": k} for s, k in some(r, list(sources), 0, 2)] or None,
        "partners": some(r, w.organizations, 0, 3) or None,
        "location": {"city": text(r, *p.city, 0.8), "country": p.code},
        "summary": sentence(r, RU),
    }
    return Item(fields, stem, en, sentence(r, EN))


def proposal(w: World, p: Place) -> Item:
    """A partner-search proposal from an existing organization, with its expiry date."""
    r = w.rng
    day = random_date(r, 2022, 2027)
    stem, ru, en = w.title("proposals", p, day.year)
    contact = (
        f"partners-{r.randint(1, 99)}@union.example.org"
        if r.random() < 0.5
        else f"https://union.example.org/proposals/{r.randint(100, 999)}"
    )
    fields: Fields = {
        "title": text(r, ru, en),
        "organization": r.choice(w.organizations),
        "looking_for": text(
            r,
            "Партнёра для совместной выставки и площадку для неё",
            "A partner for a joint exhibition and a venue for it",
        ),
        "countries": [p.code, *some(r, w.others(p), 0, 2)],
        "themes": some(r, w.themes, 1, 2),
        "expires": iso(day),
        "contact": contact,
    }
    return Item(fields, stem, en)


def route(w: World, p: Place) -> Item:
    """A social tourism route: one audience, a list of accessibility features."""
    r = w.rng
    stem, ru, en = w.title("routes", p, TODAY.year)
    features = ["wheelchair", "hearing", "vision", "mobility", "cognitive"]
    fields: Fields = {
        "title": text(r, ru, en),
        "countries": [p.code, *some(r, w.others(p), 0, 2)],
        "audience": r.choice(("pensioners", "disabled", "families", "youth")),
        "accessibility": some(r, features, 0, 3) or None,
        "duration_days": r.randint(2, 14),
        "season": text(r, "май — сентябрь", "May to September"),
        "status": r.choice(("planned", "open", "closed")),
        "partners": some(r, w.organizations, 0, 2) or None,
    }
    return Item(fields, stem, en)


def publication(w: World, p: Place) -> Item:
    """A publication with its authors and, usually, a link to the full text."""
    r = w.rng
    day = random_date(r, 2015, 2026)
    stem, ru, en = w.title("publications", p, day.year)
    fields: Fields = {
        "title": text(r, ru, en),
        "authors": list(dict.fromkeys(person(r)[0] for _ in range(r.randint(1, 3)))),
        "date": iso(day),
        "themes": some(r, w.themes, 1, 3),
        "url": f"https://research.example.org/{day.year}/{r.randint(1000, 9999)}"
        if r.random() < 0.7
        else None,
    }
    return Item(fields, stem, en)


def news(w: World, p: Place) -> Item:
    """A news item with a summary for lists and feeds."""
    r = w.rng
    day = random_date(r, 2019, 2026)
    stem, ru, en = w.title("news", p, day.year)
    fields: Fields = {
        "title": text(r, ru, en),
        "date": iso(day),
        "missions": [p.code] if r.random() < 0.9 else None,
        "themes": some(r, w.themes, 0, 2) or None,
        "summary": sentence(r, RU),
    }
    return Item(fields, stem, en, sentence(r, EN))


# The item collections in the order they are written; a table, so a new collection is a row.
ITEM_WRITERS: dict[str, Callable[[World, Place], Item]] = {
    "forums": forum,
    "internships": internship,
    "projects": project,
    "proposals": proposal,
    "routes": route,
    "publications": publication,
    "news": news,
}


# --- files -------------------------------------------------------------------------------


def write(path: Path, content: str) -> None:
    """Write UTF-8 with `\n` line ends whatever the platform, for byte-identical trees."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))


def allocate(items: int) -> dict[str, int]:
    """Split `items` over the collections by SHARES (largest remainder, at least one each).

    At least one each, so proposals always have an organization to refer to.
    """
    if items < len(SHARES):
        raise ValueError(f"items must be at least {len(SHARES)}, one per collection")
    exact = {k: items * share for k, share in SHARES.items()}
    counts = {k: int(v) for k, v in exact.items()}
    by_remainder = sorted(SHARES, key=lambda k: (counts[k] - exact[k], k))
    for k in by_remainder[: items - sum(counts.values())]:
        counts[k] += 1
    for k in counts:  # tiny repositories still exercise every collection
        if counts[k] == 0:
            largest = max(counts, key=lambda x: (counts[x], x))
            counts[largest] -= 1
            counts[k] = 1
    return counts


def write_missions(root: Path, w: World) -> int:
    """One `missions/<code>.yml` per country; half of them with a long description."""
    r = w.rng
    for c in COUNTRIES:
        (city_ru, city_en), (leader_ru, leader_en) = c.cities[0], person(r)
        fields: Fields = {
            "status": c.status,
            "name": {"ru": f"Представительство союза: {c.ru}", "en": f"Union office: {c.en}"}
            if r.random() < 0.3
            else None,
            "city": {"ru": city_ru, "en": city_en},
            "founded": iso(random_date(r, 2005, 2024)),
            "leader": {
                "name": {"ru": leader_ru, "en": leader_en},
                "role": text(r, "Руководитель миссии", "Head of mission", 0.7),
            },
            "contacts": {
                "email": f"{c.code}@union.example.org",
                "phone": " ".join([c.phone, *(str(r.randint(10, 99)) for _ in "abcd")]),
                "website": f"https://{c.code}.union.example.org",
                "address": f"{city_en}, Main Street {r.randint(1, 120)}",
            },
            "maintainers": [f"{c.code}-mission-editor", r.choice(SURNAMES_EN).lower()],
            "languages": ["ru", *c.languages],
            "summary": {"ru": sentence(r, RU), "en": sentence(r, EN)},
        }
        write(root / "missions" / f"{c.code}.yml", dump(fields))
        if r.random() < 0.5:
            write(root / "missions" / f"{c.code}.md", body(r))
            write(root / "missions" / f"{c.code}.en.md", body(r, EN))
    return len(COUNTRIES)


def write_themes(root: Path) -> int:
    """`content/themes.yml`: the controlled list every `themes` field refers to."""
    fields: Fields = {slug: {"ru": ru, "en": en} for slug, (ru, en) in THEMES.items()}
    write(root / "content" / "themes.yml", dump(fields))
    return len(THEMES)


def organization_homes(w: World, count: int) -> dict[str, Place]:
    """Organization slugs and their places, known before any item refers to them.

    The slug's stem names the organization's name template, which `write_organizations`
    looks up again, so slug and name always agree.
    """
    homes: dict[str, Place] = {}
    for i in range(count):
        place = w.place()
        homes[f"{w.rng.choice(TITLES['organizations'])[0]}-{place.code}-{i + 1}"] = place
    return homes


def write_organizations(root: Path, w: World) -> int:
    """`content/organizations/<slug>.yml`: data only, no body."""
    r = w.rng
    names = {stem: (ru, en) for stem, ru, en in TITLES["organizations"]}
    for slug, p in w.homes.items():
        ru, en = names[slug.rsplit("-", 2)[0]]
        fields: Fields = {
            "name": {"ru": ru.format(city_ru=p.city[0]), "en": en.format(city_en=p.city[1])},
            "country": p.code,
            "city": {"ru": p.city[0], "en": p.city[1]},
            "kind": r.choice(("member", "member", "foreign-partner", "government", "sponsor")),
            "website": f"https://{slug}.example.org" if r.random() < 0.7 else None,
            "themes": some(r, w.themes, 1, 3),
            "missions": [p.code],
        }
        write(root / "content" / "organizations" / f"{slug}.yml", dump(fields))
    return len(w.homes)


def write_items(root: Path, w: World, collection: str, count: int) -> int:
    """`content/<collection>/<slug>.md`, ~30 % with a `<slug>.en.md`; returns translations."""
    folder, translated = root / "content" / collection, 0
    for i in range(count):
        place = w.place()
        item = ITEM_WRITERS[collection](w, place)
        slug = f"{item.stem}-{place.code}-{i + 1}"
        if w.rng.random() < TRANSLATED_SHARE:
            # The English lives in `.en.md`; the Russian file keeps the Russian title only.
            item.fields["title"] = russian(item.fields["title"])
            overrides: Fields = {"title": item.title_en, "summary": item.summary_en}
            write(folder / f"{slug}.en.md", front_matter(overrides, body(w.rng, EN)))
            translated += 1
        write(folder / f"{slug}.md", front_matter(item.fields, body(w.rng)))
    return translated


def russian(value: object) -> object:
    """The Russian text of a field."""
    return value["ru"] if isinstance(value, dict) else value


def write_pages(root: Path, rng: Random) -> int:
    """A few free pages, two of them translated."""
    folder = root / "content" / "pages"
    for i, (slug, (ru, en)) in enumerate(PAGES.items()):
        write(folder / f"{slug}.md", front_matter({"title": {"ru": ru, "en": en}}, body(rng)))
        if i < 2:
            write(folder / f"{slug}.en.md", front_matter({"title": en}, body(rng, EN)))
    return len(PAGES)


def make_repo(root: Path, items: int, seed: int = 0) -> dict[str, int]:
    """Write a synthetic content repository of `items` items into an empty `root`.

    `items` counts the entries of the eight collections (organizations included); missions,
    themes and free pages come on top. Returns the number of files' entries per collection,
    plus `missions`, `themes` and `translations` (the `.en.md` files of items).
    """
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty: a stale file would break determinism")
    counts = allocate(items)
    world = World(Random(seed), {})
    world.homes = organization_homes(world, counts["organizations"])
    result = {"missions": write_missions(root, world), "themes": write_themes(root)}
    result["organizations"] = write_organizations(root, world)
    result["translations"] = 0
    for collection in ITEM_WRITERS:
        result["translations"] += write_items(root, world, collection, counts[collection])
        result[collection] = counts[collection]
    result["pages"] = write_pages(root, world.rng)
    return result


def clear(root: Path, names: Iterable[str] = ("missions", "content")) -> None:
    """Remove a previous synthetic tree (only the folders this module writes)."""
    for name in names:
        shutil.rmtree(root / name, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """CLI: write a repository and print its counts and the time it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (must be empty)")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--force", action="store_true", help="first remove missions/ and content/ from OUT"
    )
    args = parser.parse_args(argv)
    if args.force:
        clear(args.out)
    began = time.perf_counter()
    counts = make_repo(args.out, args.items, args.seed)
    seconds = time.perf_counter() - began
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    print(f"{seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
