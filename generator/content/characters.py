"""Characters no text of the site may hold, and the scan that finds them in YAML.

Text fields reach Atom feeds (XML 1.0), iCalendar files, JSON and HTML. One `\\x01` in a
title once made every feed of the site malformed, for every reader, until the title was
fixed. Three kinds of character are refused wherever an editor writes text:

- what XML 1.0 forbids (C0 controls but tab and line breaks, surrogates, U+FFFE,
  U+FFFF): no feed can carry it, and an HTML parser reports it as an error;
- bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C):
  invisible, they reorder what a reader sees (`U+202E` turns `exe.jpg` into
  `gpj.exe`), so a title or name can show what it does not say;
- text made only of invisible characters (zero-width spaces, joiners, fillers): a
  title that shows as nothing is no title.

YAML refuses raw control characters, but its double-quoted escapes (`"\\x01"`,
`"\\u202E"`) write any of them, so the scan reads the parsed values.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from generator.content.yamlread import Mapping, Node, Scalar, Sequence

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Outside XML 1.0's `Char` production: no XML document can hold these."""

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters by category that draw nothing: Hangul fillers and the blank Braille cell."""


def is_invisible(char: str) -> bool:
    """A character that draws nothing: spaces, format characters, controls, fillers."""
    return char.isspace() or char in _FILLERS or unicodedata.category(char) in ("Cf", "Cc", "Zs")


def invisible_only(text: str) -> bool:
    """Text in which nothing shows, though it is more than spaces (which read as empty)."""
    stripped = text.strip()
    if not stripped or not is_invisible(stripped[0]):
        return False  # the first thing after the spaces shows: nearly every text
    return all(is_invisible(char) for char in text)


def xml_safe(text: str) -> str:
    """`text` without what XML 1.0 forbids: what the feed writers emit, whatever `check`
    let through (a build without `check` must still write well-formed feeds)."""
    return XML_FORBIDDEN.sub("", text)


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class BadText:
    """One refused character (or invisible-only text) at a line of a file."""

    line: int
    field: str
    code: str
    char: str = ""


_REFUSED = re.compile(f"{XML_FORBIDDEN.pattern}|{BIDI_CONTROLS.pattern}")
"""Either kind of refused character: one scan of a text that holds neither (every value
of every YAML file is scanned, ~190,000 at 10,000 items), two only when one is there."""


def text_problem(text: str) -> tuple[str, str] | None:
    """`(code, character)` of the first rule `text` breaks, or None."""
    if _REFUSED.search(text) is None:
        return ("invisible_text", "") if invisible_only(text) else None
    found = XML_FORBIDDEN.search(text)
    if found:
        return "forbidden_character", codepoint(found.group())
    found = BIDI_CONTROLS.search(text)
    if found:
        return "bidi_control", codepoint(found.group())
    if invisible_only(text):
        return "invisible_text", ""
    return None


_PLAIN = re.compile(
    r"[\t\n\r\x20-\x5b\x5d-\x7e\u00a0-\u00ac\u00ae-\u00ff\u0400-\u04ff"
    r"\u2010-\u2027\u2030-\u205e\u20ac\u2116]+"
)
"""Characters no rule is about and no escape starts with, removed in one pass before the
rest is looked at one distinct character at a time: printable ASCII but the backslash,
Latin-1 but the soft hyphen, Cyrillic, dashes, quotes and other punctuation, €, №."""


@functools.lru_cache(maxsize=8192)
def _about(char: str) -> bool:
    """A character some rule is about: refused, or drawing nothing without being a space
    (only such a character can make a text invisible-only, since spaces are stripped)."""
    return _REFUSED.match(char) is not None or (is_invisible(char) and not char.isspace())


def may_break_a_rule(text: str) -> bool:
    """False when no value read from the YAML `text` can break a rule: it has no escape
    (a backslash, which double quotes turn into any character) and no character a rule
    is about. Checking the file's distinct characters once spares the scan of its
    values (~190,000 at 10,000 items, nearly all of them fine)."""
    rest = _PLAIN.sub("", text)
    return bool(rest) and ("\\" in rest or any(_about(char) for char in set(rest)))


def scan_node(node: Node | None, field: str = "") -> Iterator[BadText]:
    """Every scalar (and key) of a YAML tree that breaks a rule, with its field path.

    A stack, not recursion: the tree may be as deep as `yamlread.MAX_DEPTH`."""
    stack: list[tuple[Node, str]] = [(node, field)] if node is not None else []
    while stack:
        current, name = stack.pop()
        if isinstance(current, Scalar):
            found = text_problem(current.value)
            if found:
                yield BadText(current.line, name or "?", found[0], found[1])
        elif isinstance(current, Sequence):
            stack.extend((item, name) for item in reversed(current.items))
        elif isinstance(current, Mapping):
            for key, (line, value) in reversed(current.entries.items()):
                path = f"{name}.{key}" if name else key
                found = text_problem(key)
                if found:
                    yield BadText(line, path, found[0], found[1])
                stack.append((value, path))


def body_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """`(line within the text, code, character)` for each line of a body holding a
    forbidden character or a bidirectional control (invisible-only lines are blank)."""
    if _REFUSED.search(text) is None:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        found = text_problem(line)
        if found and found[0] != "invisible_text":
            yield number, found[0], found[1]
