"""JSON Schemas: generated from the models, committed in `schemas/`, true to the content.

Editors' YAML servers validate with these files as YAML 1.2 reads the text (`2015`
is an integer there, `2014-03-01` a string), so the content files are read the same
way here before they are validated.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.cli import main
from generator.content.load import split_front_matter
from generator.content.models import COLLECTIONS
from generator.content.problems import Problems
from generator.content.yamlread import Mapping, Node, Scalar, Sequence, read_yaml
from generator.outputs.schemas import FOLDER, schema_documents, write_schemas

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_ROOTS = [REPO, FIXTURES / "valid", FIXTURES / "feeds"]

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def yaml12(node: Node | None) -> Any:
    """Data as YAML 1.2's core schema (what yaml-language-server uses) reads it."""
    if node is None:
        return None
    if isinstance(node, Mapping):
        return {key: yaml12(value) for key, (_, value) in node.entries.items()}
    if isinstance(node, Sequence):
        return [yaml12(item) for item in node.items]
    assert isinstance(node, Scalar)
    text = node.value
    if not node.plain:
        return text
    if node.is_null:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema_documents()[name])


KNOWN_MISMATCHES: dict[Path, str] = {}
"""Files the generator accepts and the editors' schema refuses: the schema's fault
(fields.py), kept visible here until it is fixed (strict: a fix makes these pass)."""


def content_files() -> list[Any]:
    """Every data file and front matter of the repository and the fixtures, with its schema."""
    found = []
    for root in CONTENT_ROOTS:
        for collection in COLLECTIONS.values():
            schema = collection.schema_file
            for path in sorted((root / collection.folder).glob(f"[!_]*{collection.extension}")):
                if not path.name.endswith(f".en{collection.extension}"):
                    found.append((path, schema))
            for path in sorted((root / collection.folder).glob("_index.md")):
                found.append((path, "intro.schema.json"))
        for path in sorted((root / "content").glob("_index.md")):
            found.append((path, "intro.schema.json"))
        found.append((root / "content" / "themes.yml", "themes.schema.json"))
    return [
        pytest.param(
            path,
            schema,
            id=str(path.relative_to(REPO)),
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISMATCHES[path])]
            if path in KNOWN_MISMATCHES
            else [],
        )
        for path, schema in found
    ]


def data_of(path: Path) -> Any:
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        parts = split_front_matter(text, path.name, Problems())
        assert parts is not None
        text = parts.front_matter
    return yaml12(read_yaml(text))


def test_committed_schemas_are_up_to_date() -> None:
    """If this fails, run `python -m generator schemas` and review the diff."""
    committed = {
        p.relative_to(REPO / FOLDER).as_posix(): json.loads(p.read_text("utf-8"))
        for p in (REPO / FOLDER).rglob("*.json")
    }
    assert committed == schema_documents()


def test_schemas_command_writes_the_folder_and_removes_stale_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / FOLDER / "forums.schema.json"
    stale.parent.mkdir()
    stale.write_text("{}", encoding="utf-8")
    assert main(["schemas", "--root", str(tmp_path), "--lang", "en"]) == 0
    documents = schema_documents()
    written = {
        p.relative_to(tmp_path / FOLDER).as_posix() for p in (tmp_path / FOLDER).rglob("*.json")
    }
    assert written == set(documents)
    assert capsys.readouterr().out == (
        f"Schemas written into {tmp_path / FOLDER}: {len(documents)} files.\n"
    )
    assert write_schemas(tmp_path) == [f"{FOLDER}/{name}" for name in documents]


def test_the_file_names_the_content_files_point_to() -> None:
    names = {name for name in schema_documents() if "/" not in name}
    assert names == {
        f"{n}.schema.json"
        for n in (
            "mission",
            "forum",
            "internship",
            "project",
            "proposal",
            "route",
            "publication",
            "news",
            "organization",
            "page",
            "themes",
            "intro",
        )
    }


@pytest.mark.parametrize("name", sorted(schema_documents()))
def test_each_schema_is_a_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(schema_documents()[name])


@pytest.mark.parametrize(("path", "schema"), content_files())
def test_content_files_validate_against_their_schema(path: Path, schema: str) -> None:
    validator(schema).validate(data_of(path))


def test_schema_comments_in_content_files_point_to_existing_schemas() -> None:
    """`# yaml-language-server: $schema=../schemas/mission.schema.json` must resolve."""
    pointers = [
        (path, match.group(1))
        for path in sorted(REPO.glob("missions/*.yml")) + sorted(REPO.glob("content/**/*.yml"))
        for match in re.finditer(r"\$schema=(\S+)", path.read_text("utf-8"))
    ]
    assert pointers
    for path, target in pointers:
        assert (path.parent / target).resolve().is_file(), (path, target)


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        (2015, True),
        ("2015", True),
        ("2015-06-01", True),
        (15, False),
        ("2015-6-1", False),
        ("2015/06/01", False),
        (20150, False),
    ],
)
def test_year_or_date_accepts_an_integer_year_and_a_date(start: Any, ok: bool) -> None:
    project = {"title": "Проект", "missions": ["dk"], "start": start, "status": "active"}
    assert validator("project.schema.json").is_valid(project) is ok


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        ("2026-05-14", True),
        ("2026-05-14T10:00+02:00", True),
        ("2026-05-14T10:00Z", True),
        ("2026-05-14T10:00", False),
        (2026, False),
    ],
)
def test_forum_start_is_a_date_or_a_time_with_its_offset(start: Any, ok: bool) -> None:
    forum = {"title": "Форум", "start": start, "missions": ["dk"]}
    assert validator("forum.schema.json").is_valid(forum) is ok


def test_unknown_and_missing_fields_are_refused() -> None:
    errors = list(
        validator("forum.schema.json").iter_errors(
            {"title": "Форум", "start": "2026-05-14", "stauts": "held"}
        )
    )
    messages = sorted(e.message for e in errors)
    assert messages == [
        "'missions' is a required property",
        "Additional properties are not allowed ('stauts' was unexpected)",
    ]


def test_text_is_a_string_or_a_ru_en_map() -> None:
    check = validator("news.schema.json").is_valid
    base = {"date": "2026-02-01"}
    assert check({**base, "title": "Новость"})
    assert check({**base, "title": {"ru": "Новость", "en": "News"}})
    assert not check({**base, "title": {"en": "News"}})
    assert not check({**base, "title": {"ru": "Новость", "de": "Nachricht"}})


def test_norway_code_is_a_string_in_yaml_1_2() -> None:
    """`missions: [no]` is the string "no" for editors' tools as for the generator."""
    data = yaml12(read_yaml("title: Форум\nstart: 2026-05-14\nmissions: [no]\n"))
    assert data["missions"] == ["no"]
    assert validator("forum.schema.json").is_valid(data)


def test_themes_file_is_a_map_of_slugs_to_texts() -> None:
    check = validator("themes.schema.json").is_valid
    assert check({"culture": {"ru": "Культура", "en": "Culture"}, "sport": "Спорт"})
    assert not check({"Культура": "Культура"})
