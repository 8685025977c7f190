"""Material's nav and page-independent blocks rendered once per folder (`Speedups.layout_memo`).

Material renders the whole nav, its configuration and its script and style tags into
every page: a third of a page's template time (docs/performance.md). For a page that is
not in the nav no entry is active, and these parts differ only by the folder the page
is in (their links are relative), so one rendering per folder serves all its item pages.
Switched off, every page renders them itself; the bytes are the same
(tests/test_build_paths.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation

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


__all__ = ["memoize_layout"]
