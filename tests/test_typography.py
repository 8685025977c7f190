"""Russian and English typography of text for readers (generator/pages/typography.py)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pages.typography import _RUN_AFTER_TAG, _TRIGGER, NBSP, typeset, typeset_html


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


_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\t",
        NBSP,
        ".",
        "-",
        "--",
        "–",
        "—",
        '"',
        "&quot;",
        "&#34;",
        "12",
        "5",
        ",",
        "А",
        "Б",
        "Маркарян",
        "руководителей",
        "A",
        "Markaryan",
        "leaders",
        "<p>",
        "</p>",
        '<a title="А. Б">',
        "</a>",
        "<code>1 - 2</code>",
        ">",
        "<",
        "«",
        "»",
    ]
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["ru", "en"]))
def test_a_run_is_skipped_only_where_no_rule_could_change_it(html: str, lang: str) -> None:
    """Runs without a trigger are not passed to `typeset`: the result must be what passing
    every run between tags gives (the plain definition, written out here)."""
    expected = re.sub(
        r"<(pre|code|script|style|textarea|kbd|samp)\b.*?</\1\s*>|(?:(?<=>)|^)[^<]+",
        lambda m: m.group(0) if m.group(1) else typeset(m.group(0), lang),
        html,
        flags=re.S | re.I,
    )
    assert typeset_html(html, lang) == expected


@settings(max_examples=600, derandomize=True, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_fast_run_pattern_finds_the_runs_the_plain_one_does(html: str) -> None:
    """`_RUN_AFTER_TAG` is written for speed; the runs it finds are those of the plain
    pattern: a `>`, text holding a trigger, up to the next `<`."""
    plain = re.compile(rf">([^<]*?(?:{_TRIGGER.pattern})[^<]*)")
    found = [match.span(1) for match in _RUN_AFTER_TAG.finditer(html)]
    assert found == [match.span(1) for match in plain.finditer(html)]


_TOKENS = (
    " ",
    "\n",
    NBSP,
    "А.",
    "Б.",
    "А",
    "Ма",
    "ру",
    "en",
    "1",
    ".",
    ",",
    "-",
    "--",
    "—",
    '"',
    "&quot;",
    "&#34;",
)
"""Enough to write a match of every rule in four tokens or fewer ("1", " ", "ру")."""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_text_without_a_trigger_is_never_changed(lang: str) -> None:
    """The trigger `typeset_html` looks for is needed by every rule of `typeset`: every
    text of up to four tokens that lacks it comes back unchanged."""
    changed = [
        text
        for length in range(1, 5)
        for text in map("".join, itertools.product(_TOKENS, repeat=length))
        if _TRIGGER.search(text) is None and typeset(text, lang) != text
    ]
    assert changed == []
