"""The reviewers' preview: which pages a pull request adds, changes or removes.

The workflow builds the request and its base commit and compares the two sites;
here the same is done on a temporary git repository, with real builds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from content_repo import VALID

from generator.cli import main
from generator.contrib.site_diff import SiteDiff, address, compare, summary


def write(site: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def test_pages_are_compared_by_their_bytes_and_indexes_are_left_out(tmp_path: Path) -> None:
    old = write(
        tmp_path / "old",
        {
            "index.html": "home",
            "forums/a/index.html": "a",
            "forums/gone/index.html": "gone",
            "pagefind/fragment/x.html": "index 1",
            "feed.xml": "feed 1",
        },
    )
    new = write(
        tmp_path / "new",
        {
            "index.html": "home",
            "forums/a/index.html": "a, edited",
            "en/forums/new/index.html": "new",
            "pagefind/fragment/x.html": "index 2",
            "feed.xml": "feed 2",
        },
    )
    assert compare(old, new) == SiteDiff(
        added=["en/forums/new/index.html"],
        changed=["forums/a/index.html"],
        removed=["forums/gone/index.html"],
    )
    assert address("en/forums/new/index.html") == "/en/forums/new/"
    assert address("404.html") == "/404.html"


def test_the_summary_names_each_page_and_its_file_in_the_artifact() -> None:
    diff = SiteDiff(["forums/b/index.html"], ["index.html"], ["forums/gone/index.html"])
    assert summary(diff, "site-preview", "en") == (
        'Pages the request changes; the files are in the artifact "site-preview" '
        "(download it and open a file in a browser):\n"
        "\n"
        "| change | page | file in the artifact |\n"
        "| --- | --- | --- |\n"
        "| added | `/forums/b/` | `forums/b/index.html` |\n"
        "| changed | `/` | `index.html` |\n"
        "| removed | `/forums/gone/` | none (only in the base build) |\n"
    )
    assert summary(SiteDiff([], [], []), "x", "ru") == "Запрос не меняет ни одной страницы сайта.\n"


def test_a_missing_site_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(tmp_path / "nope"), str(tmp_path), "--lang", "en"]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'nope'}: there is no such built site folder\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return done.stdout.decode()


@pytest.mark.slow
def test_a_pull_request_on_a_temporary_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the workflow does it: build the base commit (a worktree) and the branch with the
    same `SOURCE_DATE_EPOCH`, then compare."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo)
    (repo / "README.md").unlink()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "b")
    base = git(repo, "rev-parse", "HEAD").strip()
    forum = repo / "content" / "forums" / "forum-kopengagen-2026.md"
    forum.write_text(
        forum.read_text("utf-8").replace("Программа форума.", "Программа форума уточнена."), "utf-8"
    )
    news = "---\ntitle: Новость миссии\ndate: 2026-01-01\nmissions: [dk]\n---\nТекст.\n"
    (repo / "content" / "news" / "novost-dk.md").write_text(news, encoding="utf-8")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "pr")
    git(repo, "worktree", "add", "-q", str(tmp_path / "base"), base)

    edit = ["--edit-base", "https://example.org/edit/main/", "--lang", "en"]
    for root, site in ((tmp_path / "base", tmp_path / "base-site"), (repo, tmp_path / "site")):
        assert main(["build", "--root", str(root), "--site-dir", str(site), *edit]) == 0
    capsys.readouterr()
    assert (
        main(["compare", str(tmp_path / "base-site"), str(tmp_path / "site"), "--lang", "en"]) == 0
    )
    table = capsys.readouterr().out
    assert "| added | `/news/novost-dk/` | `news/novost-dk/index.html` |" in table
    assert "| changed | `/forums/forum-kopengagen-2026/` |" in table
    diff = compare(tmp_path / "base-site", tmp_path / "site")
    assert "missions/dk/index.html" in diff.changed  # the mission page lists its news
    assert not diff.removed
    assert os.path.isfile(tmp_path / "site" / "news" / "novost-dk" / "index.html")
