"""Engine-free core of a build: check, then one language's pages and assets.

The MkDocs plugin calls `generate_pages` (pages in memory) and `write_assets`
(files on disk); `prepare_docs` writes both as a docs tree, for a test or
another engine's glue. Media files are copied into the Russian tree only and
linked from the English pages one level up, so each file is published once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.build.writer import Writer
from generator.content.check import load_and_check
from generator.content.load import Content
from generator.content.problems import ContentError
from generator.pages import images, map_svg
from generator.pages.generate import Generator, SitePage, generate, nav
from generator.urls import FIRST, LANGUAGES

__all__ = ["LANGUAGES", "checked_content", "collector_paused", "generate_pages", "write_assets"]


@dataclass
class Prepared:
    content: Content
    nav: list[dict[str, str]]
    pages: int


def checked_content(root: Path, lang: str = "ru") -> Content:
    """Load and check; raise `ContentError` listing every problem if there is any."""
    with collector_paused():
        content, problems = load_and_check(root)
    if problems:
        raise ContentError(problems.sorted(), lang)
    return content


def generate_pages(
    content: Content,
    lang: str,
    today: date,
    edit_base: str = "",
    site_url: str = "",
    generator: Generator | None = None,
) -> list[SitePage]:
    """The pages of `lang`, in memory; two pages with one path are a bug, as in `Writer`.

    `site_url` is the whole site's address (not the language's), or "". `generator`, if
    given, makes them instead (the preview's keeps its listings' rows for the next save).
    """
    with collector_paused():
        site_pages = (
            list(generator.pages())
            if generator is not None
            else generate(content, lang, today, edit_base, site_url)
        )
    paths: set[str] = set()
    for site_page in site_pages:
        if site_page.path in paths:
            raise ValueError(f"{site_page.path} generated twice in one build")
        paths.add(site_page.path)
    return site_pages


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the `with` block runs, and as it was after.

    Checking and generating make millions of objects that all stay alive (the content,
    the pages), so each automatic collection walks a larger heap and finds nothing
    (docs/performance.md, "Figures behind the code"). Cycles made in the block (none were
    found) wait for the next collection after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_assets(content: Content, lang: str, docs_dir: Path, writer: Writer | None = None) -> None:
    """The files that are not pages: the media, and for Russian the pictures.

    Generated pages link media and pictures at the site root from both languages. A
    contributor's body links `/media/x.png`, which each language's build resolves in
    its own tree (strict mode checks it there), so the English tree has the media too.
    """
    writer = writer or Writer(docs_dir)
    for rel in sorted(content.media):
        writer.copy(rel, content.root / "content" / rel)
    if lang != FIRST:
        return
    # Pictures made from the content, published once like the media (#10).
    images.write_copies(content, writer)
    map_svg.write_locators(((m.code, m.status) for m in content.missions.values()), writer)


def prepare_docs(
    content: Content,
    lang: str,
    today: date,
    docs_dir: Path,
    edit_base: str = "",
    site_url: str = "",
) -> Prepared:
    """Write the pages of `lang`, the media, and for Russian the pictures into `docs_dir`.

    The docs tree an engine without in-memory pages would read; the MkDocs plugin takes
    the pages from `generate_pages` and only the assets from disk.
    """
    writer = Writer(docs_dir)
    site_pages = generate_pages(content, lang, today, edit_base, site_url)
    for site_page in site_pages:
        writer.text(site_page.path, site_page.text)
    write_assets(content, lang, docs_dir, writer)
    return Prepared(content, nav(lang, content), len(site_pages))
