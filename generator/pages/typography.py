"""Typography of text for readers, applied when pages are rendered, in one place.

Editors type on ordinary keyboards: straight quotes, a hyphen for a dash, plain spaces
after initials. Russian typesetting wants « » quotes, an em dash with spaces, and
non-breaking spaces that keep initials with the surname ("А. А. Маркарян" is never split
at a line end) and a number with the word it counts ("12 руководителей"). English text
gets English quotes (“ ”). Only text is changed, never markup, code or the source files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"

_INITIAL_BEFORE_NAME = re.compile(r"(?<=(?<![А-ЯЁа-яёA-Za-z])[А-ЯЁA-Z]\.)[ \t\n]+(?=[А-ЯЁA-Z])")
"""`А. А. Маркарян`, `A. Markaryan`: the spaces after a capital with a full stop and
before a capital (only the spaces match, so the replacement is one literal character)."""
_NAME_BEFORE_INITIALS = re.compile(r"([А-ЯЁ][а-яё]+)[ \t\n]+(?=[А-ЯЁ]\.[ \t\n\u00a0]?[А-ЯЁ]\.)")
"""`Маркарян А. А.`: the surname stays with the initials that follow it."""
_NUMBER_BEFORE_WORD = re.compile(r"(?<![\w.,])(\d[\d  .,]*\d|\d)[ \t\n]+(?=[^\W\d_])")
"""`12 руководителей`, `5 тысяч`, `2015 году`: a number stays with the word it counts."""
_DASH = re.compile(r"[ \t\n  ]+(?:-|--|–|—)[ \t\n]+")
"""A hyphen (or dash) between spaces is a dash: `Дания - миссии` → `Дания — миссии`."""
_QUOTED = re.compile(
    r"(?<![\w\"“«])(\"|&quot;|&#34;)([^\"<>\n]*?[^\s\"<>])(\"|&quot;|&#34;)(?![\w])"
)
"""Straight quotes around a phrase on one line, as written or as HTML escaped them."""

_MAY_CHANGE = re.compile(r"[\d.\-–—\"]|&quot;|&#34;")
"""What every rule needs somewhere in the text: a digit, a full stop, a dash or a quote."""

_SKIP = re.compile(r"<(pre|code|script|style|textarea|kbd|samp)\b.*?</\1\s*>", re.S | re.I)
_TRIGGER = re.compile(r"[А-ЯЁA-Z]\.|\d\s|\s[-–—]|\"|&quot;|&#34;")
"""What some rule's match must hold: an initial (`А.`), a number before a space, a dash
after a space, or a straight quote (as written or as an entity). Earlier rules only turn
spaces into non-breaking ones, which the pattern still counts as spaces. A run without it is left
without a call: most sentences hold nothing but a full stop, and at 10,000 items calling
`typeset` on each of them cost seconds of every build."""


_TRIGGER_FROM_ITS_RARER_END = r"(?<=[А-ЯЁA-Z])\.|\d\s|(?<=\s)[-–—]|\"|&quot;|&#34;"
"""`_TRIGGER`, each match found at its character that is rarer in text: the full stop of
an initial, the dash after a space (a capital or a space begins nearly every word)."""
_NO_TRIGGER_BEGINS = r"[^<.\d\"&\-–—]"
"""Text where no match of `_TRIGGER_FROM_ITS_RARER_END` begins."""
_RUN_AFTER_TAG = re.compile(
    rf">((?:{_NO_TRIGGER_BEGINS}++|(?!{_TRIGGER_FROM_ITS_RARER_END})[^<])*+"
    rf"(?:{_TRIGGER_FROM_ITS_RARER_END})[^<]*)"
)
"""A run of text after a tag that holds a trigger, up to the next tag: the runs
`>([^<]*?(?:_TRIGGER)[^<]*)` finds, in about half the time (docs/performance.md).
Characters no trigger begins with are passed over in one step, and the trigger is tried
only at the others. The quantifiers are possessive: a run without a trigger fails once,
without backtracking."""


def typeset(text: str, lang: str) -> str:
    """Plain text (or the text of one HTML text node) set in the language's typography.

    A rule runs only where the character its pattern needs is in the text (`in` is far
    cheaper than a regex), and replacements are literal strings or functions, not
    templates: `re.sub` hands a template with `\\1` to Python code on every call, even
    when nothing matches. Both only make it quicker (docs/performance.md)."""
    if not _MAY_CHANGE.search(text):
        return text  # nothing any rule below could match
    if "." in text:
        text = _INITIAL_BEFORE_NAME.sub(NBSP, text)
    text = _NUMBER_BEFORE_WORD.sub(_kept_with_nbsp, text)
    return _OWN_RULES.get(lang, _english)(text)


def _kept_with_nbsp(match: re.Match[str]) -> str:
    """The matched word or number, then a non-breaking space for the spaces after it."""
    return match.group(1) + NBSP


def _russian(text: str) -> str:
    if "." in text:
        text = _NAME_BEFORE_INITIALS.sub(_kept_with_nbsp, text)
    text = _DASH.sub(f"{NBSP}— ", text)
    if _may_be_quoted(text):
        text = _QUOTED.sub(lambda quoted: f"«{quoted.group(2)}»", text)
    return text


def _english(text: str) -> str:
    if _may_be_quoted(text):
        text = _QUOTED.sub(lambda quoted: f"“{quoted.group(2)}”", text)
    return text


def _may_be_quoted(text: str) -> bool:
    """A straight quote, as written or as an entity (`&quot;`, `&#34;`)."""
    return '"' in text or "&" in text


_OWN_RULES: dict[str, Callable[[str], str]] = {"ru": _russian, "en": _english}
"""Each language's own rules, after those every language shares."""


def typeset_html(html: str, lang: str) -> str:
    """`typeset` on every text node of an HTML fragment; tags, attributes and the
    insides of code, scripts and styles are left exactly as they are."""
    parts: list[str] = []
    position = 0
    for skipped in _SKIP.finditer(html):
        parts.append(_typeset_text_nodes(html[position : skipped.start()], lang))
        parts.append(skipped.group(0))
        position = skipped.end()
    parts.append(_typeset_text_nodes(html[position:], lang))
    return "".join(parts)


def _typeset_text_nodes(html: str, lang: str) -> str:
    """Each run of text between tags that holds a trigger, through `typeset`.

    A run starts at the start or after a `>`, and ends at the next `<`. The search for a
    run after a `>` begins with a literal character, which the regex engine looks for
    quickly; a pattern that may start anywhere is tried at every position of the page."""
    end = html.find("<")
    head, rest = (html, "") if end < 0 else (html[:end], html[end:])
    if _TRIGGER.search(head):
        head = typeset(head, lang)
    return head + _RUN_AFTER_TAG.sub(lambda run: ">" + typeset(run.group(1), lang), rest)
