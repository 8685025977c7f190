"""`new`: the file it writes is named right, holds every field, and fails `check`
exactly where the editor still has to write something, until that is done."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.check import load_and_check
from generator.content.fields import Field, ListOf, Struct
from generator.content.messages import render_message
from generator.content.models import COLLECTIONS
from generator.content.yamlread import Scalar, read_yaml
from generator.contrib.scaffold import HELP_RU, Request, render, yaml_scalar

# Options given to `new`, the problems `check` then reports (field -> code), and the
# values that fill those fields in. Every required field the options leave open is here.
CASES: dict[str, tuple[list[str], str, dict[str, str], dict[str, str]]] = {
    "missions": (
        ["--mission", "no"],
        "missions/no.yml",
        {"status": "bad_choice"},
        {"status": "forming"},
    ),
    "organizations": (
        ["--title", "Датское культурное общество", "--slug", "dansk", "--mission", "dk"],
        "content/organizations/dansk.yml",
        {"country": "empty_value"},
        {"country": "dk"},
    ),
    "forums": (
        ["--title", "Форум в Копенгагене", "--mission", "dk"],
        "content/forums/forum-v-kopengagene.md",
        {"start": "bad_datetime"},
        {"start": "2026-05-14T10:00+02:00"},
    ),
    "internships": (
        ["--title", "Стажировка в Дании", "--mission", "dk"],
        "content/internships/stazhirovka-v-danii.md",
        {"start": "bad_year_or_date"},
        {"start": "2019-10-07"},
    ),
    "projects": (
        ["--title", "Памятник Гагарину", "--mission", "dk"],
        "content/projects/pamiatnik-gagarinu.md",
        {"start": "bad_year_or_date", "status": "bad_choice"},
        {"start": "2015", "status": "completed"},
    ),
    "proposals": (
        ["--title", "Ищем партнёров", "--mission", "dk"],
        "content/proposals/ishchem-partnerov.md",
        {"organization": "empty_value", "looking_for": "empty_value", "expires": "bad_date"},
        {
            "organization": "soyuz-nko",
            "looking_for": "Партнёры для фестиваля",
            "expires": "2030-01-01",
        },
    ),
    "routes": (
        ["--title", "Копенгаген без барьеров", "--mission", "dk"],
        "content/routes/kopengagen-bez-barerov.md",
        {"audience": "empty_list"},
        {"audience": "[pensioners, families]"},
    ),
    "publications": (
        ["--title", "Формы общественной дипломатии"],
        "content/publications/formy-obshchestvennoi-diplomatii.md",
        {"authors": "empty_list", "date": "bad_date"},
        {"authors": "[А. А. Маркарян]", "date": "2020-03-01"},
    ),
    "news": (
        ["--title", "Итоги года", "--mission", "dk"],
        "content/news/itogi-goda.md",
        {"date": "bad_date"},
        {"date": "2025-12-30"},
    ),
    "pages": (
        ["--slug", "kak-pomoch"],
        "content/pages/kak-pomoch.md",
        {"title": "empty_value"},
        {"title": "Как помочь"},
    ),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A valid repository with one mission and one organization to refer to."""
    (tmp_path / "missions").mkdir()
    (tmp_path / "missions" / "dk.yml").write_text("status: active\n", encoding="utf-8")
    (tmp_path / "content" / "organizations").mkdir(parents=True)
    (tmp_path / "content" / "organizations" / "soyuz-nko.yml").write_text(
        "name: Союз НКО\ncountry: ru\n", encoding="utf-8"
    )
    assert not load_and_check(tmp_path)[1]
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def problems_by_field(root: Path) -> dict[str, dict[str, str]]:
    """path -> {field: code} of what `check` reports."""
    found: dict[str, dict[str, str]] = {}
    for problem in load_and_check(root)[1].sorted():
        found.setdefault(problem.path, {})[dict(problem.params).get("field", "")] = problem.code
    return found


def fill(path: Path, values: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, flags=re.MULTILINE)
        assert n == 1, key
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("collection", list(CASES))
def test_new_file_fails_check_until_its_marked_fields_are_filled(
    repo: Path, capsys: pytest.CaptureFixture[str], collection: str
) -> None:
    options, rel, expected, values = CASES[collection]
    code, out, _ = run(capsys, "new", collection, "--root", str(repo), "--lang", "ru", *options)
    assert code == 0
    assert out == render_message("new_created", {"path": rel, "marker": "ЗАПОЛНИТЕ"})
    assert problems_by_field(repo) == {rel: expected}
    fill(repo / rel, values)
    assert problems_by_field(repo) == {}


@pytest.mark.parametrize("collection", list(CASES))
def test_english_placeholders_fail_check_the_same_way(
    repo: Path, capsys: pytest.CaptureFixture[str], collection: str
) -> None:
    options, rel, expected, _ = CASES[collection]
    assert run(capsys, "new", collection, "--root", str(repo), "--lang", "en", *options)[0] == 0
    assert "TODO" in (repo / rel).read_text(encoding="utf-8")
    assert problems_by_field(repo) == {rel: expected}


@pytest.mark.parametrize("collection", list(CASES))
def test_scaffold_lists_every_field_of_its_collection(collection: str) -> None:
    text = render(Request(collection, slug="x", mission="dk" if collection == "missions" else None))
    for name, spec in COLLECTIONS[collection].model.fields().items():
        assert re.search(rf"^(# )?{name}:", text, re.MULTILINE), name
        for sub in _struct_fields(spec):
            assert re.search(rf"^#\s+(- )?{sub}:", text, re.MULTILINE), f"{name}.{sub}"


def _struct_fields(spec: Field) -> list[str]:
    inner = spec.item if isinstance(spec, ListOf) else spec
    return list(inner.fields) if isinstance(inner, Struct) else []


@pytest.mark.parametrize("collection", list(CASES))
def test_uncommenting_an_optional_field_without_a_value_is_harmless(
    repo: Path, capsys: pytest.CaptureFixture[str], collection: str
) -> None:
    options, rel, _, values = CASES[collection]
    run(capsys, "new", collection, "--root", str(repo), *options)
    fill(repo / rel, values)
    path = repo / rel
    path.write_text(
        re.sub(r"^# ([a-z_]+:)", r"\1", path.read_text(encoding="utf-8"), flags=re.MULTILINE),
        encoding="utf-8",
    )
    assert problems_by_field(repo) == {}


def test_yaml_files_name_their_json_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "missions", "--root", str(repo), "--mission", "no")
    run(capsys, "new", "organizations", "--root", str(repo), "--slug", "nordisk-fond")
    for rel, schema in (
        ("missions/no.yml", "mission"),
        ("content/organizations/nordisk-fond.yml", "organization"),
    ):
        first = (repo / rel).read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix)
        target = ((repo / rel).parent / first.removeprefix(prefix)).resolve()
        assert target == (repo / "schemas" / f"{schema}.schema.json").resolve()


def test_markdown_files_start_with_front_matter() -> None:
    assert render(Request("forums", slug="x")).startswith("---\n")


def test_new_refuses_to_overwrite(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "missions" / "dk.yml").read_text(encoding="utf-8")
    code, out, err = run(
        capsys, "new", "missions", "--root", str(repo), "--mission", "dk", "--lang", "ru"
    )
    assert (code, out) == (1, "")
    assert err == (
        "файл missions/dk.yml уже есть и не будет перезаписан: правьте его или выберите другое имя"
    )
    assert (repo / "missions" / "dk.yml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["forums"],
            "укажите имя файла (--slug) или название (--title), из которого оно получится",
        ),
        (
            ["forums", "--slug", "Форум Осло"],
            "имя «Форум Осло» недопустимо: только строчные латинские буквы, цифры и дефисы; "
            "предлагается «forum-oslo»",
        ),
        (["missions"], "для новой миссии укажите код страны: --mission dk"),
        (
            ["missions", "--mission", "zz"],
            "«zz» не двухбуквенный код страны ISO 3166-1 (например, dk, de, no)",
        ),
        (
            ["publications", "--slug", "x", "--mission", "dk"],
            "в разделе publications нет поля миссии: уберите --mission",
        ),
    ],
)
def test_new_explains_what_it_cannot_do(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(capsys, "new", *args, "--root", str(repo), "--lang", "ru") == (1, "", message)


def test_new_speaks_english_when_asked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "forums", "--root", str(repo), "--lang", "en")
    assert (code, err) == (1, "give a file name (--slug) or a title (--title) to make one from")


def test_new_takes_english_from_the_locale(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    code, out, _ = run(capsys, "new", "news", "--root", str(repo), "--slug", "n")
    assert (code, out) == (
        0,
        "created content/news/n.md: fill in the fields marked TODO, "
        "then run python -m generator check",
    )


def test_new_refuses_a_folder_that_is_no_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "new", "news", "--root", str(tmp_path), "--slug", "n", "--lang", "en"
    )
    assert code == 1
    assert err == (
        f"{tmp_path} holds neither missions/ nor content/: give the repository root with --root"
    )
    assert list(tmp_path.iterdir()) == []


def test_mission_option_fills_the_field_that_places_the_item() -> None:
    assert "\nhost: dk " in render(Request("internships", slug="x", mission="dk"))
    assert "\ncountries: [dk] " in render(Request("routes", slug="x", mission="dk"))
    assert "\nmissions: [dk] " in render(Request("forums", slug="x", mission="dk"))


@pytest.mark.parametrize(
    "title",
    [
        "Форум: итоги",
        "# не комментарий",
        "[в скобках]",
        "no",
        'Цитата «в кавычках» и "прямых"',
        "2026",
    ],
)
def test_titles_read_back_exactly_as_given(title: str) -> None:
    node = read_yaml(f"title: {yaml_scalar(title)}\n")
    value = node.entries["title"][1]  # type: ignore[union-attr]
    assert isinstance(value, Scalar)
    assert value.value == title


def test_every_help_text_has_a_russian_hint() -> None:
    helps = set()
    for collection in COLLECTIONS.values():
        for spec in collection.model.fields().values():
            for f in (spec, getattr(spec, "item", None), *_struct_specs(spec)):
                if f is not None and f.help:
                    helps.add(f.help)
    assert helps <= set(HELP_RU), helps - set(HELP_RU)


def _struct_specs(spec: Field) -> list[Field]:
    inner = spec.item if isinstance(spec, ListOf) else spec
    return list(inner.fields.values()) if isinstance(inner, Struct) else []
