"""The thin MkDocs glue: `mkdocs build` and `mkdocs serve` run the core.

Each event hands over to an engine-free function (`site.checked_content`,
`site.generate_pages`, `sanitize.sanitize_html`), so a test can call those
without MkDocs, and another engine would need only new glue. Pages go to MkDocs
from memory (`mkdocs_pages`); only media and pictures are files in `docs_dir`.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator.build.progress import Progress
from generator.build.stages import checked_content, generate_pages, write_assets
from generator.build.today import build_today
from generator.content.load import Content
from generator.content.markdown_config import EXTENSION_CONFIGS, EXTENSIONS
from generator.content.problems import ContentError
from generator.content.sanitize import sanitize_html
from generator.engine import preview
from generator.engine.pages import (
    GeneratedPage,
    Rendered,
    add_pages,
    memoize_layout,
    nav_titles,
)
from generator.engine.preview import LiveContent, PreviewGenerator
from generator.engine.speedups.body_cache import BodyCache
from generator.engine.speedups.body_exchange import Exchange
from generator.engine.warnings import explained_warnings
from generator.outputs.published import site_root
from generator.outputs.registry import SiteContext, write_outputs
from generator.pages.generate import nav
from generator.pages.labels import script_labels, t
from generator.pages.typography import typeset_html
from generator.search.index import SearchFeed, language_bundle, search_url

log = logging.getLogger("mkdocs.plugins.ngo-missions")


class MissionsConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' metaclass
    # Repository root holding missions/ and content/; default: mkdocs.yml's folder.
    root = c.Type(str, default="")
    # Language of this build; the other languages are built after it (see below).
    lang = c.Choice(("ru", "en"), default="ru")
    # Languages built into `<site_dir>/<lang>/` after the Russian build finishes.
    # The CLI sets this to [] and builds them itself, in parallel processes.
    then_build = c.ListOfItems(c.Choice(("en",)), default=["en"])
    # Where media and pictures are copied for MkDocs; default: `<root>/build/docs/<lang>`.
    # Pages are not written there: they go to MkDocs from memory.
    docs_dir = c.Type(str, default="")
    # Prefix of "edit this page" links, e.g. https://github.com/ORG/REPO/edit/main/
    edit_base = c.Type(str, default="")
    # "Today" as YYYY-MM-DD; default: SOURCE_DATE_EPOCH's date, else the clock's.
    today = c.Type(str, default="")
    # Write feeds, JSON and the search index after the last language (outputs.STEPS).
    # The CLI sets this to false and writes them once, after its parallel builds.
    outputs = c.Type(bool, default=True)
    # Set by the CLI (and by the first language for the ones after it), which checked
    # the content already: take it from `shared_content` instead of reading it again.
    shared = c.Type(bool, default=False)
    # Set by the CLI when it renders Russian and English in two processes at once: a
    # folder where they hand each other the Russian bodies both show (shared_bodies).
    exchange = c.Type(str, default="")
    # Set by the CLI for a language other than the first: the site's one search bundle,
    # where this language writes its fragments and index chunks in place instead of
    # leaving them for `complete_bundle` to move (recycled_site).
    bundle = c.Type(str, default="")
    # Set by the CLI when it renders the languages in parallel: "stdin,stdout,index" of
    # the Pagefind service it started for this language. The build only feeds it; the
    # CLI writes the index once this process is done (search_index.SearchService).
    search = c.Type(str, default="")
    # Set by the CLI: the file that keeps this language's converted bodies for the next
    # build (body_cache). Empty: every body is converted.
    cache = c.Type(str, default="")


@dataclass
class Shared:
    content: Content
    today: date
    progress: Progress | None = None
    """Counts rendered pages for the CLI's progress line, across processes."""
    preview: bool = False
    """`mkdocs serve`: keep what the next save needs (`generator.engine.preview`)."""


_SHARED: dict[Path, Shared] = {}
"""Checked content handed from the CLI (or the first language) to the builds after it,
by repository root. Forked worker processes inherit it: nothing is pickled or re-read."""


@contextmanager
def shared_content(
    root: Path,
    content: Content,
    today: date,
    progress: Progress | None = None,
    preview: bool = False,
) -> Iterator[None]:
    """Offer `content` to every build of `root` in this process (and its forks) meanwhile."""
    _SHARED[root.resolve()] = Shared(content, today, progress, preview)
    try:
        yield
    finally:
        _SHARED.pop(root.resolve(), None)


class MissionsPlugin(BasePlugin[MissionsConfig]):  # type: ignore[no-untyped-call]  # MkDocs
    def __init__(self) -> None:
        self.root = Path(".")
        self.config_file: str | None = None
        self.serving = False
        self.live: LiveContent | None = None
        self.generator: PreviewGenerator | None = None
        self.rendered: dict[str, Rendered] = {}
        """Each language's MkDocs objects after the last full build (preview only)."""
        self.generators: dict[str, PreviewGenerator] = {}
        self.last: Rendered | None = None
        """This language's MkDocs objects once its build is rendered (preview only)."""
        self.feed: SearchFeed | None = None
        self.exchange: Exchange | None = None
        """Bodies shared with the other language's process (CLI builds only)."""
        """This language's search index, fed each page as it is rendered (search_index)."""

    # Defining on_startup keeps this instance for the whole `mkdocs serve` session (MkDocs
    # reuses plugins that have it), so the preview's state survives between rebuilds.
    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Runs first among config handlers so that other plugins see the generated pages.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.config_file = config.config_file_path
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        lang = self.config.lang
        shared = self._shared()
        self.content, self.today, self.progress = shared.content, shared.today, shared.progress
        self.preview = shared.preview
        docs = Path(self.config.docs_dir or self.root / "build" / "docs" / lang)
        if docs.exists():
            shutil.rmtree(docs)
        write_assets(self.content, lang, docs)
        docs.mkdir(parents=True, exist_ok=True)  # MkDocs wants one, even when empty
        site_url = site_root(config.site_url or "", lang)  # pages link the whole site
        self.generator = (
            PreviewGenerator(self.content, lang, self.today, self.config.edit_base, site_url)
            if self.preview
            else None
        )
        self.pages = generate_pages(
            self.content, lang, self.today, self.config.edit_base, site_url, self.generator
        )
        if self.progress is not None:
            self.progress.pages_expected(len(self.pages))
        # The checker renders bodies with these same extensions: one list, one truth.
        config.markdown_extensions = list(EXTENSIONS)
        config.mdx_configs = {k: dict(v) for k, v in EXTENSION_CONFIGS.items()}
        config.docs_dir = str(docs)
        config.nav = nav(lang, self.content)
        config.theme["language"] = lang
        config.site_name = t("site.name", lang)
        # The theme's partials and scripts read their strings from labels.py too.
        config.extra["ngo_labels"] = script_labels(lang)
        return config

    def _shared(self) -> Shared:
        if self.config.shared and self.root in _SHARED:
            return _SHARED[self.root]
        seen = preview.stats(self.root) if self.serving else {}  # before reading: no save lost
        # Until this build succeeds, the next save rebuilds everything: incremental updates
        # of the previous content would miss what made this build fail.
        self.live, self.rendered = None, {}
        try:
            content = checked_content(self.root, self.config.lang)
        except ContentError as exc:
            raise PluginError(f"content has problems:\n{exc}") from None
        today = date.fromisoformat(self.config.today) if self.config.today else build_today()
        self.live = preview.LiveContent(content, seen) if self.serving else None
        return Shared(content, today, preview=self.serving)

    # The generated pages join the files MkDocs found (media, pictures, theme assets)
    # before the nav is built from them, so the nav's entries find their pages.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.converter = add_pages(files, config, self.pages, nav_titles(config.nav or []))
        self.converter.cache = BodyCache.for_build(self.config.cache, config)
        self.files = files
        if self.config.exchange:
            lang = self.config.lang
            self.exchange = Exchange(
                Path(self.config.exchange), lang, "en" if lang == "ru" else "ru"
            )
            pages = [
                f.page for f in files.documentation_pages() if isinstance(f.page, GeneratedPage)
            ]
            self.converter.share(self.exchange, pages, config, files)
        lang = self.config.lang
        attach = None
        if self.config.search:
            stdin, stdout, index = (int(x) for x in self.config.search.split(","))
            attach = (stdin, stdout, index)
        self.feed = SearchFeed(
            lang, [search_url(lang, f.url) for f in files.documentation_pages()], attach
        )
        return files

    # The nav is final here (after on_nav), and no page has been rendered yet.
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        memoize_layout(env, self.nav)
        if self.preview:
            self.last = Rendered(config, files, self.nav, env, self.converter)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        if self.progress is not None:
            self.progress.page_done()
        if self.feed is not None:  # None in the preview's partial re-renders
            self.feed.add_page(search_url(self.config.lang, kwargs["page"].url), output)
        return output

    def on_build_error(self, error: Exception, **kwargs: Any) -> None:
        if self.exchange is not None:
            self.exchange.fail()
        if self.feed is not None:
            self.feed.stop()
            self.feed = None

    # Every page body, generated or contributed, passes the allowlist last of all, then
    # is set in its language's typography (text only: pages/typography.py).
    @event_priority(-100)
    def on_page_content(self, html: str, **kwargs: Any) -> str:
        return typeset_html(sanitize_html(html), self.config.lang)

    # Other languages go into <site_dir>/<lang>/ once this one is complete; the
    # outputs come last because they cover every language.
    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.converter.cache is not None:
            self.converter.cache.save()
        if self.feed is not None:  # this language's search files; outputs join them
            feed, self.feed = self.feed, None
            if not self.preview:
                release_pages(self.files)
            if feed.service is None:  # the CLI writes it
                feed.finish()
            else:
                feed.write(
                    language_bundle(site, self.config.lang),
                    Path(self.config.bundle) if self.config.bundle else None,
                )
        built = {self.config.lang: self}
        with shared_content(self.root, self.content, self.today, self.progress, self.preview):
            for lang in self.config.then_build:
                built[lang] = build_language(
                    self.config_file,
                    lang,
                    site / lang,
                    dict(self.config, then_build=[], outputs=False, shared=True),
                    site_url=language_url(config.site_url or "", lang),
                )
        if self.config.outputs:
            write_outputs(SiteContext(self.content, site, self.today, config.site_url or ""))
        if self.preview:  # only once every language is built: the next save updates all
            self.rendered = {
                lang: plugin.last for lang, plugin in built.items() if plugin.last is not None
            }
            self.generators = {
                lang: plugin.generator
                for lang, plugin in built.items()
                if plugin.generator is not None
            }

    # Generated pages are rewritten on every build: watching them would loop. A save of
    # item files re-renders only the pages that show them (`_preview`); anything else,
    # and the first build, goes through MkDocs' own full build.
    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.unwatch(config.docs_dir)
        for folder in ("missions", "content"):
            server.watch(str(self.root / folder))
        server.builder = functools.partial(self._preview, builder)
        return server

    def _preview(self, full_build: Callable[[], None]) -> None:
        change = self.live.refresh() if self.live is not None and self.rendered else None
        if change is None or change.full:
            full_build()
            return
        if change.problems:
            for problem in change.problems.sorted():
                log.error(problem.render(self.config.lang))
            return
        began = time.perf_counter()
        keys = change.changed | {p.name for p in change.pages if p.kind == "item"}
        removed = [f"{key}.md" for key in change.removed]
        for lang, rendered in self.rendered.items():
            generator = self.generators[lang]
            generator.forget(keys)
            outputs = [o for o in map(generator.page, sorted(change.pages, key=str)) if o]
            rendered.render(outputs, removed)
        log.info(
            f"Preview: {len(change.pages)} pages per language re-rendered in "
            f"{time.perf_counter() - began:.2f} s"
        )


def release_pages(files: Files) -> None:
    """Give the rendered pages' text back to the system before the search index is written.

    Writing its index takes a Pagefind service from ~0.2 to ~0.9 GB at 10,000 items, while
    this process still holds every page's Markdown and HTML (~340 MB RSS). They are not
    read again once the pages are written and their anchors checked (MkDocs does both
    before `on_post_build`), except by the preview, which keeps them for the next save.
    """
    for file in files.documentation_pages():
        page = file.page
        if page is not None:
            page.content = page.markdown = None
            if isinstance(page, GeneratedPage):
                page.converted = None
                page.output.html = page.output.markdown = page.output.after = ""
    gc.collect()
    with suppress(OSError, AttributeError):  # glibc: hand freed heap pages back now
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def language_url(site_url: str, lang: str) -> str:
    """The base URL of one language's site: English lives under `en/`."""
    if not site_url or lang == "ru":
        return site_url
    return site_url.rstrip("/") + f"/{lang}/"


def build_language(
    config_file: str | None, lang: str, site_dir: Path, options: dict[str, Any], site_url: str = ""
) -> MissionsPlugin:
    """One MkDocs build of one language with this plugin configured by `options`; returns
    the plugin, which holds what the preview needs for the next save."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    plugin_options = {**options, "lang": lang, "docs_dir": ""}
    if options.get("docs_dir"):
        plugin_options["docs_dir"] = str(Path(options["docs_dir"]).parent / lang)
    # strict: a broken internal link or anchor fails the build (validation in mkdocs.yml).
    overrides: dict[str, Any] = {"site_url": site_url} if site_url else {}
    config = load_config(
        config_file=config_file, site_dir=str(site_dir), strict=True, plugins=[], **overrides
    )
    # A new plugin instance, not one from MkDocs' cache: MkDocs keeps one instance per
    # plugin name for a whole `mkdocs serve` (because of `on_startup`), so loading it by
    # name here would hand this build the instance that is building the first language.
    plugin = MissionsPlugin()
    errors, _ = plugin.load_config(plugin_options, config.config_file_path)
    if errors:
        raise PluginError("; ".join(f"{name}: {error}" for name, error in errors))
    config.plugins["ngo-missions"] = plugin
    root = Path(options.get("root") or Path(config.config_file_path).parent)
    with explained_warnings(root, lang):
        build(config)
    return plugin
