"""Item pages filled into a shell of Material's output instead of rendering its templates.

Material's templates cost a quarter of an item page's build (docs/performance.md), and for the
thousands of item pages of one folder they produce the same HTML around a few values of
the page: its title, its front matter's strings, its body, its table of contents. So for
each *shape* of page (folder, front matter keys and list lengths, toc structure, which
values are empty) the template is rendered once more with a *probe*: a copy of the page
whose values are markers (private-use characters that no filter changes). The output
split at the markers is the shell; a page of that shape is the shell's pieces joined
with its own values, each passed through what the template did to its marker.

What the template did is read off a second probe whose values carry a suffix,
`<b>&amp;"'</b>`: as it comes out after each marker (raw, escaped, stripped of tags, or
both) it names the filter, and anything else makes the shape unsupported (rendered as
usual). A shape is used only after a second, different page of it came out of the shell
byte-identical to the template's own rendering; every `CHECK_EVERY`-th page is compared
again, and a difference is an error that fails a strict build, naming the page
(`Speedups.page_shells` off, or `NGO_MISSIONS_NO_SHELL=1`, turns shells off);
`BuildPlan.shell_check` (`NGO_MISSIONS_SHELL_CHECK=all`) compares every page.
"""

from __future__ import annotations

import copy
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.engine.pages import GeneratedPage

log = logging.getLogger("mkdocs.plugins.ngo-missions")

CHECK_EVERY = 64
"""One page in this many of a shape is also rendered by the template and compared."""

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
SUFFIX = "<b>&amp;\"'</b>"
"""Appended to every marker in the second probe: each filter leaves a different trace."""

Transform = Callable[[str], str]
Probe = Callable[[int, bool], str]
"""`probe(i, traced)`: what a probe holds in place of value i."""
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def _identity(value: str) -> str:
    return value


def _escaped(value: str) -> str:
    return str(escape(value))


def _stripped(value: str) -> str:
    return Markup(value).striptags()


def _stripped_escaped(value: str) -> str:
    return str(escape(Markup(value).striptags()))


TRANSFORMS: dict[str, Transform] = {
    f(SUFFIX): f for f in (_identity, _escaped, _stripped, _stripped_escaped)
}
"""The trace of `SUFFIX` through each filter the templates apply to page values."""

TEXT_KEYS = frozenset(
    {
        "title",
        "description",
        "ngo_alternate",
        "ngo_hreflang",
        "ngo_search",
        "ngo_meta",
        "ngo_links",
        "ngo_jsonld",
        "ngo_figure",
    }
)
"""Front matter keys whose strings are the page's values; any other key's value is part
of the shape (it may choose markup: `hide`, `template`, `ngo_lang`)."""

CHOOSING_MARKUP: dict[str, frozenset[Any]] = {
    "ngo_alternate": frozenset({"lang"}),
    "ngo_hreflang": frozenset({0}),
    "ngo_meta": frozenset({0, 1}),  # `{% if attribute == "property" %}`, the name
    "ngo_links": frozenset({0, 1}),
}
"""Inside TEXT_KEYS, the positions (last step of the path) that are part of the shape."""


@dataclass
class Values:
    """A page taken apart: its values in order, its shape, and how to build a probe."""

    values: list[str] = field(default_factory=list)
    shape: list[Any] = field(default_factory=list)
    untraced: set[int] = field(default_factory=set)
    """Values whose probe carries no `SUFFIX`: the slug, as `/` would change the folder."""

    def text(self, value: str, probe: Probe | None, traced: bool = True) -> Any:
        """A value of the page: in the shape only as its kind; the probe gets a marker.

        The kind says whether it is `Markup` (which `| e` leaves alone) and whether it
        starts or ends with a space (which `striptags` would merge with its neighbours').
        """
        markup = type(value) is Markup
        if not value:
            self.shape.append(("empty", markup))
            return value
        if _OPEN in value or _CLOSE in value:
            raise _Unsupported
        self.shape.append((markup, value[0].isspace() or value[-1].isspace()))
        self.values.append(value)
        if probe is None:
            return None
        if not traced:
            self.untraced.add(len(self.values) - 1)
        marker = probe(len(self.values) - 1, traced)
        return Markup(marker) if markup else marker


class _Unsupported(Exception):
    """This page cannot be taken apart (it holds a marker character): render it."""


def take_apart(page: Page, probe: Probe | None = None) -> tuple[Values, Any]:
    """The page's values and shape, and (given `probe`) a probe copy of the page with
    `probe(i, traced)` for value i. Both walk the page in the same order."""
    parts = Values()
    folder, slug = _split_url(page.url)
    parts.shape.append(("folder", folder, page.is_homepage, page.edit_url))
    if not _SLUG.fullmatch(slug):
        raise _Unsupported
    fake_slug = parts.text(slug, probe, traced=False)  # no filter changes [a-z0-9-]
    meta = {
        key: (
            _walk(value, key, None, parts, probe) if key in TEXT_KEYS else _shape_only(value, parts)
        )
        for key, value in page.meta.items()
    }
    parts.shape.append(("meta", tuple(page.meta)))
    toc = [_anchor(item, parts, probe) for item in page.toc]
    # Material's content.html writes the title as <h1> unless the content has one.
    head, h1, tail = (page.content or "").partition("<h1")
    parts.shape.append(("h1", bool(h1)))
    head, tail = parts.text(head, probe), parts.text(tail, probe) if h1 else ""
    if probe is None:
        return parts, None
    twin = copy.copy(page)
    twin.file = copy.copy(page.file)
    twin.file.url = f"{folder}/{fake_slug}/" if folder else f"{fake_slug}/"
    for name in ("canonical_url", "abs_url"):
        url = getattr(page, name)
        if url and url.endswith(page.url):
            setattr(twin, name, url[: len(url) - len(page.url)] + twin.file.url)
        elif url:
            raise _Unsupported
    twin.meta, twin.toc = meta, TableOfContents(toc)
    twin.content = head + h1 + tail
    return parts, twin


def _split_url(url: str) -> tuple[str, str]:
    """`news/slug/` → (`news`, `slug`): the folder decides relative links, the slug not."""
    if not url.endswith("/") or url == "/":
        raise _Unsupported
    return posixpath.split(url.rstrip("/"))


def _walk(value: Any, key: str, step: Any, parts: Values, probe: Probe | None) -> Any:
    """`value` under the front matter's `key`, reached by `step` (an index or a key)."""
    if isinstance(value, str):
        if step is not None and step in CHOOSING_MARKUP.get(key, ()):
            parts.shape.append(("fixed", value))
            return value
        return parts.text(value, probe)
    if isinstance(value, (list, tuple)):
        parts.shape.append(("list", type(value), len(value)))
        return type(value)([_walk(v, key, i, parts, probe) for i, v in enumerate(value)])
    if isinstance(value, dict):
        parts.shape.append(("dict", tuple(value)))
        return {k: _walk(v, key, k, parts, probe) for k, v in value.items()}
    return _shape_only(value, parts)


def _shape_only(value: Any, parts: Values) -> Any:
    parts.shape.append(("fixed", repr(value)))
    return value


def _anchor(item: AnchorLink, parts: Values, probe: Probe | None) -> AnchorLink:
    parts.shape.append(("toc", item.level, getattr(item, "active", None), len(item.children)))
    twin = AnchorLink(parts.text(item.title, probe), parts.text(item.id, probe), item.level)
    if hasattr(item, "active"):
        twin.active = item.active  # type: ignore[attr-defined]
    twin.children = [_anchor(child, parts, probe) for child in item.children]
    return twin


@dataclass
class Shell:
    """The pieces of one shape's output between its values, and each value's filter."""

    pieces: list[str]
    slots: list[tuple[int, Transform]]

    def fill(self, values: list[str]) -> str:
        out = [self.pieces[0]]
        for (index, transform), piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(transform(values[index]))
            out.append(piece)
        return "".join(out)


def read_shell(plain: str, traced: str, untraced: set[int]) -> Shell | None:
    """The shell from the two probes' outputs, or None if they do not line up."""
    first, second = _MARK.split(plain), _MARK.split(traced)
    if len(first) != len(second) or first[0] != second[0] or first[1::2] != second[1::2]:
        return None
    pieces, slots = [first[0]], []
    for index, piece, traced_piece in zip(first[1::2], first[2::2], second[2::2], strict=True):
        transform = (
            _identity
            if int(index) in untraced and piece == traced_piece
            else _transform(piece, traced_piece)
        )
        if transform is None:
            return None
        slots.append((int(index), transform))
        pieces.append(piece)
    if any(_OPEN in p or _CLOSE in p for p in pieces):
        return None  # a marker was cut (a filter shortened or reordered a value)
    return Shell(pieces, slots)


def _transform(piece: str, traced: str) -> Transform | None:
    for trace, transform in sorted(TRANSFORMS.items(), key=lambda kv: -len(kv[0])):
        if traced.startswith(trace) and traced[len(trace) :] == piece:
            return transform
    return None


def _marker(index: int, traced: bool) -> str:
    return f"{_OPEN}{index}{_CLOSE}"


def _traced_marker(index: int, traced: bool) -> str:
    return f"{_OPEN}{index}{_CLOSE}{SUFFIX if traced else ''}"


class ShellMismatch(RuntimeError):
    """A page from a shell differs from the template's rendering: a bug to report."""


@dataclass
class _Kind:
    shell: Shell | None
    verified: bool = False
    seen: int = 0


@dataclass
class Shells:
    """The shells of one language's build, used by `main.html`'s `render` (see `install`)."""

    render: Callable[[dict[str, Any]], str]
    """The template's own render."""
    eligible: Callable[[Any], bool]
    check_all: bool = False
    kinds: dict[tuple[Any, ...], _Kind] = field(default_factory=dict)
    filled: int = 0
    rendered: int = 0

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        page = context.get("page")
        if page is None or not self.eligible(page):
            return self._render(context)
        try:
            parts, _ = take_apart(page)
        except _Unsupported:
            return self._render(context)
        key = tuple(parts.shape)
        kind = self.kinds.get(key)
        if kind is None:
            self.kinds[key] = kind = _Kind(self._make(context, page))
        if kind.shell is None:
            return self._render(context)
        kind.seen += 1
        filled = kind.shell.fill(parts.values)
        if self.check_all or not kind.verified or kind.seen % CHECK_EVERY == 0:
            own = self._render(context)
            if filled != own:
                if kind.verified:
                    raise ShellMismatch(
                        f"{page.url}: the page built from its shell differs from "
                        "the template's; please report it (NGO_MISSIONS_NO_SHELL=1 avoids it)"
                    )
                kind.shell = None  # the first pages of a shape decide: render it as usual
                return own
            kind.verified = kind.verified or kind.seen > 1
            return own
        self.filled += 1
        return filled

    def _render(self, context: dict[str, Any]) -> str:
        self.rendered += 1
        return self.render(context)

    def _make(self, context: dict[str, Any], page: Page) -> Shell | None:
        try:
            parts, plain = take_apart(page, _marker)
            _, traced = take_apart(page, _traced_marker)
        except _Unsupported:
            return None
        return read_shell(
            self.render(dict(context, page=plain)),
            self.render(dict(context, page=traced)),
            parts.untraced,
        )


def install(
    env: jinja2.Environment,
    eligible: Callable[[Any], bool],
    template: str = "main.html",
    on: bool = True,
    check_all: bool = False,
) -> Shells | None:
    """Route `template`'s rendering through shells for the pages `eligible` accepts (or,
    not `on`, through the template's own rendering again)."""
    main = env.get_template(template)
    if isinstance(main.render, Shells):
        main.render = main.render.render  # type: ignore[method-assign]  # a rebuild: start again from the template's own
    if not on:
        return None
    shells = Shells(main.render, eligible, check_all=check_all)
    main.render = shells  # type: ignore[method-assign]
    return shells


def install_for_items(
    env: jinja2.Environment, nav: Navigation, on: bool, check_all: bool = False
) -> Shells | None:
    """Item pages (generated, not in the nav) rendered through page shells when `on`;
    else the template's own rendering (which a rebuild under `mkdocs serve` restores)."""
    in_nav = {id(page) for page in nav.pages}
    return install(
        env,
        lambda page: (
            isinstance(page, GeneratedPage) and id(page) not in in_nav and not page.meta.get("hide")
        ),
        on=on,
        check_all=check_all,
    )


__all__ = [
    "CHECK_EVERY",
    "Shell",
    "ShellMismatch",
    "Shells",
    "install",
    "install_for_items",
    "read_shell",
    "take_apart",
]
