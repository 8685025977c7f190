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


def detect_edit_base(root: Path) -> str:
    """The edit link prefix for the repository at `root`, or "" if unknown."""
    remote = _git(root, "remote", "get-url", "origin")
    # symbolic-ref works before the first commit; on a detached HEAD (CI) it fails.
    branch = _git(root, "symbolic-ref", "--short", "HEAD") or "main"
    return edit_base_from_remote(remote, branch)


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
