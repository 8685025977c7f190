"""The one list of Markdown extensions that contributors' content is rendered with.

MkDocs (``markdown_extensions``) and the standalone renderer used by the checker and the
tests both read it from here, so what the checker validates is what the site publishes.

Left out on purpose, because content comes from forks we do not control:

- ``pymdownx.snippets`` (``--8<-- "file"``) reads files from the build machine;
- the macros plugin, or anything that treats content as a Jinja template (design.md);
- ``pymdownx.emoji``/``magiclink`` and the like: not needed, and every extension is more
  surface for ``generator.content.sanitize`` to keep up with;
- Mermaid and other custom fences: Material loads their scripts from a CDN.

``pymdownx.highlight`` keeps its defaults ``anchor_linenums`` and ``line_spans`` off:
they emit ``id``/``name`` values starting with ``__``, the prefix Material uses for its own
elements, which the sanitizer reserves (see ``generator.content.sanitize``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import markdown
from pymdownx.slugs import slugify as _pymdownx_slugify

_unicode_slug: Callable[[str, str], str] = _pymdownx_slugify(case="lower")


def slugify(value: str, separator: str) -> str:
    """Heading ids: Unicode kept, and never in Material's ``__`` namespace.

    Python-Markdown's default slugify drops every non-ASCII letter, so Russian headings
    would all get ids like ``_1``. A heading such as ``__config`` would produce the id
    Material's script reads its configuration from; stripping the leading underscores
    keeps toc ids out of the range the sanitizer removes, so a toc link never dangles.
    """
    return _unicode_slug(value, separator).lstrip("_")


EXTENSIONS: list[str] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]

EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # `align="…"` instead of the default `style="text-align: …"`: the sanitizer removes
    # every style attribute, and would otherwise lose column alignment.
    "tables": {"use_align_attribute": True},
    # No permalink title here: a body is converted once for both languages, and the
    # engine titles the links in the page's language (engine/material_markup.py).
    "toc": {"permalink": True, "permalink_title": "", "slugify": slugify},
    "pymdownx.highlight": {
        # Pygments runs at build time; classes, not inline styles (`noclasses`), so the
        # theme's stylesheet colours the code and no style attribute is needed.
        "use_pygments": True,
        "noclasses": False,
        "pygments_lang_class": True,
    },
    # Material's styled checkboxes; the boxes stay disabled (not clickable).
    "pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": False},
}


_local = threading.local()


def render(markdown_text: str) -> str:
    """Render content to HTML exactly as the site's Markdown does, without MkDocs.

    Not sanitized: callers pass the result to ``generator.content.sanitize.sanitize_html``.
    One ``Markdown`` instance per thread, reset before each document: building one
    costs as much as converting a typical body, and instances are not thread-safe.
    ``reset()`` clears what extensions carry between documents (footnotes,
    abbreviations, toc).
    """
    md: markdown.Markdown | None = getattr(_local, "markdown", None)
    if md is None:
        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        _local.markdown = md
    html: str = md.reset().convert(markdown_text)
    return html
