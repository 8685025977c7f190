"""Issue #18, messages that teach: a YAML syntax error says its likely cause, in Russian
(English with `--lang en`), and shows the line with a caret under the column."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_repo import front_matter, make_repo, messages

NEWS = "content/news/itogi-goda.md"
GOOD = "title: Итоги года\ndate: 2025-12-30\n"


def _only(root: Path, lang: str = "ru") -> str:
    found = messages(root, lang)
    assert len(found) == 1, found
    return found[0]


def test_a_colon_inside_a_value_is_named_and_the_quoted_form_passes(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {NEWS: front_matter("title: Форум: итоги\ndate: 2025-12-30\n")})
    assert _only(root) == (
        f"{NEWS}:2: ошибка синтаксиса YAML: двоеточие с пробелом внутри значения (колонка 13); "
        'возьмите значение в кавычки: title: "Форум: итоги"\n'
        "    title: Форум: итоги\n"
        "                ^"
    )
    assert _only(root, "en").startswith(
        f"{NEWS}:2: YAML syntax error: a colon and a space inside a value (column 13); "
        'put the value in quotes: title: "Форум: итоги"\n'
    )
    (root / NEWS).write_text(front_matter('title: "Форум: итоги"\ndate: 2025-12-30\n'), "utf-8")
    assert messages(root) == []


def test_a_tab_is_named_with_a_caret_under_it(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {NEWS: front_matter(GOOD + "summary:\n\tru: Итоги\n")})
    assert _only(root) == (
        f"{NEWS}:5: ошибка синтаксиса YAML: табуляция в колонке 1: отступы в YAML делаются "
        "только пробелами; замените табуляцию пробелами\n"
        "     ru: Итоги\n"
        "    ^"
    )
    assert "a tab in column 1" in _only(root, "en")


@pytest.mark.parametrize(
    ("fields", "line", "cause"),
    [
        (GOOD + "summary:\n  ru: a\n   en: b\n", 6, "неверный отступ"),
        (GOOD + 'summary: "Итоги\n', 4, "кавычка не закрыта"),
        (GOOD + "themes: [culture\n", 4, "скобка не закрыта"),
        (GOOD + "Итоги за год\n", 4, "в строке нет «имя: значение»"),
    ],
    ids=["indentation", "quote", "bracket", "no-colon"],
)
def test_the_likely_cause_is_named_on_its_line(
    tmp_path: Path, fields: str, line: int, cause: str
) -> None:
    found = _only(make_repo(tmp_path, {NEWS: front_matter(fields)}))
    assert found.startswith(f"{NEWS}:{line}: ошибка синтаксиса YAML: {cause}"), found
    _, shown, caret = found.split("\n")
    assert caret.strip() == "^" and shown.startswith("    ")
