"""Search through Pagefind, in a real browser: the header box, the JS API with
filters, the English index, and the listing filters (issue #4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def site_url(built_fixture: Callable[[str], Path], serve_site: Callable[[Path], str]) -> str:
    return serve_site(built_fixture(FIXTURE.name))


@pytest.fixture
def page(chromium_browser: Browser) -> Page:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def _result_titles(page: Page, selector: str = "#ngo-search-results") -> list[str]:
    page.wait_for_selector(f"{selector} .ngo-result", timeout=15_000)
    return [link.inner_text() for link in page.query_selector_all(f"{selector} .ngo-result__link")]


def test_slash_opens_search_and_russian_word_forms_match(site_url: str, page: Page) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "ngo-search-input"
    page.keyboard.type("стажировки")  # the page says "Стажировка"
    assert "Стажировка руководителей НКО в Германии" in _result_titles(page)
    first = page.query_selector("#ngo-search-results .ngo-result")
    assert first.query_selector(".ngo-result__collection").inner_text() == "Стажировки"
    assert "<mark>" in first.query_selector(".ngo-result__excerpt").inner_html()


def test_s_key_arrows_and_enter_open_a_result(site_url: str, page: Page) -> None:
    page.goto(site_url + "projects/")
    page.keyboard.press("s")
    page.keyboard.type("памятник")
    _result_titles(page)
    page.keyboard.press("ArrowDown")
    selected = page.query_selector("#ngo-search-results [aria-selected=true]")
    assert selected is not None
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/projects/monument/")


def test_escape_closes_search_and_returns_focus(site_url: str, page: Page) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.is_visible("#ngo-search")
    page.keyboard.press("Escape")
    assert not page.is_visible("#ngo-search")
    assert "ngo-search-open" in page.evaluate("document.activeElement.className")


def test_typing_s_in_a_field_does_not_open_search(site_url: str, page: Page) -> None:
    page.goto(site_url + "projects/")
    page.focus("select[name=country]")
    page.keyboard.press("s")
    assert not page.is_visible("#ngo-search")


def test_pagefind_api_filters_by_collection_and_country(site_url: str, page: Page) -> None:
    page.goto(site_url)
    found = page.evaluate("""async () => {
        const pf = await window.ngoPagefind();
        const run = async (filters) => {
            const search = await pf.search(null, {filters});
            const data = await Promise.all(search.results.map(r => r.data()));
            return data.map(d => d.url).sort();
        };
        return {
            projects: await run({collection: "Проекты"}),
            germany: await run({collection: "Проекты", country: "Германия"}),
            year2016: await run({year: "2016"}),
            filters: await pf.filters(),
        };
    }""")
    assert found["projects"] == ["/projects/monument/", "/projects/routes-plan/"]
    assert found["germany"] == ["/projects/routes-plan/"]
    assert found["year2016"] == ["/projects/monument/"]  # 2015–2018 spans 2016
    assert set(found["filters"]) >= {"collection", "country", "theme", "year", "status"}


def test_only_item_content_is_indexed(site_url: str, page: Page) -> None:
    page.goto(site_url)
    urls = page.evaluate("""async () => {
        const pf = await window.ngoPagefind();
        const search = await pf.search("Форумы");
        return Promise.all(search.results.map(r => r.data().then(d => d.url)));
    }""")
    # "Форумы" is in every page's nav; no section or home page may be a result.
    assert "/" not in urls and "/forums/" not in urls


def test_english_index_finds_english_page(site_url: str, page: Page) -> None:
    page.goto(site_url + "en/")
    page.keyboard.press("/")
    page.keyboard.type("partnership")
    titles = _result_titles(page)
    assert titles == ["Partnership forum"]  # not the mission page that lists it
    # An option holds nothing focusable (ARIA): it opens the page it names itself.
    assert page.query_selector("#ngo-search-results .ngo-result").get_attribute("data-href") == (
        "/en/news/forum-news/"
    )


def test_search_page_offers_facets_and_filters_results(site_url: str, page: Page) -> None:
    page.goto(site_url + "search/?q=памятник")
    assert _result_titles(page, "#ngo-search-page") == ["Памятник в Копенгагене"]
    legends = [x.inner_text() for x in page.query_selector_all("#ngo-search-page legend")]
    assert legends == ["Раздел", "Страна", "Тема", "Год", "Статус"]
    page.fill("#ngo-search-page-input", "")
    page.check("#ngo-search-page input[name=collection][value='Стажировки']")
    page.wait_for_function(
        """() => [...document.querySelectorAll(
        '#ngo-search-page .ngo-result__link')].map(a => a.textContent).join('|')
        === 'Стажировка руководителей НКО в Германии'""",
        timeout=15_000,
    )


def test_listing_filter_hides_rows_without_a_round_trip(site_url: str, page: Page) -> None:
    page.goto(site_url + "projects/", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.select_option("select[name=country]", "Германия")
    visible = [
        li.inner_text() for li in page.query_selector_all("li[data-facets]") if li.is_visible()
    ]
    assert len(visible) == 1 and visible[0].startswith("Маршруты льготного туризма")
    assert page.inner_text(".ngo-filters__status") == "Показано: 1 / 2"
    assert requests == []
    page.click(".ngo-filters button[type=reset]")
    page.wait_for_function(
        "document.querySelectorAll('li[data-facets]:not([hidden])').length === 2"
    )


def test_listing_shows_everything_without_javascript(
    site_url: str, chromium_browser: Browser
) -> None:
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "projects/")
    assert page.query_selector(".ngo-filters") is None
    assert len([li for li in page.query_selector_all("li[data-facets]") if li.is_visible()]) == 2
    context.close()


def test_home_page_has_no_listing_filters(site_url: str, page: Page) -> None:
    """The home page's short lists mix sections; filters belong to the sections."""
    page.goto(site_url, wait_until="networkidle")
    assert page.query_selector("li[data-facets]") is not None
    assert page.query_selector(".ngo-filters") is None
