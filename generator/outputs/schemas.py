"""JSON Schemas generated from the models: for editors' YAML and for the published JSON.

Two families, both from the same `fields.Field` specs that read the content, so
a schema cannot accept what `check` refuses or the other way round:

- `<singular>.schema.json`: a data file (`missions/*.yml`,
  `content/organizations/*.yml`, `content/themes.yml`) or a collection's front
  matter. Editors' YAML servers load them through the
  `# yaml-language-server: $schema=../schemas/mission.schema.json` line.
- `api/<collection>.schema.json`: the files under `/api/`, whose values have one
  normal form (`api_json`), so their schemas are stricter than the editors'.

They are published under `/schemas/` and committed in `schemas/` (the files
the YAML line points to); `python -m generator schemas` rewrites the committed
copy and a test fails when it is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.build.writer import Writer
from generator.content.fields import (
    YEAR_OR_DATE_PATTERN,
    Field,
    ListOf,
    OneOrMany,
    Struct,
    Text,
    YearOrDate,
    object_schema,
)
from generator.content.models import (
    COLLECTIONS,
    INTRO_NAME,
    THEME_FIELD,
    Collection,
    Intro,
    Item,
)
from generator.content.slugs import SLUG
from generator.outputs.published import json_text

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs.registry import SiteContext

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"
"""In the repository and in the site alike."""

_SLUG = {"type": "string", "pattern": f"^{SLUG.pattern}$"}
_TEXT_PAIR = {
    "type": "object",
    "properties": {
        "ru": {"type": "string", "minLength": 1},
        "en": {"type": "string", "minLength": 1},
    },
    "required": ["ru"],
    "additionalProperties": False,
}


def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema by its path under `schemas/`, in a stable order."""
    documents = {c.schema_file: source_schema(c) for c in COLLECTIONS.values()}
    documents["intro.schema.json"] = _document(
        f"Front matter of content/{INTRO_NAME}.md, content/<collection>/{INTRO_NAME}.md, "
        f"missions/{INTRO_NAME}.md",
        "A section's introduction, or the home page's (content-model.md).",
        object_schema(Intro.fields()),
    )
    documents["themes.schema.json"] = _document(
        "content/themes.yml",
        "The controlled list of themes: `<slug>: {ru: ..., en: ...}`.",
        {"type": "object", "propertyNames": _SLUG, "additionalProperties": THEME_FIELD.schema()},
    )
    for name in COLLECTIONS:
        documents[f"api/{name}.schema.json"] = api_collection_schema(COLLECTIONS[name])
    documents["api/themes.schema.json"] = _document(
        "/api/themes.json",
        "Theme labels by slug.",
        {
            "type": "object",
            "properties": {
                "themes": {
                    "type": "object",
                    "propertyNames": _SLUG,
                    "additionalProperties": _TEXT_PAIR,
                }
            },
            "required": ["themes"],
            "additionalProperties": False,
        },
    )
    documents["api/index.schema.json"] = api_index_schema()
    return documents


def source_schema(collection: Collection) -> dict[str, Any]:
    """The schema of one collection's YAML: the data file, or the front matter."""
    if collection.extension == ".yml":
        name = "<code>" if collection.name == "missions" else "<slug>"
        title = f"{collection.folder}/{name}.yml"
    else:
        title = f"Front matter of {collection.folder}/<slug>.md"
    return _document(
        title,
        f"Fields of the {collection.name} collection (content-model.md).",
        {**object_schema(collection.model.fields()), **rules_schema(collection.model)},
    )


def rules_schema(model: type[Item]) -> dict[str, Any]:
    """The model's rules across fields (`check._one_of_given`, `check._start_unless_over`)
    as JSON Schema: `host` or `country`; `start` unless the status says the item is over."""
    rules: list[dict[str, Any]] = [
        {"anyOf": [_given_schema(name) for name in names]} for names in model.one_of
    ]
    if model.start_optional_when:
        over = {"properties": {"status": {"enum": list(model.start_optional_when)}}}
        rules.append({"if": {**over, "required": ["status"]}, "else": {"required": ["start"]}})
    return {"allOf": rules} if rules else {}


def _given_schema(dotted: str) -> dict[str, Any]:
    name, _, key = dotted.partition(".")
    if key:
        return {"required": [name], "properties": {name: {"required": [key]}}}
    return {"required": [name], "properties": {name: {"not": {"type": "array", "maxItems": 0}}}}


def api_collection_schema(collection: Collection) -> dict[str, Any]:
    fields = collection.model.fields()
    item = {
        "type": "object",
        "properties": {
            "slug": _SLUG,
            "page_url": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "required": ["ru", "en"],
                "description": "the item's page in each language",
            },
            "updated": {
                "type": "string",
                "format": "date-time",
                "description": "when the item's files last changed (the last commit), in UTC",
            },
            **{name: api_field_schema(spec) for name, spec in fields.items()},
        },
        "required": ["slug", "page_url", *[name for name, spec in fields.items() if spec.required]],
        "additionalProperties": False,
        **rules_schema(collection.model),
    }
    return _document(
        f"/api/{collection.name}.json",
        f"Every item of the {collection.name} collection, in slug order.",
        {
            "type": "object",
            "properties": {
                "collection": {"const": collection.name},
                "count": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": item},
            },
            "required": ["collection", "count", "items"],
            "additionalProperties": False,
        },
    )


def api_index_schema() -> dict[str, Any]:
    required = ["count", "url", "schema"]
    entry: dict[str, Any] = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "url": {"type": "string"},
            "schema": {"type": "string"},
        },
        "required": required,
        "additionalProperties": False,
    }
    return _document(
        "/api/index.json",
        "The published JSON files and their schemas.",
        {
            "type": "object",
            "properties": {
                "collections": {
                    "type": "array",
                    "items": {**entry, "required": ["name", *required]},
                },
                "themes": entry,
            },
            "required": ["collections", "themes"],
            "additionalProperties": False,
        },
    )


def _api_struct(spec: Struct) -> dict[str, Any]:
    schema = object_schema(spec.fields)
    schema["properties"] = {k: api_field_schema(f) for k, f in spec.fields.items()}
    return schema


_API_FORMS: list[tuple[type[Field], Callable[[Any], dict[str, Any]]]] = [
    (Text, lambda spec: _TEXT_PAIR),
    (YearOrDate, lambda spec: {"type": "string", "pattern": YEAR_OR_DATE_PATTERN}),
    (
        OneOrMany,
        lambda spec: {
            "type": "array",
            "items": api_field_schema(spec.item),
            **({"minItems": 1} if spec.required else {}),
        },
    ),
    (ListOf, lambda spec: {**spec.schema(), "items": api_field_schema(spec.item)}),
    (Struct, _api_struct),
]
"""How `api_json` writes a value, by field type (first match wins: OneOrMany is a
ListOf). Other fields are written as read, so their editors' schema holds."""


def api_field_schema(spec: Field) -> dict[str, Any]:
    schema = (
        next((form(spec) for kind, form in _API_FORMS if isinstance(spec, kind)), None)
        or spec.schema()
    )
    return {**schema, "description": spec.help} if spec.help else schema


def _document(title: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": description, **schema}


def write_schemas(root: Path) -> list[str]:
    """Rewrite `<root>/schemas/` to match the models; returns the files written.

    Schema files that no model produces any more are removed, so the folder
    holds exactly what the site publishes.
    """
    documents = schema_documents()
    folder = root / FOLDER
    for stale in sorted(folder.rglob("*.schema.json")) if folder.is_dir() else []:
        if stale.relative_to(folder).as_posix() not in documents:
            stale.unlink()
    writer = Writer(folder, overwrite=True)
    for path, document in documents.items():
        writer.text(path, json_text(document))
    return [f"{FOLDER}/{path}" for path in documents]


def publish_schemas(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.registry.STEPS`: the site's copy, for editors without a checkout."""
    for path, document in schema_documents().items():
        writer.text(f"{FOLDER}/{path}", json_text(document))
