"""Allowlist sanitizing of rendered content, and the checker's report of what it removes.

Python-Markdown passes raw HTML through unchanged, and ``attr_list`` lets a line like
``# Title {: onmouseover=...}`` set any attribute, so every page body is cleaned with nh3
(the Rust ammonia library, an HTML5 parser) before it is published. The allowlist keeps
what ``generator.content.markdown_config``'s extensions and Material's stylesheet need and nothing
else: a tag, attribute or URL scheme missing from the tables below is removed.

Decisions:

- Links: http, https, mailto, tel and relative URLs (``page/``, ``#frag``, ``//host/…``)
  only (``tel:``: missions' phone numbers, which a phone dials on a tap).
  ammonia parses each URL as a browser does (entities decoded, tabs and newlines
  removed, scheme case-folded) before checking its scheme.
- ``rel="noopener noreferrer"`` is put on links to other sites only; relative links,
  ``mailto:``, ``tel:`` and absolute links to ``site_host`` get no ``rel``. Content cannot set
  ``rel`` itself. (``target`` is not allowed, so ``noopener`` is defence in depth;
  ``noreferrer`` keeps visitors' page addresses from other sites.)
- ``id`` is kept (toc and footnotes link to ids) except values starting with ``__``:
  Material names its own elements so (``__config``, ``__drawer``, ``__search``, the
  nav toggles), and its script reads its configuration with
  ``querySelector("#__config")``, so an earlier ``id="__config"`` in content would
  replace the page's configuration.
- ``class`` is kept except tokens starting with ``md-`` (Material's layout classes:
  content could draw a fake header or dialog over the page), bar ``md-button`` and
  ``md-button--primary``, which Material documents for use in content.
- ``<input>`` only as a disabled checkbox (task lists), whatever the source says.
- Images only from the site itself: an ``<img>`` whose ``src`` is not a relative URL
  (``media/x.png``, ``/media/x.png``, ``../x.png``) loses its ``src``. An image from
  another origin (``https://…``, ``//host/…``, ``/\\host/…``) would make every reader's
  browser call that origin (design.md: no request leaves the site's origin), and a link
  to it is the only such request content could otherwise make: ``srcset``, ``style``,
  ``<link>``, ``<video>`` and the like are not in the allowlist at all.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from generator.content.markdown_config import render

TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip

# Removed together with their content: a script's text shown as prose would be noise.
CONTENT_REMOVED_TAGS: frozenset[str] = frozenset(
    {"script", "style", "template", "svg", "math", "iframe", "object", "noscript"}
)

# Any value allowed; `id` and `class` values also go through `filter_attribute`.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "input": frozenset({"checked"}),
    "ol": frozenset({"start", "reversed"}),
    "details": frozenset({"open"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    # The generator's listings: facet values that the listing filter script reads.
    "li": frozenset({"data-facets"}),
    "tr": frozenset({"data-facets"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}

# Only these values are kept (the `tables` extension's `align`, lazy images).
ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "img": {"loading": frozenset({"lazy", "eager"})},
    "td": {"align": frozenset({"left", "center", "right"})},
    "th": {
        "align": frozenset({"left", "center", "right"}),
        "scope": frozenset({"col", "row", "colgroup", "rowgroup"}),
    },
}

# Set on every such element whatever the source says: a text field in a page is a
# phishing prop, and a task list's boxes are not for clicking.
FORCED_ATTRIBUTES: dict[str, dict[str, str]] = {
    "input": {"type": "checkbox", "disabled": ""},
}

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
"""The schemes contributors' links may use: the check reports any other as an error."""

PAGE_URL_SCHEMES: frozenset[str] = URL_SCHEMES | {"webcal"}
"""The page cleaner's schemes: `webcal:` too, for the build's own calendar subscriptions
(generate.py `_calendar_links`). Content never gets one through (the check refuses it
first), and a `webcal:` link that is not one of the site's calendars loses its href."""

CALENDAR_LINK = re.compile(
    r"webcal://[^\s/?#\\]+(?:/[^\s?#\\]*)?/(?:en/)?(?:missions/[a-z]{2}/)?forums\.ics"
)
"""A subscription the build writes: `webcal://` + the site's address of a calendar file
(outputs/feeds_ics.calendar_url): the whole schedule or a mission's, in either language."""
URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src"})

LINK_REL = "noopener noreferrer"
RESERVED_ID_PREFIX = "__"
RESERVED_CLASS_PREFIX = "md-"
THEME_OWN_PREFIX = "ngo-"
"""Classes and ids of this site's own interface (theme/, generator/templates/)."""
CONTENT_CLASSES_OF_THEME: frozenset[str] = frozenset({"md-button", "md-button--primary"})


def sanitize_html(html: str, *, site_host: str | None = None) -> str:
    """Return ``html`` with everything outside the allowlist removed.

    ``site_host`` (e.g. ``"missions.example.org"``) marks absolute links to the site
    itself as internal, so they get no ``rel``.
    """
    cleaner, rel_filter = _cleaner(site_host)
    rel_filter.reset()  # in case an earlier call was interrupted between href and rel
    return cleaner.clean(html)


_LOCAL = threading.local()
_MAX_CLEANERS = 16  # per thread: a handful of site hosts at most, bounded all the same


def _cleaner(site_host: str | None) -> tuple[nh3.Cleaner, _RelFilter]:
    """This thread's cleaner for ``site_host``, built on first use.

    Building one per call cost ~40 µs, more than cleaning a Markdown body (~25 µs). Reuse is safe
    because nh3 passes one element's attributes to the filter one after another, ``rel``
    last, and that ``rel`` call resets the filter's state (`_RelFilter`). One cleaner per
    thread, not per process: nh3 may let another thread run while it cleans, and two
    threads in one filter would mix their links' state (the preview serves in threads;
    the build renders in forked processes, each with its own copy).
    """
    cleaners: dict[str | None, tuple[nh3.Cleaner, _RelFilter]] | None = getattr(
        _LOCAL, "cleaners", None
    )
    if cleaners is None:
        cleaners = _LOCAL.cleaners = {}
    pair = cleaners.get(site_host)
    if pair is None:
        if len(cleaners) >= _MAX_CLEANERS:
            cleaners.clear()
        pair = cleaners[site_host] = _build_cleaner(site_host)
    return pair


_MAX_BUILDS = 200  # each try keeps the order with odds 1/2 (1/n! for n forced attributes)


def _build_cleaner(site_host: str | None) -> tuple[nh3.Cleaner, _RelFilter]:
    """A cleaner with the module's tables as they are now, and its attribute filter.

    nh3 keeps the forced attributes in a hash map seeded at random per cleaner, so one
    cleaner writes ``<input type="checkbox" disabled="">`` and the next ``disabled=""``
    first: with a cleaner per call, pages differed from build to build. A cleaner that
    does not write them in the table's order is built again (one in two for ``input``).
    """
    rel_filter = _RelFilter(site_host)
    for _ in range(_MAX_BUILDS):
        cleaner = nh3.Cleaner(
            tags=set(TAGS),
            clean_content_tags=set(CONTENT_REMOVED_TAGS),
            attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
            tag_attribute_values={
                tag: {name: set(values) for name, values in attrs.items()}
                for tag, attrs in ATTRIBUTE_VALUES.items()
            },
            set_tag_attribute_values=FORCED_ATTRIBUTES,
            attribute_filter=rel_filter,
            url_schemes=set(PAGE_URL_SCHEMES),
            link_rel=LINK_REL,
            strip_comments=True,
        )
        if _forced_in_table_order(cleaner):
            return cleaner, rel_filter
    raise RuntimeError(f"nh3 never wrote {FORCED_ATTRIBUTES} in order")


def _forced_in_table_order(cleaner: nh3.Cleaner) -> bool:
    """Whether this cleaner writes each element's forced attributes as listed."""
    for tag, attrs in FORCED_ATTRIBUTES.items():
        written = "".join(f' {name}="{_attribute_text(value)}"' for name, value in attrs.items())
        if not cleaner.clean(f"<{tag}>").startswith(f"<{tag}{written}>"):
            return False
    return True


def _attribute_text(value: str) -> str:
    """An attribute value as nh3 (html5ever) writes it."""
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


class _RelFilter:
    """nh3 attribute filter: ids, classes, image sources, and ``rel`` for external links.

    nh3 calls it for every attribute that passed the allowlist, one element at a time.
    It adds ``link_rel`` to every ``<a>`` and passes it through this filter after the
    element's own attributes (pinned by ``test_rel_filter_sees_href_before_rel``), so
    the ``href`` just seen decides whether that ``rel`` stays, and the ``rel`` call
    clears the state for the next link: an ``<a>`` without ``href`` gets no ``rel``.
    Removing ``rel`` never opens a hole: it only protects against ``target``, which
    content cannot set.

    It runs for ~30 attributes of a page, so the common answers are cheap: names are
    tested most frequent first, and link targets and class lists, which repeat from page
    to page, are remembered (`_is_external_url_cached`, `_kept_classes`). The rules are
    `filter_attribute`, `is_external_url` and `is_relative_url`; the filter only decides
    which to ask (pinned against them by ``test_fast_filter_matches_the_rules``).
    """

    __slots__ = ("_external", "site_host")

    def __init__(self, site_host: str | None) -> None:
        self.site_host = site_host
        self._external = False

    def reset(self) -> None:
        self._external = False

    def __call__(self, tag: str, name: str, value: str) -> str | None:
        if name == "class":
            return _kept_classes(value)
        if tag == "a":
            if name == "href":
                if value[:1] == "#":  # a fragment: every permalink; never external
                    self._external = False
                    return value
                if value[:7].lower() == "webcal:" and not CALENDAR_LINK.fullmatch(value):
                    self._external = False
                    return None
                return self._see_href(value)
            if name == "rel":
                external, self._external = self._external, False
                return value if external else None
        elif tag == "img" and name == "src":
            return value if is_relative_url(value) else None
        if name == "id":
            return None if value.startswith(RESERVED_ID_PREFIX) else value
        return value

    def _see_href(self, value: str) -> str | None:
        """Note whether this link leaves the site; keep the ``href``.

        A target that ``urlsplit`` refuses (``//[bad``) is dropped, as nh3 drops an
        attribute whose filter raises, with the state left as the last ``rel`` left it.
        """
        try:
            self._external = _is_external_url_cached(value, self.site_host)
        except ValueError:
            return None
        return value


@lru_cache(maxsize=4096)
def _is_external_url_cached(url: str, site_host: str | None) -> bool:
    """`is_external_url`: a site's link targets (``../``, its other pages) repeat."""
    return is_external_url(url, site_host)


@lru_cache(maxsize=4096)
def _kept_classes(value: str) -> str | None:
    """`filter_attribute` of a ``class`` value: a page's class lists are few and repeat."""
    return filter_attribute("", "class", value)


def filter_attribute(tag: str, name: str, value: str) -> str | None:
    """The value rules that a plain allowlist cannot express; ``None`` removes it."""
    if name == "id":
        return None if value.startswith(RESERVED_ID_PREFIX) else value
    if name == "class":
        kept = [token for token in value.split() if _class_token_allowed(token)]
        return " ".join(kept) if kept else None
    return value


def _class_token_allowed(token: str) -> bool:
    return not token.startswith(RESERVED_CLASS_PREFIX) or token in CONTENT_CLASSES_OF_THEME


def is_external_url(url: str, site_host: str | None) -> bool:
    """Whether a (scheme-checked) link leaves the site: absolute, to another host.

    Backslashes and tabs are folded as browsers do, so ``/\\evil.org`` counts as the
    host ``evil.org``; in doubt the answer is "external", which only adds a ``rel``.
    """
    folded = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    parts = urlsplit(folded)
    if parts.scheme.lower() in ("mailto", "tel"):
        return False
    if not parts.scheme and not folded.startswith("//"):
        return False
    return site_host is None or parts.hostname != site_host.lower()


def is_relative_url(url: str) -> bool:
    """Whether a URL stays on the site's own origin whatever the page's address.

    Browsers drop ASCII whitespace and control characters around and inside the scheme
    and read ``\\`` as ``/``; what is left must have no scheme and not start with ``//``.
    """
    squashed = _INVISIBLE.sub("", url).replace("\\", "/")
    return not squashed.startswith("//") and _SCHEME.match(squashed) is None


# ---------------------------------------------------------------------------------------
# find_unsafe: what the sanitizer would remove, with the Markdown line it comes from.

# Only these can make Python-Markdown (with our extensions) emit something the sanitizer
# removes: raw HTML and autolinks (`<`), entities (`&`), attr_list (`{`), theme classes
# in admonition types (`md-`), and link targets (`](`, `]:`), which are checked below.
# There is no bare-URL autolinking (no magiclink), so no other scheme can appear.
_TRIGGERS = ("<", "&", "{", RESERVED_CLASS_PREFIX, THEME_OWN_PREFIX)
# Two patterns, matched separately: one alternation would let a reference definition
# (`]: [l](javascript:)`) swallow the inline link inside it.
_LINK_TARGETS = (re.compile(r"\]\(([^)]*)"), re.compile(r"\]:\s*(\S*)"))
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def needs_render(markdown_text: str, targets: list[str] | None = None) -> bool:
    """Cheap, conservative test: could this body render to anything unsafe at all?

    False means its rendering passes the sanitizer unchanged (pinned by a property test),
    so the checker can skip rendering the great majority of ordinary bodies. `targets`
    is `link_targets(markdown_text)`, when the caller has it already.
    """
    if any(trigger in markdown_text for trigger in _TRIGGERS):
        return True
    # The HTML5 parser turns NUL in an attribute into U+FFFD: a change, if a harmless one.
    if "\x00" in markdown_text:
        return True
    # A code span inside a link's target or title can end Python-Markdown's quoted
    # attribute early: `[l](x "`" onclick=alert(1) y`)` gives `<a href="x &quot;"
    # onclick=alert(1) ...>`, with no `<` in the source (found by hypothesis). Only inline
    # links do it: fuzzing reference links with code spans found no such output.
    if "`" in markdown_text and "](" in markdown_text:
        return True
    # An image's target must be relative (`is_relative_url`); a reference definition may
    # serve an image (`![x][r]`), so with any image, every absolute target counts.
    suspicious = _absolute_target if "![" in markdown_text else _suspicious_target
    if targets is None:
        targets = link_targets(markdown_text)
    return any(suspicious(target) for target in targets)


def link_targets(markdown_text: str) -> list[str]:
    """What follows `](` and `]:` in the source: a superset of its links' targets."""
    if "]" not in markdown_text:
        return []
    return [
        match.group(1) or ""
        for pattern in _LINK_TARGETS
        for match in pattern.finditer(markdown_text)
    ]


def _absolute_target(target: str) -> bool:
    return _suspicious_target(target) or not is_relative_url(target)


def _suspicious_target(target: str) -> bool:
    """A link target whose scheme is not allowed, or that uses escapes (``\\:``)."""
    squashed = _INVISIBLE.sub("", target)
    if "\\" in squashed:
        return True
    scheme = _SCHEME.match(squashed)
    return scheme is not None and scheme.group()[:-1].lower() not in URL_SCHEMES


def find_unsafe(markdown_text: str) -> list[tuple[int, str]]:
    """Each construct the sanitizer removes from this body: (1-based line, description).

    Lines are found by searching the source for the tag, attribute name or URL scheme
    (outside code); a construct not found there is put on line 1.
    """
    if not needs_render(markdown_text):
        return []
    scan = scan_body(markdown_text, render(markdown_text))
    return [(unsafe.line, unsafe.description) for unsafe in scan.unsafe]


@dataclass(frozen=True)
class Unsafe:
    """One construct the sanitizer removes from a body, and where it was written."""

    line: int
    description: str
    code: str = "unsafe_content"
    """The checker's message code: `unsafe_content`, or `external_image` (with `url`)."""
    url: str = ""


@dataclass(frozen=True)
class Link:
    """A link (`<a href>`) or image (`<img src>`) of a body that stays on the site."""

    line: int
    target: str
    image: bool


@dataclass
class BodyScan:
    """What the checker needs from one rendered body, read in one pass of a parser."""

    unsafe: list[Unsafe]
    links: list[Link]
    """Relative targets only, in document order: absolute ones leave the site."""
    ids: set[str]
    """Every `id`, and `name` of `<a>`: what MkDocs accepts as an anchor of the page."""


def scan_body(markdown_text: str, html: str) -> BodyScan:
    """Read `html`, rendered from `markdown_text`, and put each finding on a source line."""
    scanner = _Scanner()
    scanner.found += _early_comments(html)
    scanner.feed(html)
    scanner.close()
    locator = _Locator(markdown_text)
    lines = [locator.line_of(finding) for finding in scanner.found]
    # A construct not found in the source (a garbled attribute name) is put on the line
    # of another finding of its element, else on the body's first line.
    element_line: dict[int, int] = {}
    for finding, line in zip(scanner.found, lines, strict=True):
        if line:
            element_line.setdefault(finding.element, line)
    unsafe = [
        Unsafe(line or element_line.get(f.element, 1), f.description, f.code, f.url)
        for f, line in zip(scanner.found, lines, strict=True)
    ]
    links = [
        Link(
            locator.line_of(_Finding("", _INVISIBLE.sub("", target), decoded=True)) or 1,
            target,
            image,
        )
        for target, image in scanner.links
    ]
    return BodyScan(unsafe, links, scanner.ids)


_EARLY_COMMENT = re.compile(r"<!--!?-?>|<!\[CDATA\[|--!>")
"""Comment forms HTML5 ends where Python-Markdown and `html.parser` do not: `<!-->` and
`<!--->` are whole (empty) comments to a browser, CDATA is a bogus comment ending at the
first `>`, and `--!>` ends a comment. What `check` read as hidden was published as
markup (a donation link, an image) that `check` never saw; the sanitizer's HTML5 parser
then kept or changed it silently. So these forms are errors, before anything else."""


def _early_comments(html: str) -> list[_Finding]:
    return [
        _Finding(
            f"{found.group()} (a browser ends the comment here, showing what follows)",
            found.group(),
            decoded=False,
        )
        for found in _EARLY_COMMENT.finditer(html)
    ]


@dataclass(frozen=True)
class _Finding:
    description: str
    needle: str  # what to look for in the source
    decoded: bool  # look in the entity-decoded, whitespace-free source lines
    code: str = "unsafe_content"
    url: str = ""
    element: int = 0  # which start tag of the rendered HTML it belongs to


_GENERATED_LINK_CLASSES = frozenset({"headerlink", "footnote-ref", "footnote-backref"})


class _Scanner(HTMLParser):
    """Walks the rendered HTML and applies the sanitizer's tables to each tag.

    The tables are the sanitizer's own, and URLs are judged by nh3 itself
    (`url_allowed`); a property test checks that a body with no finding comes out of
    the sanitizer unchanged. On the way it notes links and ids for the link check.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_Finding] = []
        self.elements = 0
        self.links: list[tuple[str, bool]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self._note_targets(tag, values)
        self.elements += 1
        found: list[_Finding] = []
        if tag not in TAGS:
            found.append(_Finding(f"<{tag}> element", f"<{tag}", decoded=False))
        else:
            if tag == "input" and values.get("type", "").lower() != "checkbox":
                found.append(_Finding("<input> that is not a checkbox", "<input", False))
            for name, value in attrs:
                found.extend(_attribute_problems(tag, name, value or ""))
        self.found += [dataclasses.replace(f, element=self.elements) for f in found]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _note_targets(self, tag: str, values: dict[str, str]) -> None:
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if _GENERATED_LINK_CLASSES.intersection(values.get("class", "").split()):
            return  # permalinks and footnote references: Markdown made them, they resolve
        target = values.get("href" if tag == "a" else "src" if tag == "img" else "")
        if target is not None and url_allowed(target) and is_relative_url(target):
            self.links.append((target, tag == "img"))


def _attribute_problems(tag: str, name: str, value: str) -> Iterator[_Finding]:
    """Why the sanitizer drops or changes this attribute, if it does."""
    if "\x00" in value:
        yield _Finding(f"NUL character in the {name} attribute", "\x00", decoded=False)
    if name.startswith("on") or name == "style":
        yield _Finding(f"{name} attribute", name, decoded=False)
    elif name in FORCED_ATTRIBUTES.get(tag, {}):
        return  # overwritten, and reported by the caller when it matters
    elif name in ATTRIBUTE_VALUES.get(tag, {}):
        if value not in ATTRIBUTE_VALUES[tag][name]:
            yield _Finding(f'{name}="{value}" on <{tag}>', name, decoded=False)
    elif name not in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset()):
        yield _Finding(f"{name} attribute on <{tag}>", name, decoded=False)
    elif name in URL_ATTRIBUTES and not url_allowed(value):
        yield _url_finding(value)
    elif tag == "img" and name == "src" and not is_relative_url(value):
        squashed = _INVISIBLE.sub("", value)
        yield _Finding(
            f"image from another site {squashed}",
            squashed,
            decoded=True,
            code="external_image",
            url=squashed,
        )
    elif filter_attribute(tag, name, value) != value:
        yield _filtered_finding(name, value)
    elif name in ("class", "id") and _theme_own(value):
        yield _Finding(
            f'{name} "{_theme_own(value)}" (the "{THEME_OWN_PREFIX}" prefix is the site\'s own)',
            _theme_own(value),
            decoded=True,
        )


def _theme_own(value: str) -> str:
    """The first class token or id of the site's own interface (`ngo-search`…), or "".

    Kept by the sanitizer, which cleans generated pages too (they use these classes),
    so refused by `check` in what contributors write: a `<div class="ngo-search">`
    once drew a fixed "session expired, log in again" banner over the header."""
    return next((t for t in value.split() if t.lower().startswith(THEME_OWN_PREFIX)), "")


def _filtered_finding(name: str, value: str) -> _Finding:
    """An id or class token in the theme's namespace."""
    if name == "id":
        prefix, needle = RESERVED_ID_PREFIX, value
    else:
        prefix = RESERVED_CLASS_PREFIX
        needle = " ".join(t for t in value.split() if not _class_token_allowed(t))
    return _Finding(
        f'{name} "{needle}" (the "{prefix}" prefix is the theme\'s)',
        needle.split()[0] if needle.split() else "",
        decoded=True,
    )


def _url_finding(value: str) -> _Finding:
    squashed = _INVISIBLE.sub("", value)
    scheme = _SCHEME.match(squashed)
    if scheme is None:
        return _Finding(f"malformed URL {value!r}", squashed[:12].lower(), decoded=True)
    label = scheme.group().lower()
    return _Finding(f"{label} URL", label, decoded=True)


_URL_PROBE = nh3.Cleaner(
    tags={"a"}, attributes={"a": {"href"}}, url_schemes=set(URL_SCHEMES), link_rel=None
)


def url_allowed(url: str) -> bool:
    """Ask nh3 itself, so the report and the sanitizer judge a URL the same way."""
    probe = f'<a href="{escape(url, quote=True)}"></a>'
    return "href=" in _URL_PROBE.clean(probe)


_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")


class _Locator:
    """Maps a finding to the source line holding its n-th occurrence.

    Approximate on purpose: the source is searched, not parsed. Lines inside fenced
    code and inline code spans are skipped, since what is there is shown, not run.
    """

    def __init__(self, markdown_text: str) -> None:
        self._raw: list[str] = []
        self._decoded: list[str] = []
        self._with_code: list[str] = []
        # Line breaks as Markdown counts them (not str.splitlines, which also breaks at
        # \f, \x1c or U+2028), so numbers match the checker's file:line.
        lines = re.split(r"\r\n|\r|\n", markdown_text)
        for line in _lines_outside_fences(lines):
            plain = _CODE_SPAN.sub("", line).lower()
            self._raw.append(plain)
            self._decoded.append(_INVISIBLE.sub("", unescape(plain)))
            self._with_code.append(line.lower())
        self._seen: dict[tuple[str, bool], int] = {}

    def line_of(self, finding: _Finding) -> int:
        lines = self._decoded if finding.decoded else self._raw
        needle = finding.needle.lower()
        hits = [n for n, line in enumerate(lines, 1) for _ in range(line.count(needle))]
        if needle and not hits:
            # A code span that broke out of a link (see `needs_render`) hid it: look there.
            hits = [
                n for n, line in enumerate(self._with_code, 1) for _ in range(line.count(needle))
            ]
        if not needle or not hits:
            return 0
        key = (needle, finding.decoded)
        index = self._seen.get(key, 0)
        self._seen[key] = index + 1
        return hits[min(index, len(hits) - 1)]


def _lines_outside_fences(lines: list[str]) -> Iterator[str]:
    """Each line, with fenced code blocks blanked (keeps line numbers)."""
    fence: str | None = None
    for line in lines:
        opener = _FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)
            yield ""
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            yield ""
        else:
            yield line
