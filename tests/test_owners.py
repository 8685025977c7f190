"""Ownership by data, on a real git repository: one mission's items, items of two
missions, a move between missions, code, and the ways a fork could try to widen
its own rights."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.contrib.owners import Verdict, approvers_in, codeowners, report

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

BASE_FILES = {
    "OWNERS-CORE": "# core editors, one account a line\ncore-editor\n",
    "missions/dk.yml": "status: active\nmaintainers: [dk-keeper]\n",
    "missions/dk.md": "Миссия в Дании.\n",
    "missions/no.yml": 'status: forming\nmaintainers: ["@No-Keeper"]\n',
    "missions/se.yml": "status: forming\n",
    "content/forums/dk-forum.md": "---\ntitle: Форум\nstart: 2026-05-14\nmissions: [dk]\n---\nТекст.\n",
    "content/forums/shared.md": "---\ntitle: Общий форум\nstart: 2026-05-14\nmissions: [dk, no]\n---\n",
    "content/projects/moving.md": "---\ntitle: Проект\nmissions: [dk]\nstart: 2015\nstatus: active\n---\n",
    "content/internships/oslo.md": "---\ntitle: Стажировка\nhost: no\nstart: 2019-10-07\n---\n",
    "content/proposals/partners.md": "---\ntitle: Ищем партнёров\norganization: soyuz-nko\nlooking_for: Партнёров\n"
    "countries: [dk]\nexpires: 2030-01-01\n---\n",
    "content/routes/se-route.md": "---\ntitle: Маршрут\ncountries: [se]\naudience: youth\n---\n",
    "content/organizations/soyuz-nko.yml": "name: Союз НКО\ncountry: ru\n",
    "content/pages/about.md": "---\ntitle: О союзе\n---\n",
    "content/themes.yml": "culture: Культура\n",
    "generator/code.py": "print('hello')\n",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def commit(repo: Path, files: dict[str, str | None], message: str = "change") -> None:
    """Write (or, for None, delete) files and commit them."""
    for rel, text in files.items():
        path = repo / rel
        if text is None:
            git(repo, "rm", "-q", rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(repo, "add", rel)
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose `main` holds three missions and their items; HEAD is a branch."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "user.email", "test@example.org")
    git(tmp_path, "config", "commit.gpgsign", "false")
    commit(tmp_path, BASE_FILES, "base")
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path


def verdicts(repo: Path) -> dict[str, tuple[tuple[str, ...], bool]]:
    """path -> (missions that must approve, core editors must approve)."""
    return {v.path: (v.missions, v.core) for v in report(repo, "main").verdicts}


def owners_cli(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["owners", "check", "--root", str(repo), "--base", "main", "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out + err


def test_one_missions_items_need_that_mission_only(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "content/forums/dk-forum.md": "---\ntitle: Форум в Копенгагене\nstart: 2026-05-14\nmissions: [dk]\n---\n",
            "content/forums/dk-forum.en.md": "---\ntitle: Forum in Copenhagen\n---\n",
            "content/proposals/partners.md": BASE_FILES["content/proposals/partners.md"].replace(
                "Партнёров", "Партнёров для фестиваля"
            ),
            "missions/dk.md": "Миссия Союза НКО в Дании.\n",
            "missions/dk.yml": "status: active\nmaintainers: [dk-keeper, dk-second]\n",
        },
    )
    assert verdicts(repo) == {
        "content/forums/dk-forum.en.md": (("dk",), False),
        "content/forums/dk-forum.md": (("dk",), False),
        "content/proposals/partners.md": (("dk",), False),
        "missions/dk.md": (("dk",), False),
        "missions/dk.yml": (("dk",), False),
    }
    assert owners_cli(repo, capsys, "--author", "dk-keeper") == (
        0,
        (
            "5 file(s) changed since main. Who must approve:\n"
            "content/forums/dk-forum.en.md: mission dk (@dk-keeper) — an item of missions: dk\n"
            "content/forums/dk-forum.md: mission dk (@dk-keeper) — an item of missions: dk\n"
            "content/proposals/partners.md: mission dk (@dk-keeper) — an item of missions: dk\n"
            "missions/dk.md: mission dk (@dk-keeper) — a file of mission dk\n"
            "missions/dk.yml: mission dk (@dk-keeper) — a file of mission dk\n"
            "@dk-keeper may approve every change\n"
        ),
    )
    assert owners_cli(repo, capsys, "--author", "@DK-Keeper")[0] == 0
    assert owners_cli(repo, capsys, "--author", "core-editor")[0] == 0
    code, output = owners_cli(repo, capsys, "--author", "no-keeper")
    assert code == 1
    assert output.endswith(
        "@no-keeper may not approve 5 file(s); those named above must approve them\n"
    )


def test_an_item_of_two_missions_needs_both(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(
        repo,
        {
            "content/forums/shared.md": BASE_FILES["content/forums/shared.md"].replace(
                "Общий форум", "Форум"
            )
        },
    )
    assert verdicts(repo) == {"content/forums/shared.md": (("dk", "no"), False)}
    assert owners_cli(repo, capsys, "--author", "dk-keeper") == (
        1,
        (
            "1 file(s) changed since main. Who must approve:\n"
            "content/forums/shared.md: mission dk (@dk-keeper); mission no (@No-Keeper)"
            " — an item of missions: dk, no\n"
            "content/forums/shared.md: @dk-keeper may not approve this file; it needs: "
            "mission dk (@dk-keeper); mission no (@No-Keeper)\n"
            "@dk-keeper may not approve 1 file(s); those named above must approve them\n"
        ),
    )
    assert owners_cli(repo, capsys, "--author", "no-keeper")[0] == 1
    assert owners_cli(repo, capsys, "--author", "core-editor")[0] == 0


def test_a_move_between_missions_needs_the_losing_and_the_gaining_mission(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "content/projects/moving.md": BASE_FILES["content/projects/moving.md"].replace(
                "[dk]", "[no]"
            )
        },
    )
    [moved] = report(repo, "main").verdicts
    assert moved == Verdict(
        "content/projects/moving.md",
        ("dk", "no"),
        False,
        "owners_reason_moved",
        (("old", "dk"), ("new", "no")),
    )
    for author in ("dk-keeper", "no-keeper"):
        assert owners_cli(repo, capsys, "--author", author)[0] == 1
    assert owners_cli(repo, capsys, "--author", "core-editor")[0] == 0


def test_a_host_change_moves_an_internship(repo: Path) -> None:
    commit(
        repo,
        {
            "content/internships/oslo.md": BASE_FILES["content/internships/oslo.md"].replace(
                "host: no", "host: dk"
            )
        },
    )
    assert verdicts(repo) == {"content/internships/oslo.md": (("dk", "no"), False)}


def test_code_and_shared_files_need_the_core_editors(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "generator/code.py": "print('changed')\n",
            "content/themes.yml": "culture: Культура и искусство\n",
            "content/pages/about.md": "---\ntitle: О Союзе НКО\n---\n",
            "content/media/photo.png": "not really a picture\n",
            ".github/workflows/pr.yml": "name: x\n",
            "OWNERS-CORE": "core-editor\ndk-keeper\n",
        },
    )
    assert set(verdicts(repo).values()) == {((), True)}
    code, output = owners_cli(repo, capsys, "--author", "dk-keeper")
    assert code == 1
    assert (
        "generator/code.py: core editors (@core-editor) — a shared file: code, theme, "
        "settings or shared data\n"
    ) in output
    assert owners_cli(repo, capsys, "--author", "core-editor")[0] == 0


def test_items_of_no_mission_need_the_core_editors(repo: Path) -> None:
    commit(
        repo,
        {
            "content/organizations/soyuz-nko.yml": "name: Союз НКО\ncountry: ru\ncity: Москва\n",
            "content/publications/report.md": "---\ntitle: Отчёт\nauthors: Союз НКО\ndate: 2020-03-01\n---\n",
        },
    )
    assert verdicts(repo) == {
        "content/organizations/soyuz-nko.yml": ((), True),
        "content/publications/report.md": ((), True),
    }


def test_a_mission_without_maintainers_is_approved_by_the_core_editors(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "content/routes/se-route.md": BASE_FILES["content/routes/se-route.md"].replace(
                "youth", "families"
            )
        },
    )
    assert verdicts(repo) == {"content/routes/se-route.md": (("se",), False)}
    code, output = owners_cli(repo, capsys, "--author", "dk-keeper")
    assert code == 1
    assert "mission se (its maintainers list is empty: the core editors approve)" in output
    assert owners_cli(repo, capsys, "--author", "core-editor")[0] == 0


def test_adding_a_mission_needs_the_core_editors(repo: Path) -> None:
    commit(repo, {"missions/fi.yml": "status: forming\nmaintainers: [dk-keeper]\n"})
    assert verdicts(repo) == {"missions/fi.yml": (("fi",), True)}


def test_deleting_a_mission_needs_the_core_editors(repo: Path) -> None:
    commit(repo, {"missions/dk.yml": None})
    assert verdicts(repo) == {"missions/dk.yml": (("dk",), True)}


def test_a_fork_cannot_make_its_author_a_maintainer_of_another_mission(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Maintainers are read at the base: the pull request's own list does not count."""
    commit(
        repo,
        {
            "missions/no.yml": "status: forming\nmaintainers: [No-Keeper, dk-keeper]\n",
            "content/internships/oslo.md": BASE_FILES["content/internships/oslo.md"].replace(
                "Стажировка", "Стажировка!"
            ),
        },
    )
    assert owners_cli(repo, capsys, "--author", "dk-keeper")[0] == 1
    assert owners_cli(repo, capsys, "--author", "no-keeper")[0] == 0


def test_a_rename_needs_the_owners_of_both_names(repo: Path) -> None:
    git(repo, "mv", "content/forums/dk-forum.md", "content/forums/forum-kopengagen.md")
    git(repo, "commit", "-q", "-m", "rename")
    assert verdicts(repo) == {
        "content/forums/dk-forum.md": (("dk",), False),
        "content/forums/forum-kopengagen.md": (("dk",), False),
    }


def test_a_new_item_needs_the_missions_it_names(repo: Path) -> None:
    commit(
        repo,
        {"content/news/novost.md": "---\ntitle: Новость\ndate: 2026-01-01\nmissions: [no]\n---\n"},
    )
    assert verdicts(repo) == {"content/news/novost.md": (("no",), False)}


def test_an_unreadable_item_needs_the_core_editors(repo: Path) -> None:
    commit(repo, {"content/forums/dk-forum.md": "---\ntitle: [unclosed\nmissions: [dk]\n---\n"})
    [unreadable] = report(repo, "main").verdicts
    assert (unreadable.missions, unreadable.core, unreadable.reason) == (
        (),
        True,
        "owners_reason_unreadable",
    )


def test_changes_on_the_base_after_the_fork_point_are_not_the_branchs(repo: Path) -> None:
    commit(repo, {"content/forums/dk-forum.en.md": "---\ntitle: Forum\n---\n"})
    git(repo, "checkout", "-q", "main")
    commit(repo, {"generator/code.py": "print('main moved on')\n"})
    git(repo, "checkout", "-q", "change")
    assert verdicts(repo) == {"content/forums/dk-forum.en.md": (("dk",), False)}


def test_uncommitted_changes_are_not_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "generator" / "code.py").write_text("print('draft')\n", encoding="utf-8")
    assert owners_cli(repo, capsys) == (0, "nothing changed since main\n")


def test_report_is_in_russian_by_default(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    commit(repo, {"missions/dk.md": "Описание.\n"})
    assert (
        main(["owners", "check", "--root", str(repo), "--base", "main", "--author", "dk-keeper"])
        == 0
    )
    assert capsys.readouterr().out == (
        "Изменено файлов относительно main: 1. Кто должен одобрить:\n"
        "missions/dk.md: миссия dk (@dk-keeper) — файл миссии dk\n"
        "@dk-keeper может одобрить все изменения\n"
    )


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("--output=/tmp/x", '"--output=/tmp/x" is not a branch or commit name'),
        ("no-such-branch", '"no-such-branch" is not a branch or commit name'),
    ],
)
def test_a_bad_base_is_reported_not_run(
    repo: Path, capsys: pytest.CaptureFixture[str], base: str, message: str
) -> None:
    code = main(["owners", "check", "--root", str(repo), f"--base={base}", "--lang", "en"])
    assert code == 1
    assert capsys.readouterr().err == message + "\n"


def test_a_folder_outside_git_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["owners", "check", "--root", str(tmp_path), "--base", "main", "--lang", "en"])
    assert code == 1
    assert capsys.readouterr().err.startswith("git could not answer: fatal: not a git repository")


def test_codeowners_lists_each_missions_maintainers_after_the_core_editors(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert codeowners(approvers_in(repo)) == (
        "# Generated by `python -m generator owners codeowners` from the `maintainers`\n"
        "# of missions/*.yml and from OWNERS-CORE. Do not edit: change those and run it again.\n"
        "* @core-editor\n"
        "/missions/dk.* @dk-keeper @core-editor\n"
        "/missions/no.* @No-Keeper @core-editor\n"
    )
    args = ["owners", "codeowners", "--root", str(repo), "--lang", "en"]
    assert main([*args, "--check"]) == 1
    assert main(args) == 0
    assert (repo / "CODEOWNERS").read_text(encoding="utf-8") == codeowners(approvers_in(repo))
    assert main([*args, "--check"]) == 0
    (repo / "missions" / "se.yml").write_text(
        "status: forming\nmaintainers: [se-keeper]\n", encoding="utf-8"
    )
    assert main([*args, "--check"]) == 1
    assert capsys.readouterr().err.endswith(
        "CODEOWNERS does not match the missions' data: update it with "
        "python -m generator owners codeowners\n"
    )


def test_a_country_without_a_mission_is_approved_by_the_core_editors(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "content/routes/se-route.md": BASE_FILES["content/routes/se-route.md"].replace(
                "[se]", "[se, fi]"
            )
        },
    )
    assert verdicts(repo) == {"content/routes/se-route.md": (("fi", "se"), False)}
    code, output = owners_cli(repo, capsys, "--author", "dk-keeper")
    assert code == 1
    assert (
        "content/routes/se-route.md: fi (there is no such mission: the core editors "
        "approve); mission se (its maintainers list is empty: the core editors approve)"
        " — the item's missions change (was: se; now: fi, se); all of them must agree\n"
    ) in output
    assert owners_cli(repo, capsys, "--author", "core-editor")[0] == 0
