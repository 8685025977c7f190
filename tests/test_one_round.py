"""Issue #18, one round and advice that works.

One round: a file with a bad field still has its links and translation checked, and an
item with a bad field still exists for what refers to it (no cascade of false errors).
Advice that works: what a message proposes, applied as written, passes `check`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from content_repo import Edit, front_matter, make_repo, messages, problems_of

from generator.content.fields import nearest

NEWS = "content/news/missiya-v-norvegii.md"
NEWS_EN = "content/news/missiya-v-norvegii.en.md"
FORUM = "content/forums/forum-kopengagen-2026.md"
NEW = [sys.executable, "-m", "generator", "new"]


def test_a_bad_mission_status_adds_no_false_errors_elsewhere(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path,
        {
            "missions/dk.yml": ("status: active", "status: formin"),
            NEWS: ("Новость.\n", "Новость. [Миссия](/missions/dk.md)\n"),
        },
    )
    assert found == [
        "missions/dk.yml:2: поле «status»: значение «formin» не допускается; допустимы: "
        "active, forming, suspended, closed; возможно, имелось в виду «forming»?"
    ]


def test_a_file_with_a_bad_field_still_has_links_and_translation_checked(
    tmp_path: Path,
) -> None:
    found = problems_of(
        tmp_path,
        {
            NEWS: ("date: 2026-02-01", "date: 01.02.2026"),
            NEWS_EN: front_matter("title: Norway\ncity: Oslo\n", "[x](/news/nowhere.md)\n"),
        },
        "en",
    )
    assert [line.split(": ", 1)[0] for line in found] == [
        f"{NEWS_EN}:3",
        f"{NEWS_EN}:5",
        f"{NEWS}:3",
    ]
    assert 'set "city" in the Russian file' in found[0]
    assert 'the link "/news/nowhere.md" leads nowhere' in found[1]
    assert 'field "date"' in found[2]


def test_a_translated_field_written_wrong_in_russian_is_reported_once(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path,
        {
            NEWS: (
                "title: {ru: Создаётся миссия в Норвегии, en: A mission is being set up in Norway}",
                "title: {de: x}",
            ),
        },
        "en",
    )
    assert [line.split(":")[0] for line in found] == [NEWS], found


def test_short_codes_get_a_did_you_mean() -> None:
    assert nearest("sr", ["dk", "no", "rs"]) == "rs"
    assert nearest("dj", ["dk", "no"]) == "dk"
    assert nearest("xy", ["dk", "no"]) is None


def test_an_unknown_mission_names_the_nearest_code(tmp_path: Path) -> None:
    found = problems_of(tmp_path, {NEWS: ('missions: ["no"]', "missions: [nо, kd]")})
    assert any("нет миссии «kd»" in line and "«dk»" in line for line in found), found


def test_new_warns_about_an_unknown_mission_and_names_the_nearest(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    result = subprocess.run(
        [
            *NEW,
            "news",
            "--root",
            str(root),
            "--mission",
            "dj",
            "--title",
            "Новость",
            "--lang",
            "ru",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (root / "content/news/novost.md").is_file()
    assert result.stderr.strip() == (
        "миссии «dj» нет (файла missions/dj.yml): check сообщит об ошибке, пока код не "
        "исправлен или миссия не добавлена; возможно, имелось в виду «de»?"
    )


# -- advice that works: each message's proposal, applied, passes `check` ---------------------

CASES: dict[str, tuple[dict[str, Edit], str, str, str]] = {
    # name: (edits, file, regex for the proposal, text the proposal replaces)
    "datetime_needs_offset": (
        {FORUM: ("start: 2026-05-14T10:00+02:00", "start: 2026-05-14 10:00")},
        FORUM,
        r"например (.+)$",
        "2026-05-14 10:00",
    ),
    "bad_date": (
        {NEWS: ("date: 2026-02-01", "date: 1.2.2026")},
        NEWS,
        r"например (\S+)$",
        "1.2.2026",
    ),
    "bad_datetime": (
        {FORUM: ("start: 2026-05-14T10:00+02:00", "start: 14 мая")},
        FORUM,
        r"или (\S+)$",
        "14 мая",
    ),
    "bad_choice": (
        {"missions/dk.yml": ("status: active", "status: activ")},
        "missions/dk.yml",
        r"«(\w+)»\?$",
        "activ",
    ),
    "unknown_field": (
        {NEWS: ("themes: [public-diplomacy]", "theme: [public-diplomacy]")},
        NEWS,
        r"«(\w+)»\?$",
        "theme:",
    ),
    "unknown_mission": (
        {NEWS: ('missions: ["no"]', "missions: [dj]")},
        NEWS,
        r"«(\w+)»\?$",
        "dj",
    ),
    "expected_list": (
        {NEWS: ('missions: ["no"]', "missions: dk")},
        NEWS,
        r"например (\[dk\])",
        "dk",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_proposal_of_a_message_passes_check_when_applied(tmp_path: Path, name: str) -> None:
    edits, rel, pattern, replaced = CASES[name]
    root = make_repo(tmp_path, edits)
    found = messages(root)
    assert len(found) == 1, found
    match = re.search(pattern, found[0])
    assert match, found[0]
    proposal = match.group(1)
    if replaced.endswith(":"):
        proposal += ":"
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(replaced, proposal, 1), encoding="utf-8")
    assert messages(root) == []


def test_a_date_time_written_with_a_space_reads_like_iso(tmp_path: Path) -> None:
    edit = ("start: 2026-05-14T10:00+02:00", "start: 2026-05-14 10:00+02:00")
    root = make_repo(tmp_path, {FORUM: edit})
    assert messages(root) == []
