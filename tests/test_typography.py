"""Russian and English typography of text for readers (generator/pages/typography.py)."""

from __future__ import annotations

import pytest

from generator.pages.typography import NBSP, typeset, typeset_html


@pytest.mark.parametrize(
    ("written", "set_"),
    [
        ("её руководитель — А. А. Маркарян", f"её руководитель{NBSP}— А.{NBSP}А.{NBSP}Маркарян"),
        ("руководитель А.А. Маркарян", f"руководитель А.А.{NBSP}Маркарян"),
        ("Маркарян А. А.", f"Маркарян{NBSP}А.{NBSP}А."),
        ("12 руководителей из 5 регионов", f"12{NBSP}руководителей из 5{NBSP}регионов"),
        ("более 5 тысяч", f"более 5{NBSP}тысяч"),
        ("Дания - Зарубежные миссии", f"Дания{NBSP}— Зарубежные миссии"),
        ('проект "Память"', "проект «Память»"),
        ("в 2015–2018 годах", f"в 2015–2018{NBSP}годах"),
    ],
)
def test_russian(written: str, set_: str) -> None:
    assert typeset(written, "ru") == set_


@pytest.mark.parametrize(
    ("written", "set_"),
    [
        ('the "Union of NGOs"', "the “Union of NGOs”"),
        ("headed by A. A. Markaryan", f"headed by A.{NBSP}A.{NBSP}Markaryan"),
        ("12 leaders", f"12{NBSP}leaders"),
        ("first - second", "first - second"),
    ],
)
def test_english(written: str, set_: str) -> None:
    assert typeset(written, "en") == set_


def test_words_that_are_not_initials_stay_apart() -> None:
    assert typeset("в Дании. Её руководитель", "ru") == "в Дании. Её руководитель"


def test_html_changes_text_only_never_tags_or_code() -> None:
    html = (
        '<p title="a - b" data-x="&#34;y&#34;">Союз &#34;НКО&#34; - это '
        '<code>"x" - y</code> <a href="/a - b/">А. Б. Имя</a></p>'
        '<pre>"q" - 5 лет</pre><script>var a = "b" - 1;</script>'
    )
    assert typeset_html(html, "ru") == (
        f'<p title="a - b" data-x="&#34;y&#34;">Союз «НКО»{NBSP}— это '
        f'<code>"x" - y</code> <a href="/a - b/">А.{NBSP}Б.{NBSP}Имя</a></p>'
        '<pre>"q" - 5 лет</pre><script>var a = "b" - 1;</script>'
    )
