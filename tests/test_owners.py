"""Ownership by data, on real git repositories: who must approve each change, and
whether the approvals given are enough (the approval matrix of issue #21): one
mission's items, items of two missions, moves and claims, media, code, the
author's own approval, the target branch moving on, and the ways a fork could try
to widen its own rights."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.contrib.owners import FolderTree, Verdict, codeowners, report

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

BASE_FILES = {
    "OWNERS-CORE": "# core editors, one account a line\ncore-editor\n",
    "missions/dk.yml": "status: active\nmaintainers: [dk-keeper, dk-second]\n",
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
    "content/media/dk/photo.png": "dk's picture\n",
    "content/media/logo.png": "shared picture\n",
    "content/news/union.md": "---\ntitle: Новость союза\ndate: 2026-01-01\n---\n",
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
    """`owners check` against main, in English; exit code and everything printed."""
    code = main(["owners", "check", "--root", str(repo), "--base", "main", "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out + err


def approve(
    repo: Path, capsys: pytest.CaptureFixture[str], author: str, *approved: str
) -> tuple[int, str]:
    return owners_cli(repo, capsys, "--author", author, "--approved-by", ",".join(approved))


def edit(path: str, old: str, new: str) -> dict[str, str | None]:
    return {path: BASE_FILES[path].replace(old, new)}


# -- the approval matrix ----------------------------------------------------------------


def test_a_missions_own_item_is_approved_by_its_other_maintainer(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, edit("content/forums/dk-forum.md", "Форум", "Форум в Копенгагене"))
    assert approve(repo, capsys, "dk-keeper", "dk-second") == (
        0,
        "1 file(s) changed since main. Who must approve:\n"
        "content/forums/dk-forum.md: mission dk (@dk-keeper, @dk-second)"
        " — an item of missions: dk\n"
        "Every changed file is approved by its owners. Approved by: @dk-second\n",
    )


def test_an_outsiders_approval_does_not_count(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, edit("content/forums/dk-forum.md", "Форум", "Форум в Копенгагене"))
    code, output = approve(repo, capsys, "ivan-outsider", "no-keeper")
    assert code == 1
    assert output.endswith(
        "Approved by: @no-keeper. Approvals still needed (a core editor may approve any file):\n"
        "content/forums/dk-forum.md: still needs the approval of: mission dk"
        " (@dk-keeper, @dk-second)\n"
        "1 file(s) not approved yet; the request can be merged once those named above approve\n"
    )
    # The right maintainer's approval turns an outsider's request green.
    assert approve(repo, capsys, "ivan-outsider", "no-keeper", "DK-Keeper")[0] == 0


def test_no_approval_is_red_even_for_a_maintainers_own_change(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, edit("content/forums/dk-forum.md", "Форум", "Форум в Копенгагене"))
    code, output = approve(repo, capsys, "dk-keeper")
    assert code == 1
    assert "Approved by: nobody yet." in output
    # The author is left out of whom to ask.
    assert "still needs the approval of: mission dk (@dk-second)\n" in output


def test_the_authors_own_approval_does_not_count(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, edit("content/forums/dk-forum.md", "Форум", "Форум в Копенгагене"))
    code, output = approve(repo, capsys, "@DK-keeper", "dk-keeper")
    assert code == 1
    assert "@DK-keeper wrote the request: their own approval does not count\n" in output
    assert approve(repo, capsys, "dk-keeper", "dk-keeper", "core-editor")[0] == 0


def test_a_core_editors_own_change_needs_another_owner(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, {"generator/code.py": "print('changed')\n"})
    assert approve(repo, capsys, "core-editor", "core-editor")[0] == 1
    assert approve(repo, capsys, "core-editor", "dk-keeper")[0] == 1


def test_a_joint_item_needs_both_missions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, edit("content/forums/shared.md", "Общий форум", "Форум"))
    assert verdicts(repo) == {"content/forums/shared.md": (("dk", "no"), False)}
    code, output = approve(repo, capsys, "ivan-outsider", "dk-second")
    assert code == 1
    assert "content/forums/shared.md: still needs the approval of: mission no (@No-Keeper)\n" in (
        output
    )
    assert approve(repo, capsys, "ivan-outsider", "no-keeper")[0] == 1
    assert approve(repo, capsys, "ivan-outsider", "dk-second", "no-keeper")[0] == 0
    assert approve(repo, capsys, "ivan-outsider", "core-editor")[0] == 0


def test_a_move_between_missions_needs_the_losing_and_the_gaining_mission(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, edit("content/projects/moving.md", "[dk]", "[no]"))
    [moved] = report(repo, "main").verdicts
    assert moved == Verdict(
        "content/projects/moving.md",
        ("dk", "no"),
        False,
        "owners_reason_moved",
        (("old", "dk"), ("new", "no")),
    )
    assert approve(repo, capsys, "no-keeper", "dk-keeper")[0] == 1  # the author is no's
    assert approve(repo, capsys, "dk-keeper", "no-keeper")[0] == 1  # dk's needs dk-second
    assert approve(repo, capsys, "dk-keeper", "no-keeper", "dk-second")[0] == 0
    assert approve(repo, capsys, "ivan-outsider", "core-editor")[0] == 0


def test_an_internships_country_and_a_projects_location_place_them_too(repo: Path) -> None:
    """`country` (an internship where no mission hosts it) and `location.country` place an
    item as `host` and `missions` do; an organization's `country` does not."""
    commit(
        repo,
        {
            "content/internships/oslo.md": BASE_FILES["content/internships/oslo.md"].replace(
                "host: no", "country: dk"
            ),
            "content/projects/moving.md": BASE_FILES["content/projects/moving.md"].replace(
                "status: active", "status: active\nlocation: {city: Осло, country: no}"
            ),
            "content/organizations/soyuz-nko.yml": "name: Союз НКО\ncountry: dk\n",
        },
    )
    assert verdicts(repo) == {
        "content/internships/oslo.md": (("dk", "no"), False),
        "content/projects/moving.md": (("dk", "no"), False),
        "content/organizations/soyuz-nko.yml": ((), True),
    }


def test_a_host_change_moves_an_internship(repo: Path) -> None:
    commit(repo, edit("content/internships/oslo.md", "host: no", "host: dk"))
    assert verdicts(repo) == {"content/internships/oslo.md": (("dk", "no"), False)}


def test_a_missions_media_folder_is_its_own_and_other_media_are_shared(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "content/media/dk/photo.png": "a new picture\n",
            "content/media/dk/forum/hall.jpg": "a hall\n",
            "content/media/logo.png": "a new logo\n",
            "content/media/fi/x.png": "a country without a mission\n",
        },
    )
    assert verdicts(repo) == {
        "content/media/dk/forum/hall.jpg": (("dk",), False),
        "content/media/dk/photo.png": (("dk",), False),
        "content/media/fi/x.png": (("fi",), False),
        "content/media/logo.png": ((), True),
    }
    code, output = approve(repo, capsys, "dk-keeper", "dk-second")
    assert code == 1
    assert "content/media/logo.png: still needs the approval of: core editors" in output
    assert "content/media/fi/x.png: still needs the approval of: core editors" in output
    assert "content/media/dk/photo.png: still" not in output


def test_code_and_shared_files_need_the_core_editors(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "generator/code.py": "print('changed')\n",
            "content/themes.yml": "culture: Культура и искусство\n",
            "content/pages/about.md": "---\ntitle: О Союзе НКО\n---\n",
            ".github/workflows/pr.yml": "name: x\n",
            "OWNERS-CORE": "core-editor\ndk-keeper\n",
        },
    )
    assert set(verdicts(repo).values()) == {((), True)}
    code, output = approve(repo, capsys, "dk-keeper", "dk-second", "no-keeper")
    assert code == 1
    assert (
        "generator/code.py: core editors (@core-editor) — a shared file: code, theme, "
        "settings or shared data\n"
    ) in output
    assert approve(repo, capsys, "dk-keeper", "core-editor")[0] == 0


def test_claiming_a_core_item_needs_the_core_editors(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(
        repo,
        {
            "content/news/union.md": "---\ntitle: Новость миссии\ndate: 2026-01-01\n"
            "missions: [dk]\n---\n",
            "content/organizations/soyuz-nko.yml": "name: Союз НКО\ncountry: ru\nmissions: [dk]\n",
        },
    )
    found = {v.path: v for v in report(repo, "main").verdicts}
    assert (found["content/news/union.md"].missions, found["content/news/union.md"].core) == (
        ("dk",),
        True,
    )
    assert found["content/news/union.md"].reason == "owners_reason_claimed"
    code, output = approve(repo, capsys, "dk-keeper", "dk-second")
    assert code == 1
    assert "content/news/union.md: still needs the approval of: core editors (@core-editor)" in (
        output
    )
    assert approve(repo, capsys, "dk-keeper", "core-editor")[0] == 0


def test_releasing_an_item_to_nobody_needs_the_core_editors(repo: Path) -> None:
    commit(repo, edit("content/proposals/partners.md", "countries: [dk]\n", ""))
    [released] = report(repo, "main").verdicts
    assert (released.missions, released.core, released.reason) == (
        ("dk",),
        True,
        "owners_reason_released",
    )


def test_a_placement_changed_on_the_target_after_the_branch_was_cut(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The verdict is against main as it is now: dk no longer owns the project."""
    commit(repo, edit("content/projects/moving.md", "status: active", "status: completed"))
    git(repo, "checkout", "-q", "main")
    commit(repo, edit("content/projects/moving.md", "[dk]", "[no]"))
    git(repo, "checkout", "-q", "change")
    assert verdicts(repo) == {"content/projects/moving.md": (("no",), False)}
    assert approve(repo, capsys, "dk-keeper", "dk-second")[0] == 1
    assert approve(repo, capsys, "dk-keeper", "no-keeper")[0] == 0


def test_changes_on_the_target_after_the_fork_point_are_not_the_branchs(repo: Path) -> None:
    commit(repo, {"content/forums/dk-forum.en.md": "---\ntitle: Forum\n---\n"})
    git(repo, "checkout", "-q", "main")
    commit(repo, {"generator/code.py": "print('main moved on')\n"})
    git(repo, "checkout", "-q", "change")
    assert verdicts(repo) == {"content/forums/dk-forum.en.md": (("dk",), False)}


def test_a_branch_that_conflicts_with_the_target_is_not_judged(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, {"generator/code.py": "print('branch')\n"})
    git(repo, "checkout", "-q", "main")
    commit(repo, {"generator/code.py": "print('main')\n"})
    git(repo, "checkout", "-q", "change")
    code, output = approve(repo, capsys, "dk-keeper", "core-editor")
    assert code == 1
    assert output == (
        "the branch conflicts with main: merge main into it (or rebase) and resolve the "
        "conflicts first\n"
    )


def test_a_pull_request_that_edits_the_ownership_code_gains_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The branch's own `owners.py` is never run: the target's code judges its files, and
    the code itself is the core editors' to approve."""
    commit(
        repo,
        {
            "generator/contrib/owners.py": "def report(*a, **k):\n    return None  # all green\n",
            "content/forums/shared.md": BASE_FILES["content/forums/shared.md"].replace(
                "Общий форум", "Форум"
            ),
        },
    )
    code, output = approve(repo, capsys, "dk-keeper", "dk-second")
    assert code == 1
    assert "generator/contrib/owners.py: still needs the approval of: core editors" in output


def test_an_empty_owners_core_fails_and_says_what_to_do(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "checkout", "-q", "main")
    commit(repo, {"OWNERS-CORE": "# nobody yet\n"})
    git(repo, "checkout", "-q", "-b", "empty-core")
    commit(repo, {"missions/dk.md": "Описание.\n"})
    code, output = approve(repo, capsys, "dk-keeper", "dk-second")
    assert code == 1
    assert output == (
        "OWNERS-CORE lists no core editor: write their accounts into it, one a line, "
        "or nobody can approve the shared files\n"
    )


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
    code, output = approve(repo, capsys, "dk-keeper", "dk-second")
    assert code == 1
    assert "mission se (its maintainers list is empty: the core editors approve)" in output
    assert approve(repo, capsys, "dk-keeper", "core-editor")[0] == 0


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
    # dk-keeper's approval counts for nothing in mission no: no's list is main's.
    assert approve(repo, capsys, "ivan-outsider", "dk-keeper")[0] == 1
    assert approve(repo, capsys, "ivan-outsider", "no-keeper")[0] == 0


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
    args = ["owners", "check", "--root", str(repo), "--base", "main", "--author", "dk-keeper"]
    assert main([*args, "--approved-by", ""]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        "Изменено файлов относительно main: 1. Кто должен одобрить:\n"
        "missions/dk.md: миссия dk (@dk-keeper, @dk-second) — файл миссии dk\n"
        "Одобрили: пока никто. Ещё нужны одобрения (основной редактор может одобрить любой файл):\n"
        "missions/dk.md: ещё нужно одобрение: миссия dk (@dk-second)\n"
    )
    assert captured.err == (
        "не одобрено файлов: 1; запрос можно слить, когда их одобрят названные выше\n"
    )
    assert main([*args, "--approved-by", "dk-second"]) == 0
    assert capsys.readouterr().out.endswith(
        "Все изменённые файлы одобрены их владельцами. Одобрили: @dk-second\n"
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


def test_codeowners_names_owners_per_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each mission's files, media folder and items; joint items with every mission; the
    core editors on every line and alone for the rest (`*`)."""
    assert codeowners(FolderTree(repo)) == (
        "# Generated by `python -m generator owners codeowners` from the `maintainers`\n"
        "# of missions/*.yml, the items' missions and OWNERS-CORE. Do not edit: run it again.\n"
        "* @core-editor\n"
        "# Checked by `owners check`, which lets it change with the data it is made from:\n"
        "/CODEOWNERS @dk-keeper @dk-second @No-Keeper @core-editor\n"
        "/missions/dk.* @dk-keeper @dk-second @core-editor\n"
        "/content/media/dk/ @dk-keeper @dk-second @core-editor\n"
        "/missions/no.* @No-Keeper @core-editor\n"
        "/content/media/no/ @No-Keeper @core-editor\n"
        "/content/forums/dk-forum.md @dk-keeper @dk-second @core-editor\n"
        "/content/forums/shared.md @dk-keeper @dk-second @No-Keeper @core-editor\n"
        "/content/internships/oslo.md @No-Keeper @core-editor\n"
        "/content/projects/moving.md @dk-keeper @dk-second @core-editor\n"
        "/content/proposals/partners.md @dk-keeper @dk-second @core-editor\n"
    )
    args = ["owners", "codeowners", "--root", str(repo), "--lang", "en"]
    assert main([*args, "--check"]) == 1
    assert main(args) == 0
    assert (repo / "CODEOWNERS").read_text(encoding="utf-8") == codeowners(FolderTree(repo))
    assert main([*args, "--check"]) == 0
    (repo / "content" / "forums" / "dk-forum.en.md").write_text("---\ntitle: F\n---\n", "utf-8")
    assert main([*args, "--check"]) == 1
    assert capsys.readouterr().err.endswith(
        "CODEOWNERS does not match the missions' data: update it with "
        "python -m generator owners codeowners\n"
    )
    assert main(args) == 0
    assert "/content/forums/dk-forum.en.md @dk-keeper @dk-second @core-editor\n" in (
        repo / "CODEOWNERS"
    ).read_text(encoding="utf-8")


def test_a_generated_codeowners_needs_no_approval_but_a_hand_edit_does(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new item changes CODEOWNERS; the mission alone approves both, as long as the file
    is what the target's code writes from the merged data."""
    main(["owners", "codeowners", "--root", str(repo)])
    git(repo, "add", "CODEOWNERS")
    git(repo, "commit", "-q", "-m", "codeowners")
    git(repo, "branch", "-f", "main", "HEAD")
    new_item = "---\ntitle: Новость\ndate: 2026-01-01\nmissions: [dk]\n---\n"
    (repo / "content" / "news" / "dk-news.md").write_text(new_item, encoding="utf-8")
    main(["owners", "codeowners", "--root", str(repo)])
    generated = (repo / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/content/news/dk-news.md @dk-keeper" in generated
    commit(repo, {"content/news/dk-news.md": new_item, "CODEOWNERS": generated})
    assert verdicts(repo)["CODEOWNERS"] == ((), False)
    assert approve(repo, capsys, "dk-keeper", "dk-second")[0] == 0
    text = (repo / "CODEOWNERS").read_text(encoding="utf-8")
    commit(repo, {"CODEOWNERS": text + "/generator/ @dk-keeper\n"})
    assert verdicts(repo)["CODEOWNERS"] == ((), True)
    assert approve(repo, capsys, "dk-keeper", "dk-second")[0] == 1


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
    code, output = approve(repo, capsys, "dk-keeper", "dk-second")
    assert code == 1
    assert (
        "content/routes/se-route.md: fi (there is no such mission: the core editors "
        "approve); mission se (its maintainers list is empty: the core editors approve)"
        " — the item's missions change (was: se; now: fi, se); all of them must agree\n"
    ) in output
    assert approve(repo, capsys, "dk-keeper", "core-editor")[0] == 0
