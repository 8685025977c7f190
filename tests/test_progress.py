"""The build's progress lines: plain in CI, live on a terminal, counted across processes."""

from __future__ import annotations

import io
import multiprocessing

import pytest

from generator.build.progress import PageCounter, Progress


def test_ci_gets_one_plain_line_per_finished_step() -> None:
    out = io.StringIO()
    progress = Progress(2, "en", stream=out)
    with progress.step("Checking content"):
        pass
    with progress.step("Pages (ru, en)", count_pages=True):
        progress.pages.pages_expected(3)
        for _ in range(3):
            progress.pages.page_done()
    lines = out.getvalue().splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == [
        "[1/2] Checking content",
        "[2/2] Pages (ru, en)",
    ]
    assert lines[1].startswith("[2/2] Pages (ru, en): 3 pages, ")
    assert "\x1b" not in out.getvalue() and "\r" not in out.getvalue()


def test_a_failed_step_prints_nothing() -> None:
    """A failed check's report must stay the only output."""
    out = io.StringIO()
    progress = Progress(3, "ru", stream=out)
    with pytest.raises(ValueError), progress.step("Проверка содержимого"):
        raise ValueError("problems")
    assert out.getvalue() == ""


def test_a_terminal_gets_a_line_rewritten_in_place() -> None:
    out = io.StringIO()
    progress = Progress(1, "ru", stream=out, live=True)
    with progress.step("Страницы"):
        pass
    assert out.getvalue().startswith("\r[1/1] Страницы…")
    assert out.getvalue().endswith("\x1b[K\n")


def render(counter: PageCounter, pages: int) -> None:
    """A language process's share: module-level, so a spawned process can import it."""
    counter.pages_expected(pages)
    for _ in range(pages):
        counter.page_done()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pages_rendered_in_other_processes_are_counted(method: str) -> None:
    """Forked processes inherit the counter; spawned ones (Windows, macOS) get it as they
    start, and the counter is made of that kind of shared memory."""
    out = io.StringIO()
    context = multiprocessing.get_context(method)
    progress = Progress(1, "en", stream=out, context=context)

    with progress.step("Pages", count_pages=True):
        workers = [context.Process(target=render, args=(progress.pages, n)) for n in (1200, 800)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert out.getvalue().startswith("[1/1] Pages: 2,000 pages, ")


def test_quiet_prints_nothing() -> None:
    out = io.StringIO()
    progress = Progress(1, "en", stream=out, enabled=False)
    with progress.step("Pages"):
        pass
    assert out.getvalue() == ""
