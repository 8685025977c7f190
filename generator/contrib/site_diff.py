"""Which pages a pull request adds, changes or removes: two built sites compared.

The pull-request workflow builds the site of the request and of its base commit
and writes this comparison into the job's summary, each page with its file in the
uploaded artifact, so a reviewer opens the pages the change touches instead of
judging Markdown. Pages are the HTML files outside Pagefind's index; their bytes
are compared, which is exact because a build is deterministic for a fixed
`SOURCE_DATE_EPOCH` (both builds get the same one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.content.messages import render_message

SKIPPED_FOLDERS = ("pagefind",)
"""Generated indexes: they change with every page and are not pages themselves."""


@dataclass(frozen=True)
class SiteDiff:
    """Paths relative to the site's root, in `/` form, sorted."""

    added: list[str]
    changed: list[str]
    removed: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def pages(site: Path) -> dict[str, str]:
    """Every page of a built site: its path -> a digest of its bytes."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.split("/", 1)[0] in SKIPPED_FOLDERS or not path.is_file():
            continue
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def compare(old_site: Path, new_site: Path) -> SiteDiff:
    old, new = pages(old_site), pages(new_site)
    return SiteDiff(
        added=sorted(new.keys() - old.keys()),
        changed=sorted(p for p in new.keys() & old.keys() if new[p] != old[p]),
        removed=sorted(old.keys() - new.keys()),
    )


def address(path: str) -> str:
    """`forums/x/index.html` -> `/forums/x/`: the address the page is served at."""
    return "/" + path.removesuffix("index.html")


def summary(diff: SiteDiff, artifact: str, lang: str) -> str:
    """Markdown for a job summary: one row a page, with its file in the artifact."""
    if not diff:
        return render_message("site_diff_none", {}, lang) + "\n"
    say = _sayer(lang)
    lines = [
        say("site_diff_header", artifact=artifact),
        "",
        f"| {say('site_diff_change')} | {say('site_diff_page')} | {say('site_diff_file')} |",
        "| --- | --- | --- |",
    ]
    for code, paths in (
        ("site_diff_added", diff.added),
        ("site_diff_changed", diff.changed),
        ("site_diff_removed", diff.removed),
    ):
        for path in paths:
            file = say("site_diff_gone") if code == "site_diff_removed" else f"`{path}`"
            lines.append(f"| {say(code)} | `{address(path)}` | {file} |")
    return "\n".join(lines) + "\n"


def _sayer(lang: str) -> Callable[..., str]:
    def say(code: str, **params: str) -> str:
        return render_message(code, params, lang)

    return say
