"""Generated pages handed to MkDocs from memory, rendered without the work they do not need.

MkDocs reads each page from a file, parses its YAML front matter, builds a new
Python-Markdown converter (with this project's extensions) and feeds the
whole page to it, HTML included. A generated page is different: its front matter is a
dict the generator already has, and most of it is HTML the generator already rendered
and escaped. Only the contributor's body is Markdown. So a `GeneratedPage` takes its
parts from the `SitePage` and converts only the body, with one converter per build that
is reset between pages. Links and anchors in the body are checked exactly as MkDocs
checks them (its own tree processors run), and MkDocs lets a plugin put its own `Page`
into `File.page` (`nav.py` reuses it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import jinja2
import markdown
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from generator.pages.generate import SitePage

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs' own logger: same levels apply

ORIGINAL_HTML = '<div lang="ru">\n{}\n</div>'
"""generate.ORIGINAL_OPEN/CLOSE around a fallback body, converted: what md_in_html makes of it."""

# Generated HTML is written by Jinja and markupsafe: attributes are always double-quoted.
_ID = re.compile(r'\sid="([^"]+)"')


@dataclass
class Converted:
    """One body converted, with what MkDocs learns from the conversion."""

    html: str
    toc_tokens: list[Any]
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the target's `src_uri` (checked after render)."""


Convert = Callable[[Page, str, MkDocsConfig, Files], Converted]
"""`convert(page, markdown, config, files)`: a body converted on its page."""


class BodyConverter:
    """One Python-Markdown converter for every page of a build, reset between pages.

    MkDocs 1.6 (`Page.render`) makes a new one per page; with our extensions that costs
    more than converting a typical body. The per-page processors are MkDocs' own
    (`mkdocs.structure.pages`, private in name but unchanged since 1.5; MkDocs is
    pinned `<2`): they are registered anew for each page under their fixed names, which
    replaces the previous page's.

    `convert` is the one seam of the speed-ups that save conversions: each wraps it
    (`speedups.body_cache`, `speedups.body_exchange`); unwrapped, every body is converted
    here.
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self.md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
        self.convert: Convert = self._convert

    def render(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> str:
        return self.apply(page, self.convert(page, text, config, files), files)

    def _convert(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> Converted:
        md = self.md
        md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        html = md.convert(text)
        links = None
        if log.getEffectiveLevel() > logging.DEBUG:
            links = {target.src_uri: found for target, found in relative.links_to_anchors.items()}
        return Converted(
            html,
            getattr(md, "toc_tokens", []),
            title.title,
            anchors.present_anchor_ids | raw_html.present_anchor_ids,
            links,
        )

    @staticmethod
    def apply(page: Page, converted: Converted, files: Files) -> str:
        """What MkDocs' `Page.render` leaves on the page, from a conversion."""
        page.toc = get_toc(converted.toc_tokens)
        page._title_from_render = converted.title
        page.present_anchor_ids = set(converted.anchors)
        if converted.links is not None:
            page.links_to_anchors = {
                file: found
                for uri, found in converted.links.items()
                if (file := files.get_file_from_path(uri)) is not None
            }
        return converted.html


class GeneratedPage(Page):
    """A page whose source is a `SitePage` in memory."""

    def __init__(
        self,
        title: str | None,
        file: File,
        config: MkDocsConfig,
        site_page: SitePage,
        converter: BodyConverter,
    ) -> None:
        super().__init__(title, file, config)
        self.site_page = site_page
        self.converter = converter

    @property
    def original(self) -> bool:
        """An English page showing the Russian body (`SitePage.fallback`)."""
        return self.site_page.fallback

    @property
    def body_text(self) -> str:
        """The Markdown to convert: the Russian body itself on such an English page."""
        return self.site_page.markdown

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = self.site_page.source, dict(self.site_page.meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        site_page = self.site_page
        body = ""
        if self.markdown and self.markdown.strip():
            converted = self.converter.convert(self, self.body_text, config, files)
            body = self.converter.apply(self, converted, files)
            if self.original:  # as md_in_html would wrap it, but the same body in both
                body = ORIGINAL_HTML.format(body)
        else:
            self.toc = get_toc([])
            self.present_anchor_ids = set()
            self.links_to_anchors = {}
        # Anchors in the generated HTML can be linked to, as MkDocs' raw-HTML pass finds.
        generated = site_page.html + site_page.after
        self.present_anchor_ids = (self.present_anchor_ids or set()) | {
            unescape(a) for a in _ID.findall(generated)
        }
        self.content = site_page.html + body + site_page.after


def add_pages(
    files: Files, config: MkDocsConfig, site_pages: list[SitePage], nav_titles: dict[str, str]
) -> BodyConverter:
    """Put every page into `files` as a generated file with its `GeneratedPage`."""
    converter = BodyConverter(config)
    for site_page in site_pages:
        # The file's content is the body, the one part that is Markdown; the page takes
        # the rest (front matter, generated HTML) from the `SitePage` itself.
        file = File.generated(config, site_page.path, content=site_page.source)
        files.append(file)
        GeneratedPage(nav_titles.get(site_page.path), file, config, site_page, converter)
    return converter


@dataclass
class Rendered:
    """One language's MkDocs objects after a full build, kept for the preview's next save."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    converter: BodyConverter

    def render(self, site_pages: list[SitePage], removed: list[str]) -> None:
        """Render `site_pages` into the site as the full build did, and delete the pages of
        `removed` (docs paths): only what a save changed, through MkDocs' own page steps."""
        config, files = self.config, self.files
        for path in removed:
            file = files.get_file_from_path(path)
            if file is not None:
                files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
        pages = []
        for site_page in site_pages:
            file = files.get_file_from_path(site_page.path)
            if file is None or not isinstance(file.page, GeneratedPage):
                file = File.generated(config, site_page.path, content=site_page.source)
                files.append(file)
                GeneratedPage(None, file, config, site_page, self.converter)
            else:
                file.page.site_page = site_page
            pages.append(file.page)
        documentation = files.documentation_pages()
        built = [page for page in pages if page is not None]
        for page in built:
            _populate_page(page, config, files)
        for page in built:
            _build_page(page, config, documentation, self.nav, self.env)


def nav_titles(nav: list[dict[str, str]]) -> dict[str, str]:
    """`{path: title}` of a nav made of one-entry dicts, as `generate.nav` makes it."""
    return {path: title for entry in nav for title, path in entry.items()}


__all__ = [
    "BodyConverter",
    "Convert",
    "Converted",
    "GeneratedPage",
    "Rendered",
    "add_pages",
    "nav_titles",
]
