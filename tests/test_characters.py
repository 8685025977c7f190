"""generator/content/characters.py: the shortcut that spares the scan of a YAML file's
values must never spare one that breaks a rule."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.characters import _PLAIN, _about, may_break_a_rule, scan_node, text_problem
from generator.content.yamlread import YamlProblem, read_yaml


def test_a_character_no_rule_is_about_never_breaks_one() -> None:
    """Every code point: alone, twice, and after a letter. A text of such characters
    holds no refused one, and a visible one or nothing but spaces."""
    spared = [chr(point) for point in range(sys.maxunicode + 1) if not _about(chr(point))]
    assert len(spared) > 1_000_000  # most characters are plain
    broken = [c for c in spared if text_problem(c) or text_problem(c + c) or text_problem("a" + c)]
    assert broken == []


def test_the_plain_characters_skipped_at_once_are_plain() -> None:
    plain = [chr(p) for p in range(sys.maxunicode + 1) if _PLAIN.fullmatch(chr(p))]
    assert len(plain) > 500 and "я" in plain and "\\" not in plain
    assert [c for c in plain if _about(c)] == []


def test_the_characters_rules_are_about_are_caught() -> None:
    for char in ("\x01", "\u202e", "\u200b", "\u2800", "\u3164", "\ufeff", "\ud800"):
        assert _about(char), repr(char)
    assert may_break_a_rule('title: "\\x01"')  # an escape may write anything
    assert not may_break_a_rule("title: Миссия в Дании\nsummary: Обычный текст.\n")


_VALUES = st.text(
    alphabet=st.sampled_from(
        [
            "a",
            "Я",
            " ",
            "\t",
            "\u00a0",
            "\u200b",
            "\u202e",
            "\u2800",
            "\u3164",
            "\u0007",
            "\\",
            "x",
            "0",
            "1",
            "u",
            "2",
            "e",
            ":",
        ]
    ),
    max_size=8,
)


@settings(max_examples=500, derandomize=True, deadline=None)
@given(_VALUES)
def test_a_file_spared_by_the_shortcut_has_no_bad_value(value: str) -> None:
    """The value written plain and double-quoted: whenever the shortcut spares the file,
    the full scan of what was read finds nothing."""
    for text in (f"title: {value}\n", f'title: "{value}"\n', f"{value or 'k'}: x\n"):
        try:
            node = read_yaml(text)
        except YamlProblem:
            continue  # not YAML: `load` reports that, the scan never runs
        if not may_break_a_rule(text):
            assert list(scan_node(node)) == [], text
