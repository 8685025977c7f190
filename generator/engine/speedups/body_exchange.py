"""Russian bodies converted once for both languages' processes (#9).

An English page of an item without an English body shows the Russian body (generate.py
`_body`), and each language's process used to convert it from Markdown: a third of the
conversions were done twice (docs/performance.md).
The build renders the two languages in two processes at once (build.py), so they split
those bodies: the English process says which Russian bodies it shows (`plan`), each
process converts its half of them (`split`, by a hash of the path) first and publishes
it in the build's work folder, then converts the rest of its own pages, and takes the
other half from the other process when a page needs it. Both do about the same work,
so neither waits.

A conversion depends only on the Markdown and on the page's place in the docs tree,
which is the same in both languages (`/news/x/`, `/en/news/x/`): links are relative.
The files are pickles written by one process of this build for the other and read
from a folder only they know (`tempfile.mkdtemp`).
"""

from __future__ import annotations

import os
import pickle
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.engine.pages import BodyConverter, Convert, Converted, GeneratedPage
from generator.errors import GeneratorError
from generator.urls import is_translation

WAIT = 0.005
"""Seconds between looks for the other process's file."""
TIMEOUT = 900.0
"""Seconds to wait for the other process before giving up (it normally takes < 1 s)."""


class ExchangeAborted(GeneratorError):
    """The other language's process failed: this one stops too."""


@dataclass
class Exchange:
    """This process's side of the exchange with the other language's process."""

    folder: Path
    lang: str
    peer: str

    def publish(self, name: str, data: Any) -> None:
        """Write `data` for the other process, atomically (it never sees half a file)."""
        temporary = self.folder / f".{self.lang}.{name}.tmp"
        with open(temporary, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.folder / f"{self.lang}.{name}")

    def receive(self, name: str) -> Any:
        """What the other process published as `name`, waiting for it if need be."""
        path, failed = self.folder / f"{self.peer}.{name}", self.folder / f"{self.peer}.failed"
        deadline = time.monotonic() + TIMEOUT
        while not path.exists():
            if failed.exists() or (self.folder / "build.failed").exists():
                raise ExchangeAborted(f"the {self.peer} build failed")
            if time.monotonic() > deadline:
                raise ExchangeAborted(f"the {self.peer} build sent nothing for {TIMEOUT:.0f} s")
            time.sleep(WAIT)
        with open(path, "rb") as data:
            return pickle.load(data)

    def fail(self) -> None:
        """Tell the other process to stop waiting: this one failed."""
        (self.folder / f"{self.lang}.failed").touch()

    def take_part(
        self,
        converter: BodyConverter,
        pages: list[GeneratedPage],
        config: MkDocsConfig,
        files: Files,
    ) -> None:
        """This language's build joins the exchange: its half of the shown Russian bodies
        converted and handed over now, the other half taken when a page needs it."""
        exchanging = ExchangeConverter(self, converter.convert)
        exchanging.share(pages, config, files)
        converter.convert = exchanging


class ExchangeConverter:
    """The converter's `convert` in an exchange: this process's half converted ahead,
    the other process's half received, anything else converted as usual."""

    def __init__(self, exchange: Exchange, convert: Convert) -> None:
        self.exchange, self.convert = exchange, convert
        self.done: dict[str, Converted] = {}
        """Converted ahead here, until a page takes it (a later render converts anew)."""
        self.theirs: set[str] = set()
        """Pages whose body the other language's process converts."""
        self.received: dict[str, Converted] | None = None

    def share(self, pages: list[GeneratedPage], config: MkDocsConfig, files: Files) -> None:
        """Convert this process's half of the Russian bodies both languages show, hand it
        to the other process, and note the other half."""
        exchange = self.exchange
        by_path = {page.file.src_uri: page for page in pages}
        if is_translation(exchange.lang):
            shown = sorted(path for path, page in by_path.items() if page.original)
            exchange.publish("plan", shown)
            mine, theirs = split(shown)
        else:
            theirs, mine = split(exchange.receive("plan"))
        for path in sorted(mine):
            page = by_path.get(path)
            if page is not None and page.body_text.strip():
                self.done[path] = self.convert(page, page.body_text, config, files)
        exchange.publish("bodies", self.done)
        self.theirs = theirs

    def __call__(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> Converted:
        path = page.file.src_uri
        if path in self.done:
            return self.done.pop(path)
        if path in self.theirs:
            if self.received is None:
                self.received = self.exchange.receive("bodies")
            if path in self.received:
                return self.received[path]
        return self.convert(page, text, config, files)


def split(shown: list[str]) -> tuple[set[str], set[str]]:
    """The Russian bodies the English page shows (docs paths): (English converts,
    Russian converts), by a hash of the path: both sides compute the same, and a body
    stays on its side whatever else is shown, so that each side finds it in its own
    cache of converted bodies (body_cache) in the next build."""
    english = {path for path in shown if zlib.crc32(path.encode()) & 1}
    return english, set(shown) - english


def abort_all(folder: Path) -> None:
    """From the build: a language's process failed; every other one stops waiting."""
    (folder / "build.failed").touch()


__all__ = ["Exchange", "ExchangeAborted", "ExchangeConverter", "abort_all", "split"]
