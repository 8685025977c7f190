"""Counted steps of a long build, on standard output.

On a terminal the running step is one line that updates in place, with a bar while pages
are rendered (`[2/4] Pages (ru, en) ███████░░░░░ 12,345 / 20,058`); in CI, or whenever
stdout is not a terminal, each step prints one plain line when it is done, with no
escape codes: `[2/4] Pages (ru, en): 20,058 pages in 41.3 s`. A step that fails prints
nothing, so an error report stays the only output of a failed check.

Pages are counted across processes: the counter lives in shared memory made before the
language processes are forked, and each rendered page adds one (`Progress.page_done`).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

BAR_WIDTH = 24
REFRESH_SECONDS = 0.2

TEXT = {
    "ru": {"pages": "страниц", "seconds": "с", "thousands": "\u202f"},
    "en": {"pages": "pages", "seconds": "s", "thousands": ","},
}


class Progress:
    """Prints `[n/total] label` for each step; see the module's docstring."""

    def __init__(
        self,
        total: int,
        lang: str = "ru",
        stream: TextIO | None = None,
        live: bool | None = None,
        enabled: bool = True,
    ) -> None:
        self.total, self.lang, self.enabled = total, lang, enabled
        self.stream = stream or sys.stdout
        self.live = enabled and (self.stream.isatty() if live is None else live)
        self.number = 0
        # Shared memory, inherited by forked processes: pages done, pages expected.
        self._done = multiprocessing.get_context("fork").Value("l", 0)
        self._expected = multiprocessing.get_context("fork").Value("l", 0, lock=False)

    # -- counting pages (called in the language processes) ------------------------------

    def pages_expected(self, count: int) -> None:
        with self._done.get_lock():
            self._expected.value += count

    def page_done(self) -> None:
        with self._done.get_lock():
            self._done.value += 1

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
        done = f"{self._number(self._done.value)} {text['pages']}, " if count_pages else ""
        line = f"{prefix}: {done}{seconds:.1f} {text['seconds']}"
        if self.enabled:
            self._write(f"\r{line}\x1b[K\n" if self.live else f"{line}\n")

    def _tick(self, prefix: str, stop: threading.Event, count_pages: bool) -> None:
        while not stop.wait(REFRESH_SECONDS):
            if count_pages and self._expected.value:
                done, expected = self._done.value, self._expected.value
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
