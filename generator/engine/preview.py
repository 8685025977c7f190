"""The preview's side of a save: re-read only what changed, and name the pages to redo.

`mkdocs serve` on 10,000 items would take a minute to rebuild everything after each
save; an editor expects the page within two seconds. So the preview keeps the checked
content between rebuilds and, when only item files changed (added, edited or removed),
re-reads just those files, checks just what they touch, and lists the pages whose text
depends on them: the item's own page, its section's listing (and the proposals' archive),
the home page, the pages of the missions it belongs to (before and after the edit), and
the pages of the items that refer to it. Anything else (missions, themes, free pages,
media, a file that is not an item) asks for a full rebuild.

Engine-free, like the rest of the core: the MkDocs plugin renders what this names.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content import check as checking
from generator.content import load
from generator.content.bounded_render import Site, bodies_of
from generator.content.load import Content
from generator.content.models import CONTENT_COLLECTIONS, INTRO_NAME, Collection, Item
from generator.content.problems import Problem, Problems
from generator.pages.generate import Generator, Row, SitePage
from generator.pages.labels import t
from generator.pages.listings import mission_codes
from generator.pages.present import Presenter

FOLDERS = ("missions", "content")

Stats = dict[str, tuple[int, int]]
"""Path relative to the root -> (mtime in ns, size): what tells a saved file."""

# Collections whose files can change without a full rebuild: not free pages (their titles
# are in the nav of every page), not missions or themes (named on most pages).
_INCREMENTAL = {c.folder: c for c in CONTENT_COLLECTIONS if c.name != "pages"}


def stats(root: Path) -> Stats:
    """Every file under `missions/` and `content/`, by a walk of ~13,000 stats at 10,000
    items (tens of milliseconds)."""
    found: Stats = {}
    for folder in FOLDERS:
        top = root / folder
        for directory, _, names in os.walk(top):
            rel_dir = os.path.relpath(directory, root).replace(os.sep, "/")
            for name in names:
                try:
                    st = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                found[f"{rel_dir}/{name}"] = (st.st_mtime_ns, st.st_size)
    return found


@dataclass(frozen=True)
class Page:
    """A page the generator makes, named engine-free: what `Generator` to call for it."""

    kind: str
    """"item", "mission", "section", "archive" or "home"."""
    name: str = ""
    """The item's key, the mission's code or the section's name."""


@dataclass
class Change:
    full: bool = False
    """Something other than item files changed: rebuild everything."""
    changed: set[str] = field(default_factory=set)
    """Keys (`news/x`) of the items whose files changed."""
    pages: set[Page] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    """Keys of items whose files are gone: their pages are to be deleted."""
    problems: Problems = field(default_factory=Problems)


class LiveContent:
    """Checked content kept up to date between rebuilds by re-reading changed item files."""

    def __init__(self, content: Content, seen: Stats) -> None:
        self.content = content
        self.seen = seen

    def refresh(self) -> Change | None:
        """What changed since the last call; None when no file under the roots did."""
        now = stats(self.content.root)
        changed = {
            rel for rel in now.keys() | self.seen.keys() if now.get(rel) != self.seen.get(rel)
        }
        if not changed:
            return None
        keys = {_item_key(rel) for rel in changed}
        if None in keys:
            self.seen = now
            return Change(full=True)
        change = Change()
        for key in sorted(k for k in keys if k is not None):
            self._reload(key, change)
        if not change.problems:
            self.seen = now  # on problems, the same files are read again at the next save
        return change

    def _reload(self, key: str, change: Change) -> None:
        content = self.content
        folder, slug = key.rsplit("/", 1)
        collection = _INCREMENTAL[folder]
        old = content.items[collection.name].pop(slug, None)
        base = content.root / folder / f"{slug}{collection.extension}"
        translation = content.root / folder / f"{slug}.en.md"
        rels = (_rel(base, content.root), _rel(translation, content.root))
        old_refs = {rel: content.refs.pop(rel) for rel in rels if rel in content.refs}
        old_bad = content.bad_keys.copy()
        problems = change.problems
        if base.is_file():
            load._read_item(content, collection, slug, base, problems)
            if collection.extension == ".md" and translation.is_file():
                load._read_translation(content, collection, slug, translation, problems)
        elif translation.is_file():
            problems.add(
                _rel(translation, content.root),
                0,
                "translation_without_original",
                original=f"{folder}/{slug}{collection.extension}",
            )
        new = content.items[collection.name].get(slug)
        self._check(collection, slug, new, problems)
        if problems:
            # Put the previous version back: the preview keeps showing it until fixed.
            if old is not None:
                content.items[collection.name][slug] = old
            else:
                content.items[collection.name].pop(slug, None)
            for rel in rels:
                content.refs.pop(rel, None)
            content.refs.update(old_refs)
            content.bad_keys = old_bad
            return
        change.changed.add(f"{collection.name}/{slug}")
        if new is None:
            change.removed.add(f"{collection.name}/{slug}")
        change.pages |= affected(content, collection.name, slug, old, new)

    def _check(
        self, collection: Collection, slug: str, item: Item | None, problems: Problems
    ) -> None:
        """`check`'s rules for one item: its references, its rules, its bodies' rules
        (bounds, unsafe markup, links), and, if it is gone, what other files point at it."""
        content = self.content
        site = Site(content)
        if item is not None:
            for rel in (item.source, item.source_en):
                for ref in content.refs.get(rel or "", []):
                    checking._resolve(content, rel, ref, problems)  # type: ignore[arg-type]
            for rule in checking.RULES:
                rule(item, problems)
            for body in bodies_of(item):
                for body_rule in checking.BODY_RULES:
                    body_rule(body, site, problems)
        target = collection.name.removesuffix("s")
        for rel, refs in content.refs.items():
            for ref in refs:
                if ref.target == target and ref.value == slug:
                    checking._resolve(content, rel, ref, problems)
        if item is None:  # links to its page from other bodies are broken now
            for other in content.all_items():
                for body in bodies_of(other):
                    checking._links_resolve(body, site, problems)


def affected(
    content: Content, collection: str, slug: str, old: Item | None, new: Item | None
) -> set[Page]:
    """The pages whose text may change when item `collection/slug` goes from old to new."""
    key = f"{collection}/{slug}"
    pages = {Page("home"), Page("section", collection)}
    if new is not None:
        pages.add(Page("item", key))
    if collection == "proposals":
        pages.add(Page("archive"))
    for item in (old, new):
        if item is not None:
            pages |= {
                Page("mission", code) for code in mission_codes(item) if code in content.missions
            }
    # Items that name this one (an organization's name on a proposal or an internship).
    target = collection.removesuffix("s")
    for rel, refs in content.refs.items():
        if any(ref.target == target and ref.value == slug for ref in refs):
            referrer = _item_key(rel)
            if referrer is not None and referrer != key:
                pages.add(Page("item", referrer.replace("content/", "", 1)))
    return pages


def _item_key(rel: str) -> str | None:
    """`content/news/x.md` or `content/news/x.en.md` -> `content/news/x`; None if the file
    is not an item file of an incremental collection."""
    folder, _, name = rel.rpartition("/")
    if folder not in _INCREMENTAL or name.startswith((".", INTRO_NAME)):
        return None  # a section's introduction heads its section: a full rebuild
    collection = _INCREMENTAL[folder]
    for suffix in (".en.md", collection.extension):
        if name.endswith(suffix) and (suffix != ".en.md" or collection.extension == ".md"):
            return f"{folder}/{name.removesuffix(suffix)}"
    return None


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


class PreviewGenerator(Generator):
    """A `Generator` that keeps the rows of listings between rebuilds.

    The news listing of 10,000 items has 3,000 rows: making them again for each save
    would take most of the preview's time. A row depends on its item and on the page it
    is on (relative links), so it is kept by both and forgotten when its item changes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: dict[tuple[str, str], Row] = {}

    def _row(self, item: Item, presenter: Presenter) -> Row:
        key = (item.key, presenter.page_url)
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = super()._row(item, presenter)
        return row

    def forget(self, keys: set[str]) -> None:
        self.rows = {k: row for k, row in self.rows.items() if k[0] not in keys}

    def page(self, page: Page) -> SitePage | None:
        """The output of one named page, or None if its item or mission is gone."""
        content = self.content
        if page.kind == "home":
            return self.home()
        if page.kind == "section":
            return self.section(page.name)
        if page.kind == "archive":
            return self.proposals_archive()
        if page.kind == "mission":
            mission = content.missions.get(page.name)
            return self.mission_page(mission) if mission is not None else None
        collection, slug = page.name.split("/", 1)
        item = content.items[collection].get(slug)
        return self.item_page(item) if item is not None else None


OVERLAY_ID = "ngo-preview-problems"

_OVERLAY_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:100000;"
    "margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5a0000;border-top:4px solid "
    "#b00020;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "box-shadow:0 -4px 16px rgba(0,0,0,.25)"
)


def problems_overlay(problems: list[Problem], lang: str) -> str:
    """The box every previewed page shows while the content has problems, as Hugo's
    server does: the editor looks at the browser, not at the terminal.

    Only the preview server adds it to pages as it serves them (never a built site), so
    the last good pages stay underneath and the box goes with the next good save.
    """
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(p.render(lang))}</li>" for p in problems)
    heading = html.escape(t("preview.problems", lang).format(n=len(problems)))
    return (
        f'<div id="{OVERLAY_ID}" role="alert" lang="{lang}" style="{_OVERLAY_STYLE}">'
        f'<p style="margin:0 0 .5rem;font-weight:bold">{heading}</p>'
        f'<ol style="margin:0;padding-left:1.5rem">{items}</ol></div>'
    )


def with_overlay(page: bytes, overlay: str) -> bytes:
    """`page` with `overlay` just before its closing body tag (or at its end)."""
    if not overlay:
        return page
    end = page.rfind(b"</body>")
    end = len(page) if end == -1 else end
    return page[:end] + overlay.encode("utf-8") + page[end:]
