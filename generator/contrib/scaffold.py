"""`new`: a correctly named file holding every field of its collection.

An editor who starts from a blank file has to know the file name rules, every
field's name and which ones are required. The scaffold writes all of that down:
required fields are filled from the command's options or left with a
placeholder that `check` rejects with a message saying what to write there, and
optional fields are commented out with a hint, so uncommenting one is the whole
job. Nothing here prints or exits: `cli` turns `ScaffoldError` into a message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.countries import is_country
from generator.content.fields import (
    Date,
    DateOrDateTime,
    Enum,
    Field,
    ListOf,
    OneOrMany,
    Ref,
    Struct,
    Text,
    YearOrDate,
)
from generator.content.models import COLLECTIONS, INTRO_NAME, Collection, Intro
from generator.content.slugs import is_slug, propose_slug
from generator.content.yamlread import Mapping as YamlMapping
from generator.content.yamlread import Scalar, Sequence, YamlProblem, read_yaml
from generator.errors import CodedError
from generator.urls import LANGUAGES

MARKERS: dict[str, dict[str, str]] = {
    "ru": {"todo": "ЗАПОЛНИТЕ", "date": "ГГГГ-ММ-ДД", "year": "ГГГГ"},
    "en": {"todo": "TODO", "date": "YYYY-MM-DD", "year": "YYYY"},
}
"""Placeholders of required fields. Each one fails `check` (a choice that is not
in the list, a date that is not a date), so a forgotten field cannot be published."""

TITLE_FIELDS = ("title", "name")
"""The field `--title` fills: the first of these the collection has."""

PLACING_FIELDS = ("missions", "host", "countries")
"""The field `--mission` fills: the first of these the collection has."""

HINT_COLUMN = 28
"""Hints start in this column, so the fields read as one aligned list."""


class ScaffoldError(CodedError):
    """A request `new` cannot fulfil; `code` is a key of `messages.CATALOGUE`."""


FormValue = str | list[str] | dict[str, str] | list[dict[str, str]]
"""A field's value as the web form gives it (see `Request.values`)."""


@dataclass(frozen=True)
class Request:
    """What the editor asked for on the command line."""

    collection: str
    mission: str | None = None
    title: str | None = None
    slug: str | None = None
    lang: str = "ru"
    section: str | None = None
    """With `_index`: the section introduced (`home` for the home page)."""
    values: Mapping[str, FormValue] = field(default_factory=dict)
    """Values of any fields, as the web form (/submit/) takes them: a string, a list of
    strings, a map of a `Struct`'s fields, or a list of such maps. They win over
    `title` and `mission`."""
    body: str = ""
    """Markdown written after the front matter."""


SECTION_NAMES = ["home", *[name for name in COLLECTIONS if name != "pages"]]
"""What `new _index --section` accepts: free pages are no section."""


# -- hints ----------------------------------------------------------------------------

KIND_HINTS: dict[str, tuple[str, str]] = {
    "text": ("текст: строка или {ru: ..., en: ...}", "text: a string or {ru: ..., en: ...}"),
    "string": ("строка", "a string"),
    "date": ("дата ГГГГ-ММ-ДД", "a date, YYYY-MM-DD"),
    "date or date-time": (
        "дата ГГГГ-ММ-ДД или время с поясом 2026-05-14T10:00+02:00",
        "a date YYYY-MM-DD or a time with its offset 2026-05-14T10:00+02:00",
    ),
    "year or date": (
        "год (2015), год и месяц (2015-06) или дата ГГГГ-ММ-ДД",
        "a year (2015), a year and month (2015-06) or a date YYYY-MM-DD",
    ),
    "number": ("целое число", "a whole number"),
    "email": ("адрес почты", "an email address"),
    "URL": ("адрес сайта https://...", "a web address https://..."),
    "email or URL": ("адрес почты или сайта https://...", "an email or a web address"),
    "account": ("имя учётной записи на GitHub или GitLab", "a GitHub or GitLab account name"),
    "map": ("словарь с полями ниже", "a map with the fields below"),
}

REF_HINTS: dict[str, tuple[str, str]] = {
    "mission": ("код миссии, например dk", "a mission code, e.g. dk"),
    "organization": (
        "имя файла организации из content/organizations/ без .yml",
        "an organization's file name in content/organizations/, without .yml",
    ),
    "theme": ("тема из content/themes.yml", "a theme from content/themes.yml"),
    "country": ("код страны ISO 3166-1, например dk", "an ISO 3166-1 country code, e.g. dk"),
    "language": ("код языка ISO 639-1, например ru", "an ISO 639-1 language code, e.g. ru"),
    "region": (
        "субъект РФ: название или код вида RU-MOW",
        "a Russian federal subject: its name or a code like RU-MOW",
    ),
    "media": ("путь к файлу, например media/photo.jpg", "a file path, e.g. media/photo.jpg"),
}

HELP_RU: dict[str, str] = {
    "theme slugs from content/themes.yml": "темы из content/themes.yml, например [culture]",
    "mission codes, e.g. [dk]": "коды миссий, например [dk]",
    "organization slugs from content/organizations/": "имена файлов организаций из content/organizations/ без .yml",
    "default: the country's name": "по умолчанию — название страны",
    "forge accounts that may approve": "учётные записи GitHub или GitLab, которые одобряют изменения миссии",
    "ISO 639-1 codes": "коды языков ISO 639-1, например [da, ru]",
    "default: from the dates": "если не указано — по датам",
    "the host mission's code": "код принимающей миссии, например dk",
    "federal subjects: name or ISO 3166-2:RU code": "субъекты РФ: название или код ISO 3166-2:RU",
    "ISO 3166-1 codes": "коды стран ISO 3166-1, например [dk, no]",
    "after it the proposal is archived": "после этой даты предложение уходит в архив",
    "a media path, or give url": "путь к файлу в media/ (или укажите url)",
    "the host mission's code, or give country": "код принимающей миссии, например dk "
    "(или укажите country)",
    "ISO 3166-1 code of the host country where no mission exists yet": "код страны ISO 3166-1, "
    "если миссии там ещё нет, например de",
    "year, year-month or date; may be left out when completed": "год (2015), год и месяц "
    "(2015-06) или дата; можно не указывать, если status: completed и даты неизвестны",
    "how many regions, when they are not named": "сколько регионов, если они не названы",
    "editors: a page for contributors, out of the navigation and the search index": "editors — "
    "страница для участников: её нет в меню и в поиске по сайту",
    "where to apply: a URL or an email address": "куда подавать заявку: адрес сайта или почты",
}
"""Russian for every `Field.help` of the models; a help without one is shown in English."""
FIELD_HELP = {"ru": HELP_RU}
"""`Field.help` by language; the models' own words are English."""

COMMENTS: dict[str, dict[str, str]] = {
    "ru": {
        "required": "обязательное поле",
        "fill": "{todo} — обязательное поле",
        "one_of": "одно из: {values}",
        "some_of": "одно или несколько из: {values}",
        "one_or_list": "одно значение или список",
        "list": "список",
        "intro": "Новый файл раздела {collection}. Заполните поля с пометкой {todo};\n"
        "необязательные поля раскомментируйте (уберите «# » в начале строки)\n"
        "или оставьте как есть. Затем проверьте: python -m generator check",
        "body": "Текст на русском (Markdown) пишите ниже строки ---. Английский перевод —\n"
        "в файле {slug}.en.md: в нём можно переопределить текстовые поля.",
        "intro_index": "Введение раздела {section}: заголовок, кратко и текст ниже строки ---\n"
        "о том, что в разделе будет и как миссия может его пополнить.\n"
        "Заполните поля с пометкой {todo}. Затем: python -m generator check",
    },
    "en": {
        "required": "required",
        "fill": "{todo} — required",
        "one_of": "one of: {values}",
        "some_of": "one or more of: {values}",
        "one_or_list": "one value or a list",
        "list": "a list",
        "intro": "A new file of {collection}. Fill in the fields marked {todo};\n"
        'uncomment the optional fields you need (remove the leading "# ")\n'
        "or leave them. Then run: python -m generator check",
        "body": "Write the Russian text (Markdown) below the --- line. The English\n"
        "translation goes into {slug}.en.md, which may override text fields.",
        "intro_index": "The introduction of the {section} section: a title, a summary, and\n"
        "below the --- line what the section will hold and how a mission adds to it.\n"
        "Fill in the fields marked {todo}. Then run: python -m generator check",
    },
}


def _index(lang: str) -> int:
    """The place of `lang` in the hint tables' pairs, which follow `LANGUAGES`."""
    return LANGUAGES.index(lang)


def hint(spec: Field, lang: str) -> str:
    """What a field takes, in the editor's language: help if given, else its type."""
    words = COMMENTS[lang]
    if isinstance(spec, Enum):
        parts = [words["one_of"].format(values=", ".join(spec.values))]
        return "; ".join(parts + ([_help(spec.help, lang)] if spec.help else []))
    if spec.help:
        return _help(spec.help, lang)
    if isinstance(spec, Ref):
        return REF_HINTS[spec.target][_index(lang)]
    if isinstance(spec, ListOf) and isinstance(spec.item, Enum):
        return words["some_of"].format(values=", ".join(spec.item.values))
    if isinstance(spec, ListOf) and not isinstance(spec.item, Struct):
        prefix = words["one_or_list"] if isinstance(spec, OneOrMany) else words["list"]
        return f"{prefix}: {hint(spec.item, lang)}"
    if isinstance(spec, ListOf):
        return words["list"]
    return KIND_HINTS[spec.kind][_index(lang)]


def _help(text: str, lang: str) -> str:
    return FIELD_HELP.get(lang, {}).get(text, text)


# -- placeholders ---------------------------------------------------------------------

PLACEHOLDERS: dict[type[Field], Callable[[dict[str, str]], str]] = {
    # An empty value: `check` says "field ... is empty", and the comment says what to write.
    Field: lambda marks: "",
    # A text would accept any word as a title, so it stays empty too.
    Text: lambda marks: "",
    # The marker is no allowed value: `check` lists the allowed ones.
    Enum: lambda marks: marks["todo"],
    # Letters where digits belong: `check` says "not a date; write YYYY-MM-DD".
    Date: lambda marks: marks["date"],
    DateOrDateTime: lambda marks: marks["date"],
    YearOrDate: lambda marks: marks["year"],
    # An empty list of a required list: "the list is empty; at least one value is required".
    ListOf: lambda marks: "[]",
}
"""The value a required field gets when no option filled it; every one fails `check`."""


def placeholder(spec: Field, lang: str) -> str:
    for cls in type(spec).__mro__:
        if cls in PLACEHOLDERS:
            return PLACEHOLDERS[cls](MARKERS[lang])
    raise AssertionError(spec)  # Field is in the table, and every field type is a Field


# -- the file -------------------------------------------------------------------------


def collection_of(name: str) -> Collection:
    return COLLECTIONS[name]


def intro_file(section: str | None) -> str:
    """`content/_index.md`, `missions/_index.md` or `content/<collection>/_index.md`."""
    if section is None:
        raise ScaffoldError("new_needs_section", sections=", ".join(SECTION_NAMES))
    if section == "home":
        return f"content/{INTRO_NAME}.md"
    return f"{COLLECTIONS[section].folder}/{INTRO_NAME}.md"


def file_name(request: Request) -> str:
    """The path, relative to the root, that `new` writes; checks the names it uses."""
    if request.collection == INTRO_NAME:
        return intro_file(request.section)
    collection = collection_of(request.collection)
    if request.mission is not None and not is_country(request.mission):
        raise ScaffoldError("new_bad_mission", code=request.mission)
    if collection.name == "missions":
        code = request.mission or request.slug
        if not code:
            raise ScaffoldError("new_needs_mission")
        if not is_country(code):
            raise ScaffoldError("new_bad_mission", code=code)
        return f"{collection.folder}/{code}{collection.extension}"
    if request.mission and not _field_of(collection, PLACING_FIELDS):
        raise ScaffoldError("new_mission_unused", collection=collection.name)
    slug = request.slug or (propose_slug(request.title) if request.title else "")
    if not slug:
        raise ScaffoldError("new_needs_slug")
    if not is_slug(slug):
        raise ScaffoldError("new_bad_slug", slug=slug, proposal=propose_slug(slug))
    return f"{collection.folder}/{slug}{collection.extension}"


def render(request: Request) -> str:
    """The text of the new file."""
    if request.collection == INTRO_NAME:
        return _render_intro(request)
    collection = collection_of(request.collection)
    rel = file_name(request)
    given = _given_values(collection, request)
    lines = head_lines(collection, request.lang)
    for name, spec in collection.model.fields().items():
        value = request.values.get(name)
        if is_set(value):
            lines += value_lines(name, spec, value, request.lang)  # type: ignore[arg-type]
        else:
            # `new` asks for `start` and the first of "one of" fields with a marker
            # that fails `check`; the form checks them itself and leaves them out.
            asked = _asked_for(collection, name) and not request.values
            lines += unset_lines(name, spec, given.get(name), request.lang, asked)
    lines += tail_lines(collection, Path(rel).stem, request.lang)
    return "\n".join(lines) + "\n" + body_text(request.body)


def head_lines(collection: Collection, lang: str) -> list[str]:
    """What comes before the fields: `---` or the schema line, then how to fill them."""
    if collection.extension == ".yml":
        depth = collection.folder.count("/") + 1
        schema = "../" * depth + f"schemas/{collection.schema_file}"
        lines = [f"# yaml-language-server: $schema={schema}"]
    else:
        lines = ["---"]
    todo = MARKERS[lang]["todo"]
    return lines + _comment(COMMENTS[lang]["intro"].format(collection=collection.name, todo=todo))


def tail_lines(collection: Collection, slug: str, lang: str) -> list[str]:
    """What comes after the fields: for a Markdown file, where the text goes, and `---`."""
    if collection.extension != ".md":
        return []
    return [*_comment(COMMENTS[lang]["body"].format(slug=slug)), "---"]


def is_set(value: FormValue | None) -> bool:
    """Whether a form value holds anything: an empty string, list or map is no value."""
    if isinstance(value, dict):
        return any(v.strip() for v in value.values())
    if isinstance(value, list):
        return any(is_set(v) for v in value)
    return bool(value and value.strip())


def body_text(body: str) -> str:
    """The Markdown body as the file ends with it: Unix line ends, one final newline."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    return body + "\n" if body else ""


def value_lines(name: str, spec: Field, value: FormValue, lang: str) -> list[str]:
    """A field filled in by the web form, uncommented, with the hint `new` gives it.

    `theme/assets/javascripts/submit.js` writes the same lines; a browser test
    compares the two byte for byte.
    """
    struct = spec.item if isinstance(spec, ListOf) else spec
    if not isinstance(struct, Struct):
        items = [v for v in value if isinstance(v, str) and v.strip()]
        text = (
            "[" + ", ".join(yaml_scalar(v, flow=True) for v in items) + "]"
            if isinstance(spec, ListOf)
            else yaml_scalar(str(value))
        )
        return [_line(f"{name}: {text}", filled_hint(spec, lang))]
    lines = [_line(f"{name}:", filled_hint(spec, lang))]
    rows = value if isinstance(value, list) else [value]
    for row in rows:
        if not isinstance(row, dict) or not is_set(row):
            continue
        indent = "  - " if isinstance(spec, ListOf) else "  "
        for sub, sub_spec in struct.fields.items():
            if row.get(sub, "").strip():
                lines.append(
                    _line(f"{indent}{sub}: {yaml_scalar(row[sub])}", filled_hint(sub_spec, lang))
                )
                indent = "    " if isinstance(spec, ListOf) else "  "
    return lines


def filled_hint(spec: Field, lang: str) -> str:
    """The comment after a field that has a value: "required; " and what it takes."""
    about = hint(spec, lang)
    return f"{COMMENTS[lang]['required']}; {about}" if spec.required else about


def _render_intro(request: Request) -> str:
    file_name(request)  # the section is known
    todo = MARKERS[request.lang]["todo"]
    words = COMMENTS[request.lang]
    lines = ["---"]
    lines += _comment(words["intro_index"].format(section=request.section, todo=todo))
    for name, spec in Intro.fields().items():
        value = yaml_scalar(request.title) if name == "title" and request.title else None
        lines += unset_lines(name, spec, value, request.lang)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _asked_for(collection: Collection, name: str) -> bool:
    """Optional in the model but asked for by `new`: the first field of each "one of"
    group (`host` of `host`/`country`), and `start` where only what is over may lack it
    (`check._start_unless_over`): a new item is usually not over."""
    model = collection.model
    return (name == "start" and bool(model.start_optional_when)) or any(
        names[0] == name for names in model.one_of
    )


def create(root: Path, request: Request) -> str:
    """Write the new file under `root`; never over an existing one. Returns its path."""
    if not (root / "missions").is_dir() and not (root / "content").is_dir():
        raise ScaffoldError("new_not_a_root", root=root)
    rel = file_name(request)
    text = render(request)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError("new_exists", path=rel) from None
    return rel


def _field_of(collection: Collection, names: tuple[str, ...]) -> str | None:
    fields = collection.model.fields()
    return next((name for name in names if name in fields), None)


def _given_values(collection: Collection, request: Request) -> dict[str, str]:
    """YAML values for the fields the options fill: the title and the mission."""
    fields = collection.model.fields()
    given: dict[str, str] = {}
    title_field = _field_of(collection, TITLE_FIELDS)
    if request.title and title_field:
        given[title_field] = yaml_scalar(request.title)
    placing = _field_of(collection, PLACING_FIELDS)
    if request.mission and placing and collection.name != "missions":
        code = request.mission
        given[placing] = f"[{code}]" if isinstance(fields[placing], ListOf) else code
    return given


def unset_lines(
    name: str, spec: Field, value: str | None, lang: str, asked: bool = False
) -> list[str]:
    """A field the form left empty: its placeholder if required, else commented out."""
    words = COMMENTS[lang]
    about = hint(spec, lang)
    if value is not None:
        return [
            _line(f"{name}: {value}", f"{words['required']}; {about}" if spec.required else about)
        ]
    if spec.required or asked:
        todo = MARKERS[lang]["todo"]
        return [
            _line(
                f"{name}: {placeholder(spec, lang)}".rstrip(),
                f"{words['fill'].format(todo=todo) if spec.required else todo}; {about}",
            )
        ]
    return _optional_lines(name, spec, lang)


def _optional_lines(name: str, spec: Field, lang: str) -> list[str]:
    """An optional field, commented out; a map's own fields follow it, indented."""
    struct = spec.item if isinstance(spec, ListOf) else spec
    if not isinstance(struct, Struct):
        empty = "[]" if isinstance(spec, ListOf) else ""
        return [_line(f"{name}: {empty}".rstrip(), hint(spec, lang), commented=True)]
    lines = [_line(f"{name}:", hint(spec, lang), commented=True)]
    indent = "  - " if isinstance(spec, ListOf) else "  "
    for sub, sub_spec in struct.fields.items():
        about = hint(sub_spec, lang)
        if sub_spec.required:
            about = f"{COMMENTS[lang]['required']}; {about}"
        lines.append(_line(f"{indent}{sub}:", about, commented=True))
        indent = "    " if isinstance(spec, ListOf) else "  "
    return lines


def _line(code: str, comment: str, commented: bool = False) -> str:
    """`key: value   # hint`; a commented-out line keeps its hint in the same column."""
    code = f"# {code}" if commented else code
    return f"{code.ljust(HINT_COLUMN - 1)} # {comment}"


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in text.splitlines()]


PLAIN = re.compile(
    r"(?!(?:null|Null|NULL)$)[A-Za-z0-9А-Яа-яЁё][A-Za-z0-9А-Яа-яЁё .,;()«»'\"/№+_-]*"
)
"""Values written without quotes: letters, digits and punctuation that YAML never reads
as syntax, and not one of the words YAML reads as nothing (a title "Null" would be an
empty field). The web form exports this pattern and quotes the same values (submit.js)."""


def yaml_scalar(value: str, flow: bool = False) -> str:
    """`value` as YAML that reads back as the same string: plain if it can be, else quoted.

    Plain only when `PLAIN` allows it (no `: `, ` #`, leading `[`...), and, in a flow
    list (`flow`), no comma; the strict reader confirms it reads back unchanged.
    Otherwise JSON, which is YAML: `json.dumps` and the browser's `JSON.stringify`
    write the same text.
    """
    value = value.strip()
    if PLAIN.fullmatch(value) and not (flow and "," in value) and _reads_back(value, flow):
        return value
    return json.dumps(value, ensure_ascii=False)


def _reads_back(value: str, flow: bool) -> bool:
    try:
        node = read_yaml(f"k: [{value}]\n" if flow else f"k: {value}\n")
    except YamlProblem:
        return False
    if not isinstance(node, YamlMapping):
        return False
    read: object = node.entries["k"][1]
    if flow:
        items = read.items if isinstance(read, Sequence) else []
        read = items[0] if len(items) == 1 else None
    return isinstance(read, Scalar) and read.plain and not read.is_null and read.value == value
