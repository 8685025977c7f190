"""Stage 2, `check`: references between files and rules that span fields.

Each failing scenario is the valid fixture with one edit; the full message is asserted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from content_repo import VALID, check_repo, make_repo, messages, problems_of

from generator.content.check import REFERENCE_TARGETS, RULES, check, load_and_check
from generator.content.fields import RefUse
from generator.content.load import Content
from generator.content.problems import Problems

FORUM = "content/forums/forum-kopengagen-2026.md"
PROJECT = "content/projects/gagarin-kopengagen.md"
INTERNSHIP = "content/internships/stazhirovka-berlin-2019.md"
PUBLICATION = "content/publications/formy-obshchestvennoi-diplomatii.md"
IMAGE = "  - path: media/gagarin.png"


# References resolve


def test_unknown_mission_code_names_nearest(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {FORUM: ("missions: [dk, no]", "missions: [dk, nor]")}) == [
        f"{FORUM}:5: поле «missions»: нет миссии «nor» (файла missions/nor.yml); возможно, "
        "имелось в виду «no»?"
    ]


def test_unknown_host_mission_is_an_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {INTERNSHIP: ("host: de", "host: fr")})
    assert messages(root, "en") == [
        f'{INTERNSHIP}:3: field "host": there is no mission "fr" (no missions/fr.yml)'
    ]


def test_unknown_organization_names_nearest(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path,
        {
            PROJECT: (
                "partners: [dansk-kulturforening, nordisk-fond]",
                "partners: [dansk-kulturforening, nordisk-fund]",
            )
        },
    ) == [
        f"{PROJECT}:17: поле «partners»: нет организации «nordisk-fund» "
        "(файла content/organizations/nordisk-fund.yml); возможно, имелось в виду "
        "«nordisk-fond»?"
    ]


def test_unknown_proposal_organization_is_an_error(tmp_path: Path) -> None:
    proposal = "content/proposals/ishchem-partnerov-festival.md"
    root = make_repo(tmp_path, {proposal: ("organization: soyuz-nko", "organization: unesco")})
    assert messages(root, "en") == [
        f'{proposal}:3: field "organization": there is no organization "unesco" '
        "(no content/organizations/unesco.yml)"
    ]


def test_unknown_theme_names_nearest(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: ("themes: [culture]", "themes: [cultur]")}) == [
        f"{PROJECT}:7: поле «themes»: нет темы «cultur» в content/themes.yml; возможно, "
        "имелось в виду «culture»?"
    ]


def test_unknown_country_code_is_an_error(tmp_path: Path) -> None:
    route = "content/routes/fyordy-dlya-semei.md"
    assert problems_of(tmp_path, {route: ('countries: ["no", dk]', "countries: [NO, dk]")}) == [
        f"{route}:3: поле «countries»: «NO» не код страны ISO 3166-1 (две строчные буквы, "
        "например dk)"
    ]


def test_organization_country_must_be_a_country(tmp_path: Path) -> None:
    organization = "content/organizations/kommune-kopenhagen.yml"
    assert problems_of(tmp_path, {organization: ("country: dk", "country: eu")}) == [
        f"{organization}:2: поле «country»: «eu» не код страны ISO 3166-1 (две строчные "
        "буквы, например dk)"
    ]


def test_unknown_language_code_is_an_error(tmp_path: Path) -> None:
    # An unknown language once crashed the check looking for a "did you mean" list.
    assert problems_of(
        tmp_path, {"missions/no.yml": ("languages: [no, ru]", "languages: [no, xx]")}
    ) == ["missions/no.yml:6: поле «languages»: «xx» не код языка ISO 639-1 (например ru, da, en)"]


def test_region_is_a_name_or_an_iso_code(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {INTERNSHIP: ("RU-SPE", "spb")}) == [
        f"{INTERNSHIP}:7: поле «regions»: «spb» не похож на код субъекта РФ (RU-MOW) или его "
        "название"
    ]


@pytest.mark.parametrize(
    "region",
    [
        "Ханты-Мансийский автономный округ — Югра",
        "Кемеровская область — Кузбасс",
        "RU-KHM",
        "Москва",
    ],
)
def test_official_region_names_and_codes_are_accepted(tmp_path: Path, region: str) -> None:
    assert problems_of(tmp_path, {INTERNSHIP: ("RU-SPE", region)}) == []


def test_reference_to_a_broken_file_is_reported_once(tmp_path: Path) -> None:
    # soyuz-nko.yml cannot be read; the items naming it are not reported again.
    organization = "content/organizations/soyuz-nko.yml"
    assert problems_of(tmp_path, {organization: ("kind: member", "kind: chairman")}) == [
        f"{organization}:6: поле «kind»: значение «chairman» не допускается; допустимы: "
        "member, foreign-partner, government, sponsor"
    ]


def test_reference_to_a_broken_mission_is_reported_once(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"missions/no.yml": ("status: forming", "status: planned")}) == [
        "missions/no.yml:2: поле «status»: значение «planned» не допускается; допустимы: "
        "active, forming, suspended, closed"
    ]


def test_reference_to_a_broken_theme_is_reported_once(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path,
        {"content/themes.yml": ("culture: {ru: Культура, en: Culture}", "culture: {en: Culture}")},
    ) == ["content/themes.yml:1: поле «culture»: нужен русский текст (ru)"]


# Media paths stay inside content/media/


def test_media_path_resolves(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: (IMAGE, "  - path: media/gagarin.jpg")}) == [
        f"{PROJECT}:22: поле «images.path»: нет файла content/media/gagarin.jpg"
    ]


def test_publication_file_resolves(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/media/docs/formy-diplomatii.pdf": None})
    assert messages(root, "en") == [
        f'{PUBLICATION}:6: field "file": there is no file content/media/docs/formy-diplomatii.pdf'
    ]


@pytest.mark.parametrize(
    "path",
    [
        "media/../../missions/dk.yml",
        "media/../organizations/soyuz-nko.yml",
        "../content/media/gagarin.png",
    ],
)
def test_media_path_with_dot_dot_is_an_error(tmp_path: Path, path: str) -> None:
    assert problems_of(tmp_path, {PROJECT: (IMAGE, f"  - path: {path}")}) == [
        f"{PROJECT}:22: поле «images.path»: путь «{path}» должен вести внутрь content/media/ "
        "(например media/photo.jpg)"
    ]


@pytest.mark.parametrize("path", ["/etc/passwd", "/content/media/gagarin.png"])
def test_absolute_media_path_is_an_error(tmp_path: Path, path: str) -> None:
    root = make_repo(tmp_path, {PROJECT: (IMAGE, f"  - path: {path}")})
    assert messages(root, "en") == [
        f'{PROJECT}:22: field "images.path": the path "{path}" must lead into '
        "content/media/ (e.g. media/photo.jpg)"
    ]


@pytest.mark.parametrize(
    "path",
    [
        "organizations/soyuz-nko.yml",
        "gagarin.png",
        "media\\gagarin.png",
        "content/media/gagarin.png",
    ],
)
def test_media_path_outside_the_media_folder_is_an_error(tmp_path: Path, path: str) -> None:
    assert problems_of(tmp_path, {PROJECT: (IMAGE, f"  - path: '{path}'")}) == [
        f"{PROJECT}:22: поле «images.path»: путь «{path}» должен вести внутрь content/media/ "
        "(например media/photo.jpg)"
    ]


# Media by mission: content/media/<code>/ is mission <code>'s (#21)

PNG = (VALID / "content" / "media" / "gagarin.png").read_bytes()


def test_an_item_may_use_its_own_missions_media_folder(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "content/media/dk/gagarin.png": PNG,
            PROJECT: (IMAGE, "  - path: media/dk/gagarin.png"),
        },
    )
    assert messages(root, "en") == []


def test_an_item_may_not_use_another_missions_media(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "content/media/no/gagarin.png": PNG,
            PROJECT: (IMAGE, "  - path: media/no/gagarin.png"),
        },
    )
    assert messages(root) == [
        f"{PROJECT}:22: поле «images.path»: файл media/no/gagarin.png лежит в папке миссии no, "
        "а материал относится к миссиям: dk; возьмите файл из папки своей миссии или из общих"
    ]


def test_an_item_of_no_mission_may_use_shared_media_only(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "content/media/dk/report.pdf": b"%PDF-1.7\n",
            PUBLICATION: ("file: media/docs/formy-diplomatii.pdf", "file: media/dk/report.pdf"),
        },
    )
    assert messages(root, "en") == [
        f'{PUBLICATION}:6: field "file": media/dk/report.pdf is in the folder of mission dk, '
        "but the item belongs to missions: —; use a file of your own mission's folder or a "
        "shared one"
    ]


def test_a_picture_in_the_text_follows_the_same_rule(tmp_path: Path) -> None:
    text = (VALID / PROJECT).read_text(encoding="utf-8")
    root = make_repo(
        tmp_path,
        {
            "content/media/no/hall.png": PNG,
            "content/media/dk/hall.png": PNG,
            PROJECT: text + "\n![Зал](/media/no/hall.png)\n\n![Зал](/media/dk/hall.png)\n",
        },
    )
    line = len(text.splitlines()) + 2
    assert messages(root, "en") == [
        f"{PROJECT}:{line}: the link /media/no/hall.png leads into the folder of mission no, "
        "but the item belongs to missions: dk; use a file of your own mission's folder or a "
        "shared one"
    ]


def test_symlink_out_of_media_is_an_error(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the site")
    root = make_repo(tmp_path, {PROJECT: (IMAGE, "  - path: media/leak.png")})
    os.symlink(secret, root / "content/media/leak.png")
    assert messages(root) == [
        "content/media/leak.png: символические ссылки не допускаются: положите сам файл",
        f"{PROJECT}:22: поле «images.path»: путь «media/leak.png» должен вести внутрь "
        "content/media/ (например media/photo.jpg)",
    ]


def test_symlinked_folder_out_of_media_is_an_error(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "photo.png").write_bytes(b"not for the site")
    root = make_repo(tmp_path, {PROJECT: (IMAGE, "  - path: media/linked/photo.png")})
    os.symlink(outside, root / "content/media/linked")
    assert messages(root, "en") == [
        "content/media/linked: symbolic links are not allowed: add the file itself",
        f'{PROJECT}:22: field "images.path": the path "media/linked/photo.png" must lead '
        "into content/media/ (e.g. media/photo.jpg)",
    ]


def test_symlink_inside_media_is_an_error_too(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {PROJECT: (IMAGE, "  - path: media/alias.png")})
    os.symlink("gagarin.png", root / "content/media/alias.png")
    assert messages(root) == [
        "content/media/alias.png: символические ссылки не допускаются: положите сам файл",
        f"{PROJECT}:22: поле «images.path»: нет файла content/media/alias.png",
    ]


def test_image_without_alt_text_is_an_error(tmp_path: Path) -> None:
    alt = "    alt: {ru: Памятник Гагарину, en: The Gagarin monument}\n"
    assert problems_of(tmp_path, {PROJECT: (alt, "")}) == [
        f"{PROJECT}:22: нет обязательного поля «images.alt»"
    ]


def test_image_with_empty_alt_text_is_an_error(tmp_path: Path) -> None:
    alt = "    alt: {ru: Памятник Гагарину, en: The Gagarin monument}"
    root = make_repo(tmp_path, {PROJECT: (alt, "    alt: ''")})
    assert messages(root, "en") == [f'{PROJECT}:23: field "images.alt" is empty']


# Rules across fields


def test_end_before_start_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {INTERNSHIP: ("end: 2019-10-12", "end: 2019-10-01")}) == [
        f"{INTERNSHIP}:5: окончание (2019-10-01) раньше начала (2019-10-07)"
    ]


def test_end_before_start_compares_moments_with_offsets(tmp_path: Path) -> None:
    # 11:30 at +04:00 is 09:30 at +02:00: half an hour before the 10:00+02:00 start.
    root = make_repo(
        tmp_path, {FORUM: ("end: 2026-05-15T17:30+02:00", "end: 2026-05-14T11:30+04:00")}
    )
    assert messages(root, "en") == [
        f"{FORUM}:4: the end (2026-05-14T11:30:00+04:00) is before the start "
        "(2026-05-14T10:00:00+02:00)"
    ]


def test_end_earlier_on_the_clock_but_later_in_time_is_fine(tmp_path: Path) -> None:
    # 09:30 UTC is 11:30 at +02:00: after the start, though the clock reads earlier.
    assert (
        problems_of(
            tmp_path, {FORUM: ("end: 2026-05-15T17:30+02:00", "end: 2026-05-14T09:30+00:00")}
        )
        == []
    )


def test_end_year_before_start_year_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: ("end: 2018-06-12", "end: 2014")}) == [
        f"{PROJECT}:5: окончание (2014) раньше начала (2015)"
    ]


def test_end_in_the_start_year_is_not_before_it(tmp_path: Path) -> None:
    # `start: 2015` may mean any day of 2015; an end in that year is not an error.
    assert problems_of(tmp_path, {PROJECT: ("end: 2018-06-12", "end: 2015-03-01")}) == []


def test_end_on_the_start_day_is_fine(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {INTERNSHIP: ("end: 2019-10-12", "end: 2019-10-07")}) == []


def test_publication_with_both_file_and_url_is_an_error(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path,
        {
            PUBLICATION: (
                "file: media/docs/formy-diplomatii.pdf",
                "file: media/docs/formy-diplomatii.pdf\nurl: https://example.org/formy.pdf",
            )
        },
    ) == [f"{PUBLICATION}:7: укажите что-то одно: file (файл в media/) или url (ссылку)"]


# The stage as a whole


def test_problems_of_all_files_are_reported_together_and_sorted(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            PROJECT: ("themes: [culture]", "themes: [cultur]"),
            INTERNSHIP: ("end: 2019-10-12", "end: 2019-10-01"),
            "missions/no.yml": ("languages: [no, ru]", "languages: [no, xx]"),
            FORUM: ("missions: [dk, no]", "missions: [dk, nor]"),
        },
    )
    found = messages(root, "en")
    assert [line.split(": ", 1)[0] for line in found] == [
        f"{FORUM}:5",
        f"{INTERNSHIP}:5",
        f"{PROJECT}:7",
        "missions/no.yml:6",
    ]


def test_check_adds_to_the_problems_of_load(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {PROJECT: ("status: completed", "status: done")})
    content, problems = load_and_check(root)
    codes = [problem.code for problem in problems.sorted()]
    assert codes == ["bad_choice"]
    extra = Problems()
    check(content, extra)
    assert not extra  # the broken project is not checked again


def test_every_reference_target_and_rule_is_registered() -> None:
    assert set(REFERENCE_TARGETS) == {
        "mission",
        "organization",
        "theme",
        "country",
        "language",
        "region",
        "media",
    }
    assert len(RULES) == 4


def test_reference_targets_answer_none_for_a_valid_value(tmp_path: Path) -> None:
    content, problems = check_repo(make_repo(tmp_path))
    assert not problems
    valid = {
        "mission": "dk",
        "organization": "soyuz-nko",
        "theme": "culture",
        "country": "no",
        "language": "no",
        "region": "RU-MOW",
        "media": "media/gagarin.png",
    }
    for target, value in valid.items():
        assert REFERENCE_TARGETS[target](content, value) is None, target


def test_references_are_recorded_with_their_lines(tmp_path: Path) -> None:
    content: Content
    content, _ = check_repo(make_repo(tmp_path))
    assert RefUse("mission", "no", 5, "missions") in content.refs[FORUM]
    assert RefUse("media", "media/gagarin.png", 22, "images.path") in content.refs[PROJECT]
