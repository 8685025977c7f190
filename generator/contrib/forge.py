"""Where "edit this page" links go when the build is not told.

A build in a clone of the published repository knows its forge from the git
remote: `git@github.com:ORG/REPO.git` edits at
`https://github.com/ORG/REPO/edit/<branch>/<path>`. Without a recognised remote the
pages name the source file instead (`--edit-base` always wins).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_REMOTE = re.compile(
    r"^(?:https://|git@|ssh://git@)(?P<host>github\.com|gitlab\.com|codeberg\.org)[:/]"
    r"(?P<path>[\w.-]+(?:/[\w.-]+)+)/?$"
)

_EDIT_PATH = {"github.com": "edit", "gitlab.com": "-/edit", "codeberg.org": "_edit"}


def edit_base_from_remote(remote: str, branch: str) -> str:
    """`git@github.com:org/repo.git`, `main` -> `https://github.com/org/repo/edit/main/`."""
    match = _REMOTE.match(remote.strip())
    if not match or not re.fullmatch(r"[\w./-]+", branch):
        return ""
    host, path = match["host"], match["path"].removesuffix(".git")
    return f"https://{host}/{path}/{_EDIT_PATH[host]}/{branch}/"


_NEW_FILE = {
    # GitHub: for a visitor without write access the editor commits to a fork and
    # offers a pull request (design.md).
    "/edit/": ("github", "/new/", "filename", "value"),
    "/-/edit/": ("gitlab", "/-/new/", "file_name", "content"),
}
"""How an edit link becomes the forge's new-file page: the forge's name, the path part
that replaces `edit`, and the query parameters for the file's name and its text."""

MAX_URL = 8000
"""Longest new-file address offered: GitHub answers 414 to addresses around 8 KB."""


def new_file_form(edit_base: str) -> dict[str, str | int] | None:
    """The forge's new-file page for the web form (/submit/), from the edit link base.

    `https://github.com/org/repo/edit/main/` -> `https://github.com/org/repo/new/main/`
    with `?filename=…&value=…`; GitLab's `…/-/edit/main/` -> `…/-/new/main/` with
    `?file_name=…&content=…`. None when the forge is unknown: the form then offers
    download and copy only.
    """
    if not re.match(r"https://[^/\s]+/", edit_base):
        return None
    for edit, (forge, new, name_param, text_param) in sorted(
        _NEW_FILE.items(), key=lambda entry: -len(entry[0])
    ):
        head, found, branch = edit_base.rpartition(edit)
        if found and head.count("/") >= 4 and re.fullmatch(r"[\w.-]+(/[\w.-]+)*/", branch):
            return {
                "forge": forge,
                "base": f"{head}{new}{branch}",
                "name_param": name_param,
                "text_param": text_param,
                "max_url": MAX_URL,
            }
    return None


def detect_edit_base(root: Path) -> str:
    """The edit link prefix for the repository at `root`, or "" if unknown."""
    remote = _git(root, "remote", "get-url", "origin")
    # symbolic-ref works before the first commit; on a detached HEAD (CI) it fails.
    branch = _git(root, "symbolic-ref", "--short", "HEAD") or "main"
    return edit_base_from_remote(remote, branch)


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",  # a branch may be named in Russian; Windows' default is cp1252
            errors="replace",
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
