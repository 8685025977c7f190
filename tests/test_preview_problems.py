"""Issue #18, errors where the editor looks: the preview shows the content's problems.

While `mkdocs serve` knows of problems, every page it serves carries a box listing them
with `file:line` (as Hugo's server does), over the last good version of the site; the
next good save takes it away. With problems at start-up the server starts all the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_preview import FIXTURE, PROJECT, save, wait_for

from bench.preview import fetch, free_port
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
    shutil.copy(PROJECT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(PROJECT / "theme", repo / "theme")
    save(repo / "content/news/itogi-goda.md", "date:", "status: formin\ndate:")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=repo,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield repo, f"http://127.0.0.1:{port}/", log
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


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
