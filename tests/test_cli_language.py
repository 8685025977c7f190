"""Issue #18, the CLI speaks Russian: help, usage and argparse's errors, English with
`--lang en` or an English locale."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(*args: str, lang: str = "ru_RU.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, env=env
    )


def test_help_is_russian() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("использование: python -m generator")
    assert "позиционные аргументы:" in result.stdout
    assert "показать эту справку и выйти" in result.stdout
    assert "проверить все файлы и сообщить обо всех ошибках" in result.stdout


def test_an_invalid_choice_is_explained_in_russian() -> None:
    result = run("new", "forum")
    assert result.returncode == 2
    assert (
        "python -m generator new: ошибка: аргумент collection: недопустимое значение: "
        "'forum' (выберите из: 'missions', 'forums'"
    ) in result.stderr


def test_a_missing_argument_is_explained_in_russian() -> None:
    result = run("owners", "check")
    assert result.returncode == 2
    assert "не хватает обязательных аргументов: --base" in result.stderr


@pytest.mark.parametrize(
    ("args", "lang"),
    [(("new", "forum", "--lang", "en"), "ru_RU.UTF-8"), (("new", "forum"), "en_GB.UTF-8")],
)
def test_english_with_lang_en_or_an_english_locale(args: tuple[str, ...], lang: str) -> None:
    result = run(*args, lang=lang)
    assert "error: argument collection: invalid choice: 'forum'" in result.stderr
    assert result.stderr.startswith("usage: python -m generator new")


def test_subcommand_help_is_russian_and_english() -> None:
    assert "имя файла без расширения" in run("new", "--help").stdout
    assert "the file name without extension" in run("new", "--help", "--lang", "en").stdout
