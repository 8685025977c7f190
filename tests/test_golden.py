"""The golden pages (`tests/golden/`, see `tests/golden.py`) match what the build makes.

A failure shows the first lines that differ; when the change is meant, regenerate with
`.venv/bin/python tests/golden.py` and review the diff of `tests/golden/` like code.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from golden import GOLDEN, LANGUAGES, LAYOUT, PAGES, golden_name, normalise, pages_of

pytestmark = pytest.mark.slow

REGENERATE = "regenerate with `.venv/bin/python tests/golden.py` and review the diff"


@pytest.fixture(scope="module")
def built(built_fixture: Callable[[str], Path]) -> dict[str, str]:
    return pages_of(built_fixture("a11y"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", [*PAGES, LAYOUT])
def test_page_matches_its_golden_copy(built: dict[str, str], lang: str, name: str) -> None:
    file = golden_name(lang, name)
    golden = GOLDEN / file
    assert golden.is_file(), f"tests/golden/{file} is missing: {REGENERATE}"
    expected = golden.read_text(encoding="utf-8")
    if built[file] != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), built[file].splitlines(), "golden", "built", lineterm=""
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"tests/golden/{file} differs from the build: {REGENERATE}\n{shown}")


def test_no_golden_file_is_left_over() -> None:
    expected = {golden_name(lang, name) for lang in LANGUAGES for name in [*PAGES, LAYOUT]}
    kept = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.html")}
    assert kept == expected, REGENERATE


def test_normalising_keeps_the_text_and_drops_the_noise() -> None:
    page = (
        '<html>\n    <link href="assets/main.57a0d79d.min.css">\n\n'
        f'  <path d="{"M1 2L3 4" * 40}"/>\n  <p>Текст</p>\n</html>\n'
    )
    assert normalise(page).splitlines() == [
        "<html>",
        '<link href="assets/main.HASH.min.css">',
        f'<path d="{normalise(page).split(chr(34))[3]}"/>',
        "<p>Текст</p>",
        "</html>",
    ]
    assert normalise(page).split('"')[3].startswith("sha256:")
