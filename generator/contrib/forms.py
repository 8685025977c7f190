"""The web form's data (/submit/): every field of every collection, as `new` writes it.

Member organizations post through a static form that writes the file `new` would
write and opens the forge's new-file page with it (design.md). So that the form,
`new`, `check` and the JSON Schemas cannot disagree, the form has no list of its
own: the build writes this module's document to `submit/forms.json`, made from the
models' field specs, the scaffold's hints and lines, the patterns `fields` checks
with, and the messages of `check`; `theme/assets/javascripts/submit.js` reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.build.writer import Writer
from generator.content import fields as field_types
from generator.content import slugs
from generator.content.check import _REGION_CODE, _REGION_NAME
from generator.content.countries import country_codes, country_name
from generator.content.fields import Enum, Field, ListOf, OneOrMany, Ref, Struct
from generator.content.load import MAX_TEXT_BYTES, MAX_YAML_CHARS
from generator.content.messages import CATALOGUE
from generator.content.models import COLLECTIONS, Collection
from generator.contrib.forge import new_file_form
from generator.contrib.scaffold import (
    HINT_COLUMN,
    MARKERS,
    PLAIN,
    TITLE_FIELDS,
    filled_hint,
    head_lines,
    hint,
    tail_lines,
    unset_lines,
)
from generator.outputs.published import json_text
from generator.pages.labels import UI, enum_label
from generator.urls import LANGUAGES

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

FORMS_URL = "submit/forms.json"
"""Where the build writes the document, under the site's root (outside `en/`)."""

FORM_COLLECTIONS = (
    "proposals",
    "forums",
    "internships",
    "projects",
    "news",
    "routes",
    "publications",
    "organizations",
)
"""The forms, in the order the page offers them: the partner search board first.
Organizations last: a member that posts a proposal must be listed first."""

LANGS = LANGUAGES

MESSAGES = (
    "empty_value",
    "empty_list",
    "bad_choice",
    "bad_date",
    "bad_datetime",
    "datetime_needs_offset",
    "bad_year_or_date",
    "bad_count",
    "bad_email",
    "bad_url",
    "bad_contact",
    "unknown_mission",
    "unknown_organization",
    "unknown_theme",
    "unknown_country",
    "bad_region",
    "media_outside",
    "end_before_start",
    "file_and_url",
    "one_of_missing",
    "start_needed",
    "new_bad_slug",
    "new_needs_slug",
    "new_exists",
    "yaml_too_long",
    "file_too_big",
    "did_you_mean",
)
"""The messages of `check` (and `new`) the form shows, in the page's language."""

REF_SOURCES = {
    "mission": "api/missions.json",
    "organization": "api/organizations.json",
    "theme": "api/themes.json",
}
"""References the form offers as choices, from the site's own JSON (`api_json`)."""

PATTERNS = {
    "date": field_types._DATE.pattern,
    "datetime": field_types._DATETIME.pattern,
    "datetime_no_offset": field_types._DATETIME_NO_OFFSET.pattern,
    "year": field_types._YEAR.pattern,
    "year_month": field_types._YEAR_MONTH.pattern,
    "count": field_types._COUNT.pattern,
    "email": field_types._EMAIL.pattern,
    "url": field_types._URL.pattern,
    "region_code": _REGION_CODE.pattern,
    "region_name": _REGION_NAME.pattern,
    "slug": slugs.SLUG.pattern,
    "plain": PLAIN.pattern,
}
"""The regular expressions `fields` and `check` read values with; JavaScript reads them
the same way (whole-value matches; the URL one ignores case, as `fields._URL` does)."""


def forms_document(edit_base: str = "") -> dict[str, Any]:
    """Everything the form needs but the site's own data (missions, themes...)."""
    return {
        "forge": new_file_form(edit_base),
        "refs": REF_SOURCES,
        "patterns": PATTERNS,
        "transliteration": {**slugs._RU, **slugs._EXTRA},
        "hint_column": HINT_COLUMN,
        "markers": MARKERS,
        "limits": {"yaml_chars": MAX_YAML_CHARS, "file_bytes": MAX_TEXT_BYTES},
        "countries": {
            code: {lang: country_name(code, lang) for lang in LANGS}
            for code in sorted(country_codes())
        },
        "messages": {code: CATALOGUE[code] for code in MESSAGES},
        "ui": {key: value for key, value in UI.items() if key.startswith("submit.")},
        "collections": [collection_form(COLLECTIONS[name]) for name in FORM_COLLECTIONS],
    }


def collection_form(collection: Collection) -> dict[str, Any]:
    """One collection's form: where its files go, the lines around the fields, the fields."""
    return {
        "name": collection.name,
        "folder": collection.folder,
        "extension": collection.extension,
        "label": {lang: UI[f"section.{collection.name}"][lang] for lang in LANGS},
        "title_field": next((n for n in TITLE_FIELDS if n in collection.model.fields()), None),
        # check.RULES across fields: one of these given; `start` unless the status says over.
        "one_of": [list(names) for names in collection.model.one_of],
        "start_optional_when": list(collection.model.start_optional_when),
        "head": {lang: head_lines(collection, lang) for lang in LANGS},
        "tail": {lang: tail_lines(collection, "{slug}", lang) for lang in LANGS},
        "fields": [
            {
                **field_form(name, spec, collection.name),
                "unset": {lang: unset_lines(name, spec, None, lang) for lang in LANGS},
            }
            for name, spec in collection.model.fields().items()
        ],
    }


def field_form(name: str, spec: Field, collection: str) -> dict[str, Any]:
    """A field as the form shows and checks it; a map's own fields nest under `fields`."""
    inner = spec.item if isinstance(spec, ListOf) else spec
    entry: dict[str, Any] = {
        "name": name,
        "kind": inner.kind,
        "required": spec.required,
        "list": isinstance(spec, ListOf),
        "one_or_many": isinstance(spec, OneOrMany),
        "label": {lang: field_label(name, lang) for lang in LANGS},
        "help": {lang: hint(spec, lang) for lang in LANGS},
        "about": {lang: filled_hint(spec, lang) for lang in LANGS},
    }
    if isinstance(inner, Enum):
        entry["choices"] = [
            {"value": v, "label": {lang: enum_label(name, v, collection, lang) for lang in LANGS}}
            for v in inner.values
        ]
    if isinstance(inner, Ref):
        entry["ref"] = inner.target
    if isinstance(inner, Struct):
        entry["fields"] = [field_form(sub, f, collection) for sub, f in inner.fields.items()]
    return entry


def field_label(name: str, lang: str) -> str:
    """The field's name for readers (labels.py); the YAML key where none is written yet,
    so a field added to a model shows in the form at once (a test asks for the label)."""
    entry = UI.get(f"field.{name}")
    return entry[lang] if entry else name


def write_forms(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`: one document for both languages' forms."""
    writer.text(FORMS_URL, json_text(forms_document(context.edit_base)))
