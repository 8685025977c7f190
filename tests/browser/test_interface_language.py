"""Every page speaks one language, and no page has an error in its console (#17).

One page of every type of the a11y fixture (and the 404 pages), in both languages, at a
phone's 390 px and a laptop's 1280 px, in Chromium:

- on an English page, every text and every label a person or a screen reader meets
  (`title`, `aria-label`, `alt`, `placeholder`, `value`) holding Cyrillic sits inside an
  element marked `lang="ru"` (the marked fallback text) or is the language switch;
- on a Russian page, none of Material's English interface strings (its own `en`
  translation table, read from the installed theme), nor Python-Markdown's permalink
  title, nor any English string of `labels.py` appears outside such marks;
- nothing is written to the console as an error (a failed request included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.pages.labels import UI
from tests.browser.test_accessibility import LANGUAGES, PAGES, VIEWPORTS

ALL_PAGES = PAGES
"""One page of every type, the 404 page included."""

_TEXTS = """(lang) => {
  const LABELS = ["title", "aria-label", "alt", "placeholder", "value"];
  const found = [];
  const marked = (el) => {
    const owner = el.closest("[lang]");
    return (owner && owner.getAttribute("lang") !== lang) || el.closest(".ngo-lang-switch");
  };
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, noscript, template") || marked(el)) continue;
    const text = node.textContent.trim();
    if (text) found.push(text);
  }
  for (const el of document.querySelectorAll("*")) {
    if (el.closest("head, script, style") || marked(el)) continue;
    for (const name of LABELS) {
      if (el.tagName === "INPUT" && name === "value") continue;
      const value = el.getAttribute(name);
      if (value && value.trim()) found.push(`${value.trim()} [${name}]`);
    }
  }
  return found;
}"""


def material_english() -> set[str]:
    """Material's English interface strings, from its own translation partial."""
    from material import templates

    source = (Path(templates.__file__).parent / "partials/languages/en.html").read_text()
    values = set(re.findall(r'"[\w.]+": "([^"]+)"', source))
    return {v for v in values if re.search(r"[A-Za-z]{3}", v) and v not in {"ltr", "en"}}


ENGLISH = sorted(
    material_english()
    | {"Permanent link", "404 - Not found"}
    | {entry["en"] for entry in UI.values() if entry.get("en") and entry["en"] != entry["ru"]},
    key=len,
    reverse=True,
)
"""Longest first: a long string is reported, not the short one inside it."""
NOT_INTERFACE = {"English"}
"""The language switch's word, which is English on purpose (and marked as such)."""


@pytest.fixture(scope="module")
def base_url(built_fixture: Callable[[str], Path], serve_site: Callable[[Path], str]) -> str:
    return serve_site(built_fixture("a11y"))


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium_browser: Browser) -> Iterator[Page]:
    context = chromium_browser.new_context(viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


def open_and_listen(page: Page, url: str) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.goto(url, wait_until="networkidle")
    return errors


def english_strings(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        for word in ENGLISH:
            if word in NOT_INTERFACE:
                continue
            if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text):
                found.append(f"{word!r} in {text!r}")
                break
    return found


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_russian_page_has_no_english_interface_string(base_url: str, page: Page, name: str) -> None:
    url = base_url + ALL_PAGES[name]
    errors = open_and_listen(page, url)
    texts = page.evaluate(_TEXTS, "ru")
    assert english_strings(texts) == [], url
    assert errors == [], url


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_english_page_has_no_unmarked_russian(base_url: str, page: Page, name: str) -> None:
    url = base_url + LANGUAGES["en"] + ALL_PAGES[name]
    errors = open_and_listen(page, url)
    texts = page.evaluate(_TEXTS, "en")
    assert [text for text in texts if re.search("[А-Яа-яЁё]", text)] == [], url
    assert errors == [], url
