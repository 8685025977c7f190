"""What a phone visitor looks for first (issue #19), in the generated pages: a forum's
dates, city, format and buttons; an internship's deadline and "apply"; the place in
listing rows; the words the search suggests from; what the index leaves out."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.stages import checked_content
from generator.content.load import Content
from generator.content.models import Internship
from generator.outputs.search_words import _NOT_TEXT, _WORD, vocabulary, words
from generator.pages.generate import Generator, generate
from generator.pages.present import abbreviations_html
from generator.search.index import EXCLUDED

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BEFORE = date(2026, 1, 15)
"""The feeds fixture's forums are in 2026: upcoming on this day."""


@pytest.fixture(scope="module")
def feeds() -> Content:
    return checked_content(FIXTURES / "feeds")


def _pages(content: Content, lang: str = "ru", today: date = BEFORE) -> dict[str, str]:
    return {o.path: o.html + o.markdown + o.after for o in generate(content, lang, today)}


def _lead(html: str) -> dict[str, str]:
    """The facts a page opens with: label -> value's text."""
    lead = html.split('<dl class="ngo-facts ngo-facts--lead">')[1].split("</dl>")[0]
    pairs = re.findall(r"<dt>(.*?)</dt>\n<dd>(.*?)</dd>", lead)
    return {name: re.sub(r"<[^>]+>", "", value) for name, value in pairs}


def test_forum_page_opens_with_dates_city_format_and_buttons(feeds: Content) -> None:
    html = _pages(feeds)["forums/forum-kopengagen.md"]
    assert _lead(html) == {
        "Сроки": "14 мая 2026\u202fг., 10:00 (UTC+02:00) — 14 мая 2026\u202fг., 17:30 (UTC+02:00)",
        "Город": "Копенгаген",
        "Формат": "очно и онлайн",
    }
    _head, facts = html.split('<p class="ngo-actions">')
    buttons = re.findall(r'<a class="(md-button[^"]*)" href="([^"]*)">([^<]*)</a>', facts)
    assert buttons == [
        (
            "md-button md-button--primary",
            "https://forum.example.org/register",
            "Зарегистрироваться",
        ),
        ("md-button", "forum-kopengagen.ics", "Добавить в календарь (.ics)"),
    ]
    # Shown at the top, so not again among the other facts.
    rest = facts.split('<dl class="ngo-facts">')[1]
    assert "Регистрация" not in rest and "Город" not in rest and "Сроки" not in rest


def test_past_or_cancelled_forum_offers_no_registration(feeds: Content) -> None:
    later = _pages(feeds, today=date(2027, 1, 1))["forums/forum-kopengagen.md"]
    assert "Зарегистрироваться" not in later and "forum-kopengagen.ics" in later
    cancelled = _pages(feeds)["forums/forum-gamburg.md"]
    assert "Зарегистрироваться" not in cancelled


def test_english_forum_page_has_english_buttons(feeds: Content) -> None:
    html = _pages(feeds, "en")["forums/forum-kopengagen.md"]
    assert ">Register</a>" in html and ">Add to calendar (.ics)</a>" in html
    assert _lead(html)["City"] == "Copenhagen"


def _internship(content: Content, **changes: object) -> Content:
    """`content` with one internship, changed as given (the feeds fixture has none)."""
    forum = next(iter(content.items["forums"].values()))
    internship = Internship(
        slug="stazhirovka",
        source="content/internships/stazhirovka.md",
        title=forum.title,
        host="de",
        start=date(2026, 6, 1),
        status="open",
        apply_by=date(2026, 3, 1),
    )
    for name, value in changes.items():
        object.__setattr__(internship, name, value)
    items = dict(content.items)
    items["internships"] = {"stazhirovka": internship}
    return dataclasses.replace(content, items=items)


def test_open_internship_opens_with_its_deadline_and_apply_button(feeds: Content) -> None:
    content = _internship(feeds, apply="mailto-less@example.org")
    generator = Generator(content, "ru", BEFORE)
    html = generator.item_page(content.items["internships"]["stazhirovka"]).html
    assert _lead(html) == {"Заявки до": "1 марта 2026\u202fг."}  # Babel's narrow no-break space
    actions = html.split('<p class="ngo-actions">')[1].split("</p>")[0]
    assert 'href="mailto:mailto-less@example.org">Подать заявку</a>' in actions
    assert "Заявки до" not in html.split('<dl class="ngo-facts">')[1]


def test_closed_internship_offers_no_apply_button(feeds: Content) -> None:
    content = _internship(feeds, apply="https://apply.example.org/", status="closed")
    html = (
        Generator(content, "ru", BEFORE).item_page(content.items["internships"]["stazhirovka"]).html
    )
    assert "Подать заявку" not in html and "https://apply.example.org/" not in html


def test_listing_rows_show_city_and_country(feeds: Content) -> None:
    forums = _pages(feeds)["forums/index.md"]
    rows = forums.split("<li")
    (row,) = [row for row in rows if 'href="forum-berlin/">Неделя' in row]
    assert '<span class="ngo-where">Берлин, Германия, Дания</span>' in row
    english = _pages(feeds, "en")["forums/index.md"]
    assert '<span class="ngo-where">Copenhagen, Denmark</span>' in english


def test_date_abbreviation_is_marked_for_the_index() -> None:
    assert str(abbreviations_html("14 мая 2030 г. — 2031 гг.")) == (
        '14 мая 2030 <span class="ngo-abbr">г.</span> — 2031 <span class="ngo-abbr">гг.</span>'
    )
    assert str(abbreviations_html("г. Москва <b>")) == "г. Москва &lt;b&gt;"
    assert ".ngo-abbr" in EXCLUDED and ".ngo-facts dt" in EXCLUDED


def test_vocabulary_holds_the_words_of_indexed_pages_only() -> None:
    content = checked_content(FIXTURES / "search")
    russian = vocabulary(content, "ru", BEFORE)
    assert "Памятник" in russian and "Копенгагене" in russian
    assert "форке" not in russian and "слияние" not in russian  # the guide's words
    assert all(len(word) >= 4 for word in russian)
    assert "Monument" not in russian
    english = vocabulary(content, "en", BEFORE)
    assert "Denmark" in english


_PIECES = st.sampled_from(
    [
        "Гагарин",
        "Копенгаген",
        "word",
        " ",
        "\n",
        "<",
        ">",
        "<b>",
        "`",
        "](",
        ")",
        "[",
        "http://",
        "https://x.org/",
        "12",
        "_",
        "ёжик",
        "Denmark",
    ]
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), max_size=6))
def test_words_of_joined_texts_are_those_of_each_text(texts: list[str]) -> None:
    """`words` reads the texts joined, for speed; no tag, code or address may reach from
    one text into the next, so the words are those each text gives alone."""
    alone = [word for text in texts for word in _WORD.findall(_NOT_TEXT.sub(" ", text))]
    assert words(texts) == alone


def test_the_guide_page_has_no_search_part() -> None:
    content = checked_content(FIXTURES / "search")
    pages = {o.path: o for o in generate(content, "ru", BEFORE)}
    assert "ngo_search" not in pages["contributing.md"].meta
    assert "ngo_search" in pages["projects/monument.md"].meta
