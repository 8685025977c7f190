"""The thin MkDocs glue: `mkdocs build` and `mkdocs serve` run the core.

Each event hands over to an engine-free function (`site.checked_content`,
`site.prepare_docs`, `sanitize.sanitize_html`), so a test can call those
without MkDocs, and another engine would need only new glue.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority

from generator.labels import script_labels, t
from generator.markdown_config import EXTENSION_CONFIGS, EXTENSIONS
from generator.mkdocs_warnings import explained_warnings
from generator.outputs import SiteContext, write_outputs
from generator.problems import ContentError
from generator.published import site_root
from generator.sanitize import sanitize_html
from generator.site import checked_content, prepare_docs
from generator.today import build_today


class MissionsConfig(base.Config):
    # Repository root holding missions/ and content/; default: mkdocs.yml's folder.
    root = c.Type(str, default="")
    # Language of this build; the other languages are built after it (see below).
    lang = c.Choice(("ru", "en"), default="ru")
    # Languages built into `<site_dir>/<lang>/` after the Russian build finishes.
    # The CLI sets this to [] and builds them itself, in parallel processes.
    then_build = c.ListOfItems(c.Choice(("en",)), default=["en"])
    # Where generated pages are written; default: `<root>/build/docs/<lang>`.
    docs_dir = c.Type(str, default="")
    # Prefix of "edit this page" links, e.g. https://github.com/ORG/REPO/edit/main/
    edit_base = c.Type(str, default="")
    # "Today" as YYYY-MM-DD; default: SOURCE_DATE_EPOCH's date, else the clock's.
    today = c.Type(str, default="")
    # Write feeds, JSON and the search index after the last language (outputs.STEPS).
    # The CLI sets this to false and writes them once, after its parallel builds.
    outputs = c.Type(bool, default=True)
    # Set by the CLI, which checked and generated `docs_dir` already (once, for all
    # languages): this build then only renders, and takes the nav from here.
    pregenerated_nav = c.Type(list, default=[])


class MissionsPlugin(BasePlugin[MissionsConfig]):
    def __init__(self) -> None:
        self.root = Path(".")
        self.config_file: str | None = None

    # Runs first among config handlers so that other plugins see the generated tree.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.config_file = config.config_file_path
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        lang = self.config.lang
        docs = Path(self.config.docs_dir or self.root / "build" / "docs" / lang)
        nav = self.config.pregenerated_nav or self._generate(docs, config.site_url or "")
        # The checker renders bodies with these same extensions: one list, one truth.
        config.markdown_extensions = list(EXTENSIONS)
        config.mdx_configs = {k: dict(v) for k, v in EXTENSION_CONFIGS.items()}
        config.docs_dir = str(docs)
        config.nav = nav
        config.theme["language"] = lang
        config.site_name = t("site.name", lang)
        # The theme's partials and scripts read their strings from labels.py too.
        config.extra["ngo_labels"] = script_labels(lang)
        return config

    def _generate(self, docs: Path, language_url: str) -> list[dict[str, str]]:
        try:
            content = checked_content(self.root, self.config.lang)
        except ContentError as exc:
            raise PluginError(f"content has problems:\n{exc}") from None
        if docs.exists():
            shutil.rmtree(docs)
        today = date.fromisoformat(self.config.today) if self.config.today else build_today()
        self.content, self.today = content, today
        site_url = site_root(language_url, self.config.lang)  # pages link the whole site
        return prepare_docs(content, self.config.lang, today, docs, self.config.edit_base,
                            site_url).nav

    # Every page body, generated or contributed, passes the allowlist last of all.
    @event_priority(-100)
    def on_page_content(self, html: str, **kwargs: Any) -> str:
        return sanitize_html(html)

    # Other languages go into <site_dir>/<lang>/ once this one is complete; the
    # outputs come last because they cover every language.
    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for lang in self.config.then_build:
            build_language(self.config_file, lang, site / lang,
                           dict(self.config, then_build=[], outputs=False),
                           site_url=language_url(config.site_url or "", lang))
        if self.config.outputs:
            write_outputs(SiteContext(self.content, site, self.today, config.site_url or ""))

    # Generated pages are rewritten on every build: watching them would loop.
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        server.unwatch(config.docs_dir)
        for folder in ("missions", "content"):
            server.watch(str(self.root / folder))
        return server


def language_url(site_url: str, lang: str) -> str:
    """The base URL of one language's site: English lives under `en/`."""
    if not site_url or lang == "ru":
        return site_url
    return site_url.rstrip("/") + f"/{lang}/"


def build_language(config_file: str | None, lang: str, site_dir: Path,
                   options: dict[str, Any], site_url: str = "") -> None:
    """One MkDocs build of one language with this plugin configured by `options`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    plugin_options = {**options, "lang": lang, "docs_dir": ""}
    if options.get("docs_dir"):
        plugin_options["docs_dir"] = str(Path(options["docs_dir"]).parent / lang)
    # strict: a broken internal link or anchor fails the build (validation in mkdocs.yml).
    overrides: dict[str, Any] = {"site_url": site_url} if site_url else {}
    config = load_config(config_file=config_file, site_dir=str(site_dir), strict=True,
                         plugins={"ngo-missions": plugin_options}, **overrides)
    root = Path(options.get("root") or Path(config.config_file_path).parent)
    with explained_warnings(root, lang):
        build(config)
