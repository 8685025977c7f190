"""The thin MkDocs glue: `mkdocs build` and `mkdocs serve` run the core.

Each event hands over to an engine-free function (`stages.checked_content`,
`stages.generate_pages`, `sanitize.sanitize_html`), so a test can call those
without MkDocs, and another engine would need only new glue. Pages go to MkDocs
from memory (`engine.pages`); only media and pictures are files in `docs_dir`.

Every build of a language gets a `BuildPlan`: from the orchestrator (`build_language`),
or, under `mkdocs build` and `mkdocs serve`, made here from mkdocs.yml's options; the
languages after the first then go through the orchestrator too.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils.templates import TemplateContext

from generator.build.plan import BuildPlan, LanguageInputs, Speedups
from generator.build.stages import checked_content, generate_pages, write_assets
from generator.build.today import build_today
from generator.content.load import Content
from generator.content.markdown_config import EXTENSION_CONFIGS, EXTENSIONS
from generator.content.messages import default_lang, render_message, write_utf8_where_needed
from generator.content.problems import ContentError, Problem
from generator.content.sanitize import sanitize_html
from generator.engine import material_markup, preview
from generator.engine.pages import GeneratedPage, Rendered, add_pages, nav_titles
from generator.engine.preview import LiveContent, PreviewGenerator
from generator.engine.speedups.body_cache import BodyCache
from generator.engine.speedups.layout_memo import memoize_layout
from generator.engine.speedups.page_shells import install_for_items
from generator.engine.warnings import explained_warnings
from generator.errors import GeneratorError
from generator.outputs.registry import SiteContext, write_outputs
from generator.pages import chrome
from generator.pages.generate import nav
from generator.pages.labels import script_labels, t
from generator.pages.share_cards import Card, CardStore, write_cards
from generator.pages.typography import typeset_html
from generator.search.index import NEW_FILES, SearchFeed, language_bundle
from generator.urls import FIRST, LANGUAGES, language_url, site_path, site_root

log = logging.getLogger("mkdocs.plugins.ngo-missions")


class RetiredOption(c.Deprecated):
    """An option this plugin no longer has: a mkdocs.yml that sets it still builds, with
    a warning (in the environment's language) naming it and saying to delete its line;
    `mkdocs build --strict` fails on it, as on any warning."""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        if config.get(key_name) is not None:
            write_utf8_where_needed()  # logged before any event of the plugin's
            params = {"option": key_name, "config": config.config_file_path or "mkdocs.yml"}
            self.warnings.append(render_message("plugin_option_retired", params, default_lang()))


class MissionsConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' metaclass
    """The options of `ngo-missions` in mkdocs.yml (`mkdocs build`, `mkdocs serve`).

    `generator build` hands each language's build a `BuildPlan` instead (`build_language`).
    """

    # Repository root holding missions/ and content/; default: mkdocs.yml's folder.
    root = c.Type(str, default="")
    # Language of this build; the other languages are built after it (see below).
    lang = c.Choice(LANGUAGES, default=LANGUAGES[0])
    # Languages built into `<site_dir>/<lang>/` after the first one finishes.
    then_build = c.ListOfItems(c.Choice(LANGUAGES[1:]), default=list(LANGUAGES[1:]))
    # Prefix of "edit this page" links, e.g. https://github.com/ORG/REPO/edit/main/
    edit_base = c.Type(str, default="")
    # "Today" as YYYY-MM-DD; default: SOURCE_DATE_EPOCH's date, else the clock's.
    today = c.Type(str, default="")
    # Write feeds, JSON and the joined search index after the last language.
    outputs = c.Type(bool, default=True)

    # Set by older generators' builds in the mkdocs.yml they wrote, and still found in
    # missions' forks: accepted, ignored, warned about (the build hands these over itself).
    shared = RetiredOption()
    exchange = RetiredOption()
    bundle = RetiredOption()
    search = RetiredOption()
    cache = RetiredOption()
    docs_dir = RetiredOption()


class MissionsPlugin(BasePlugin[MissionsConfig]):  # type: ignore[no-untyped-call]  # MkDocs
    def __init__(self, plan: BuildPlan | None = None, inputs: LanguageInputs | None = None) -> None:
        self.plan, self.inputs = plan, inputs
        """Handed by `build_language`; None when MkDocs loaded this plugin from mkdocs.yml:
        then each build (each full rebuild of `mkdocs serve`) makes its own (`_plan`)."""
        self.driven = plan is None or inputs is None
        """MkDocs drives this build (`mkdocs build`, `mkdocs serve`): the plugin builds
        the other languages and writes the outputs after it."""
        self.root = Path(".")
        self.serving = False
        self.live: LiveContent | None = None
        self.generator: PreviewGenerator | None = None
        self.rendered: dict[str, Rendered] = {}
        """Each language's MkDocs objects after the last full build (preview only)."""
        self.generators: dict[str, PreviewGenerator] = {}
        self.last: Rendered | None = None
        """This language's MkDocs objects once its build is rendered (preview only)."""
        self.feed: SearchFeed | None = None
        """This language's search index, fed each page as it is rendered (search.index)."""
        self.problems: list[Problem] = []
        """The content's problems while `mkdocs serve` shows them over every page (#18)."""
        self.good: Content | None = None
        """The last content without problems: what the preview shows while there are some."""
        self.cache: BodyCache | None = None
        """Bodies converted, and pages' HTML finished, by the last build (`Speedups.body_cache`)."""

    # Defining on_startup keeps this instance for the whole `mkdocs serve` session (MkDocs
    # reuses plugins that have it), so the preview's state survives between rebuilds.
    def on_startup(self, command: str, dirty: bool) -> None:
        write_utf8_where_needed()  # Russian messages into a redirected Windows output
        self.serving = command == "serve"

    # Runs first among config handlers so that other plugins see the generated pages.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = self.config.lang
        if self.driven:  # `mkdocs build`, `mkdocs serve`: content read again each build
            self.plan = self._plan(config)
            self.inputs = self._inputs()
        plan, inputs, lang = self.plan, self.inputs, self.lang
        assert plan is not None and inputs is not None
        self.root = plan.root
        assert inputs.content is not None
        self.content, self.today, self.preview = inputs.content, inputs.today, inputs.preview
        docs = plan.docs_dir(lang)
        if docs.exists():
            shutil.rmtree(docs)
        write_assets(self.content, lang, docs)
        docs.mkdir(parents=True, exist_ok=True)  # MkDocs wants one, even when empty
        site_url = site_root(config.site_url or "", lang)  # pages link the whole site
        self.generator = (
            PreviewGenerator(self.content, lang, self.today, plan.edit_base, site_url)
            if self.preview
            else None
        )
        self.pages = generate_pages(
            self.content, lang, self.today, plan.edit_base, site_url, self.generator
        )
        write_cards(
            (Card(*page.meta["ngo_card"]) for page in self.pages if "ngo_card" in page.meta),
            docs,
            # Kept in the build's cache folder, one folder per language (forget_others):
            # a card whose text did not change is copied, not drawn (same bytes either way).
            CardStore(plan.card_cache(lang)),
        )
        if inputs.counter is not None:
            inputs.counter.pages_expected(len(self.pages))
        # The checker renders bodies with these same extensions: one list, one truth.
        config.markdown_extensions = list(EXTENSIONS)
        config.mdx_configs = {k: dict(v) for k, v in EXTENSION_CONFIGS.items()}
        config.docs_dir = str(docs)
        config.nav = nav(lang, self.content)
        config.theme["language"] = lang
        config.site_name = t("site.name", lang)
        # `<meta name="description">` of pages without their own (the 404 page).
        config.site_description = t("site.description", lang)
        # The theme's partials and scripts read their strings from labels.py too.
        config.extra["ngo_labels"] = script_labels(lang)
        config.extra["ngo_footer"] = chrome.footer(self.content, lang)
        config.extra["ngo_notfound"] = chrome.not_found(lang)
        return config

    def _plan(self, config: MkDocsConfig) -> BuildPlan:
        """The plan of `mkdocs build` / `mkdocs serve`: this language into MkDocs' site
        folder, the others after it in turn, under it; MkDocs empties the folders."""
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        return BuildPlan(
            root=root,
            config_file=Path(config.config_file_path) if config.config_file_path else None,
            site=Path(config.site_dir),
            languages=(self.lang, *self.config.then_build),
            edit_base=self.config.edit_base,
            today=self.config.today,
            site_url=config.site_url or "",
            outputs=self.config.outputs,
            speedups=Speedups.from_environment().without("parallel_languages", "recycled_site"),
            shell_check=os.environ.get("NGO_MISSIONS_SHELL_CHECK") == "all",
        )

    def _inputs(self) -> LanguageInputs:
        seen = preview.stats(self.plan.root) if self.serving else {}  # type: ignore[union-attr]
        # Until this build succeeds, the next save rebuilds everything: incremental updates
        # of the previous content would miss what made this build fail.
        self.live, self.rendered = None, {}
        assert self.plan is not None
        try:
            content = checked_content(self.plan.root, self.lang)
        except ContentError as exc:
            if not self.serving:
                raise PluginError(f"content has problems:\n{exc.message(self.lang)}") from None
            # The preview starts and stays up: it shows the last good content (or an
            # empty site) under a list of the problems (`on_serve`).
            self._report(exc.problems)
            content = self.good or Content(self.plan.root)
        else:
            self.good, self.problems = content, []
        today = date.fromisoformat(self.plan.today) if self.plan.today else build_today()
        self.live = preview.LiveContent(content, seen) if self.serving else None
        return LanguageInputs(content, today, preview=self.serving)

    # The generated pages join the files MkDocs found (media, pictures, theme assets)
    # before the nav is built from them, so the nav's entries find their pages.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        plan, lang = self.plan, self.lang
        assert plan is not None
        self.converter = add_pages(files, config, self.pages, nav_titles(config.nav or []))
        cache = plan.body_cache(lang)
        self.cache = BodyCache.for_build(str(cache) if cache else "", config)
        if self.cache is not None:
            self.converter.convert = self.cache.around(self.converter.convert)
        self.files = files
        exchange = self.inputs.exchange if self.inputs is not None else None
        if exchange is not None:
            pages = [
                f.page for f in files.documentation_pages() if isinstance(f.page, GeneratedPage)
            ]
            exchange.take_part(self.converter, pages, config, files)
        self.feed = SearchFeed(
            lang,
            [site_path(lang, f.url) for f in files.documentation_pages()],
            plan.search.get(lang),
            self.inputs.files if self.inputs is not None else NEW_FILES,
        )
        return files

    # The nav is final here (after on_nav), and no page has been rendered yet.
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        assert self.plan is not None
        material_markup.install(env)  # before any template is loaded
        speedups = self.plan.speedups
        if speedups.layout_memo:
            memoize_layout(env, self.nav)
        install_for_items(env, self.nav, speedups.page_shells, self.plan.shell_check)
        if self.preview:
            self.last = Rendered(config, files, self.nav, env, self.converter)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        if self.inputs is not None and self.inputs.counter is not None:
            self.inputs.counter.page_done()
        if self.feed is not None:  # None in the preview's partial re-renders
            self.feed.add_page(site_path(self.lang, kwargs["page"].url), output)
        return output

    def on_build_error(self, error: Exception, **kwargs: Any) -> None:
        if self.feed is not None:
            self.feed.stop()
            self.feed = None

    # MkDocs links the 404 page from the site's root path (it is served at any depth), and
    # without a site_url that root is `/` in every language: the English 404 page would
    # link the Russian site. Each language's 404 page links its own root instead.
    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "404.html" and not config.site_url and self.config.lang != FIRST:
            # Rebuilt, not patched: the context's stylesheet and script URLs use the base too.
            return get_context(self.nav, self.files, config, base_url=f"/{self.config.lang}/")
        return context

    # Every page body, generated or contributed, passes the allowlist last of all, then
    # is set in its language's typography (text only: pages/typography.py); its heading
    # permalinks get their title in the page's language (material_markup).
    @event_priority(-100)
    def on_page_content(self, html: str, **kwargs: Any) -> str:
        if self.cache is not None:
            return self.cache.finished(html, self._finish)
        return self._finish(html)

    def _finish(self, html: str) -> str:
        lang = self.config.lang
        return material_markup.title_permalinks(typeset_html(sanitize_html(html), lang), lang)

    # Under `mkdocs build`, the other languages go into <site_dir>/<lang>/ once this one
    # is complete; the outputs come last because they cover every language.
    def on_post_build(self, config: MkDocsConfig) -> None:
        with as_plugin_error(self.lang):
            self._post_build(config)

    def _post_build(self, config: MkDocsConfig) -> None:
        plan = self.plan
        assert plan is not None and self.inputs is not None
        site = Path(config.site_dir)
        if self.cache is not None:
            self.cache.save()
        if self.feed is not None:  # this language's search files; outputs join them
            feed, self.feed = self.feed, None
            if not self.preview:
                release_pages(self.files)
            if feed.service is None:  # the orchestrator writes it
                feed.finish()
            else:
                feed.write(
                    language_bundle(site, self.lang, plan.first),
                    plan.bundle(self.lang),
                    plan.speedups.search_reuse,
                )
        if not self.driven:
            return
        from generator.build.orchestrator import build_languages_after_first

        built = {self.lang: self, **build_languages_after_first(plan, self.inputs)}
        if plan.outputs:
            write_outputs(
                SiteContext(self.content, site, self.today, plan.site_url, edit_base=plan.edit_base)
            )
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
        # Every page the server hands out carries the problems while there are any; the
        # browser reloads after each save (good or not), so the box comes and goes with it.
        # MkDocs' server has no hook for this: its own script goes in by this one method.
        inject: Callable[[bytes, int], bytes] = server._inject_js_into_html

        def with_problems(page: bytes, epoch: int) -> bytes:
            overlay = preview.problems_overlay(self.problems, self.config.lang)
            return inject(preview.with_overlay(page, overlay), epoch)

        server._inject_js_into_html = with_problems  # type: ignore[method-assign]
        return server

    def _report(self, problems: list[Problem]) -> None:
        self.problems = problems
        for problem in problems:
            log.error(problem.render(self.config.lang))

    def _preview(self, full_build: Callable[[], None]) -> None:
        change = self.live.refresh() if self.live is not None and self.rendered else None
        if change is None or change.full:
            full_build()
            return
        if change.problems:
            self._report(change.problems.sorted())
            return
        self.problems = []
        began = time.perf_counter()
        keys = change.changed | {p.name for p in change.pages if p.kind == "item"}
        removed = [f"{key}.md" for key in change.removed]
        for lang, rendered in self.rendered.items():
            generator = self.generators[lang]
            generator.forget(keys)
            site_pages = [o for o in map(generator.page, sorted(change.pages, key=str)) if o]
            rendered.render(site_pages, removed)
        log.info(
            f"Preview: {len(change.pages)} pages per language re-rendered in "
            f"{time.perf_counter() - began:.2f} s"
        )


def release_pages(files: Files) -> None:
    """Give the rendered pages' text back to the system before the search index is written.

    Writing its index makes a Pagefind service grow several times over while this process
    still holds every page's Markdown and HTML (docs/performance.md). They are not
    read again once the pages are written and their anchors checked (MkDocs does both
    before `on_post_build`), except by the preview, which keeps them for the next save.
    """
    for file in files.documentation_pages():
        page = file.page
        if page is not None:
            page.content = page.markdown = None
            if isinstance(page, GeneratedPage):
                page.site_page.html = page.site_page.markdown = page.site_page.after = ""
    gc.collect()
    with suppress(OSError, AttributeError):  # glibc: hand freed heap pages back now
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def build_language(plan: BuildPlan, lang: str, inputs: LanguageInputs) -> MissionsPlugin:
    """One MkDocs build of one language of `plan`; returns the plugin, which holds what
    the preview needs for the next save."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # strict: a broken internal link or anchor fails the build (validation in mkdocs.yml).
    site_url = language_url(plan.site_url, lang)
    overrides: dict[str, Any] = {"site_url": site_url} if site_url else {}
    config = load_config(
        config_file=str(plan.config_file) if plan.config_file else None,
        site_dir=str(plan.language_site(lang)),
        strict=True,
        plugins=[],
        **overrides,
    )
    # A new plugin instance, not one from MkDocs' cache: MkDocs keeps one instance per
    # plugin name for a whole `mkdocs serve` (because of `on_startup`), so loading it by
    # name here would hand this build the instance that is building the first language.
    plugin = MissionsPlugin(plan, inputs)
    errors, _ = plugin.load_config({"lang": lang}, config.config_file_path)
    if errors:
        raise PluginError("; ".join(f"{name}: {error}" for name, error in errors))
    config.plugins["ngo-missions"] = plugin
    with explained_warnings(plan.root, lang):
        build(config)
    return plugin


@contextmanager
def as_plugin_error(lang: str) -> Iterator[None]:
    """A `GeneratorError` in the `with` block becomes MkDocs' `PluginError`, which MkDocs prints as
    a message and stops; anything else stays the bug it is, with its traceback."""
    try:
        yield
    except GeneratorError as exc:
        raise PluginError(exc.message(lang)) from exc
