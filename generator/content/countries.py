"""Country and language codes, and their names, from CLDR (Babel).

Mission and country names come in both languages without anyone typing them:
Babel ships the Unicode CLDR locale data, which is maintained upstream.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

# CLDR also names macro-regions ("150" Europe) and exceptional codes; only
# ISO 3166-1 alpha-2 countries are valid here.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).territories)


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(
        code.lower()
        for code in _territories("en")
        if isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code not in _NOT_COUNTRIES
    )


@cache
def _language_codes() -> frozenset[str]:
    return frozenset(
        code
        for code in Locale.parse("en").languages
        if isinstance(code, str) and len(code) == 2 and code.isalpha()
    )


def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 code `is_country` accepts (the web form checks against them)."""
    return _country_codes()


def is_country(code: str) -> bool:
    return code in _country_codes()


def is_language(code: str) -> bool:
    return code in _language_codes()


def country_name(code: str, lang: str) -> str:
    """`dk` -> "Дания" / "Denmark"."""
    return _territories(lang).get(code.upper(), code.upper())


def language_name(code: str, lang: str) -> str:
    name: str = Locale.parse(lang).languages.get(code, code)
    return name
