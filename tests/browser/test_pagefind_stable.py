"""The canonicalised Pagefind bundle (generator/pagefind_stable.py) in Chromium.

The build's bundle, renumbered and re-sorted, must answer exactly as the bundle Pagefind
itself writes over the same site: the same filters and counts, the same pages for every
filter value, the same pages and scores for searches with and without filters. Only the
order of tied results may differ, and in the canonical bundle it is URL order.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pagefind_bin
import pytest
from playwright.sync_api import Browser, Page

from generator.search.index import CLI_EXCLUDED

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "search"
TODAY = "2030-01-15"

# Per language: (the page that loads that language's index, searches as [term, filters]).
SEARCHES: dict[str, tuple[str, list[list[Any]]]] = {
    "ru": (
        "",
        [
            ["памятник", {}],
            ["стажировки", {}],
            ["Дания", {}],
            ["2029", {"country": "Германия"}],
            ["партнёр", {"collection": "Поиск партнёров"}],
            [None, {"year": "2029", "country": "Германия"}],
            [None, {"country": {"any": ["Дания", "Германия"]}}],
        ],
    ),
    "en": (
        "en/",
        [
            ["Denmark", {}],
            ["internship", {}],
            ["forum", {"country": "Denmark"}],
            ["2029", {"collection": "Projects"}],
            [None, {"status": "completed", "country": "Denmark"}],
            [None, {"theme": {"any": ["Culture", "Social tourism"]}}],
        ],
    ),
}

# Loads Pagefind as the site does (theme/assets/javascripts/search.js), then asks it for
# every filter, every filter value alone, and the searches given.
ASK = """async (searches) => {
  const pf = await window.ngoPagefind();
  const run = async (term, filters) => {
    const found = await pf.search(term, {filters});
    const pages = await Promise.all(found.results.map(
      async (result) => [(await result.data()).url, result.score]));
    return {pages, counts: found.filters, unfiltered: found.unfilteredResultCount};
  };
  const filters = await pf.filters();
  const byValue = {};
  for (const [name, values] of Object.entries(filters)) {
    for (const value of Object.keys(values)) {
      byValue[name + "=" + value] = await run(null, {[name]: value});
    }
  }
  const answers = [];
  for (const [term, filters] of searches) answers.push(await run(term, filters));
  return {filters, byValue, answers};
}"""


def run_pagefind(site: Path) -> None:
    """Pagefind alone, with the build's arguments: its bundle as it writes it."""
    shutil.rmtree(site / "pagefind")
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        "pagefind",
        "--exclude-selectors",
        CLI_EXCLUDED,
        "--quiet",
    ]
    subprocess.run(command, capture_output=True, check=True)


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str]
) -> dict[str, str]:
    """Base URLs of the built site (canonical bundle) and of a copy with Pagefind's own."""
    root = tmp_path_factory.mktemp("pagefind-stable")
    canonical = root / "canonical"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--root",
            str(FIXTURE),
            "--site-dir",
            str(canonical),
            "--today",
            TODAY,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    raw = Path(shutil.copytree(canonical, root / "raw"))
    run_pagefind(raw)
    return {"canonical": serve_site(canonical), "raw": serve_site(raw)}


@pytest.fixture
def page(chromium_browser: Browser) -> Iterator[Page]:
    context = chromium_browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def ask(page: Page, base_url: str, language: str) -> dict[str, Any]:
    path, searches = SEARCHES[language]
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.lang") == language
    return page.evaluate(ASK, searches)


def urls(answer: dict[str, Any]) -> list[str]:
    return [url for url, _score in answer["pages"]]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_canonical_bundle_answers_as_pagefinds_own(
    sites: dict[str, str], page: Page, language: str
) -> None:
    raw = ask(page, sites["raw"], language)
    canonical = ask(page, sites["canonical"], language)

    assert canonical["filters"] == raw["filters"]
    assert set(canonical["filters"]) == {"collection", "country", "status", "theme", "year"}

    assert canonical["byValue"].keys() == raw["byValue"].keys()
    for key, answer in canonical["byValue"].items():
        name, value = key.split("=", 1)
        assert len(answer["pages"]) == canonical["filters"][name][value] > 0, key
        assert sorted(urls(answer)) == sorted(urls(raw["byValue"][key])), key
        assert answer["counts"] == raw["byValue"][key]["counts"], key

    for asked, old, new in zip(
        SEARCHES[language][1], raw["answers"], canonical["answers"], strict=True
    ):
        assert new["pages"], asked  # every search finds something, or it checks nothing
        old_pages, new_pages = sorted(old["pages"]), sorted(new["pages"])
        assert [url for url, _ in new_pages] == [url for url, _ in old_pages], asked
        assert [score for _, score in new_pages] == pytest.approx(
            [score for _, score in old_pages]
        ), asked
        assert (new["counts"], new["unfiltered"]) == (old["counts"], old["unfiltered"]), asked


@pytest.mark.parametrize("language", ["ru", "en"])
def test_tied_results_come_in_url_order(sites: dict[str, str], page: Page, language: str) -> None:
    """A filter-only search scores every page alike; Pagefind returns them in page order,
    which the canonical bundle makes URL order on every machine."""
    canonical = ask(page, sites["canonical"], language)
    for key, answer in canonical["byValue"].items():
        assert urls(answer) == sorted(urls(answer)), key
    several = [a for a in canonical["byValue"].values() if len(a["pages"]) > 2]
    assert several
