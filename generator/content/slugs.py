"""File names as URLs: what a valid slug is, and what to propose instead.

Slugs become URLs (`/projects/<slug>/`) and must survive every file system and
forge, so they are restricted to lower-case Latin letters, digits and hyphens.
An editor who names a file in Cyrillic gets the transliterated name proposed.
"""

from __future__ import annotations

import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Russian transliteration as in Russian passports since 2014 (ICAO Doc 9303),
# which is what readers of both languages recognise in URLs.
_RU = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "ie",
            "y",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
# Letters of the missions' host countries that Unicode does not decompose.
_EXTRA = {"ø": "o", "æ": "ae", "å": "a", "ß": "ss", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"}


def is_slug(name: str) -> bool:
    return SLUG.fullmatch(name) is not None


def propose_slug(name: str) -> str:
    """A valid slug close to `name`: transliterated, lower-cased, hyphenated."""
    out = []
    for char in name.lower():
        if char in _RU:
            out.append(_RU[char])
        elif char in _EXTRA:
            out.append(_EXTRA[char])
        else:
            out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode())
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(out)).strip("-")
    return slug or "item"
