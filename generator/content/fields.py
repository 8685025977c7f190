"""Field types of the content model: each reads a YAML node and describes itself.

A field turns the text an editor wrote into a typed value, or records a problem
(at the node's own line) and returns `INVALID`. The same objects produce the
JSON Schemas and the field list of the editor's guide, so the three cannot
disagree about what a field accepts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from generator.content.problems import Problems
from generator.content.values import LocalText, Year
from generator.content.yamlread import Mapping, Node, Scalar, Sequence
from generator.urls import FIRST, LANGUAGES

INVALID: Any = object()
"""Returned by `Field.parse` after it recorded a problem; never stored in a model."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A space for the `T` too, as RFC 3339 allows and people write (`2027-05-15 17:30+02:00`).
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})")
_DATETIME_NO_OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")
_YEAR = re.compile(r"[1-9]\d{3}")
_YEAR_MONTH = re.compile(
    r"([1-9]\d{3})-(0[1-9]|1[0-2])"
)  # as the schema says: `0000` was a Year that no date holds
_COUNT = re.compile(r"\d{1,9}")
# A plain address only (letters of any script, digits, `.`, `_`, `+`, `-`): the link
# is `mailto:<address>`, and `info@x.org?bcc=…` or `%40` would add hidden recipients.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://[^\s<>\"']+\.[^\s<>\"']+", re.IGNORECASE)
_ACCOUNT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")


@dataclass(frozen=True)
class RefUse:
    """One reference written in a file, resolved by `check` once all files are read."""

    target: str
    value: str
    line: int
    field: str


@dataclass
class Ctx:
    """Where problems and references go while one file is read."""

    problems: Problems
    path: str
    refs: list[RefUse] = field(default_factory=list)

    def error(self, line: int, code: str, /, **params: object) -> Any:
        self.problems.add(self.path, line, code, **params)
        return INVALID


def nearest(word: str, known: list[str] | tuple[str, ...]) -> str | None:
    """The known name an editor most likely meant (`stat` -> `status`)."""
    found = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if found:
        return found[0]
    # Two-letter codes are too short for a ratio (`sr` and `rs` score 0.5): one slip of
    # a finger, two letters swapped or one changed, is what an editor makes there.
    return next((name for name in sorted(known) if _one_slip(word, name)), None)


def _one_slip(word: str, name: str) -> bool:
    if len(word) != len(name) or word == name:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
    if len(diff) == 1:
        return len(word) <= 3
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == name[diff[1]]
        and (word[diff[1]] == name[diff[0]])
    )


class Field:
    """Base of every field type; `required` is checked by the model reader."""

    kind = "value"

    def __init__(self, *, required: bool = False, help: str = "") -> None:
        self.required = required
        self.help = help

    def parse(self, node: Node, ctx: Ctx, name: str) -> Any:
        if not isinstance(node, Scalar):
            return ctx.error(node.line, "expected_scalar", field=name, kind=self.kind)
        if node.is_null:
            return ctx.error(node.line, "empty_value", field=name)
        return self.parse_text(node.value.strip(), node.line, ctx, name)

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        return text

    def schema(self) -> dict[str, Any]:
        return TEXT_SCHEMA


# The checker reads any plain scalar as the text written, but a YAML 1.2 editor reads
# `phone: 4722334455` or `title: 1917` as a number: the schema must accept both.
TEXT_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}


class Plain(Field):
    """A string that is not translated: phone numbers, account names, places' codes."""

    kind = "string"


class Text(Field):
    """Text for readers: a string (Russian) or a map `{ru: ..., en: ...}`."""

    kind = "text"

    def parse(self, node: Node, ctx: Ctx, name: str) -> Any:
        if isinstance(node, Scalar):
            if node.is_null or not node.value.strip():
                return ctx.error(node.line, "empty_value", field=name)
            return LocalText(node.value.strip())
        if isinstance(node, Sequence):
            return ctx.error(node.line, "expected_text", field=name)
        return self._parse_map(node, ctx, name)

    def _parse_map(self, node: Mapping, ctx: Ctx, name: str) -> Any:
        texts: dict[str, str] = {}
        ok = True
        for lang, (line, value) in node.entries.items():
            if lang not in LANGUAGES:
                ctx.error(line, "text_language", field=name, key=lang)
                ok = False
            elif not isinstance(value, Scalar) or value.is_null or not value.value.strip():
                ctx.error(line, "empty_value", field=f"{name}.{lang}")
                ok = False
            else:
                texts[lang] = value.value.strip()
        if ok and FIRST not in texts:
            return ctx.error(node.line, "text_needs_ru", field=name)
        return LocalText(texts["ru"], texts.get("en")) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        string = TEXT_SCHEMA
        pair = {
            "type": "object",
            "properties": {"ru": string, "en": string},
            "required": ["ru"],
            "additionalProperties": False,
        }
        return {"anyOf": [string, pair]}


class Enum(Field):
    kind = "choice"

    def __init__(self, *values: str, required: bool = False, help: str = "") -> None:
        super().__init__(required=required, help=help)
        self.values = values

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        if text in self.values:
            return text
        return ctx.error(
            line,
            "bad_choice",
            field=name,
            found=text,
            allowed=", ".join(self.values),
            near=nearest(text, self.values) or "",
        )

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


class Date(Field):
    kind = "date"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        return (
            _parse_date(text, line, ctx, name)
            if _DATE.fullmatch(text)
            else ctx.error(line, "bad_date", field=name, found=text)
        )

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


class DateOrDateTime(Field):
    """A day, or a moment with its UTC offset: a time without one is ambiguous."""

    kind = "date or date-time"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        if _DATE.fullmatch(text):
            return _parse_date(text, line, ctx, name)
        if _DATETIME.fullmatch(text):
            try:
                return datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return ctx.error(line, "bad_date", field=name, found=text)
        if _DATETIME_NO_OFFSET.fullmatch(text):
            return ctx.error(line, "datetime_needs_offset", field=name, found=text)
        return ctx.error(line, "bad_datetime", field=name, found=text)

    def schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "anyOf": [
                {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                {
                    "format": "date-time",
                    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$",
                },
                {"pattern": r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$"},
            ],
        }


YEAR_OR_DATE_PATTERN = r"^(\d{4}|\d{4}-(0[1-9]|1[0-2])|\d{4}-\d{2}-\d{2})$"
"""A year, a year and month, or a day: what `YearOrDate` reads, for the JSON Schemas."""


class YearOrDate(Field):
    """A day, or as much of it as is known: a year (`2015`) or a year and month."""

    kind = "year or date"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        if _YEAR.fullmatch(text):
            return Year(int(text))
        month = _YEAR_MONTH.fullmatch(text)
        if month:
            return Year(int(month[1]), int(month[2]))
        if _DATE.fullmatch(text):
            return _parse_date(text, line, ctx, name)
        return ctx.error(line, "bad_year_or_date", field=name, found=text)

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": YEAR_OR_DATE_PATTERN},
            ]
        }


class Count(Field):
    kind = "number"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        if _COUNT.fullmatch(text):
            return int(text)
        return ctx.error(line, "bad_count", field=name, found=text)

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0}


class Email(Field):
    kind = "email"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        return (
            text if _EMAIL.fullmatch(text) else ctx.error(line, "bad_email", field=name, found=text)
        )

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "email"}


class Url(Field):
    """An http(s) address: any other scheme could run code in a reader's browser."""

    kind = "URL"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        return text if _URL.fullmatch(text) else ctx.error(line, "bad_url", field=name, found=text)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}


class EmailOrUrl(Field):
    kind = "email or URL"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        if _EMAIL.fullmatch(text) or _URL.fullmatch(text):
            return text
        return ctx.error(line, "bad_contact", field=name, found=text)


class Account(Field):
    """A forge account name, as CODEOWNERS writes it (without the `@`)."""

    kind = "account"

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        text = text.removeprefix("@")
        return (
            text
            if _ACCOUNT.fullmatch(text)
            else ctx.error(line, "bad_account", field=name, found=text)
        )


class Ref(Field):
    """A reference to something defined elsewhere; `check` resolves it.

    `target` names a table in `check.REFERENCE_TARGETS` (missions, themes...).
    """

    kind = "reference"

    def __init__(self, target: str, *, required: bool = False, help: str = "") -> None:
        super().__init__(required=required, help=help)
        self.target = target

    def parse_text(self, text: str, line: int, ctx: Ctx, name: str) -> Any:
        ctx.refs.append(RefUse(self.target, text, line, name))
        return text


class ListOf(Field):
    kind = "list"

    def __init__(self, item: Field, *, required: bool = False, help: str = "") -> None:
        super().__init__(required=required, help=help)
        self.item = item

    def parse(self, node: Node, ctx: Ctx, name: str) -> Any:
        if not isinstance(node, Sequence):
            return ctx.error(node.line, "expected_list", field=name)
        if self.required and not node.items:
            return ctx.error(node.line, "empty_list", field=name)
        values = [self.item.parse(item, ctx, name) for item in node.items]
        return INVALID if any(v is INVALID for v in values) else values

    def schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": self.item.schema(),
            **({"minItems": 1} if self.required else {}),
        }


class OneOrMany(ListOf):
    """A list that may be written as its single value (`audience: pensioners`)."""

    def parse(self, node: Node, ctx: Ctx, name: str) -> Any:
        if isinstance(node, Scalar):
            value = self.item.parse(node, ctx, name)
            return INVALID if value is INVALID else [value]
        return super().parse(node, ctx, name)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.item.schema(), super().schema()]}


class Struct(Field):
    """A map with its own fields (`leader: {name, role}`); read as a plain dict."""

    kind = "map"

    def __init__(self, fields: dict[str, Field], *, required: bool = False, help: str = "") -> None:
        super().__init__(required=required, help=help)
        self.fields = fields

    def parse(self, node: Node, ctx: Ctx, name: str) -> Any:
        if not isinstance(node, Mapping):
            return ctx.error(node.line, "expected_map", field=name, keys=", ".join(self.fields))
        values = read_fields(node, self.fields, ctx, prefix=f"{name}.")
        return INVALID if values is None else values

    def schema(self) -> dict[str, Any]:
        return object_schema(self.fields)


def read_fields(
    node: Mapping, fields: dict[str, Field], ctx: Ctx, prefix: str = ""
) -> dict[str, Any] | None:
    """Read every known key of a map; report unknown and missing ones, all of them.

    Returns None when anything was wrong, so no half-read object is built.
    """
    values, ok = read_fields_partly(node, fields, ctx, prefix)
    return values if ok else None


def read_fields_partly(
    node: Mapping, fields: dict[str, Field], ctx: Ctx, prefix: str = ""
) -> tuple[dict[str, Any], bool]:
    """`read_fields`, keeping what could be read: (the values read well, whether all were).

    An item with one bad field still exists for what refers to it and still has its
    links and translation checked in the same run (#18): only its bad fields are absent.
    """
    values: dict[str, Any] = {}
    ok = True
    for key, (line, value) in node.entries.items():
        spec = fields.get(key)
        if spec is None:
            near = nearest(key, list(fields))
            ctx.error(
                line,
                "unknown_field",
                field=prefix + key,
                near=prefix + near if near else "",
                known=", ".join(fields),
            )
            ok = False
            continue
        if isinstance(value, Scalar) and value.is_null and not spec.required:
            continue  # `end:` left empty means the same as no `end`
        parsed = spec.parse(value, ctx, prefix + key)
        if parsed is INVALID:
            ok = False
        else:
            values[key] = parsed
    for key, spec in fields.items():
        if spec.required and key not in node.entries:
            ctx.error(node.line, "missing_field", field=prefix + key)
            ok = False
    return values, ok


def object_schema(fields: dict[str, Field]) -> dict[str, Any]:
    """JSON Schema of a map of fields, for editors' autocompletion."""
    properties = {}
    for key, spec in fields.items():
        schema = spec.schema()
        if spec.help:
            schema = {**schema, "description": spec.help}
        properties[key] = schema
    required = [key for key, spec in fields.items() if spec.required]
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        **({"required": required} if required else {}),
    }


def _parse_date(text: str, line: int, ctx: Ctx, name: str) -> Any:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return ctx.error(line, "bad_date", field=name, found=text)
