"""Stage 1, `load`: each file on its own: names, folders, fields, values, translations.

Each failing scenario is the valid fixture with one edit (`content_repo.make_repo`), and
asserts the full message as the CLI prints it: `path:line: message`.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from content_repo import (
    VALID,
    billion_laughs,
    check_repo,
    front_matter,
    make_repo,
    messages,
    problems_of,
)

from generator.content import yamlread
from generator.content.fields import Struct
from generator.content.load import MAX_TEXT_BYTES, Content, load
from generator.content.models import COLLECTIONS, Forum, Item, Mission, Project
from generator.content.problems import Problems
from generator.content.values import LocalText, Year

NEWS = "content/news/itogi-goda.md"
FORUM = "content/forums/forum-kopengagen-2026.md"
PROJECT = "content/projects/gagarin-kopengagen.md"
SMALL_PROJECT = "content/projects/inklyuzivnyi-turizm.md"


@pytest.fixture(scope="module")
def valid() -> Content:
    content, problems = check_repo(VALID)
    assert not problems, [p.render("en") for p in problems.sorted()]
    return content


# The valid repository


def test_valid_repository_with_every_collection_passes(valid: Content) -> None:
    counts = {name: len(items) for name, items in valid.items.items()}
    assert counts == {
        "missions": 3,
        "forums": 2,
        "internships": 1,
        "projects": 2,
        "proposals": 2,
        "routes": 3,
        "publications": 2,
        "news": 2,
        "organizations": 4,
        "pages": 2,
    }
    assert sorted(valid.themes) == [
        "culture",
        "experience-exchange",
        "internships",
        "public-diplomacy",
        "social-tourism",
    ]
    assert valid.media == {"media/gagarin.png", "media/docs/formy-diplomatii.pdf"}


def test_both_yaml_composers_read_the_valid_fixture_alike(
    valid: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    # libyaml reads ordinary files; the Python composer takes documents that might nest
    # too deep for libyaml's C recursion. The items must not depend on which one ran.
    monkeypatch.setattr(yamlread, "C_SAFE_DEPTH", -1)
    content, problems = check_repo(VALID)
    assert not problems
    assert content.items == valid.items
    assert content.themes == valid.themes


def _contract_fields(model: type[Item]) -> set[str]:
    """Every field of a model, and `name.key` for each key of its maps."""
    names = set()
    for name, spec in model.fields().items():
        names.add(name)
        struct = spec if isinstance(spec, Struct) else getattr(spec, "item", None)
        if isinstance(struct, Struct):
            names |= {f"{name}.{key}" for key in struct.fields}
    return names


def _fields_used(items: list[Item]) -> set[str]:
    used = set()
    for item in items:
        for name, value in item.field_values().items():
            used.add(name)
            for entry in value if isinstance(value, list) else [value]:
                if isinstance(entry, dict):
                    used |= {f"{name}.{key}" for key in entry}
    return used


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_valid_fixture_sets_every_field_of_the_contract(valid: Content, collection: str) -> None:
    model = COLLECTIONS[collection].model
    items = list(valid.items[collection].values())
    assert _contract_fields(model) - _fields_used(items) == set()


def test_valid_fixture_has_full_partial_and_missing_translations(valid: Content) -> None:
    forum = valid.items["forums"]["forum-kopengagen-2026"]
    assert isinstance(forum, Forum)
    assert (forum.title.en, forum.city.en, forum.venue.en) == (  # type: ignore[union-attr]
        "Forum of NGOs in Copenhagen",
        "Copenhagen",
        "House of Culture",
    )
    internship = valid.items["internships"]["stazhirovka-berlin-2019"]
    assert internship.body_en == "Twelve heads of NGOs from five regions.\n"
    assert internship.source_en == "content/internships/stazhirovka-berlin-2019.en.md"
    untranslated = valid.items["news"]["itogi-goda"]
    assert (untranslated.body_en, untranslated.source_en) == (None, None)


def _read_files(content: Content) -> set[str]:
    read = {"content/themes.yml"} if content.themes else set()
    read |= {f"content/{path}" for path in content.media}
    for item in content.all_items():
        read |= {item.source, *([item.source_en] if item.source_en else [])}
        if isinstance(item, Mission) and item.body:
            read.add(f"missions/{item.slug}.md")
    return read


def _files(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix()
        for folder in ("missions", "content")
        for path in (root / folder).rglob("*")
        if path.is_file() or path.is_symlink()
    }


def test_every_file_of_the_valid_fixture_is_read(valid: Content) -> None:
    assert _files(VALID) - _read_files(valid) == set()


def test_every_file_is_read_or_reported(tmp_path: Path) -> None:
    strays = {
        "content/forum/x.md": "---\ntitle: x\n---\n",
        "content/news/itogi-goda.markdown": "---\ntitle: x\n---\n",
        "content/news/archive/old.md": "---\ntitle: x\n---\n",
        "content/news/.DS_Store": "",
        "content/news/README": "",
        "content/organizations/x.yaml": "name: x\n",
        "content/organizations/x.md": "name: x\n",
        "content/media/script.svg": "<svg/>",
        "content/notes.txt": "",
        "content/themes.yaml": "",
        "missions/readme.txt": "",
        "missions/dk.en.yml": "status: active\n",
        "missions/fr.md": "Описание без миссии.\n",
        "content/news/Итоги 2024.md": front_matter("title: x\ndate: 2024-12-31\n"),
        "content/news/bez-originala.en.md": "English.\n",
    }
    root = make_repo(tmp_path, strays)
    content, problems = check_repo(root)
    reported = {problem.path for problem in problems.items}
    unaccounted = {
        path
        for path in _files(root) - _read_files(content)
        if not any(path == seen or path.startswith(seen.rstrip("/") + "/") for seen in reported)
    }
    assert unaccounted == set()
    assert all(any(p == path or path.startswith(p) for p in reported) for path in strays)


# File and folder names


def test_cyrillic_file_name_proposes_transliteration(tmp_path: Path) -> None:
    name = "content/news/Итоги года.md"
    assert problems_of(tmp_path, {name: front_matter("title: Итоги\ndate: 2025-12-30\n")}) == [
        f"{name}: имя файла «Итоги года» недопустимо: только строчные латинские буквы, "
        "цифры и дефисы; предлагается «itogi-goda»"
    ]


def test_cyrillic_file_name_proposes_transliteration_in_english(tmp_path: Path) -> None:
    name = "content/projects/памятник-гагарину.md"
    root = make_repo(tmp_path, {name: front_matter("title: x\n")})
    assert messages(root, "en") == [
        f'{name}: file name "памятник-гагарину" is not allowed: lower-case Latin letters, '
        'digits and hyphens only; proposed: "pamiatnik-gagarinu"'
    ]


def test_upper_case_file_name_proposes_lower_case(tmp_path: Path) -> None:
    old, new = "content/news/itogi-goda.md", "content/news/Itogi_Goda.md"
    text = (VALID / old).read_text(encoding="utf-8")
    assert problems_of(tmp_path, {old: None, new: text}) == [
        f"{new}: имя файла «Itogi_Goda» недопустимо: только строчные латинские буквы, "
        "цифры и дефисы; предлагается «itogi-goda»"
    ]


def test_mission_file_must_be_named_by_a_country_code(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/xx.yml": "status: active\n"}) == [
        "missions/xx.yml: «xx» не двухбуквенный код страны ISO 3166-1 (например, dk, de, no)"
    ]


def test_unknown_folder_names_the_nearest(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/forum/x.md": front_matter("title: x\n")}) == [
        "content/forum/: неизвестная папка; допустимы: forums, internships, projects, "
        "proposals, routes, publications, news, organizations, pages, media, themes.yml, _index.md; "
        "возможно, имелось в виду «forums»?"
    ]


def test_folder_inside_a_collection_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/news/2020/x.md": front_matter("title: x\n")}) == [
        "content/news/2020/: неизвестная папка; допустимы: —"
    ]


def test_markdown_extension_proposes_md(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/news/novost.markdown": front_matter("title: x\n")}) == [
        "content/news/novost.markdown: неизвестный файл; здесь допустимы <slug>.md, "
        "<slug>.en.md; возможно, имелось в виду «novost.md»?"
    ]


def test_yaml_extension_proposes_yml(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/organizations/fond.yaml": "name: Фонд\ncountry: dk\n"})
    assert messages(root, "en") == [
        "content/organizations/fond.yaml: unknown file; expected <slug>.yml here; "
        'did you mean "fond.yml"?'
    ]


def test_unknown_file_in_content_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/themes.yaml": "x: y\n"}) == [
        "content/themes.yaml: неизвестный файл; здесь допустимы forums, internships, projects, "
        "proposals, routes, publications, news, organizations, pages, media, themes.yml, _index.md; "
        "возможно, имелось в виду «themes.yml»?"
    ]


def test_translation_of_a_data_file_is_an_error(tmp_path: Path) -> None:
    # These were once read as translations whose YAML became an English body, unchecked.
    assert problems_of(
        tmp_path,
        {
            "content/organizations/soyuz-nko.en.yml": "name: Union of NGOs\n",
            "missions/dk.en.yml": "city: Copenhagen\n",
        },
    ) == [
        "content/organizations/soyuz-nko.en.yml: неизвестный файл; здесь допустимы <slug>.yml",
        "missions/dk.en.yml: неизвестный файл; здесь допустимы <code>.yml, <code>.md, <code>.en.md",
    ]


def test_translation_into_another_language_is_an_error(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path, {"content/news/itogi-goda.de.md": "Deutsch.\n", "missions/dk.da.md": "Dansk.\n"}
    ) == [
        "content/news/itogi-goda.de.md: неизвестный файл; здесь допустимы <slug>.md, <slug>.en.md",
        "missions/dk.da.md: неизвестный файл; здесь допустимы <code>.yml, <code>.md, <code>.en.md",
    ]


def test_symlinked_item_is_an_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "content/news/kopiya.md").symlink_to(root / NEWS)
    assert messages(root) == [
        "content/news/kopiya.md: символические ссылки не допускаются: положите сам файл"
    ]


def test_gitkeep_keeps_an_empty_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/routes": None, "content/routes/.gitkeep": ""}) == []


def test_missing_root_folders_are_reported(tmp_path: Path) -> None:
    problems = Problems()
    load(tmp_path, problems)
    assert [p.render() for p in problems.sorted()] == [
        "content: нет папки content/: корень репозитория должен содержать missions/ и content/",
        "missions: нет папки missions/: корень репозитория должен содержать missions/ и content/",
    ]


# Reading files: encodings, line ends, front matter


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = (VALID / PROJECT).read_text(encoding="utf-8")
    root = make_repo(tmp_path, {PROJECT: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()})
    content, problems = check_repo(root)
    assert not problems
    project = content.items["projects"]["gagarin-kopengagen"]
    assert isinstance(project, Project)
    assert project.title == LocalText(
        "Памятник Юрию Гагарину в Копенгагене", "The Yuri Gagarin monument in Copenhagen"
    )
    assert project.body == "Силами НКО за счёт спонсорских средств.\n"
    assert project.lines["status"] == 6


def test_lines_are_file_lines_with_bom_and_crlf(tmp_path: Path) -> None:
    text = front_matter("title: Итоги года\ndate: 2025-12-30\nstatus: draft\n")
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    assert problems_of(tmp_path, {NEWS: data}) == [f"{NEWS}:4: неизвестное поле «status»"]


def test_file_not_in_utf8_is_an_error(tmp_path: Path) -> None:
    text = front_matter("title: Итоги года\ndate: 2025-12-30\n", "Текст в cp1251.\n")
    assert problems_of(tmp_path, {NEWS: text.encode("cp1251")}) == [
        f"{NEWS}:2: файл не в кодировке UTF-8"
    ]


def test_missing_front_matter_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: "title: Итоги года\n"}) == [
        f"{NEWS}:1: нет заголовка с полями: файл должен начинаться со строки ---"
    ]


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: "---\ntitle: Итоги года\ndate: 2025-12-30\nТекст\n"}) == [
        f"{NEWS}:1: заголовок с полями не закрыт строкой ---"
    ]


def test_yaml_syntax_error_names_the_file_line(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path, {NEWS: front_matter("title: Итоги года\ndate: 2025-12-30\nthemes: [culture\n")}
    )
    assert len(found) == 1
    assert found[0].startswith(f"{NEWS}:4: ошибка синтаксиса YAML: скобка не закрыта"), found


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path, {NEWS: front_matter("title: Итоги года\ndate: 2025-12-30\ntitle: Итоги\n")}
    ) == [f"{NEWS}:4: ключ «title» повторяется (впервые в строке 2)"]


def test_object_tag_is_an_error(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            NEWS: front_matter(
                "title: !!python/object/apply:os.system ['touch pwned']\ndate: 2025-12-30\n"
            )
        },
    )
    assert messages(root, "en") == [
        f"{NEWS}:2: YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: "
        "write values without tags"
    ]
    assert not (root / "pwned").exists()


@pytest.mark.slow
def test_billion_laughs_front_matter_fails_fast(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {NEWS: front_matter(billion_laughs())})
    found = messages(root)
    assert found == [
        f"{NEWS}:6: документ раскрывается в слишком много значений (больше 20000); "
        "ссылки YAML (&якорь, *ссылка) здесь не нужны"
    ]


def test_file_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = front_matter("title: x\ndate: 2025-12-30\n", "а" * MAX_TEXT_BYTES)
    size = len(big.encode())
    assert problems_of(tmp_path, {NEWS: big}) == [
        f"{NEWS}: файл слишком большой ({size} байт; предел {MAX_TEXT_BYTES})"
    ]


def test_empty_front_matter_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: "---\n---\nТекст.\n"}) == [
        f"{NEWS}:1: ожидается набор полей «имя: значение»"
    ]


def test_front_matter_that_is_not_a_map_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: front_matter("- title\n- date\n")}) == [
        f"{NEWS}:2: ожидается набор полей «имя: значение»"
    ]


# Fields


def test_unknown_field_names_nearest(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/de.yml": "stat: active\n"}) == [
        "missions/de.yml:1: нет обязательного поля «status»",
        "missions/de.yml:1: неизвестное поле «stat»; возможно, имелось в виду «status»?",
    ]


def test_unknown_field_names_the_nearest_by_spelling(tmp_path: Path) -> None:
    # A forum has both `start` and `status`: `stat` is one letter from `start`.
    assert problems_of(tmp_path, {FORUM: ("status: planned", "stat: planned")}) == [
        f"{FORUM}:9: неизвестное поле «stat»; возможно, имелось в виду «start»?"
    ]


def test_unknown_field_names_nearest_in_english(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {SMALL_PROJECT: ("status: proposed", "stauts: proposed")})
    assert messages(root, "en") == [
        f'{SMALL_PROJECT}:2: required field "status" is missing',
        f'{SMALL_PROJECT}:5: unknown field "stauts"; did you mean "status"?',
    ]


def test_unknown_field_far_from_any_is_named_alone(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("date: 2025-12-30", "date: 2025-12-30\ncolour: red")}) == [
        f"{NEWS}:4: неизвестное поле «colour»"
    ]


def test_unknown_field_in_a_nested_map_names_nearest(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/dk.yml": ("  role:", "  rol:")}) == [
        "missions/dk.yml:8: неизвестное поле «leader.rol»; возможно, имелось в виду «leader.role»?"
    ]


def test_missing_required_field_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {SMALL_PROJECT: ("status: proposed\n", "")}) == [
        f"{SMALL_PROJECT}:2: нет обязательного поля «status»"
    ]


def test_required_field_left_empty_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {SMALL_PROJECT: ("status: proposed", "status:")}) == [
        f"{SMALL_PROJECT}:5: поле «status» пустое"
    ]


def test_optional_field_left_empty_means_absent(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {PROJECT: ("end: 2018-06-12", "end:")})
    content, problems = check_repo(root)
    assert not problems
    assert content.items["projects"]["gagarin-kopengagen"].end is None  # type: ignore[attr-defined]


def test_all_problems_of_a_file_are_reported_together(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            FORUM: front_matter(
                "title: Форум\nstart: 14.05.2026\nmissions: dk\nformat: live\nvenue: {de: Haus}\n"
            )
        },
    )
    # The translation is checked in the same round (#18): it names a field the new
    # Russian file lacks.
    assert messages(root, "en") == [
        f'{FORUM.removesuffix(".md")}.en.md:3: field "city" is translated, but the Russian '
        "file does not have it",
        f'{FORUM}:3: field "start": "14.05.2026" is not a date; write 2026-05-14 '
        "or 2026-05-14T10:00+02:00",
        f'{FORUM}:4: field "missions": expected a list, e.g. [dk] or lines starting with "- "',
        f'{FORUM}:5: field "format": "live" is not allowed; expected one of: in-person, '
        'online, hybrid; did you mean "online"?',
        f'{FORUM}:6: field "venue": language "de" is not supported; use ru and en',
    ]


def test_choice_outside_the_enumeration_names_nearest(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {FORUM: ("format: hybrid", "format: hibrid")}) == [
        f"{FORUM}:8: поле «format»: значение «hibrid» не допускается; допустимы: in-person, "
        "online, hybrid; возможно, имелось в виду «hybrid»?"
    ]


def test_date_must_be_written_iso(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("date: 2025-12-30", "date: 30.12.2025")}) == [
        f"{NEWS}:3: поле «date»: «30.12.2025» не дата; пишите ГГГГ-ММ-ДД, например 2026-05-14"
    ]


def test_impossible_date_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("date: 2025-12-30", "date: 2025-02-30")}) == [
        f"{NEWS}:3: поле «date»: «2025-02-30» не дата; пишите ГГГГ-ММ-ДД, например 2026-05-14"
    ]


def test_datetime_with_offset_is_read(valid: Content) -> None:
    forum = valid.items["forums"]["forum-kopengagen-2026"]
    assert isinstance(forum, Forum)
    assert forum.start == datetime(2026, 5, 14, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert valid.items["forums"]["forum-oslo-2025"].start == date(2025, 9, 20)  # type: ignore[attr-defined]


def test_datetime_without_offset_is_an_error(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path, {FORUM: ("start: 2026-05-14T10:00+02:00", "start: 2026-05-14T10:00")}
    ) == [
        f"{FORUM}:3: поле «start»: у времени «2026-05-14T10:00» нет часового пояса; "
        "добавьте смещение, например 2026-05-14T10:00+02:00"
    ]


def test_year_or_date_field_accepts_a_year_and_a_date(valid: Content) -> None:
    project = valid.items["projects"]["gagarin-kopengagen"]
    assert isinstance(project, Project)
    assert (project.start, project.end) == (Year(2015), date(2018, 6, 12))


def test_year_or_date_field_refuses_other_text(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: ("start: 2015", "start: 2015-16")}) == [
        f"{PROJECT}:4: поле «start»: «2015-16» не год и не дата; пишите 2015, 2015-06 или 2015-06-01"
    ]


def test_year_zero_is_not_a_year(tmp_path: Path) -> None:
    # It once became a Year that no calendar holds, and `check` crashed comparing it.
    assert problems_of(tmp_path, {PROJECT: ("start: 2015", "start: 0000")}) == [
        f"{PROJECT}:4: поле «start»: «0000» не год и не дата; пишите 2015, 2015-06 или 2015-06-01"
    ]


def test_year_alone_is_refused_where_a_date_is_required(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("date: 2025-12-30", "date: 2025")}) == [
        f"{NEWS}:3: поле «date»: «2025» не дата; пишите ГГГГ-ММ-ДД, например 2026-05-14"
    ]


def test_text_field_is_a_string_or_a_ru_en_map(valid: Content) -> None:
    news = valid.items["news"]
    assert news["itogi-goda"].title == LocalText("Итоги года")  # type: ignore[attr-defined]
    assert news["missiya-v-norvegii"].summary == LocalText(  # type: ignore[attr-defined]
        "Соотечественники в Осло создают миссию.", "Compatriots in Oslo set up a mission."
    )


def test_english_falls_back_to_russian() -> None:
    text = LocalText("Итоги года")
    assert (text.get("en"), text.is_fallback("en"), text.lang_of("en")) == (
        "Итоги года",
        True,
        "ru",
    )
    both = LocalText("Итоги", "Results")
    assert (both.get("en"), both.is_fallback("en"), both.get("ru")) == ("Results", False, "Итоги")


def test_text_map_needs_the_russian_text(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("title: Итоги года", "title: {en: Results}")}) == [
        f"{NEWS}:2: поле «title»: нужен русский текст (ru)"
    ]


def test_text_map_refuses_other_languages(tmp_path: Path) -> None:
    edit = ("title: Итоги года", "title: {ru: Итоги, da: Resultat}")
    assert problems_of(tmp_path, {NEWS: edit}) == [
        f"{NEWS}:2: поле «title»: язык «da» не поддерживается, допустимы ru и en"
    ]


def test_text_refuses_a_list(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("title: Итоги года", "title: [Итоги, года]")}) == [
        f"{NEWS}:2: поле «title»: ожидается текст или {{ru: ..., en: ...}}"
    ]


def test_norway_code_phone_and_languages_stay_strings(valid: Content) -> None:
    norway = valid.missions["no"]
    assert norway.contacts == {"phone": "+4722334455"}
    assert norway.languages == ["no", "ru"]
    assert valid.missions["dk"].contacts["phone"] == "+45 33 12 34 56"  # type: ignore[index]
    assert valid.items["forums"]["forum-oslo-2025"].missions == ["no"]  # type: ignore[attr-defined]


def test_mission_maintainers_lose_their_at_sign(valid: Content) -> None:
    assert valid.missions["dk"].maintainers == ["dk-mission", "a-markaryan"]


def test_count_must_be_a_whole_number(tmp_path: Path) -> None:
    internship = "content/internships/stazhirovka-berlin-2019.md"
    assert problems_of(tmp_path, {internship: ("participants: 12", "participants: 12.5")}) == [
        f"{internship}:6: поле «participants»: «12.5» не целое число"
    ]


def test_url_must_be_http(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path, {FORUM: ("https://forum.example.org/register", "javascript:alert(1)")}
    ) == [
        f"{FORUM}:10: поле «registration»: «javascript:alert(1)» не адрес сайта; "
        "нужен адрес, начинающийся с https://"
    ]


def test_email_must_be_an_address(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/dk.yml": ("dk@example.org", "dk at example")}) == [
        "missions/dk.yml:10: поле «contacts.email»: «dk at example» не адрес электронной почты"
    ]


def test_contact_is_an_email_or_a_url(tmp_path: Path) -> None:
    proposal = "content/proposals/obmen-opytom-2020.md"
    assert problems_of(tmp_path, {proposal: ("https://example.org/obmen", "+45 1234")}) == [
        f"{proposal}:6: поле «contact»: «+45 1234» не адрес почты и не адрес сайта (https://...)"
    ]


def test_maintainer_must_be_an_account_name(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/dk.yml": ("dk-mission", "dk mission")}) == [
        "missions/dk.yml:16: поле «maintainers»: «dk mission» не имя учётной записи "
        "(латинские буквы, цифры, дефис)"
    ]


def test_required_list_must_not_be_empty(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {FORUM: ("missions: [dk, no]", "missions: []")}) == [
        f"{FORUM}:5: поле «missions»: список пуст, нужно хотя бы одно значение"
    ]


def test_one_or_many_field_takes_a_single_value(valid: Content) -> None:
    route = valid.items["routes"]["fyordy-dlya-semei"]
    assert (route.audience, route.accessibility) == (["families"], ["mobility"])  # type: ignore[attr-defined]


def test_map_field_refuses_a_string(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path,
        {
            PROJECT: (
                "location:\n  city: {ru: Копенгаген, en: Copenhagen}\n  country: dk",
                "location: Копенгаген",
            )
        },
    ) == [f"{PROJECT}:18: поле «location»: ожидается словарь с ключами city, country"]


def test_single_value_field_refuses_a_list(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {NEWS: ("date: 2025-12-30", "date: [2025-12-30]")}) == [
        f"{NEWS}:3: поле «date»: ожидается одно значение (date), а не список или словарь"
    ]


# Translations


def test_translation_without_its_russian_original_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/news/bez-originala.en.md": "News.\n"}) == [
        "content/news/bez-originala.en.md: перевод без русского оригинала: нет файла "
        "content/news/bez-originala.md"
    ]


def test_mission_description_without_its_mission_is_an_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"missions/fr.en.md": "About.\n"})
    assert messages(root, "en") == [
        "missions/fr.en.md: a translation without its Russian original: missions/fr.yml is missing"
    ]


def test_translation_may_override_text_fields_only(tmp_path: Path) -> None:
    translation = "content/news/missiya-v-norvegii.en.md"
    assert problems_of(tmp_path, {translation: ("title:", "date: 2026-02-02\ntitle:")}) == [
        f"{translation}:2: в переводе можно менять только текстовые поля (title, summary); "
        "поле «date» задаётся в русском файле"
    ]


def test_unknown_field_in_a_translation_names_nearest(tmp_path: Path) -> None:
    translation = "content/news/missiya-v-norvegii.en.md"
    root = make_repo(tmp_path, {translation: ("title:", "titel:")})
    assert messages(root, "en") == [
        f"{translation}:2: a translation may override text fields only (title, summary); "
        'set "titel" in the Russian file; did you mean "title"?'
    ]


def test_translated_field_needs_the_russian_field(tmp_path: Path) -> None:
    translation = "content/news/itogi-goda.en.md"
    assert problems_of(
        tmp_path, {translation: front_matter("summary: The year.\n", "News.\n")}
    ) == [f"{translation}:2: поле «summary» переведено, но в русском файле его нет"]


def test_translated_field_is_one_english_string(tmp_path: Path) -> None:
    translation = "content/news/missiya-v-norvegii.en.md"
    assert problems_of(
        tmp_path,
        {translation: ("title: A mission is being set up in Norway", "title: {en: A mission}")},
    ) == [f"{translation}:2: поле «title» в переводе: ожидается английский текст одной строкой"]


def test_translation_overrides_the_english_of_a_map(tmp_path: Path) -> None:
    translation = "content/pages/about.en.md"
    root = make_repo(tmp_path, {translation: front_matter("title: About us\n", "About.\n")})
    content, problems = check_repo(root)
    assert not problems
    about = content.items["pages"]["about"]
    assert about.title == LocalText("О Союзе НКО", "About us")  # type: ignore[attr-defined]
    assert about.summary == LocalText("Кто мы.")  # type: ignore[attr-defined]


def test_mission_description_has_no_front_matter(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/dk.md": front_matter("city: Копенгаген\n")}) == [
        "missions/dk.md:1: описание миссии пишется без заголовка с полями; поля задаются "
        "в missions/dk.yml"
    ]


def test_mission_descriptions_are_read(valid: Content) -> None:
    denmark = valid.missions["dk"]
    assert denmark.body.startswith("Миссия работает в Копенгагене")
    assert denmark.body_en is not None and denmark.body_en.startswith("The mission has worked")
    assert (valid.missions["no"].body_en, valid.missions["de"].body) == (None, "")


# Themes and media


def test_theme_slug_must_be_a_slug(tmp_path: Path) -> None:
    themes = (VALID / "content/themes.yml").read_text(encoding="utf-8")
    assert problems_of(tmp_path, {"content/themes.yml": themes + "Наука: Наука\n"}) == [
        "content/themes.yml:6: тема «Наука»: имя только из строчных латинских букв, цифр "
        "и дефисов; предлагается «nauka»"
    ]


def test_theme_needs_a_label(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path,
        {"content/themes.yml": ("culture: {ru: Культура, en: Culture}", "culture: {en: Culture}")},
    ) == ["content/themes.yml:1: поле «culture»: нужен русский текст (ru)"]


def test_media_file_type_outside_the_allowlist_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/media/logo.svg": "<svg onload='alert(1)'/>"}) == [
        "content/media/logo.svg: файл типа «.svg» не допускается в media/; допустимы: .png, "
        ".jpg, .jpeg, .webp, .gif, .pdf"
    ]


def test_media_names_differing_in_case_only_are_an_error(tmp_path: Path) -> None:
    png = (VALID / "content/media/gagarin.png").read_bytes()
    found = problems_of(tmp_path, {"content/media/Gagarin.png": png})
    assert found[-1] == (
        "content/media/gagarin.png: имя отличается от «content/media/Gagarin.png» только "
        "регистром букв"
    )
    assert found[0].startswith("content/media/Gagarin.png: имя файла или папки")


def test_items_are_typed_objects_of_their_collection(valid: Content) -> None:
    for name, items in valid.items.items():
        for slug, item in items.items():
            assert dataclasses.is_dataclass(item)
            assert type(item) is COLLECTIONS[name].model
            assert (item.slug, item.collection) == (slug, name)


def test_body_line_follows_the_front_matter(valid: Content) -> None:
    project = valid.items["projects"]["gagarin-kopengagen"]
    assert (project.body_line, project.body) == (26, "Силами НКО за счёт спонсорских средств.\n")
