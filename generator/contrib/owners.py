"""Ownership by data: whose approval a change needs, read from the content itself.

A mission works in its fork and may change only what is its own. What is its
own is not a folder but a fact in the data: the mission's files and every item
that names that mission. So the rule is applied to each changed file:

- `missions/<code>.yml`, `.md`, `.en.md` belong to mission `<code>`. Adding or
  deleting `missions/<code>.yml` changes the shared list of missions, so it
  needs the core editors as well.
- An item under `content/<collection>/` (and its `.en.md` translation) belongs
  to the missions its `missions`, `host` and `countries` fields name. Both
  versions count: the item as it was at the merge base and as it is at the
  head. Every mission in the union must approve: moving an item from A to B
  needs A (which loses it) and B (which gains it); an item shared by A and B
  shows on both missions' pages, so a change to it needs both.
- Everything else needs the core editors: code, theme, configuration, CI,
  `content/themes.yml`, free pages, media, items that name no mission, and any
  item whose fields cannot be read in either version.

Who approves for a mission: the accounts in its `maintainers`, as the *base*
revision lists them (a pull request cannot make its author a maintainer of the
mission it changes), and the core editors, listed one per line in
`OWNERS-CORE` at the base revision. A mission with no maintainers, and a code
that names no mission at the base (a `countries` entry where the union has no
mission), are approved by the core editors alone.

Only committed changes count (`git diff <merge-base> <head>`): a pull request
is made of commits, and reading both versions from git keeps the report the
same on every machine, whatever is lying uncommitted in a working tree.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.content.countries import is_country
from generator.content.load import MAX_TEXT_BYTES, split_front_matter
from generator.content.models import CONTENT_COLLECTIONS
from generator.content.problems import Problems
from generator.content.yamlread import Mapping, Scalar, Sequence, YamlProblem, read_yaml

CORE_FILE = "OWNERS-CORE"
"""One core editor's account per line; `#` starts a comment. Plain text, not a content
field: the content model is a fixed contract, and the core team is not a mission."""

CODEOWNERS_FILE = "CODEOWNERS"
"""At the root, where both GitHub and GitLab look for it."""

PLACING_FIELDS = ("missions", "host", "countries")
"""Fields whose mission codes place an item in a mission."""

ITEM_FOLDERS = {PurePosixPath(c.folder).name for c in CONTENT_COLLECTIONS}


class OwnersError(Exception):
    """git could not answer; `code` is a key of `messages.CATALOGUE`."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True)
class Verdict:
    """Who must approve one changed file, and why (a message code and its parameters)."""

    path: str
    missions: tuple[str, ...]
    """Every one of these missions must approve."""
    core: bool
    """The core editors must approve."""
    reason: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass
class Approvers:
    """The accounts that may approve, as the base revision says."""

    core: list[str] = field(default_factory=list)
    maintainers: dict[str, list[str]] = field(default_factory=dict)

    def of(self, mission: str) -> list[str]:
        return self.maintainers.get(mission, [])

    def may_approve(self, author: str, verdict: Verdict) -> bool:
        """Core editors approve anything; a maintainer, their own mission's share."""
        who = normalize(author)
        if who in {normalize(a) for a in self.core}:
            return True
        if verdict.core or not verdict.missions:
            return False
        return all(who in {normalize(a) for a in self.of(m)} for m in verdict.missions)


def normalize(account: str) -> str:
    """Forges compare account names without case and write them with or without `@`."""
    return account.strip().removeprefix("@").lower()


# -- git ------------------------------------------------------------------------------


@dataclass
class Git:
    """The few git questions the rule asks, against one repository."""

    root: Path

    def run(self, *args: str) -> str:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, check=False
            )
        except FileNotFoundError:
            raise OwnersError("owners_git_failed", detail="git not found") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OwnersError("owners_git_failed", detail=detail[-1] if detail else args[0])
        return done.stdout.decode("utf-8", "replace")

    def commit(self, ref: str) -> str:
        """The commit `ref` names; refuses anything git could take for an option."""
        if not ref or ref.startswith("-"):
            raise OwnersError("owners_bad_ref", ref=ref)
        self.run("rev-parse", "--git-dir")  # "not a git repository" is git's to explain
        try:
            return self.run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
            ).strip()
        except OwnersError:
            raise OwnersError("owners_bad_ref", ref=ref) from None

    def merge_base(self, a: str, b: str) -> str:
        return self.run("merge-base", a, b).strip()

    def changed(self, old: str, new: str) -> list[tuple[str, str]]:
        """(status, path) of every file changed; a rename is a deletion and an addition."""
        out = self.run("diff", "--name-status", "--no-renames", "-z", old, new, "--")
        fields = out.split("\0")
        return [(fields[i], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]

    def show(self, commit: str, path: str) -> bytes | None:
        """The file at `commit`, or None when it does not exist there."""
        done = subprocess.run(
            ["git", "-C", str(self.root), "cat-file", "blob", f"{commit}:{path}"],
            capture_output=True,
            check=False,
        )
        return done.stdout if done.returncode == 0 else None

    def list_dir(self, commit: str, folder: str) -> list[str]:
        out = self.run("ls-tree", "--name-only", "-z", commit, "--", f"{folder}/")
        return [name for name in out.split("\0") if name]


# -- reading the data -----------------------------------------------------------------

UNREADABLE = None
"""`placement` of a file that exists but whose fields cannot be read."""


def placement(data: bytes, path: str) -> frozenset[str] | None:
    """Mission codes an item's placing fields name; None when its fields are unreadable."""
    fields = _fields(data, path)
    if fields is None:
        return UNREADABLE
    codes: set[str] = set()
    for name in PLACING_FIELDS:
        if name not in fields.entries:
            continue
        node = fields.entries[name][1]
        values = node.items if isinstance(node, Sequence) else [node]
        if not all(isinstance(v, Scalar) for v in values):
            return UNREADABLE
        codes.update(v.value.strip() for v in values if isinstance(v, Scalar) and not v.is_null)
    return frozenset(codes)


def _fields(data: bytes, path: str) -> Mapping | None:
    """The top-level map of a YAML file or of a Markdown file's front matter."""
    if len(data) > MAX_TEXT_BYTES:
        return None
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None
    if path.endswith(".md"):
        parts = split_front_matter(text, path, Problems())
        if parts is None:
            return None
        text = parts.front_matter
    try:
        node = read_yaml(text)
    except YamlProblem:
        return None
    return node if isinstance(node, Mapping) else None


def read_core(text: str) -> list[str]:
    """Accounts of `OWNERS-CORE`: one a line, comments and blank lines skipped."""
    accounts = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [a.removeprefix("@") for a in accounts if a]


def read_maintainers(data: bytes, path: str) -> list[str]:
    fields = _fields(data, path)
    if fields is None or "maintainers" not in fields.entries:
        return []
    node = fields.entries["maintainers"][1]
    if not isinstance(node, Sequence):
        return []
    return [
        v.value.strip().removeprefix("@")
        for v in node.items
        if isinstance(v, Scalar) and not v.is_null and v.value.strip()
    ]


def approvers_at(git: Git, commit: str) -> Approvers:
    core = git.show(commit, CORE_FILE)
    result = Approvers(core=read_core(core.decode("utf-8", "replace")) if core else [])
    for name in git.list_dir(commit, "missions"):
        path = PurePosixPath(name)
        if path.suffix == ".yml" and is_country(path.stem):
            data = git.show(commit, name)
            result.maintainers[path.stem] = read_maintainers(data or b"", name)
    return result


def approvers_in(root: Path) -> Approvers:
    """The same, from the working tree: what `codeowners` writes."""
    core = root / CORE_FILE
    result = Approvers(core=read_core(core.read_text("utf-8")) if core.is_file() else [])
    for path in sorted((root / "missions").glob("*.yml")):
        if is_country(path.stem):
            rel = f"missions/{path.name}"
            result.maintainers[path.stem] = read_maintainers(path.read_bytes(), rel)
    return result


# -- the rule -------------------------------------------------------------------------


def verdict(git: Git, old: str, new: str, status: str, path: str) -> Verdict:
    """Who must approve the change of `path` between commits `old` and `new`."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == "missions":
        code = parts[1].split(".", 1)[0]
        if is_country(code):
            return _mission_file(path, code, status)
    if len(parts) == 3 and parts[0] == "content" and parts[1] in ITEM_FOLDERS:
        return _item(git, old, new, path)
    return Verdict(path, (), True, "owners_reason_shared")


def _mission_file(path: str, code: str, status: str) -> Verdict:
    if path.endswith(".yml") and status in ("A", "D"):
        return Verdict(path, (code,), True, "owners_reason_mission_list", (("code", code),))
    return Verdict(path, (code,), False, "owners_reason_mission_file", (("code", code),))


def _item(git: Git, old: str, new: str, path: str) -> Verdict:
    """An item's verdict, from the Russian file's fields in both versions."""
    source = _original(path)
    sides = {}
    for commit in (old, new):
        data = git.show(commit, source)
        sides[commit] = frozenset() if data is None else placement(data, source)
        if data is not None and sides[commit] is UNREADABLE:
            return Verdict(
                path, (), True, "owners_reason_unreadable", (("path", source), ("rev", commit[:10]))
            )
    before, after = sides[old], sides[new]
    assert before is not None and after is not None  # unreadable sides returned above
    union = tuple(sorted(before | after))
    if not union:
        return Verdict(path, (), True, "owners_reason_unplaced")
    if before and after and before != after:
        return Verdict(
            path,
            union,
            False,
            "owners_reason_moved",
            (("old", ", ".join(sorted(before))), ("new", ", ".join(sorted(after)))),
        )
    return Verdict(path, union, False, "owners_reason_item", (("codes", ", ".join(union)),))


def _original(path: str) -> str:
    """`gagarin.en.md` -> `gagarin.md`: a translation is placed by its Russian file."""
    return path[: -len(".en.md")] + ".md" if path.endswith(".en.md") else path


@dataclass
class Report:
    base: str
    verdicts: list[Verdict]
    approvers: Approvers

    def denied(self, author: str) -> list[Verdict]:
        return [v for v in self.verdicts if not self.approvers.may_approve(author, v)]


def report(root: Path, base: str, head: str = "HEAD") -> Report:
    """The verdict for every file changed on `head` since it left `base`."""
    git = Git(root)
    base_commit, head_commit = git.commit(base), git.commit(head)
    fork_point = git.merge_base(base_commit, head_commit)
    verdicts = [
        verdict(git, fork_point, head_commit, status, path)
        for status, path in git.changed(fork_point, head_commit)
    ]
    return Report(base, verdicts, approvers_at(git, base_commit))


# -- CODEOWNERS -----------------------------------------------------------------------


def codeowners(approvers: Approvers) -> str:
    """CODEOWNERS text: core editors own everything, each mission its own files.

    The last matching line wins in CODEOWNERS, so mission lines come after `*`,
    and name the core editors too, who may approve anything. CODEOWNERS matches
    paths only: items placed by their fields are left to `owners check`.
    """
    core = _handles(approvers.core)
    lines = [
        "# Generated by `python -m generator owners codeowners` from the `maintainers`",
        f"# of missions/*.yml and from {CORE_FILE}. Do not edit: change those and run it again.",
        f"* {core}" if core else f"# ({CORE_FILE} lists nobody: shared files have no owner)",
    ]
    for code, accounts in sorted(approvers.maintainers.items()):
        if accounts:
            lines.append(f"/missions/{code}.* {_handles([*accounts, *approvers.core])}")
    return "\n".join(lines) + "\n"


def _handles(accounts: Iterable[str]) -> str:
    seen: dict[str, str] = {}
    for account in accounts:
        seen.setdefault(normalize(account), "@" + account.strip().removeprefix("@"))
    return " ".join(seen.values())
