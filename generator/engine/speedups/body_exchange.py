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

from generator.errors import GeneratorError

WAIT = 0.005
"""Seconds between looks for the other process's file."""
TIMEOUT = 900.0
"""Seconds to wait for the other process before giving up (it normally takes < 1 s)."""


@dataclass
class Converted:
    """One body converted, with what MkDocs learns from the conversion."""

    html: str
    toc_tokens: list[Any]
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the target's `src_uri` (checked after render)."""


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


__all__ = ["Converted", "Exchange", "ExchangeAborted", "abort_all", "split"]
