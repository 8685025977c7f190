"""Edit links from the git remote when --edit-base is not given."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.contrib.forge import detect_edit_base, edit_base_from_remote


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("git@github.com:soyuz/missions.git", "https://github.com/soyuz/missions/edit/main/"),
        ("https://github.com/soyuz/missions", "https://github.com/soyuz/missions/edit/main/"),
        ("https://gitlab.com/group/sub/site.git", "https://gitlab.com/group/sub/site/-/edit/main/"),
        ("ssh://git@codeberg.org/u/r.git", "https://codeberg.org/u/r/_edit/main/"),
        ("https://example.org/u/r.git", ""),
        ("/srv/git/r.git", ""),
    ],
)
def test_known_forges_give_an_edit_base(remote: str, expected: str) -> None:
    assert edit_base_from_remote(remote, "main") == expected


def test_branch_with_odd_characters_gives_nothing() -> None:
    assert edit_base_from_remote("git@github.com:o/r.git", "x;rm -rf") == ""


def test_repository_remote_and_branch_are_read(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "trunk")
    git("remote", "add", "origin", "git@github.com:soyuz/missions.git")
    assert detect_edit_base(tmp_path) == "https://github.com/soyuz/missions/edit/trunk/"


def test_folder_without_git_gives_nothing(tmp_path: Path) -> None:
    assert detect_edit_base(tmp_path) == ""
