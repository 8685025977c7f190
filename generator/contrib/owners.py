"""Ownership by data: whose approval a change needs, read from the content itself.

A mission works in its fork and may change only what is its own. What is its
own is not a folder but a fact in the data: the mission's files, its media
folder and every item that names that mission. So the rule is applied to each
changed file:

- `missions/<code>.yml`, `.md`, `.en.md` belong to mission `<code>`. Adding or
  deleting `missions/<code>.yml` changes the shared list of missions, so it
  needs the core editors as well.
- `content/media/<code>/…` belongs to mission `<code>` (the content model's
  contract); other media are shared.
- An item under `content/<collection>/` (and its `.en.md` translation) belongs
  to the missions its placing fields name (`PLACING_FIELDS`), and an item that
  names none, like every organization, belongs to the core editors. Both versions count: the
  item as the target branch has it now and as the merge would leave it. Every
  owner of either version must approve: moving an item from A to B needs A and
  B; claiming a core item for A needs the core editors and A.
- `CODEOWNERS` needs no approval of its own when it is exactly what
  `owners codeowners` writes from the merged data; edited by hand, the core's.
- Everything else needs the core editors: code, theme, configuration, CI,
  `content/themes.yml`, free pages, shared media, and any item whose fields
  cannot be read in either version.

Who approves: the accounts in a mission's `maintainers` and the core editors of
`OWNERS-CORE`, both as the *target branch* has them (a pull request cannot make
its author a maintainer). A file is approved when, for every owner it needs, one
of that owner's accounts other than the author approved; a core editor's
approval counts for any owner. Forges do not count an author's approval of
their own change, and neither does this rule.

The change is the merge result compared with the target branch as it is now
(`git merge-tree`), not with the point where the branch left it: an item moved
to another mission on the target after the branch was cut is judged by where it
is now.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from generator.content.countries import is_country
from generator.content.load import MAX_TEXT_BYTES, split_front_matter
from generator.content.models import CONTENT_COLLECTIONS
from generator.content.problems import Problems
from generator.content.yamlread import Mapping, Scalar, Sequence, YamlProblem, read_yaml
from generator.errors import CodedError

CORE_FILE = "OWNERS-CORE"
"""One core editor's account per line; `#` starts a comment. Plain text, not a content
field: the content model is a fixed contract, and the core team is not a mission."""

CODEOWNERS_FILE = "CODEOWNERS"
"""At the root, where both GitHub and GitLab look for it."""

PLACING_FIELDS = ("missions", "host", "countries", "country", "location.country")
"""Fields whose mission codes place an item in a mission (a dotted name is a field of a
map); the same fields `check` reads for the media rule."""

NOT_PLACING = {"organizations": ("country",)}
"""Where an organization is registered says nothing of whose it is: organizations are shared."""

ITEM_FOLDERS = sorted(PurePosixPath(c.folder).name for c in CONTENT_COLLECTIONS)

MEDIA_FOLDER = "content/media"

CORE = "core"
"""The owner that stands for the core editors in a list of owners."""


class OwnersError(CodedError):
    """git could not answer, or the data cannot be judged; `code` keys `messages.CATALOGUE`."""


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
    """The accounts that may approve, as the target branch lists them."""

    core: list[str] = field(default_factory=list)
    maintainers: dict[str, list[str]] = field(default_factory=dict)

    def of(self, mission: str) -> list[str]:
        return self.maintainers.get(mission, [])

    def owners(self, verdict: Verdict) -> list[str]:
        """Mission codes, and `CORE`, whose approval `verdict` needs; a mission nobody
        maintains is the core editors' to approve."""
        needed = [m for m in verdict.missions if self.of(m)]
        if verdict.core or len(needed) < len(verdict.missions):
            needed.append(CORE)
        return needed

    def accounts(self, owner: str) -> list[str]:
        return self.core if owner == CORE else self.of(owner)

    def missing(self, verdict: Verdict, author: str, approved: Iterable[str]) -> list[str]:
        """The owners of `verdict` no approval (other than the author's) speaks for yet."""
        given = {normalize(a) for a in approved} - {normalize(author)}
        if given & {normalize(a) for a in self.core}:
            return []
        return [
            owner
            for owner in self.owners(verdict)
            if not given & {normalize(a) for a in self.accounts(owner)}
        ]


def normalize(account: str) -> str:
    """Forges compare account names without case and write them with or without `@`."""
    return account.strip().removeprefix("@").lower()


# -- git ------------------------------------------------------------------------------


@dataclass
class Git:
    """The few git questions the rule asks, against one repository."""

    root: Path

    def run(self, *args: str, ok: tuple[int, ...] = (0,)) -> str:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), *args], capture_output=True, check=False
            )
        except FileNotFoundError:
            raise OwnersError("owners_git_failed", detail="git not found") from None
        if done.returncode not in ok:
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

    def merged_tree(self, base: str, head: str) -> str | None:
        """The tree merging `head` into `base` would give; None when they conflict."""
        out = self.run("merge-tree", "--write-tree", "--no-messages", base, head, ok=(0, 1))
        lines = out.splitlines()
        if not lines or len(lines) > 1:  # a conflict lists the conflicted files after the tree
            return None
        return lines[0].strip()

    def changed(self, old: str, new: str) -> list[tuple[str, str]]:
        """(status, path) of every file changed; a rename is a deletion and an addition."""
        out = self.run("diff", "--name-status", "--no-renames", "-z", old, new, "--")
        fields = out.split("\0")
        return [(fields[i], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]


class Tree(Protocol):
    """A version of the repository's files: a git tree or a working folder."""

    def read(self, path: str) -> bytes | None: ...

    def names(self, folder: str) -> list[str]: ...


@dataclass
class GitTree:
    """The files of one commit or tree object."""

    git: Git
    rev: str

    def read(self, path: str) -> bytes | None:
        done = subprocess.run(
            ["git", "-C", str(self.git.root), "cat-file", "blob", f"{self.rev}:{path}"],
            capture_output=True,
            check=False,
        )
        return done.stdout if done.returncode == 0 else None

    def names(self, folder: str) -> list[str]:
        """File names directly inside `folder`."""
        out = self.git.run("ls-tree", "--name-only", "-z", self.rev, "--", f"{folder}/")
        return sorted(PurePosixPath(n).name for n in out.split("\0") if n)


@dataclass
class FolderTree:
    """The files of a working folder, as `codeowners` writes CODEOWNERS from them."""

    root: Path

    def read(self, path: str) -> bytes | None:
        file = self.root / path
        return file.read_bytes() if file.is_file() and not file.is_symlink() else None

    def names(self, folder: str) -> list[str]:
        where = self.root / folder
        return sorted(p.name for p in where.iterdir()) if where.is_dir() else []


# -- reading the data -----------------------------------------------------------------

UNREADABLE = None
"""`placement` of a file that exists but whose fields cannot be read."""


def placement(data: bytes, path: str) -> frozenset[str] | None:
    """Mission codes an item's placing fields name; None when its fields are unreadable."""
    fields = _fields(data, path)
    if fields is None:
        return UNREADABLE
    codes: set[str] = set()
    skipped = NOT_PLACING.get(PurePosixPath(path).parent.name, ())
    for name in (n for n in PLACING_FIELDS if n not in skipped):
        outer, _, inner = name.partition(".")
        if outer not in fields.entries:
            continue
        node = fields.entries[outer][1]
        if inner:
            if not isinstance(node, Mapping):
                return UNREADABLE
            if inner not in node.entries:
                continue
            node = node.entries[inner][1]
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


def approvers_of(tree: Tree) -> Approvers:
    """Core editors and each mission's maintainers, as `tree` lists them."""
    core = tree.read(CORE_FILE)
    result = Approvers(core=read_core(core.decode("utf-8", "replace")) if core else [])
    for name in tree.names("missions"):
        path = PurePosixPath(name)
        if path.suffix == ".yml" and is_country(path.stem):
            rel = f"missions/{name}"
            result.maintainers[path.stem] = read_maintainers(tree.read(rel) or b"", rel)
    return result


def approvers_in(root: Path) -> Approvers:
    """The same, from a working folder."""
    return approvers_of(FolderTree(root))


# -- the rule -------------------------------------------------------------------------


@dataclass
class Sides:
    """The two versions a change is judged between: the target now, and the merge."""

    old: Tree
    new: Tree


def verdict(sides: Sides, status: str, path: str) -> Verdict:
    """Who must approve the change of `path` between the two versions."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == "missions":
        code = parts[1].split(".", 1)[0]
        if is_country(code):
            return _mission_file(path, code, status)
    if len(parts) >= 4 and parts[:2] == ("content", "media") and is_country(parts[2]):
        return Verdict(path, (parts[2],), False, "owners_reason_media", (("code", parts[2]),))
    if len(parts) == 3 and parts[0] == "content" and parts[1] in ITEM_FOLDERS:
        return _item(sides, path)
    if path == CODEOWNERS_FILE:
        return _codeowners_file(sides)
    return Verdict(path, (), True, "owners_reason_shared")


def _mission_file(path: str, code: str, status: str) -> Verdict:
    if path.endswith(".yml") and status in ("A", "D"):
        return Verdict(path, (code,), True, "owners_reason_mission_list", (("code", code),))
    return Verdict(path, (code,), False, "owners_reason_mission_file", (("code", code),))


def _item(sides: Sides, path: str) -> Verdict:
    """An item's verdict, from the Russian file's fields in both versions.

    A version in which the item exists but names no mission is the core editors':
    adding `missions: [dk]` to a core item is a claim the core editors must accept.
    """
    source = _original(path)
    found: list[frozenset[str]] = []
    for tree in (sides.old, sides.new):
        data = tree.read(source)
        if data is None:
            continue
        codes = placement(data, source)
        if codes is UNREADABLE:
            return Verdict(path, (), True, "owners_reason_unreadable", (("path", source),))
        found.append(codes)
    union = tuple(sorted(frozenset().union(*found)))
    core = not found or any(not codes for codes in found)
    if not union:
        return Verdict(path, (), True, "owners_reason_unplaced")
    if len(set(found)) > 1:
        old, new = (", ".join(sorted(c)) for c in found)
        reason = "owners_reason_moved"
        if core:
            reason = "owners_reason_claimed" if new else "owners_reason_released"
        return Verdict(path, union, core, reason, (("old", old), ("new", new)))
    return Verdict(path, union, core, "owners_reason_item", (("codes", ", ".join(union)),))


def _codeowners_file(sides: Sides) -> Verdict:
    """Derived data needs no approval of its own; a hand edit is the core editors'."""
    if sides.new.read(CODEOWNERS_FILE) == codeowners(sides.new).encode("utf-8"):
        return Verdict(CODEOWNERS_FILE, (), False, "owners_reason_codeowners")
    return Verdict(CODEOWNERS_FILE, (), True, "owners_reason_codeowners_edited")


def _original(path: str) -> str:
    """`gagarin.en.md` -> `gagarin.md`: a translation is placed by its Russian file."""
    return path[: -len(".en.md")] + ".md" if path.endswith(".en.md") else path


@dataclass
class Report:
    base: str
    verdicts: list[Verdict]
    approvers: Approvers

    def pending(self, author: str, approved: Iterable[str]) -> list[tuple[Verdict, list[str]]]:
        """Each file some owner has not approved yet, with those owners."""
        given = list(approved)
        result = [(v, self.approvers.missing(v, author, given)) for v in self.verdicts]
        return [(v, owners) for v, owners in result if owners]


def report(root: Path, base: str, head: str = "HEAD") -> Report:
    """The verdict for every file merging `head` into `base` would change.

    `base` is the target branch as it is now; owners are read there. Refuses to judge
    when there is no core editor: shared files would have nobody to approve them.
    """
    git = Git(root)
    base_commit, head_commit = git.commit(base), git.commit(head)
    target = GitTree(git, base_commit)
    approvers = approvers_of(target)
    if not approvers.core:
        raise OwnersError("owners_no_core")
    merged = git.merged_tree(base_commit, head_commit)
    if merged is None:
        raise OwnersError("owners_conflict", base=base)
    sides = Sides(target, GitTree(git, merged))
    verdicts = [verdict(sides, status, path) for status, path in git.changed(base_commit, merged)]
    return Report(base, verdicts, approvers)


# -- CODEOWNERS -----------------------------------------------------------------------

_PLAIN_NAME = re.compile(r"[A-Za-z0-9_.-]+")
"""File names CODEOWNERS can name as they are; any other stays with `*` (the core)."""


def codeowners(tree: Tree) -> str:
    """CODEOWNERS text: core editors own everything, each mission its files, its media
    folder and its items (with their maintainers and the core editors on each line).

    The last matching line wins, so `*` comes first. A line lets any one of its
    accounts approve: a joint item's line names every mission's maintainers, but
    only `owners check` can require all of them, and only it reads fields.
    """
    approvers = approvers_of(tree)
    core = _handles(approvers.core)
    everyone = _handles(
        [*(a for accounts in approvers.maintainers.values() for a in accounts), *approvers.core]
    )
    lines = [
        "# Generated by `python -m generator owners codeowners` from the `maintainers`",
        f"# of missions/*.yml, the items' missions and {CORE_FILE}. Do not edit: run it again.",
        f"* {core}" if core else f"# ({CORE_FILE} lists nobody: shared files have no owner)",
    ]
    if everyone:
        lines += [
            "# Checked by `owners check`, which lets it change with the data it is made from:",
            f"/{CODEOWNERS_FILE} {everyone}",
        ]
    for code, accounts in sorted(approvers.maintainers.items()):
        if accounts:
            handles = _handles([*accounts, *approvers.core])
            lines += [f"/missions/{code}.* {handles}", f"/{MEDIA_FOLDER}/{code}/ {handles}"]
    for folder in ITEM_FOLDERS:
        lines += _item_lines(tree, approvers, f"content/{folder}")
    return "\n".join(lines) + "\n"


def _item_lines(tree: Tree, approvers: Approvers, folder: str) -> list[str]:
    lines = []
    for name in tree.names(folder):
        path = f"{folder}/{name}"
        data = tree.read(_original(path)) if _PLAIN_NAME.fullmatch(name) else None
        codes = placement(data, _original(path)) if data is not None else None
        accounts = [a for code in sorted(codes or ()) for a in approvers.of(code)]
        if accounts:
            lines.append(f"/{path} {_handles([*accounts, *approvers.core])}")
    return lines


def _handles(accounts: Iterable[str]) -> str:
    seen: dict[str, str] = {}
    for account in accounts:
        seen.setdefault(normalize(account), "@" + account.strip().removeprefix("@"))
    return " ".join(seen.values())
