"""`python -m generator check`, run as editors and CI run it: a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from commands import run_utf8
from content_repo import REPO_ROOT, make_repo

FORUM = "content/forums/forum-kopengagen-2026.md"
PROJECT = "content/projects/gagarin-kopengagen.md"

SUMMARY_RU = (
    "Ошибок нет. Прочитано: миссий 3, форумов 2, стажировок 1, проектов 2, предложений 2, "
    "маршрутов 3, публикаций 2, новостей 2, организаций 4, страниц 2, тем 5, медиафайлов 2.\n"
)
SUMMARY_EN = (
    "No problems. Read: 3 missions, 2 forums, 1 internships, 2 projects, 2 proposals, "
    "3 routes, 2 publications, 2 news, 4 organizations, 2 pages, 5 themes, 2 media.\n"
)

# Three files, four problems: a reference, a value, a name and a stray folder.
BROKEN = {
    FORUM: ("missions: [dk, no]", "missions: [dk, nor]"),
    PROJECT: ("status: completed", "status: done"),
    "content/news/Итоги года.md": "---\ntitle: Итоги\ndate: 2025-12-30\n---\n",
    "content/forum/x.md": "---\ntitle: x\n---\n",
}
BROKEN_RU = [
    "content/forum/: неизвестная папка; допустимы: forums, internships, projects, proposals, "
    "routes, publications, news, organizations, pages, media, themes.yml, _index.md; возможно, имелось "
    "в виду «forums»?",
    f"{FORUM}:5: поле «missions»: нет миссии «nor» (файла missions/nor.yml); возможно, "
    "имелось в виду «no»?",
    "content/news/Итоги года.md: имя файла «Итоги года» недопустимо: только строчные "
    "латинские буквы, цифры и дефисы; предлагается «itogi-goda»",
    f"{PROJECT}:6: поле «status»: значение «done» не допускается; допустимы: proposed, "
    "active, completed",
]
BROKEN_EN = [
    "content/forum/: unknown folder; expected one of: forums, internships, projects, "
    "proposals, routes, publications, news, organizations, pages, media, themes.yml, _index.md; "
    'did you mean "forums"?',
    f'{FORUM}:5: field "missions": there is no mission "nor" (no missions/nor.yml); '
    'did you mean "no"?',
    'content/news/Итоги года.md: file name "Итоги года" is not allowed: lower-case Latin '
    'letters, digits and hyphens only; proposed: "itogi-goda"',
    f'{PROJECT}:6: field "status": "done" is not allowed; expected one of: proposed, '
    "active, completed",
]


def run(
    *args: str | Path, cwd: Path | None = None, locale: str | None = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ...` in a clean environment; `locale=None` sets no locale."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["PYTHONIOENCODING"] = "utf-8"
    if locale is not None:
        env["LC_ALL"] = locale
    return run_utf8(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd or REPO_ROOT,
        env=env,
        timeout=60,
    )


def test_valid_repository_prints_a_summary_and_exits_0(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (0, SUMMARY_RU, "")


def test_valid_repository_summary_in_english(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path), "--lang", "en")
    assert (result.returncode, result.stdout, result.stderr) == (0, SUMMARY_EN, "")


def test_every_problem_is_printed_sorted_and_the_exit_code_is_1(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path, BROKEN))
    assert result.returncode == 1
    assert result.stdout.splitlines() == BROKEN_RU
    assert result.stderr == "Найдено ошибок: 4.\n"


def test_problems_in_english(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path, BROKEN), "--lang", "en")
    assert result.returncode == 1
    assert result.stdout.splitlines() == BROKEN_EN
    assert result.stderr == "4 problem(s) found.\n"


def test_messages_are_russian_by_default(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path, BROKEN), locale=None)
    assert result.stdout.splitlines() == BROKEN_RU


def test_paths_are_relative_to_the_root_given(tmp_path: Path) -> None:
    root = make_repo(tmp_path, BROKEN)
    from_parent = run("check", "--root", "repo", cwd=tmp_path)
    from_inside = run("check", cwd=root)
    assert from_parent.stdout.splitlines() == BROKEN_RU
    assert from_inside.stdout.splitlines() == BROKEN_RU


def test_json_format_on_success(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "ok": True,
        "counts": {
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
            "themes": 5,
            "media": 2,
        },
        "problems": [],
    }


def test_json_format_lists_every_problem(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path, BROKEN), "--format", "json", "--lang", "en")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [
        f"{p['path']}:{p['line']}: {p['message']}" if p["line"] else f"{p['path']}: {p['message']}"
        for p in report["problems"]
    ] == BROKEN_EN
    assert report["problems"][1] == {
        "path": FORUM,
        "line": 5,
        "code": "unknown_mission",
        "message": BROKEN_EN[1].split(": ", 1)[1],
        "params": {"field": "missions", "value": "nor", "near": "no"},
    }


def test_json_messages_are_russian_by_default(tmp_path: Path) -> None:
    result = run("check", "--root", make_repo(tmp_path, BROKEN), "--format", "json", locale=None)
    messages = [p["message"] for p in json.loads(result.stdout)["problems"]]
    assert messages[3] == BROKEN_RU[3].split(": ", 1)[1]


def test_missing_root_reports_both_folders(tmp_path: Path) -> None:
    result = run("check", "--root", tmp_path / "nowhere", "--lang", "en")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content: folder content/ is missing: the repository root must hold missions/ and content/",
        "missions: folder missions/ is missing: the repository root must hold missions/ "
        "and content/",
    ]


def test_the_repositorys_own_content_passes() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Ошибок нет. Прочитано: миссий ")


def test_unknown_option_is_a_usage_error() -> None:
    result = run("check", "--format", "xml")
    assert result.returncode == 2
    assert "--format" in result.stderr


def test_no_traceback_on_hostile_input(tmp_path: Path) -> None:
    # 45,000 levels: deep enough to overflow libyaml's C stack, short enough (90,000
    # characters) to be parsed at all: longer YAML is refused unparsed (load.MAX_YAML_CHARS).
    deep = "---\ntitle: " + "[" * 45_000 + "]" * 45_000 + "\ndate: 2025-12-30\n---\n"
    result = run(
        "check", "--root", make_repo(tmp_path, {"content/news/itogi-goda.md": deep}), "--lang", "en"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(
        "content/news/itogi-goda.md:2: lists and maps are nested too deep (at most 40 levels)"
    )


def test_check_speed_script_runs(tmp_path: Path) -> None:
    # The 10,000-item figure comes from this script; a small run keeps it working.
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "bench" / "check_speed.py"),
            "--items",
            "40",
            "--repeat",
            "1",
            "--limit",
            "60",
            "--dir",
            str(tmp_path / "synth"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "load_and_check, in process: best " in result.stdout
    assert "limit 60.00 s for the CLI: ok" in result.stdout
