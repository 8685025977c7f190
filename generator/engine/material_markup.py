"""Material's and Python-Markdown's own markup, made valid and worded in the page's language.

Two things the theme's overrides (theme/) cannot reach by extending blocks:

- Material writes its two header toggles straight into `base.html`, outside any block, as
  `<input type="checkbox" … autocomplete="off">`. HTML allows `autocomplete` on text-like
  inputs only (the Nu checker reports it on every page). `PATCHES` edits that source as
  the theme loader hands it to Jinja; a Material release that changes the markup fails the
  build here instead of silently bringing the error back.
- Python-Markdown's heading permalinks carry one `title` for every page ("Permanent
  link"). Bodies are converted once for both languages (`body_exchange`) and cached
  (`body_cache`), so the conversion gives no title at all (markdown_config) and
  `title_permalinks` adds the page language's one after the sanitizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import jinja2

from generator.pages.labels import t


@dataclass(frozen=True)
class Patch:
    """One exact edit of one of Material's templates, and why it is made."""

    template: str
    old: str
    new: str
    why: str


PATCHES = (
    Patch(
        "base.html",
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
        "autocomplete is not allowed on a checkbox; it only keeps Firefox from restoring "
        "an open drawer on going back, a smaller harm than invalid markup on every page",
    ),
    Patch(
        "base.html",
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
        "the same, for the search toggle (the project's search box does not use it)",
    ),
)


class MaterialMarkupError(RuntimeError):
    """Material's template no longer holds the text a patch replaces."""


class PatchedLoader(jinja2.BaseLoader):
    """The theme's loader, with `PATCHES` applied to the templates they name."""

    def __init__(self, loader: jinja2.BaseLoader, patches: tuple[Patch, ...] = PATCHES) -> None:
        self.loader = loader
        self.patches = patches

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        for patch in self.patches:
            if patch.template != template:
                continue
            if patch.old not in source:
                raise MaterialMarkupError(
                    f"{filename}: the markup to replace is gone ({patch.why}); "
                    f"update generator/engine/material_markup.py: {patch.old!r}"
                )
            source = source.replace(patch.old, patch.new)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def install(env: jinja2.Environment) -> None:
    """Patch the templates `env` loads from now on (before any page is rendered)."""
    if env.loader is not None and not isinstance(env.loader, PatchedLoader):
        env.loader = PatchedLoader(env.loader)
        if env.cache is not None:
            env.cache.clear()


_PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"<>]*")>')


def title_permalinks(html: str, lang: str) -> str:
    """Give each heading permalink of a sanitized body its title in the page's language."""
    if 'class="headerlink"' not in html:
        return html
    title = t("page.permalink", lang)
    return _PERMALINK.sub(lambda m: f'{m.group(1)} title="{title}">', html)
