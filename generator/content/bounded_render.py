"""Markdown bodies as the checker reads them: rendered within bounds, at most once.

Three rules of `check` read bodies: whether a body can be rendered at all within time
and stack bounds, what the sanitizer would remove from it, and where its links lead.
Rendering costs about 2 ms per KB (Python-Markdown), far too much for the 10,000 bodies
that `check` reads in under 2 s, so each rule first asks a cheap question of the source
text, and only a body that might matter is rendered, once.

Bounds, because Python-Markdown was not written for hostile text (measured here, see
docs/security.md): each `[` makes the link parser scan the rest of its paragraph, and
each unclosed `<tag` makes the standard library's `html.parser` scan the rest of the
document, so a 40 KB body of `[](` takes ten seconds and a 1 MB one hours; a few
hundred nested lists, `<div markdown>` or definition lists end in a `RecursionError`.
The checker renders any body outside `is_ordinary` with a CPU-time and a stack limit,
and reports the one that does not fit; nothing is built past that report, so MkDocs
never meets such a body. Ordinary bodies have too few of those characters to be slow.
"""

from __future__ import annotations

import posixpath
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from urllib.parse import unquote, urlsplit

from generator.content import markdown_config
from generator.content.addresses import FIXED_PAGES, page_path
from generator.content.fields import nearest
from generator.content.load import Content
from generator.content.markdown_config import render
from generator.content.models import COLLECTIONS, Item, Mission
from generator.content.sanitize import (
    BodyScan,
    is_relative_url,
    link_targets,
    needs_render,
    scan_body,
)
from generator.errors import PicklableError
from generator.urls import FIRST, LANGUAGES, TRANSLATIONS

ORDINARY_CHARS = 32_768
"""Longer bodies are rendered with bounds: the slow paths grow with length squared."""

ORDINARY_COST = 1_000_000
"""`[` and `<` together (the characters that start Python-Markdown's slow scans), times
the length they may scan: 30 links in 32 KB, or 250 in 4 KB. The worst body within it
renders in about 0.15 s (pinned by tests/test_security.py)."""

ORDINARY_DEFINITIONS = 64
"""Lines starting with `:` (definition lists, which recurse once per definition)."""

# Eight levels of indentation (32 columns, a tab counting as 4): lists, admonitions,
# details and footnotes nest by indentation, and each level costs stack and a pass.
_DEEP_INDENT = re.compile(r"^(?: {4}| {0,3}\t){8}", re.MULTILINE)

# Eight list markers (or quote marks) in a row at the start of one line: `1. 1. 1. …`
# opens a list inside a list inside a list on a single line, with no indentation at all;
# 600 of them (1.8 KB) ended the build in a RecursionError after a clean check.
_MARKER_CHAIN = re.compile(r"^[ \t]*(?:(?:\d{1,9}[.)]|[-*+>])[ \t]+){8}", re.MULTILINE)

ORDINARY_HEADINGS = 200
"""Headings one ordinary body may have. Each heading's id is made unique against every
id before it (`toc`): 8,000 headings `a` (`a\n=\n` ×8,000, 32 KB) took 15 s."""

ORDINARY_CODE_CHARS = 4_096
"""Longest ordinary body with highlighted code (a fence, or `#!lang` inline): Pygments'
lexers have slow paths of their own (a `perl` block of `s{` ×15,000 took 16 s)."""

_HEADING = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_HIGHLIGHTED = ("```", "~~~", "`#!", ":::")

RENDER_CPU_SECONDS = 2.0
"""CPU time one body may take to render; an ordinary body takes milliseconds."""

RENDER_FRAMES = 400
"""Stack frames one body may use. MkDocs renders a page with ~950 of Python's 1,000
left; the checker allows less, so that what passes here also passes in the build."""


class TooComplex(PicklableError):
    """A body that cannot be rendered within bounds; `code` is the message code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class _OutOfTime(Exception):
    pass


def is_ordinary(text: str) -> bool:
    """Cheap test: is this body sure to render quickly? (Pinned by tests/test_security.)"""
    return (
        len(text) <= ORDINARY_CHARS
        and (text.count("[") + text.count("<")) * len(text) <= ORDINARY_COST
        and text.count("\n:") <= ORDINARY_DEFINITIONS
        and not _deeply_indented(text)
        and _MARKER_CHAIN.search(text) is None
        and not _many_headings(text)
        and not (len(text) > ORDINARY_CODE_CHARS and any(m in text for m in _HIGHLIGHTED))
    )


def _many_headings(text: str) -> bool:
    # Fewer lines than the limit cannot hold more headings: skip the regex.
    if text.count("\n") < ORDINARY_HEADINGS:
        return False
    return len(_HEADING.findall(text)) > ORDINARY_HEADINGS


def _deeply_indented(text: str) -> bool:
    # 32 columns of indentation take a tab or 32 spaces: without either, skip the regex.
    if "\t" not in text and " " * 32 not in text:
        return False
    return _DEEP_INDENT.search(text) is not None


def render_bounded(text: str) -> str:
    """`markdown_config.render`, or `TooComplex` when it needs too much time or stack."""
    _expired.clear()
    try:
        with _cpu_limit(RENDER_CPU_SECONDS), _frame_limit(RENDER_FRAMES):
            html = render(text)
        if not _expired.is_set():
            return html
        # The time ran out, but an extension caught the exception and went on with
        # another result: superfences renders a fence whose highlighting raised as a
        # plain paragraph. That result is not what the build would publish.
        code = "markdown_too_slow"
    except RecursionError:
        code = "markdown_too_deep"
    except _OutOfTime:
        code = "markdown_too_slow"
    # Interrupted half-way through a document, the thread's Markdown instance may keep
    # state that `reset()` was not written to clear: the next body gets a new one.
    markdown_config._local.__dict__.pop("markdown", None)
    raise TooComplex(code)


@contextmanager
def _cpu_limit(seconds: float) -> Iterator[None]:
    """Raise `_OutOfTime` in this thread after `seconds` of the process's CPU time.

    CPU time, not wall time, so that a loaded CI machine does not change the verdict.
    Signals reach the main thread only: elsewhere (MkDocs' `serve` rebuilds in a
    thread), and on Windows, which has no interval timers, the stack limit still holds,
    the time limit does not.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)  # before the handler: SIGPROF would kill
        signal.signal(signal.SIGPROF, previous if previous is not None else signal.SIG_DFL)


_expired = threading.Event()
"""Set when the CPU timer fired, whether or not its exception reached `render_bounded`."""


def _out_of_time(signum: int, frame: object) -> None:
    _expired.set()
    raise _OutOfTime


@contextmanager
def _frame_limit(frames: int) -> Iterator[None]:
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


# ---------------------------------------------------------------------------------------
# The bodies of a repository, and the pages their links may lead to.


def shows_original(item: Item) -> bool:
    """Whether the English page shows the Russian body (no English body to show)."""
    return not (item.body_en or "").strip() and bool(item.body.strip())


@dataclass
class Body:
    """One Markdown text of one item, where it was written and where it is shown."""

    item: Item
    text: str
    source: str
    line: int
    """Line of `source` on which `text` starts."""
    shown_in: tuple[str, ...]
    """Languages whose page shows this text: the Russian body is also the English one
    when there is no translation."""
    _targets: list[str] | None = field(default=None, repr=False)
    _html: str | None = field(default=None, repr=False)
    _scan: BodyScan | None = field(default=None, repr=False)
    failed: str = ""
    """The `TooComplex` code once rendering failed; no other rule reads the body then."""

    @property
    def page(self) -> str:
        return page_path(self.item)

    @property
    def targets(self) -> list[str]:
        """`sanitize.link_targets` of the text, read once for every rule."""
        if self._targets is None:
            self._targets = link_targets(self.text)
        return self._targets

    def needs_render(self) -> bool:
        """Could the sanitizer remove anything from this body? (`sanitize.needs_render`)"""
        return needs_render(self.text, self.targets)

    def needs_link_check(self) -> bool:
        """Could this body hold a link that stays on the site? (`](`, `]:` or raw HTML.)"""
        return "<" in self.text or any(is_relative_url(t) for t in self.targets)

    def html(self) -> str | None:
        if self._html is None and not self.failed:
            try:
                self._html = (
                    render(self.text) if is_ordinary(self.text) else render_bounded(self.text)
                )
            except TooComplex as exc:
                self.failed = exc.code
        return self._html

    def scan(self) -> BodyScan | None:
        if self._scan is None:
            html = self.html()
            self._scan = scan_body(self.text, html) if html is not None else None
        return self._scan


def bodies_of(item: Item) -> Iterator[Body]:
    if item.body.strip():
        langs = LANGUAGES if shows_original(item) else (FIRST,)
        yield Body(item, item.body, body_source(item), item.body_line or 1, langs)
    if item.body_en is not None and item.body_en.strip() and item.source_en:
        yield Body(item, item.body_en, item.source_en, item.body_en_line or 1, TRANSLATIONS)


def body_source(item: Item) -> str:
    """The file the Russian body was read from: a mission's is `missions/<code>.md`."""
    if isinstance(item, Mission):
        return item.source.removesuffix(".yml") + ".md"
    return item.source


def translation_source(item: Item) -> str:
    """The file that would hold the English body."""
    return body_source(item).removesuffix(".md") + ".en.md"


class Site:
    """The pages and files every language's build will hold, for resolving links."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.items: dict[str, Item] = {page_path(item): item for item in content.all_items()}
        sections = [f"{name}/index.md" for name in COLLECTIONS if name != "pages"]
        self.fixed = {*FIXED_PAGES, *sections}
        self._bodies: dict[tuple[str, str], Body | None] = {}

    def exists(self, path: str) -> bool:
        return path in self.items or path in self.fixed or path in self.content.media

    def anchors(self, path: str, lang: str) -> set[str] | None:
        """Ids on the page at `path` in `lang`; None when unknown (not checked then)."""
        item = self.items.get(path)
        if item is None:
            return None
        body = self._body(item, lang)
        ids: set[str] = set()
        if body is not None:
            scan = body.scan()
            if scan is None:
                return None
            ids = scan.ids
        if isinstance(item, Mission):  # the page's lists of what the mission takes part in
            ids = ids | set(COLLECTIONS)
        return ids

    def _body(self, item: Item, lang: str) -> Body | None:
        key = (item.key, lang)
        if key not in self._bodies:
            self._bodies[key] = next((b for b in bodies_of(item) if lang in b.shown_in), None)
        return self._bodies[key]

    def source_shown(self, item: Item, lang: str) -> str:
        body = self._body(item, lang)
        return body.source if body is not None else item.source


@dataclass(frozen=True)
class Target:
    """Where a relative link leads within one language's docs tree."""

    path: str
    """The docs path (`projects/x.md`; `../x` when outside the tree), "" for the page
    itself."""
    anchor: str


def resolve(link: str, page: str) -> Target:
    """A link as MkDocs reads it (`validation.links.absolute_links: relative_to_docs`)."""
    parts = urlsplit(link)
    path = unquote(parts.path)
    if not path:
        return Target("", parts.fragment)
    base = "" if path.startswith(("/", "\\")) else posixpath.dirname(page)
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/\\")))
    return Target(resolved, parts.fragment)


def suggest(link: str, page: str, site: Site) -> str:
    """The link an editor probably meant, written the recommended way; "" if none.

    Catches the usual slips: the page's address (`/forums/x/`) instead of its file,
    a path through `content/` or `pages/` as in the repository, one `../` too many.
    """
    target = resolve(link, page)
    path = target.path
    while path.startswith("../"):
        path = path[3:]
    path = path.removeprefix("content/").removeprefix("pages/").rstrip("/")
    anchor = f"#{target.anchor}" if target.anchor else ""
    for candidate in (path, path + ".md", path + "/index.md"):
        if site.exists(candidate):
            return "/" + candidate + anchor
    return ""


def example_link(link: str, page: str, site: Site) -> str:
    """A link that works, for the message about one that does not: the one the editor
    probably meant (`suggest`, else the nearest page or file of this repository by
    name), else any real page. Never a fixed example that the repository may not have."""
    slip = suggest(link, page, site)
    if slip:
        return slip
    path = resolve(link, page).path.lstrip("./").removeprefix("content/")
    pages = sorted(site.items)
    near = nearest(path, [*pages, *sorted(site.content.media)])
    if near is None:
        name = path.rsplit("/", 1)[-1]
        near = nearest(name, [p.rsplit("/", 1)[-1] for p in pages])
        near = next((p for p in pages if near and p.endswith("/" + near)), None)
    return "/" + (near or (pages[0] if pages else "index.md"))
