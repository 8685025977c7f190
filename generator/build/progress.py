"""Counted steps of a long build, on standard output.

On a terminal the running step is one line that updates in place, with a bar while pages
are rendered (`[2/4] Pages (ru, en) ███████░░░░░ 12,345 / 20,058`); in CI, or whenever
stdout is not a terminal, each step prints one plain line when it is done, with no
escape codes: `[2/4] Pages (ru, en): 20,058 pages in 41.3 s`. A step that fails prints
nothing, so an error report stays the only output of a failed check.

Pages are counted across processes: the counter (`PageCounter`) lives in shared memory
made before the language processes start (forked, they inherit it; spawned, it is handed
to them as they start), and each rendered page adds one (`PageCounter.page_done`).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from typing import TextIO

BAR_WIDTH = 24
REFRESH_SECONDS = 0.2

TEXT = {
    "ru": {"pages": "страниц", "seconds": "с", "thousands": "\u202f"},
    "en": {"pages": "pages", "seconds": "s", "thousands": ","},
}


class PageCounter:
    """Pages expected and pages rendered, in shared memory of `context`'s kind (fork or
    spawn): it must be the kind the language processes are started with."""

    def __init__(self, context: BaseContext | None = None) -> None:
        context = context or multiprocessing.get_context()
        self.done = context.Value("l", 0)
        self.expected = context.Value("l", 0, lock=False)

    def pages_expected(self, count: int) -> None:
        with self.done.get_lock():
            self.expected.value += count

    def page_done(self) -> None:
        with self.done.get_lock():
            self.done.value += 1


class Progress:
    """Prints `[n/total] label` for each step; see the module's docstring."""

    def __init__(
        self,
        total: int,
        lang: str = "ru",
        stream: TextIO | None = None,
        live: bool | None = None,
        enabled: bool = True,
        context: BaseContext | None = None,
    ) -> None:
        self.total, self.lang, self.enabled = total, lang, enabled
        self.stream = stream or sys.stdout
        self.live = enabled and (self.stream.isatty() if live is None else live)
        self.number = 0
        self.pages = PageCounter(context)
        """Counted by the language processes."""

    # -- steps ------------------------------------------------------------------------------

    @contextmanager
    def step(self, label: str, count_pages: bool = False) -> Iterator[None]:
        """One step: shown while it runs on a terminal, reported when it ends."""
        self.number += 1
        prefix = f"[{self.number}/{self.total}] {label}"
        began = time.perf_counter()
        stop = threading.Event()
        ticker = None
        if self.live:
            self._write(f"\r{prefix}…\x1b[K")
            ticker = threading.Thread(
                target=self._tick, args=(prefix, stop, count_pages), daemon=True
            )
            ticker.start()
        try:
            yield
        except BaseException:
            stop.set()
            if self.live:
                self._write("\n")
            raise
        finally:
            stop.set()
            if ticker is not None:
                ticker.join()
        seconds = time.perf_counter() - began
        text = TEXT.get(self.lang, TEXT["en"])
        done = f"{self._number(self.pages.done.value)} {text['pages']}, " if count_pages else ""
        line = f"{prefix}: {done}{seconds:.1f} {text['seconds']}"
        if self.enabled:
            self._write(f"\r{line}\x1b[K\n" if self.live else f"{line}\n")

    def _tick(self, prefix: str, stop: threading.Event, count_pages: bool) -> None:
        while not stop.wait(REFRESH_SECONDS):
            if count_pages and self.pages.expected.value:
                done, expected = self.pages.done.value, self.pages.expected.value
                filled = min(BAR_WIDTH, BAR_WIDTH * done // expected)
                bar = "█" * filled + "░" * (BAR_WIDTH - filled)
                self._write(
                    f"\r{prefix} {bar} {self._number(done)} / {self._number(expected)}\x1b[K"
                )

    def _number(self, value: int) -> str:
        return f"{value:,}".replace(",", TEXT.get(self.lang, TEXT["en"])["thousands"])

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
