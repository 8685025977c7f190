"""Interface strings (issue #6): one table, `generator/labels.py`, in both languages.

A translator edits that table only. These tests fail when a string lacks a language,
when code, a template or a theme script asks for a key the table does not have, or
when a value readers see (a field's label, a status, a format) has no wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content.fields import Enum, Field, ListOf, Struct
from generator.content.models import COLLECTIONS
from generator.pages import labels
from generator.pages.facets import FACETS
from generator.pages.generate import SECTIONS
from generator.pages.labels import UI, enum_label, script_labels

PROJECT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "en")
PYTHON = sorted((PROJECT / "generator").rglob("*.py"))
TEMPLATES = sorted((PROJECT / "generator" / "templates").glob("*.html"))
SCRIPTS = sorted((PROJECT / "theme" / "assets" / "javascripts").glob("*.js"))
PARTIALS = sorted((PROJECT / "theme").rglob("*.html"))

T_CALL = re.compile(r"""\b_?t\(\s*(f?)(["'])(.+?)\2""")
"""`t("key", lang)`, `_t('key')`, `t(f"section.{name}", lang)`."""
KEY_LITERAL = re.compile(
    r"""["']((?:section|list|home|mission|feed|page|facet|search|filter|group|site)"""
    r"""\.[a-z_]+(?:\.[a-z_-]+)*)["']"""
)
"""Keys written as plain strings and passed on (`keys = ("feed.calendar", ...)`)."""
FILE_SUFFIXES = (".xml", ".ics", ".json", ".html", ".md", ".yml", ".js", ".css")
LABELS_LITERAL = re.compile(r"""labels\[\s*["']([^"']+)["']\s*\]""")
LABELS_PREFIX = re.compile(r"""labels\[\s*["']([^"']+)["']\s*\+""")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _used_keys() -> Iterator[tuple[str, str, bool]]:
    """(file, key or f-string, is_pattern) for every key the generator and templates use."""
    for path in [*PYTHON, *TEMPLATES]:
        if path.name == "labels.py":
            continue
        text = _read(path)
        name = path.relative_to(PROJECT).as_posix()
        for match in T_CALL.finditer(text):
            yield name, match.group(3), bool(match.group(1))
        for match in KEY_LITERAL.finditer(text):
            if not match.group(1).endswith(FILE_SUFFIXES):
                yield name, match.group(1), False


def _pattern(fstring: str) -> re.Pattern[str]:
    """`section.{item.collection}` -> a regex any concrete key it makes must match."""
    parts = re.split(r"\{[^}]*\}", fstring)
    return re.compile("[^.]+".join(re.escape(p) for p in parts) + r"\Z")


# -- the table itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(UI))
def test_every_string_exists_in_both_languages(key: str) -> None:
    assert set(UI[key]) == set(LANGS), key
    for lang in LANGS:
        assert UI[key][lang].strip(), (key, lang)


def test_english_strings_are_not_left_in_russian() -> None:
    cyrillic = [
        key
        for key, texts in UI.items()
        if re.search("[А-Яа-яЁё]", texts["en"]) and key != "page.other_language"
    ]
    assert cyrillic == []  # "page.other_language" is "Русский": the switch's own language


def test_a_missing_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        labels.t("no.such.key", "en")


# -- every key the code asks for is in the table ------------------------------------------------


def test_every_key_the_generator_and_templates_use_exists() -> None:
    used = list(_used_keys())
    assert len(used) > 30  # the scan found the calls: a changed call style would empty it
    missing = []
    for file, key, is_pattern in used:
        if is_pattern:
            pattern = _pattern(key)
            if not any(pattern.match(k) for k in UI):
                missing.append((file, key))
        elif key not in UI:
            missing.append((file, key))
    assert missing == []


@pytest.mark.parametrize("name", ["home", *SECTIONS, "pages"])
def test_every_section_has_a_name(name: str) -> None:
    assert f"section.{name}" in UI


def test_project_groups_have_headings() -> None:
    statuses = COLLECTIONS["projects"].model.fields()["status"]
    assert isinstance(statuses, Enum)
    for status in statuses.values:
        assert f"group.projects.{status}" in UI


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_field_a_page_shows_has_a_label(collection: str) -> None:
    for name in COLLECTIONS[collection].model.fields():
        assert f"field.{name}" in UI, f"{collection}.{name}"
    assert "field.dates" in UI


def _enums(name: str, spec: Field) -> Iterator[tuple[str, Enum]]:
    """Every enumeration inside a field, under the name `present.Presenter.value` gives it."""
    if isinstance(spec, Enum):
        yield name, spec
    elif isinstance(spec, ListOf):
        yield from _enums(name, spec.item)
    elif isinstance(spec, Struct):
        for key, inner in spec.fields.items():
            yield from _enums(key, inner)


def _enum_values() -> list[tuple[str, str, str]]:
    found = [
        (c.name, field, value)
        for c in COLLECTIONS.values()
        for name, spec in c.model.fields().items()
        for field, enum in _enums(name, spec)
        for value in enum.values
    ]
    # Statuses the listing rules compute rather than read (listings.forum_status, is_expired)
    found += [("proposals", "status", "open"), ("proposals", "status", "expired")]
    return found


@pytest.mark.parametrize(("collection", "field", "value"), _enum_values())
def test_every_value_of_an_enumeration_is_worded_in_both_languages(
    collection: str, field: str, value: str
) -> None:
    keys = [f"{field}.{collection}.{value}", f"{field}.{value}"]
    assert any(key in UI for key in keys), keys
    assert enum_label(field, value, collection, "en") != enum_label(field, value, collection, "ru")


# -- the theme's scripts and partials -----------------------------------------------------------


def test_theme_scripts_and_partials_find_their_strings_in_script_labels() -> None:
    offered = set(script_labels("en"))
    assert offered == set(script_labels("ru"))
    wanted: set[str] = set()
    for path in [*SCRIPTS, *PARTIALS]:
        text = _read(path)
        wanted |= set(LABELS_LITERAL.findall(text))
        for prefix in LABELS_PREFIX.findall(text):
            # `labels["facet." + name]`: the names are the facets (generator/facets.py)
            assert prefix == "facet.", (path.name, prefix)
            wanted |= {f"facet.{name}" for name in FACETS}
    assert len(wanted) > 10
    assert wanted - offered == set()
