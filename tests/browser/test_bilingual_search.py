"""Each language searches its own index (issue #6), in a real browser.

Pagefind builds one index per `<html lang>`: an English word finds the English page
from `/en/`, a Russian word the Russian page from `/`, and neither finds the other
language's pages. The fixture's README names the words: "lighthouse" is only in the
English body of `projects/mayak-polnyi`, "маяк" only in its Russian body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"

SEARCH = """async (word) => {
    const pf = await window.ngoPagefind();
    const search = await pf.search(word);
    const data = await Promise.all(search.results.map(r => r.data()));
    return data.map(d => d.url).sort();
}"""


@pytest.fixture(scope="module")
def site_url(built_fixture: Callable[[str], Path], serve_site: Callable[[Path], str]) -> str:
    return serve_site(built_fixture(FIXTURE.name))


@pytest.fixture
def page(chromium_browser: Browser) -> Iterator[Page]:
    context = chromium_browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def test_english_word_finds_the_english_page_in_the_english_index(
    site_url: str, page: Page
) -> None:
    page.goto(site_url + "en/")
    assert page.evaluate(SEARCH, "lighthouse") == ["/en/projects/mayak-polnyi/"]


def test_russian_word_finds_the_russian_page_in_the_russian_index(
    site_url: str, page: Page
) -> None:
    page.goto(site_url)
    assert page.evaluate(SEARCH, "маяк") == ["/projects/mayak-polnyi/"]


def test_english_word_is_not_in_the_russian_index(site_url: str, page: Page) -> None:
    page.goto(site_url)
    assert page.evaluate(SEARCH, "lighthouse") == []


def test_english_search_box_shows_english_results(site_url: str, page: Page) -> None:
    page.goto(site_url + "en/forums/")
    page.keyboard.press("/")
    page.keyboard.type("lighthouse")
    page.wait_for_selector("#ngo-search-results .ngo-result", timeout=15_000)
    result = page.query_selector("#ngo-search-results .ngo-result")
    assert result.query_selector(".ngo-result__link").inner_text() == "Lighthouse of friendship"
    assert result.query_selector(".ngo-result__collection").inner_text() == "Projects"
    assert page.inner_text(".ngo-search__status") == "Found: 1"


def test_untranslated_russian_body_is_searched_on_the_russian_site_only(
    site_url: str, page: Page
) -> None:
    # projects/chastichnyi has an English title and a Russian body ("Текст проекта…").
    page.goto(site_url)
    assert "/projects/chastichnyi/" in page.evaluate(SEARCH, "текст")
    page.goto(site_url + "en/")
    assert "/en/projects/chastichnyi/" not in page.evaluate(SEARCH, "текст")
    assert "/en/projects/chastichnyi/" in page.evaluate(SEARCH, "partly")  # its title


def test_untranslated_item_is_found_in_english_by_its_russian_title(
    site_url: str, page: Page
) -> None:
    page.goto(site_url + "en/")
    assert "/en/forums/forum-bez-perevoda/" in page.evaluate(SEARCH, "перевода")
