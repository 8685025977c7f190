"""generator/search_index.py: the search index fed page by page while pages are rendered.

The pages of one built site are fed again here, in other orders, to check what the
build relies on: Pagefind numbers the pages by URL whatever order they come in (so the
bundle is byte-identical from run to run without renumbering), pages without a
`data-pagefind-body` cost nothing, the languages end up in one bundle, and a failed
service is reported rather than leaving a half-written index. That the result is what
Pagefind's CLI writes over the finished site is checked in tests/test_pagefind_stable.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from site_files import Pages, search_pages, site_files

from generator.search.index import (
    OTHER_LANGUAGES,
    SearchFeed,
    SearchIndexError,
    SearchPipes,
    SearchService,
    complete_bundle,
    indexed_part,
    language_bundle,
)
from generator.search.stable import Meta, read_payload

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def built_site(built_fixture: Callable[[str], Path]) -> Path:
    """The search fixture's site, built once per session (read it, never change it)."""
    return built_fixture(FIXTURE.name)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> Pages:
    """Every page of the built site as the render processes see it: (URL, final HTML)."""
    return search_pages(built_site)


def feed_site(pages: Pages, site: Path, order: str = "as found") -> Path:
    """What the build does: one feed per language, then `complete_bundle`."""
    for lang, lang_pages in pages.items():
        feed = SearchFeed(lang, [url for url, _html in lang_pages])
        for url, html in reversed(lang_pages) if order == "reversed" else lang_pages:
            feed.add_page(url, html)
        feed.write(language_bundle(site if lang == "ru" else site / lang, lang))
    complete_bundle(site, list(pages))
    return site / "pagefind"


def metas(bundle: Path) -> dict[str, Meta]:
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    return {
        lang: Meta.decode(read_payload(bundle / f"pagefind.{info['hash']}.pf_meta"))
        for lang, info in entry["languages"].items()
    }


def test_the_bundle_does_not_depend_on_the_order_pages_are_rendered(
    pages: Pages, tmp_path: Path
) -> None:
    first = site_files(feed_site(pages, tmp_path / "a"))
    again = site_files(feed_site(pages, tmp_path / "b", order="reversed"))
    assert any(name.startswith("filter/") for name in first)
    assert first.keys() == again.keys()
    assert [name for name in first if first[name] != again[name]] == []


def test_pages_are_numbered_by_url_in_each_language(pages: Pages, tmp_path: Path) -> None:
    bundle = feed_site(pages, tmp_path / "site", order="reversed")
    for lang, meta in metas(bundle).items():
        urls = [
            json.loads(read_payload(bundle / "fragment" / f"{hash_}.pf_fragment"))["url"]
            for hash_, _words in meta.pages
        ]
        assert urls == sorted(urls)
        item_pages = [url for url, html in pages[lang] if indexed_part(html) is not None]
        assert sorted(urls) == sorted(item_pages)  # every item page, and nothing else


def test_the_languages_are_joined_into_one_bundle(pages: Pages, tmp_path: Path) -> None:
    site = tmp_path / "site"
    bundle = feed_site(pages, site)
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    assert list(entry["languages"]) == ["en", "ru"]  # sorted, in serde_json's form
    assert (bundle / "pagefind-entry.json").read_text(encoding="utf-8").startswith('{"version"')
    assert not (site / "en" / OTHER_LANGUAGES).exists()
    assert (bundle / "wasm.en.pagefind").is_file()
    for lang, info in entry["languages"].items():
        meta = metas(bundle)[lang]
        assert info["page_count"] == len(meta.pages) > 0
        for *_range, hash_ in meta.chunks:
            assert (bundle / "index" / f"{hash_}.pf_index").is_file()
        for _name, hash_ in meta.filters:
            assert (bundle / "filter" / f"{hash_}.pf_filter").is_file()


def test_pages_without_the_search_body_are_left_out() -> None:
    page = "<html lang='ru'><body><nav>Меню</nav><main>Список</main></body></html>"
    assert indexed_part(page) is None
    item = (
        "<html><body><nav>Меню</nav><article><div data-pagefind-body><h1>Итоги</h1>"
        "</div></article><footer>Подвал</footer></body></html>"
    )
    assert indexed_part(item) == "<div data-pagefind-body><h1>Итоги</h1></div>"


def test_a_feed_of_other_pages_writes_an_empty_index(tmp_path: Path) -> None:
    feed = SearchFeed("ru", ["/", "/news/"])
    feed.add_page("/", "<html lang='ru'><body><h1>Главная</h1></body></html>")
    feed.write(tmp_path / "pagefind")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_bytes())
    assert entry["languages"] == {} or entry["languages"]["ru"]["page_count"] == 0


def test_a_dead_service_fails_the_write(tmp_path: Path) -> None:
    feed = SearchFeed("ru")
    feed.service.process.kill()
    feed.add_page("/news/x/", "<article><div data-pagefind-body><p>текст</p></div></article>")
    with pytest.raises(SearchIndexError):
        feed.write(tmp_path / "pagefind")
    assert not (tmp_path / "pagefind" / "pagefind-entry.json").exists()


def test_stop_kills_the_service() -> None:
    feed = SearchFeed("en", ["/en/news/x/"])
    feed.add_page("/en/news/x/", "<article><div data-pagefind-body><p>text</p></div></article>")
    feed.stop()
    assert feed.service.process.returncode is not None


def test_pages_text_is_released_before_the_index_is_written() -> None:
    """`mkdocs_plugin.release_pages`: the pages' text goes, the pages stay."""
    from types import SimpleNamespace

    from generator.engine.pages import GeneratedPage
    from generator.engine.plugin import release_pages
    from generator.pages.generate import SitePage

    generated = GeneratedPage.__new__(GeneratedPage)
    generated.content, generated.markdown = "<p>x</p>", "x"
    generated.site_page = SitePage("news/x.md", "X", {}, "<h1>X</h1>", "x", "<p>after</p>")
    plain = SimpleNamespace(content="<p>y</p>", markdown="y")
    files = SimpleNamespace(
        documentation_pages=lambda: [
            SimpleNamespace(page=generated),
            SimpleNamespace(page=plain),
            SimpleNamespace(page=None),
        ]
    )
    release_pages(files)  # type: ignore[arg-type]
    assert (generated.content, generated.markdown) == (None, None)
    assert (generated.site_page.html, generated.site_page.markdown, generated.site_page.after) == (
        "",
        "",
        "",
    )
    assert generated.site_page.path == "news/x.md"
    assert (plain.content, plain.markdown) == (None, None)


def test_a_feed_attached_to_a_service_it_does_not_own(pages: Pages, tmp_path: Path) -> None:
    """The CLI's parallel build: the service is started by one process, fed through the
    pipes by another (here a second feed over duplicated descriptors), and written by
    its owner once the feed is done; the files are those of a feed that owns its service."""
    import os

    owned = tmp_path / "owned" / "pagefind"
    feed = SearchFeed("ru", [url for url, _html in pages["ru"]])
    for url, html in pages["ru"]:
        feed.add_page(url, html)
    feed.write(owned)

    service = SearchService("ru")
    attached = SearchFeed(
        "ru",
        [url for url, _html in pages["ru"]],
        SearchPipes(os.dup(service.stdin_fd), os.dup(service.stdout_fd), service.index_id),
    )
    assert attached.service is None
    for url, html in pages["ru"]:
        attached.add_page(url, html)
    attached.finish()
    with pytest.raises(AssertionError):
        attached.write(tmp_path / "never")
    service.write(tmp_path / "owner" / "pagefind")
    assert service.process.returncode == 0
    for site in (tmp_path / "owned", tmp_path / "owner"):  # filters made canonical
        complete_bundle(site, ["ru"])
    assert site_files(tmp_path / "owner") == site_files(owned.parent)


def test_the_owner_sees_the_errors_of_a_service_that_died(tmp_path: Path) -> None:
    service = SearchService("ru")
    service.process.kill()
    with pytest.raises(SearchIndexError):
        service.write(tmp_path / "pagefind")
    assert not (tmp_path / "pagefind").exists()
