"""The preview after a save: only the changed files are read, only dependent pages redone.

`generator.engine.preview` decides what a save changes (engine-free, tested directly here); the
MkDocs plugin renders those pages into the running `mkdocs serve` (tested end to end).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serving import FIXTURE, add_project_config, mkdocs_serve, save, wait_for

from bench.preview import fetch
from generator.build.stages import checked_content
from generator.engine.preview import LiveContent, Page, stats

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    return target


def live(root: Path) -> LiveContent:
    seen = stats(root)
    return LiveContent(checked_content(root), seen)


def test_nothing_saved_means_nothing_to_do(repo: Path) -> None:
    assert live(repo).refresh() is None


def test_an_edited_item_redoes_its_page_listing_home_and_missions(repo: Path) -> None:
    state = live(repo)
    save(
        repo / "content/forums/forum-fevral.md",
        "{ru: Февральский форум,",
        "{ru: Перенесённый форум,",
    )
    change = state.refresh()
    assert change is not None and not change.full and not change.problems
    assert change.changed == {"forums/forum-fevral"}
    assert {
        Page("item", "forums/forum-fevral"),
        Page("section", "forums"),
        Page("home"),
    } <= change.pages
    assert any(p.kind == "mission" for p in change.pages)
    assert not any(p.kind == "item" and p.name != "forums/forum-fevral" for p in change.pages)
    title = state.content.items["forums"]["forum-fevral"].title
    assert title.ru == "Перенесённый форум"
    assert state.refresh() is None  # the save is taken into account once


def test_a_renamed_organization_redoes_the_items_that_name_it(repo: Path) -> None:
    state = live(repo)
    save(repo / "content/organizations/dansk-forening.yml", "name:", "name:  ")
    change = state.refresh()
    assert change is not None and not change.full
    assert Page("item", "proposals/predlozhenie-otkrytoe") in change.pages
    assert Page("section", "organizations") in change.pages


def test_a_new_and_a_removed_item(repo: Path) -> None:
    state = live(repo)
    (repo / "content/news/novaya.md").write_text(
        "---\ntitle: {ru: Новая новость, en: Fresh news}\ndate: 2030-01-12\n---\nТекст.\n",
        encoding="utf-8",
    )
    (repo / "content/news/itogi-goda.md").unlink()
    change = state.refresh()
    assert change is not None and not change.full and not change.problems
    assert Page("item", "news/novaya") in change.pages
    assert change.removed == {"news/itogi-goda"}
    assert "itogi-goda" not in state.content.items["news"]


def test_a_broken_save_keeps_the_previous_version_and_is_read_again(repo: Path) -> None:
    state = live(repo)
    path = repo / "content/forums/forum-fevral.md"
    save(path, "{ru: Февральский форум,", "{ru: [Февральский форум,")
    change = state.refresh()
    assert change is not None and change.problems
    assert state.content.items["forums"]["forum-fevral"].title.ru == "Февральский форум"
    save(path, "{ru: [Февральский форум,", "{ru: Исправленный форум,")
    change = state.refresh()
    assert change is not None and not change.problems
    assert state.content.items["forums"]["forum-fevral"].title.ru == "Исправленный форум"


def test_a_reference_to_a_missing_organization_is_a_problem(repo: Path) -> None:
    state = live(repo)
    save(
        repo / "content/proposals/predlozhenie-otkrytoe.md",
        "organization: dansk-forening",
        "organization: dansk-foreninq",
    )
    change = state.refresh()
    assert change is not None and change.problems


def test_a_broken_link_in_a_saved_body_is_a_problem(repo: Path) -> None:
    state = live(repo)
    path = repo / "content/forums/forum-fevral.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nСм. [программу](missing.md).\n", encoding="utf-8"
    )
    change = state.refresh()
    assert change is not None and change.problems
    assert "missing.md" in change.problems.sorted()[0].render("en")


def test_a_removed_item_breaks_the_links_to_it(repo: Path) -> None:
    state = live(repo)
    path = repo / "content/news/vstrecha-v-berline.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[Итоги](/news/itogi-goda.md)\n", encoding="utf-8"
    )
    assert not state.refresh().problems
    (repo / "content/news/itogi-goda.md").unlink()
    change = state.refresh()
    assert change is not None and change.problems
    assert "itogi-goda" in state.content.items["news"]  # the previous version stays


@pytest.mark.parametrize(
    "path",
    [
        "missions/dk.yml",
        "content/themes.yml",
        "content/pages/about.md",
        "content/forums/_index.md",
        "content/_index.md",
    ],
)
def test_missions_themes_and_free_pages_need_a_full_rebuild(repo: Path, path: str) -> None:
    state = live(repo)
    target = repo / path
    if not target.exists():  # a section's introduction, new
        target.write_text("---\ntitle: Введение\n---\n", encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    change = state.refresh()
    assert change is not None and change.full


# -- end to end: mkdocs serve ------------------------------------------------------------------


def page_text(html: str) -> str:
    """The page without the live-reload script the server adds (it carries a clock)."""
    return html.split("livereload(")[0]


def test_mkdocs_serve_rerenders_only_the_pages_a_save_touches(repo: Path, tmp_path: Path) -> None:
    add_project_config(repo)
    log = tmp_path / "serve.log"
    with mkdocs_serve(repo, log) as base:
        assert wait_for(lambda: "Февральский форум" in fetch(base + "forums/forum-fevral/"), 120), (
            log.read_text()
        )
        untouched = page_text(fetch(base + "news/itogi-goda/"))
        save(
            repo / "content/forums/forum-fevral.md",
            "{ru: Февральский форум, en: February forum}",
            "{ru: Перенесённый форум, en: Moved forum}",
        )
        for url, title in (
            ("forums/forum-fevral/", "Перенесённый форум"),
            ("forums/", "Перенесённый форум"),
            ("", "Перенесённый форум"),
            ("missions/dk/", "Перенесённый форум"),
            ("en/forums/forum-fevral/", "Moved forum"),
            ("en/forums/", "Moved forum"),
        ):
            assert wait_for(lambda url=url, title=title: title in fetch(base + url), 30), (
                url,
                log.read_text(),
            )
        assert "Preview: " in log.read_text()  # not a full rebuild
        assert page_text(fetch(base + "news/itogi-goda/")) == untouched
        (repo / "content/news/novaya.md").write_text(
            "---\ntitle: {ru: Новая новость, en: Fresh news}\ndate: 2030-01-12\n---\nТекст.\n",
            encoding="utf-8",
        )
        assert wait_for(lambda: "Fresh news" in fetch(base + "en/news/novaya/"), 30), (
            log.read_text()
        )
        assert "Новая новость" in fetch(base + "news/")
        # A mission is named on most pages: its save is a full rebuild, then saves of
        # items are incremental again.
        save(repo / "missions/dk.yml", "{ru: Миссия в Дании,", "{ru: Миссия Дании,")
        assert wait_for(lambda: "Миссия Дании" in fetch(base + "forums/forum-fevral/"), 60), (
            log.read_text()
        )
        assert log.read_text().count("Building documentation...") == 2
        save(repo / "content/news/novaya.md", "Новая новость", "Свежая новость")
        assert wait_for(lambda: "Свежая новость" in fetch(base + "news/"), 30), log.read_text()
        assert log.read_text().count("Building documentation...") == 2
