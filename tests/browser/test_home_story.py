"""The site built from the repository's own content tells the article's story on the home
page's first screen, at phone and desktop widths, in both languages; no zero counters."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import run_build

REPO = Path(__file__).resolve().parents[2]

VIEWPORTS = {"390": (390, 844), "1280": (1280, 800)}

STORY = {
    "ru": [
        r"Миссия в Дании",
        r"А\.\s*А\.\s*Маркарян",
        r"В 11\s+странах Европы",
        r"Памятник Юрию Гагарину",
        r"Первая стажировка",
        r"Германии",
        r"12\s+руководителей",
    ],
    "en": [
        r"mission in Denmark",
        r"A\.\s*A\.\s*Markaryan",
        r"11\s+European countries",
        r"Yuri Gagarin monument",
        r"first internship",
        r"Germany",
        r"12\s+heads",
    ],
}
LINKS = {"ru": ["Программа действий", "О Союзе НКО"], "en": ["Programme of action", "About"]}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str]) -> str:
    site = tmp_path_factory.mktemp("repo-site") / "site"
    result = run_build(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return serve_site(site)


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(chromium_browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height = VIEWPORTS[request.param]
    context = chromium_browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


def _first_screen_text(page: Page) -> str:
    """The text of every element whose box starts within the viewport's height."""
    return page.evaluate(
        """() => {
          const height = window.innerHeight;
          const walker = document.createTreeWalker(
            document.querySelector("article") || document.body, NodeFilter.SHOW_TEXT);
          const parts = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            const box = range.getBoundingClientRect();
            if (box.height > 0 && box.bottom <= height) parts.push(node.textContent);
          }
          return parts.join(" ");
        }"""
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_first_screen_tells_the_story(page: Page, base_url: str, lang: str) -> None:
    page.goto(base_url + ("en/" if lang == "en" else ""))
    text = _first_screen_text(page)
    missing = [pattern for pattern in STORY[lang] if not re.search(pattern, text)]
    assert not missing, (missing, text)
    for name in LINKS[lang]:
        link = page.get_by_role("link", name=name, exact=False).first
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"], name


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_zero_counter_and_no_empty_block(page: Page, base_url: str, lang: str) -> None:
    page.goto(base_url + ("en/" if lang == "en" else ""))
    counters = page.locator(".ngo-counts a").all_inner_texts()
    assert counters
    assert not [c for c in counters if re.match(r"0\s", c)], counters
    assert page.locator(".ngo-empty").count() == 0
    if lang == "ru":
        assert "1 миссия" in [re.sub(r"\s+", " ", c) for c in counters]
    else:
        assert "1 mission" in [re.sub(r"\s+", " ", c) for c in counters]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_empty_section_says_what_it_will_hold(page: Page, base_url: str, lang: str) -> None:
    page.goto(base_url + ("en/" if lang == "en" else "") + "routes/")
    text = page.locator("article").inner_text()
    assert page.locator(".ngo-empty").count() == 0
    expected = {"ru": "content/routes/", "en": "content/routes/"}[lang]
    assert expected in text
    assert re.search({"ru": r"пенсионер", "en": r"pensioners"}[lang], text)


def test_the_guide_is_neither_in_the_nav_nor_in_the_search_index(page: Page, base_url: str) -> None:
    page.goto(base_url)
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert "Руководство" not in nav
    page.goto(base_url + "contributing/")
    assert page.locator("[data-pagefind-body]").count() == 0
    assert page.locator("h1").inner_text().startswith("Руководство")


def test_russian_typography_on_the_built_pages(page: Page, base_url: str) -> None:
    page.goto(base_url + "missions/dk/")
    text = page.evaluate("() => document.querySelector('article').textContent")
    assert "А.\u00a0А.\u00a0Маркарян" in text  # initials never split from the surname
    assert "11\u00a0странах" in text  # a number stays with its word
    assert page.title() == "Дания — Зарубежные миссии Союза НКО"
