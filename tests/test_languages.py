"""Languages come from one place: `generator/urls.py` (`LANGUAGES`, `FIRST`, `TRANSLATIONS`).

A comparison with a literal language code elsewhere (`lang == "en"`, `lang != "ru"`,
`lang in ("ru", "en")`, `"ru" in shown`) is a second, silent list of the languages that
a new language or a changed first language would miss. Tables of strings keyed by
language (messages, labels) are data, not comparisons, and stay.
"""

from __future__ import annotations

import ast
from pathlib import Path

from generator.urls import FIRST, LANGUAGES, TRANSLATIONS, is_translation, other_language

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
OWNER = GENERATOR / "urls.py"


def _is_code(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value in LANGUAGES


def _names_code(node: ast.expr) -> bool:
    """A literal code, or a literal tuple, list or set that holds one."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_code(element) for element in node.elts)
    return _is_code(node)


def literal_comparisons(source: str) -> list[int]:
    """Lines of comparisons (`==`, `!=`, `in`, `not in`) with a literal language code."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(
            _names_code(operand) for operand in [node.left, *node.comparators]
        ):
            found.add(node.lineno)
    return sorted(found)


def test_no_module_compares_with_a_literal_language() -> None:
    found = [
        f"{path.relative_to(GENERATOR.parent)}:{line}"
        for path in sorted(GENERATOR.rglob("*.py"))
        if path != OWNER
        for line in literal_comparisons(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_scan_sees_each_kind_of_comparison() -> None:
    source = "\n".join(
        [
            'a = lang == "en"',
            'b = "ru" != lang',
            'c = lang in ("ru", "en")',
            'd = "ru" not in shown',
            'e = lang in {"en"}',
            'f = {"ru": 1, "en": 2}[lang]',  # a table, not a comparison
            "g = lang == FIRST",
        ]
    )
    assert literal_comparisons(source) == [1, 2, 3, 4, 5]


def test_first_and_translations_split_the_languages() -> None:
    assert (FIRST, *TRANSLATIONS) == LANGUAGES
    assert not is_translation(FIRST)
    assert all(is_translation(lang) for lang in TRANSLATIONS)
    assert not is_translation("")


def test_the_language_switch_leads_to_another_language() -> None:
    for lang in LANGUAGES:
        assert other_language(lang) in LANGUAGES
        assert other_language(lang) != lang
