"""Issue #18, errors where the editor looks: the preview shows the content's problems.

While `mkdocs serve` knows of problems, every page it serves carries a box listing them
with `file:line` (as Hugo's server does), over the last good version of the site; the
next good save takes it away. With problems at start-up the server starts all the same.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import FIXTURE, add_project_config, mkdocs_serve, save, wait_for

from bench.preview import fetch
from generator.content.problems import Problem
from generator.engine.preview import OVERLAY_ID, problems_overlay, with_overlay

BROKEN = Problem(
    "content/news/x.md",
    3,
    "bad_choice",
    (("allowed", "a, b"), ("field", "status"), ("found", "<b>")),
)


def test_the_overlay_lists_each_problem_escaped_in_the_editors_language() -> None:
    box = problems_overlay([BROKEN], "ru")
    assert f'id="{OVERLAY_ID}"' in box and 'role="alert"' in box
    assert "Ошибок в файлах: 1." in box
    assert "<li>content/news/x.md:3: поле «status»: значение «&lt;b&gt;» не допускается" in box
    assert "1 problem(s) in the files." in problems_overlay([BROKEN], "en")


def test_no_problems_no_overlay() -> None:
    page = b"<html><body><p>x</p></body></html>"
    assert problems_overlay([], "ru") == ""
    assert with_overlay(page, "") == page
    assert with_overlay(page, "<div>!</div>") == b"<html><body><p>x</p><div>!</div></body></html>"


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A copy of the site fixture under `mkdocs serve`: (root, base URL, log)."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    save(repo / "content/news/itogi-goda.md", "date:", "status: formin\ndate:")
    add_project_config(repo)
    log = tmp_path / "serve.log"
    with mkdocs_serve(repo, log) as base:
        yield repo, base, log


def _safe_fetch(url: str) -> str:
    try:
        return fetch(url)
    except OSError:
        return ""


@pytest.mark.slow
def test_serve_starts_with_problems_shows_them_and_drops_them_on_a_good_save(
    serving: tuple[Path, str, Path],
) -> None:
    repo, base, log = serving
    assert wait_for(lambda: OVERLAY_ID in _safe_fetch(base), 120), log.read_text()
    page = fetch(base)
    assert "content/news/itogi-goda.md:" in page and "неизвестное поле «status»" in page
    assert OVERLAY_ID in fetch(base + "search/")  # every page, not only the home page
    save(repo / "content/news/itogi-goda.md", "status: formin\n", "")
    assert wait_for(lambda: "Итоги года" in _safe_fetch(base + "news/itogi-goda/"), 120), (
        log.read_text()
    )
    assert OVERLAY_ID not in fetch(base + "news/itogi-goda/")
    # A bad save of an item (an incremental rebuild) brings the box back on every page.
    save(repo / "content/news/itogi-goda.md", "date:", "status: formin\ndate:")
    assert wait_for(lambda: OVERLAY_ID in _safe_fetch(base + "forums/"), 60), log.read_text()
    assert "Итоги года" in fetch(base + "news/itogi-goda/")  # the last good page underneath
