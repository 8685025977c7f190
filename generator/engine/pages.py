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

import functools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import jinja2
import markdown
from jinja2.runtime import Context
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

from generator.engine.speedups import page_shells as page_shell
from generator.engine.speedups.body_cache import BodyCache, LookupRecorder, log_records
from generator.engine.speedups.body_exchange import Converted, Exchange, split
from generator.pages.generate import SitePage
from generator.urls import is_translation

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs' own logger: same levels apply

ORIGINAL_HTML = '<div lang="ru">\n{}\n</div>'
"""generate.ORIGINAL_OPEN/CLOSE around a fallback body, converted: what md_in_html makes of it."""

# Generated HTML is written by Jinja and markupsafe: attributes are always double-quoted.
_ID = re.compile(r'\sid="([^"]+)"')


class BodyConverter:
    """One Python-Markdown converter for every page of a build, reset between pages.

    MkDocs 1.6 (`Page.render`) makes a new one per page; with our extensions that costs
    more than converting a typical body. The per-page processors are MkDocs' own
    (`mkdocs.structure.pages`, private in name but unchanged since 1.5; MkDocs is
    pinned `<2`): they are registered anew for each page under their fixed names, which
    replaces the previous page's.
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self.md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
        self.exchange: Exchange | None = None
        self.theirs: set[str] = set()
        """Pages whose body the other language's process converts (shared_bodies)."""
        self.received: dict[str, Converted] | None = None
        self.cache: BodyCache | None = None

    def render(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> str:
        return self.apply(page, self.convert(page, text, config, files), files)

    def convert(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> Converted:
        """The body converted, or the conversion of the build before (`body_cache`)."""
        cache = self.cache
        if cache is None:
            return self._convert(page, text, config, files)
        key = cache.key(page, text)
        found = cache.get(key, files)
        if found is not None:
            return found
        recorder = LookupRecorder(files)
        with log_records() as records:
            converted = self._convert(page, text, config, recorder)  # type: ignore[arg-type]
        cache.put(key, recorder, records, converted)
        return converted

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

    def share(
        self, exchange: Exchange, pages: list[GeneratedPage], config: MkDocsConfig, files: Files
    ) -> None:
        """Convert this process's half of the Russian bodies both languages show, hand it
        to the other process, and note the other half (shared_bodies)."""
        by_path = {page.file.src_uri: page for page in pages}
        if is_translation(exchange.lang):
            shown = sorted(path for path, page in by_path.items() if page.original)
            exchange.publish("plan", shown)
            mine, theirs = split(shown)
        else:
            theirs, mine = split(exchange.receive("plan"))
        done: dict[str, Converted] = {}
        for path in sorted(mine):
            page = by_path.get(path)
            if page is not None and page.body_text.strip():
                page.converted = done[path] = self.convert(page, page.body_text, config, files)
        exchange.publish("bodies", done)
        self.exchange, self.theirs = exchange, theirs

    def obtain(self, page: GeneratedPage, config: MkDocsConfig, files: Files) -> Converted:
        """The page's body converted: here, earlier, or by the other process."""
        if page.converted is not None:
            return page.converted
        path = page.file.src_uri
        if self.exchange is not None and path in self.theirs:
            if self.received is None:
                self.received = self.exchange.receive("bodies")
            if path in self.received:
                return self.received[path]
        return self.convert(page, page.body_text, config, files)


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
        self.converted: Converted | None = None

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
            converted = self.converter.obtain(self, config, files)
            self.converted = None  # a preview's next render converts the new text
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


FOLDER_PARTIALS = ("partials/nav.html", "partials/logo.html", "partials/top.html")
"""Partials that read nothing of a page but its folder (relative links): the nav (no entry
is active on an item page), the logo and the back-to-top button (`config` and `lang`)."""

LAYOUT_BLOCKS = ("styles", "libs", "analytics", "footer", "config", "scripts")
"""Blocks of Material's base.html that read nothing of a page outside the nav but its URL
(for relative links): stylesheets, scripts, the app's config, the footer (no previous or next
page). A block the project's own theme overrides is rendered as usual."""


def memoize_layout(env: jinja2.Environment, nav: Navigation) -> None:
    """Render Material's nav and page-independent blocks once per folder.

    Material renders the whole nav, its configuration and its script and style tags into
    every page: a third of a page's template time here. For a page that is not in the
    nav no entry is active, and these parts differ only by the folder the page is in
    (their links are relative), so one rendering per folder serves all its item pages. Pages in the
    nav (sections, free pages) and templates without a page (404) render as usual.
    """
    in_nav = {id(page) for page in nav.pages}

    def folder(context: Context) -> str | None:
        page = context.get("page")
        if page is None or id(page) in in_nav or page.meta.get("hide"):
            return None  # `hide` (nav, toc, footer…) is read by the blocks: render them
        # MkDocs shortens a link to a page's own parent (`../`, not `../../news/`), so
        # the links depend on the folder, not only on the depth.
        return str(page.url).rstrip("/").rpartition("/")[0]

    for name in FOLDER_PARTIALS:
        partial = env.get_template(name)
        partial.root_render_func = _memoized(partial.root_render_func, folder)
    memoize_translations(env)
    base = env.get_template("base.html")
    overridden = set(env.get_template("main.html").blocks)
    for name in LAYOUT_BLOCKS:
        if name in base.blocks and name not in overridden:
            base.blocks[name] = _memoized(base.blocks[name], folder)


def install_shells(env: jinja2.Environment, nav: Navigation, on: bool, check_all: bool) -> None:
    """Item pages (generated, not in the nav) rendered through page shells when `on`;
    else the template's own rendering (which a rebuild under `mkdocs serve` restores)."""
    in_nav = {id(page) for page in nav.pages}
    page_shell.install(
        env,
        lambda page: (
            isinstance(page, GeneratedPage) and id(page) not in in_nav and not page.meta.get("hide")
        ),
        on=on,
        check_all=check_all,
    )


def memoize_translations(env: jinja2.Environment) -> None:
    """One `partials/language.html` module per build, and each of its strings looked up once.

    Material's base.html imports that module "with context" on every page, and its `t(key)`
    builds the whole table of the language (about 60 entries, and English's as fallback)
    at every call, some 30 calls a page (docs/performance.md). The module reads nothing but
    `config.theme.language`, which is fixed for a build.
    """
    template = env.get_template("partials/language.html")
    make_module = template.make_module
    modules: dict[str, Any] = {}

    def cached_module(
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: dict[str, Any] | None = None,
    ) -> Any:
        config = (vars or {}).get("config")
        language = str(config.theme["language"]) if config is not None else ""
        if language not in modules:
            module = make_module(vars, shared, locals)
            module.t = functools.cache(module.t)  # type: ignore[attr-defined]  # Material's `t` macro
            modules[language] = module
        return modules[language]

    template.make_module = cached_module  # type: ignore[method-assign, assignment]


def _memoized(
    render: Callable[[Context], Iterator[str]], key: Callable[[Context], str | None]
) -> Callable[[Context], Iterator[str]]:
    rendered: dict[str, str] = {}

    def memoized(context: Context) -> Iterator[str]:
        k = key(context)
        if k is None:
            yield from render(context)
            return
        if k not in rendered:
            rendered[k] = "".join(render(context))
        yield rendered[k]

    return memoized


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
    "GeneratedPage",
    "Rendered",
    "add_pages",
    "install_shells",
    "memoize_layout",
    "nav_titles",
]
