"""Stage 4: files made after MkDocs rendered the pages (feeds, JSON, search index).

They are registered in `STEPS`, run in order by both the CLI build and the
MkDocs plugin, so `mkdocs build` and `generator build` publish the same files.
Each step gets the checked content and the finished site folder; all files go
through one `Writer` for that folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.load import Content
from generator.write import Writer


@dataclass
class SiteContext:
    content: Content
    site: Path
    """The built site: Russian at its root, English under `en/`."""
    today: date
    site_url: str = ""
    """Absolute base URL (`https://example.org/`) if configured, else ""."""
    languages: tuple[str, ...] = ("ru", "en")


Step = Callable[[SiteContext, Writer], None]

STEPS: list[Step] = []
"""Filled by the modules that provide outputs, in the order they must run."""


def write_outputs(context: SiteContext) -> None:
    writer = Writer(context.site, overwrite=True)
    for step in STEPS:
        step(context, writer)
