"""When each content file first reached the repository and when it last changed.

Feeds and the sitemap say when an entry appeared (`atom:published`) and when it was last
changed (`atom:updated`, `lastmod`). An item's own dates cannot say that: a forum's start
or a proposal's expiry lies in the future, and file times differ between checkouts. The
repository's history does say it, and the same commit always gives the same answer.

One `git log` over `missions/` and `content/` gives every file's first and last commit
(not a process per file: 10,000 items would take minutes). Only the first-parent line
counts, with each merge standing for the changes it brought: a pull request reaches the
site when it is merged, whatever day its commits were written in a fork.

Without that history there is nothing to read, and inventing dates would be worse than
giving none: outside a git repository, in a folder of another repository, or in a
shallow clone (where every file seems to date from the one commit fetched), `read`
returns an empty history whose `state` says why, and the outputs fall back to the dates
the content declares (see `generator/outputs/published.py`).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

FOLDERS = ("missions", "content")
"""The folders whose files are content (the content model's layout)."""

State = Literal["git", "shallow", "no-git"]


@dataclass(frozen=True)
class Commits:
    """A file's first and last commit times (UTC), on the first-parent line."""

    first: datetime
    last: datetime


@dataclass(frozen=True)
class History:
    files: dict[str, Commits] = field(default_factory=dict)
    """By path relative to the repository root, with `/` (`content/news/a.md`)."""
    state: State = "no-git"
    head: datetime | None = None
    """Time of the newest commit that touched content, if any."""

    def of(self, *paths: str | None) -> Commits | None:
        """The commits of one item's files together (its `.md` and its `.en.md`)."""
        found = [self.files[path] for path in paths if path and path in self.files]
        if not found:
            return None
        return Commits(min(c.first for c in found), max(c.last for c in found))


def read(root: Path) -> History:
    """The history of `root`'s content files, or an empty one that says why."""
    top = _git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if top is None:
        return History()
    lines = top.splitlines()
    if len(lines) != 2 or Path(lines[0]).resolve() != root.resolve():
        return History()  # a folder inside another repository: its history is not ours
    if lines[1].strip() == "true":
        return History(state="shallow")
    log = _git(
        root,
        "-c",
        "core.quotepath=off",
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-renames",
        "--name-only",
        "-z",
        "--format=%x01%ct",
        "--",
        *FOLDERS,
    )
    if log is None:
        return History()
    return parse_log(log)


def parse_log(log: str) -> History:
    """`git log -z --name-only --format=%x01%ct` (newest first) as a `History`."""
    last: dict[str, datetime] = {}
    first: dict[str, datetime] = {}
    head: datetime | None = None
    for record in log.split("\x01"):
        stamp, _, names = record.partition("\0")
        if not stamp.strip().isdigit():
            continue
        when = datetime.fromtimestamp(int(stamp), UTC)
        head = head or when
        for name in names.lstrip("\n").split("\0"):
            if name:
                last.setdefault(name, when)  # the log is newest first
                first[name] = when
    files = {name: Commits(first[name], last[name]) for name in last}
    return History(files, "git", head)


def _git(root: Path, *args: str) -> str | None:
    """`git -C root ARGS`'s output, or None when git is missing or the command fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    return done.stdout if done.returncode == 0 else None
