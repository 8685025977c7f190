"""Stage 1: read every file under `missions/` and `content/` into typed items.

Each file is either read or reported; nothing is skipped in silence. Problems
are collected, never raised, so one run reports all of them. References are
only recorded here (`Ctx.refs`); `check` resolves them once everything is read.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from generator.content import image_check
from generator.content.characters import may_break_a_rule, scan_node
from generator.content.countries import is_country
from generator.content.fields import INVALID, Ctx, RefUse, nearest, read_fields_partly
from generator.content.history import History
from generator.content.history import read as read_history
from generator.content.models import (
    COLLECTIONS,
    CONTENT_COLLECTIONS,
    INTRO_NAME,
    THEME_FIELD,
    Collection,
    Intro,
    Item,
    Mission,
    Theme,
)
from generator.content.problems import Problems
from generator.content.slugs import is_slug, propose_slug
from generator.content.values import LocalText
from generator.content.yamlread import Mapping, Node, Scalar, YamlProblem, read_yaml
from generator.urls import is_translation

MAX_TEXT_BYTES = 2 * 1024 * 1024
"""A Markdown or YAML file above this is refused before it is read (hostile input)."""

MAX_YAML_CHARS = 100_000
"""A front matter or YAML file longer than this is refused before it is parsed.

Real ones are a few hundred characters. A long document full of `[` or `:` may nest
deep, so it goes to PyYAML's pure-Python composer (yamlread.C_SAFE_DEPTH), which reads
about 300 KB a second: the limit keeps the worst file under half a second.
"""

MAX_FILES = 50_000
"""Files and folders under `missions/` and `content/` together; above it nothing is read.

Five times the 10,000 items `check` is measured on (bench/): a repository this big is a
mistake or an attack, and reading it all would take minutes before saying so.
"""

RESERVED_MEDIA = "content/media/_"
"""Names the build writes beside the media (`media/_resized/…`, the resized copies of
project images): a contributor's file there would collide with a generated one."""

MEDIA_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*")
"""Names of media files and folders: lower-case Latin letters, digits, `-`, `_`, `.`.
A page links a media file by its name: `#`, `?`, `%`, spaces or line breaks in it made
404s, and letters of other scripts make look-alikes (`gаgarin.png` with a Cyrillic
`а`) that an editor cannot tell from the real file."""

MEDIA_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf")

MAX_MEDIA_MB = 10
"""Default size limit of one media file, in megabytes (MiB)."""

MAX_MEDIA_MB_VARIABLE = "NGO_MISSIONS_MAX_MEDIA_MB"
"""Environment variable that changes the limit, e.g. `NGO_MISSIONS_MAX_MEDIA_MB=25`.

An environment variable rather than a command-line option: `check`, `build`, `mkdocs
build` and `mkdocs serve` all read it, so CI sets it once for every step.
"""

MAX_MEDIA_BYTES = MAX_MEDIA_MB * 1024 * 1024
"""The default limit in bytes; `media_limit()` is the one in force."""

# First bytes of each allowed type. A file is published under its extension's type, so
# one that is really HTML or SVG (a script, served from the site's own origin wherever a
# server sniffs or a reader saves and opens it) is refused whatever its name says.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
    "PDF": (b"%PDF-",),
}
_FORMAT_OF_EXTENSION = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WebP",
    ".pdf": "PDF",
}
_MARKUP_STARTS = {
    b"<svg": "SVG",
    b"<?xml": "XML",
    b"<!doctype html": "HTML",
    b"<html": "HTML",
    b"<script": "HTML",
    b"<": "HTML",
}
_SNIFF_BYTES = 512


ItemT = TypeVar("ItemT", bound=Item)


@dataclass
class Content:
    """Everything read from one repository: the input of `check` and `generate`."""

    root: Path
    items: dict[str, dict[str, Item]] = field(
        default_factory=lambda: {name: {} for name in COLLECTIONS}
    )
    themes: dict[str, Theme] = field(default_factory=dict)
    media: set[str] = field(default_factory=set)
    """Paths relative to `content/`, as items write them (`media/gagarin.png`)."""
    refs: dict[str, list[RefUse]] = field(default_factory=dict)
    """References written in each file, by its path."""
    intros: dict[str, Intro] = field(default_factory=dict)
    """Introductions by section (`home`, `missions`, `forums` ...): the `_index.md` files."""
    bad_keys: set[str] = field(default_factory=set)
    """Items whose file could not be read: references to them are not reported again."""
    unread: dict[str, set[str]] = field(default_factory=dict)
    """Fields of an item that were written but could not be read, by the item's key."""

    @property
    def missions(self) -> dict[str, Mission]:
        return self.items["missions"]  # type: ignore[return-value]

    @functools.cached_property
    def history(self) -> History:
        """When each content file first and last changed (git), read on first use: the
        outputs need it, `check` does not."""
        return read_history(self.root)

    def of(self, model: type[ItemT]) -> list[ItemT]:
        """The items of `model`'s collection, typed as that model (in file-name order)."""
        return cast(list[ItemT], list(self.items[model.collection].values()))

    def all_items(self) -> list[Item]:
        return [item for items in self.items.values() for item in items.values()]

    def counts(self) -> dict[str, int]:
        return {name: len(items) for name, items in self.items.items()}


def load(root: Path, problems: Problems) -> Content:
    """Read a repository laid out as in the content model."""
    content = Content(root)
    for folder in ("missions", "content"):
        if (root / folder).is_symlink():  # it would lead the whole run outside the repository
            problems.add(folder, 0, "symlink")
            return content
        if not (root / folder).is_dir():
            problems.add(folder, 0, "missing_root_folder", folder=folder)
    if count_entries(root, MAX_FILES) > MAX_FILES:
        problems.add("content", 0, "too_many_files", limit=MAX_FILES)
        return content
    if (root / "missions").is_dir():
        _load_collection(content, COLLECTIONS["missions"], problems)
    if (root / "content").is_dir():
        _load_content(content, problems)
    return content


def count_entries(root: Path, limit: int) -> int:
    """Entries under `missions/` and `content/`, counted up to just past `limit`.

    A loop over a stack, not recursion: a tree nested a thousand folders deep is cheap
    to make in git and would overflow Python's stack. Symlinked folders are not entered.
    """
    count = 0
    stack = [root / "missions", root / "content"]
    while stack and count <= limit:
        directory = stack.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    count += 1
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
        except (FileNotFoundError, NotADirectoryError):
            continue
    return count


def _entries(directory: Path, root: Path, problems: Problems) -> list[os.DirEntry[str]]:
    """Directory entries, sorted for stable output, with symlinks reported and dropped."""
    result = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_symlink():
            problems.add(_rel(entry.path, root), 0, "symlink")
        elif entry.name != ".gitkeep":  # keeps an empty folder in git; nothing to read
            result.append(entry)
    return result


def _load_content(content: Content, problems: Problems) -> None:
    root = content.root
    folders = {Path(c.folder).name: c for c in CONTENT_COLLECTIONS}
    allowed = ", ".join([*folders, "media", "themes.yml", f"{INTRO_NAME}.md"])
    intros: list[tuple[Path, str]] = []
    for entry in _entries(root / "content", root, problems):
        rel = _rel(entry.path, root)
        if entry.is_file() and entry.name in (f"{INTRO_NAME}.md", f"{INTRO_NAME}.en.md"):
            intros.append((Path(entry.path), _split_name(entry.name)[1]))
        elif entry.is_dir() and entry.name in folders:
            _load_collection(content, folders[entry.name], problems)
        elif entry.is_dir() and entry.name == "media":
            _load_media(content, Path(entry.path), problems)
        elif entry.is_file() and entry.name == "themes.yml":
            _load_themes(content, Path(entry.path), problems)
        elif entry.is_dir():
            problems.add(
                rel + "/",
                0,
                "unknown_folder",
                allowed=allowed,
                near=_near(entry.name, [*folders, "media"]),
            )
        else:
            problems.add(
                rel,
                0,
                "unknown_file",
                allowed=allowed,
                near=_near_file(entry.name),
            )
    _read_intros(content, "home", intros, problems)


def _near_file(name: str) -> str:
    """The file of `content/` a misnamed one probably is (`themes.yaml`, `index.md`)."""
    if name.startswith("themes."):
        return "themes.yml"
    if name.lstrip("_").startswith(("index.", "_index")):
        return f"{INTRO_NAME}.en.md" if ".en." in name else f"{INTRO_NAME}.md"
    return ""


def _load_collection(content: Content, collection: Collection, problems: Problems) -> None:
    root = content.root
    translations: list[tuple[str, Path]] = []
    descriptions: list[tuple[str, Path, str]] = []
    intros: list[tuple[Path, str]] = []
    for entry in _entries(root / collection.folder, root, problems):
        path = Path(entry.path)
        slug, lang, ext = _split_name(entry.name)
        if _is_intro(entry, collection, slug, lang, ext):
            intros.append((path, lang))
        elif entry.is_dir() or ext not in _extensions(collection):
            _report_unknown(path, root, collection, entry.is_dir(), problems)
        elif lang and (not is_translation(lang) or ext != ".md"):
            # Only Markdown has translations: `dk.en.yml` or `soyuz-nko.en.yml` was once
            # taken for one, and its fields were dropped without a word.
            _report_unknown(path, root, collection, False, problems)
        elif not _valid_name(slug, collection, _rel(path, root), problems):
            continue
        elif collection.name == "missions" and ext == ".md":
            descriptions.append((slug, path, lang))
        elif lang:
            translations.append((slug, path))
        else:
            _read_item(content, collection, slug, path, problems)
    for slug, path in translations:
        _read_translation(content, collection, slug, path, problems)
    for slug, path, lang in descriptions:
        _read_description(content, slug, path, lang, problems)
    _read_intros(content, collection.name, intros, problems)


def _is_intro(
    entry: os.DirEntry[str], collection: Collection, slug: str, lang: str, ext: str
) -> bool:
    """`_index.md` (+ `.en.md`) of a section; free pages are no section, so have none."""
    return (
        slug == INTRO_NAME
        and ext == ".md"
        and (not lang or is_translation(lang))
        and collection.name != "pages"
        and entry.is_file()
    )


def _read_intros(
    content: Content, section: str, files: list[tuple[Path, str]], problems: Problems
) -> None:
    """The section's `_index.md`, then its English translation."""
    for path, lang in sorted(files, key=lambda f: f[1]):  # "" (Russian) before "en"
        rel = _rel(path, content.root)
        if not lang:
            intro = _parse_item(content, Intro, ".md", INTRO_NAME, path, problems)
            if isinstance(intro, Intro):
                intro.section = section
                content.intros[section] = intro
        elif section in content.intros:
            _merge_translation(content.intros[section], path, rel, problems)
        elif not any(not other for _, other in files):
            original = rel.removesuffix(".en.md") + ".md"
            problems.add(rel, 0, "translation_without_original", original=original)


def _extensions(collection: Collection) -> tuple[str, ...]:
    if collection.name == "missions":
        return (".yml", ".md")
    return (collection.extension,)


def _split_name(name: str) -> tuple[str, str, str]:
    """`gagarin.en.md` -> (`gagarin`, `en`, `.md`); `dk.yml` -> (`dk`, ``, `.yml`)."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        return name, "", ""
    base, dot2, lang = stem.rpartition(".")
    if dot2 and len(lang) == 2 and lang.isalpha():
        return base, lang, "." + ext
    return stem, "", "." + ext


def _valid_name(slug: str, collection: Collection, rel: str, problems: Problems) -> bool:
    if not is_slug(slug):
        problems.add(rel, 0, "bad_slug", name=slug, proposal=propose_slug(slug))
        return False
    if collection.name == "missions" and not is_country(slug):
        problems.add(rel, 0, "bad_mission_code", code=slug)
        return False
    return True


def _report_unknown(
    path: Path, root: Path, collection: Collection, is_dir: bool, problems: Problems
) -> None:
    rel = _rel(path, root)
    if is_dir:
        problems.add(rel + "/", 0, "unknown_folder", allowed="—")
        return
    if collection.name == "missions":
        allowed = "<code>.yml, <code>.md, <code>.en.md"
    elif collection.extension == ".md":
        allowed = "<slug>.md, <slug>.en.md"
    else:
        allowed = f"<slug>{collection.extension}"
    slug, lang, ext = _split_name(path.name)
    fixes = {".yaml": ".yml", ".markdown": ".md", ".MD": ".md", ".YML": ".yml"}
    near = ""
    if ext in fixes and fixes[ext] in _extensions(collection):
        near = f"{slug}{'.' + lang if lang else ''}{fixes[ext]}"
    problems.add(rel, 0, "unknown_file", allowed=allowed, near=near)


def _read_item(
    content: Content, collection: Collection, slug: str, path: Path, problems: Problems
) -> None:
    content.bad_keys.add(f"{collection.name}/{slug}")  # until it proves readable
    item = _parse_item(content, collection.model, collection.extension, slug, path, problems)
    if item is not None:
        content.items[collection.name][slug] = item
        if item.key not in content.unread:
            content.bad_keys.discard(item.key)


def _parse_item(
    content: Content, model: type[Item], extension: str, slug: str, path: Path, problems: Problems
) -> Item | None:
    """One file as an object of `model`, or None after reporting what is wrong."""
    rel = _rel(path, content.root)
    text = read_text(path, rel, problems)
    if text is None:
        return None
    if extension == ".md":
        parts = split_front_matter(text, rel, problems)
        if parts is None:
            return None
        node = _yaml(parts.front_matter, rel, problems)
        extra = {"body": parts.body, "body_line": parts.body_line}
    else:
        node = _yaml(text, rel, problems)
        extra = {}
    if node is INVALID:
        return None
    if not isinstance(node, Mapping):
        problems.add(rel, getattr(node, "line", 1), "not_a_map")
        return None
    ctx = Ctx(problems, rel)
    values, ok = read_fields_partly(node, model.fields(), ctx)
    content.refs[rel] = ctx.refs
    lines = {key: line for key, (line, _) in node.entries.items()}
    # Kept with its bad fields left out, so that one round reports everything: its links,
    # its translation, and no "no such mission" wherever it is named (#18). A run with
    # problems builds nothing, so no page is made of it.
    item = model(slug=slug, source=rel, lines=lines, **extra, **values)  # type: ignore[arg-type]
    if ok:
        content.unread.pop(item.key, None)
    else:
        fields = model.fields()
        content.unread[item.key] = {
            name
            for name, spec in fields.items()
            if name not in values and (name in node.entries or spec.required)
        } or {""}  # unknown fields only: nothing is unread, but the item is not whole
    return item


def _read_translation(
    content: Content, collection: Collection, slug: str, path: Path, problems: Problems
) -> None:
    """Merge `<slug>.en.md` into its item: English text fields and the English body."""
    rel = _rel(path, content.root)
    original = content.items[collection.name].get(slug)
    if original is None:
        if f"{collection.name}/{slug}" not in content.bad_keys:
            problems.add(
                rel,
                0,
                "translation_without_original",
                original=f"{collection.folder}/{slug}{collection.extension}",
            )
        return
    _merge_translation(original, path, rel, problems, content.unread.get(original.key, set()))


def _merge_translation(
    original: Item, path: Path, rel: str, problems: Problems, unread: set[str] | None = None
) -> None:
    text = read_text(path, rel, problems)
    parts = split_front_matter(text, rel, problems, optional=True) if text is not None else None
    if parts is None:
        return
    original.body_en, original.body_en_line = parts.body, parts.body_line
    original.source_en = rel
    node = _yaml(parts.front_matter, rel, problems) if parts.front_matter.strip() else None
    if isinstance(node, Mapping):
        _merge_translated_fields(original, node, rel, problems, unread or set())
    elif node is not None and node is not INVALID:
        problems.add(rel, node.line, "not_a_map")


def _merge_translated_fields(
    item: Item, node: Mapping, rel: str, problems: Problems, unread: set[str]
) -> None:
    allowed = item.text_fields()
    for name, (line, value) in node.entries.items():
        if name not in allowed:
            problems.add(
                rel,
                line,
                "translation_field",
                field=name,
                allowed=", ".join(allowed),
                near=_near(name, allowed) if name not in item.fields() else "",
            )
        elif not isinstance(value, Scalar) or value.is_null or not value.value.strip():
            problems.add(rel, line, "translation_text", field=name)
        elif getattr(item, name) is None:
            if name not in unread:  # not missing: written wrong, and reported there
                problems.add(rel, line, "translation_needs_original_field", field=name)
        else:
            setattr(item, name, LocalText(getattr(item, name).ru, value.value.strip()))


def _read_description(
    content: Content, code: str, path: Path, lang: str, problems: Problems
) -> None:
    """`missions/<code>.md` and `.en.md`: the mission's long description, body only."""
    rel = _rel(path, content.root)
    mission = content.missions.get(code)
    if mission is None:
        if f"missions/{code}" not in content.bad_keys:
            problems.add(rel, 0, "translation_without_original", original=f"missions/{code}.yml")
        return
    text = read_text(path, rel, problems)
    if text is None:
        return
    if text.startswith("---\n"):
        problems.add(rel, 1, "description_front_matter", data=f"missions/{code}.yml")
        return
    if lang:  # only `en` gets here: `_load_collection` reports other languages
        mission.body_en, mission.body_en_line, mission.source_en = text, 1, rel
    else:
        mission.body, mission.body_line = text, 1


def _load_themes(content: Content, path: Path, problems: Problems) -> None:
    rel = _rel(path, content.root)
    text = read_text(path, rel, problems)
    node = _yaml(text, rel, problems) if text is not None else INVALID
    if node is INVALID or node is None:
        return
    if not isinstance(node, Mapping):
        problems.add(rel, node.line, "not_a_map")
        return
    ctx = Ctx(problems, rel)
    for slug, (line, value) in node.entries.items():
        if not is_slug(slug):
            problems.add(rel, line, "bad_theme_slug", slug=slug, proposal=propose_slug(slug))
            continue
        label = THEME_FIELD.parse(value, ctx, slug)
        if label is not INVALID:
            content.themes[slug] = Theme(slug, label, line)
        else:  # reported here once, not again at every item that names the theme
            content.bad_keys.add(f"themes/{slug}")


def _load_media(content: Content, folder: Path, problems: Problems) -> None:
    """Allowlisted file types under a size limit, in any depth of sub-folders.

    Names that differ only in letter case or in Unicode composition (`й` as one code
    point or two) are one file on macOS and Windows checkouts, so they are refused.
    """
    root = content.root
    limit = media_limit(problems)
    folders = [folder]
    while folders:  # a stack, not recursion: see `count_entries`
        seen: dict[str, str] = {}
        for entry in _entries(folders.pop(), root, problems):
            rel = _rel(entry.path, root)
            folded = unicodedata.normalize("NFC", rel).casefold()
            if folded in seen:
                problems.add(rel, 0, "case_collision", other=seen[folded])
            seen[folded] = rel
            if rel.startswith(RESERVED_MEDIA):
                problems.add(rel, 0, "media_reserved", reserved=RESERVED_MEDIA)
            elif not MEDIA_NAME.fullmatch(entry.name):
                stem, ext = os.path.splitext(entry.name)
                proposal = (propose_slug(stem) or "file") + ext.lower()
                problems.add(rel, 0, "media_name", proposal=proposal)
            elif entry.is_dir():
                folders.append(Path(entry.path))
            elif _media_file_ok(entry, rel, limit, problems):
                content.media.add(rel.removeprefix("content/"))


def _media_file_ok(entry: os.DirEntry[str], rel: str, limit: int, problems: Problems) -> bool:
    ext = os.path.splitext(entry.name)[1].lower()
    size = entry.stat().st_size
    if ext not in MEDIA_TYPES:
        problems.add(rel, 0, "media_type", ext=ext or entry.name, allowed=", ".join(MEDIA_TYPES))
        return False
    if size > limit:
        problems.add(rel, 0, "media_too_big", size=size, limit=limit)
        return False
    with open(entry.path, "rb") as file:
        head = file.read(_SNIFF_BYTES)
    expected, found = _FORMAT_OF_EXTENSION[ext], sniff(head)
    if found != expected:
        if found:
            problems.add(rel, 0, "media_content", ext=ext, found=found)
        else:
            problems.add(rel, 0, "media_unknown_content", ext=ext, expected=expected)
        return False
    refused = image_check.verify(Path(entry.path)) if ext in image_check.RASTER_EXTENSIONS else None
    if refused:
        problems.add(rel, 0, refused[0], **refused[1])
        return False
    return True


def sniff(head: bytes) -> str:
    """The format the first bytes of a file show ("PNG", "HTML", ...), or "" if unknown."""
    for name, signatures in _SIGNATURES.items():
        if head.startswith(signatures):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return next((name for start, name in _MARKUP_STARTS.items() if text.startswith(start)), "")


def media_limit(problems: Problems | None = None) -> int:
    """The size limit of a media file in bytes: `NGO_MISSIONS_MAX_MEDIA_MB`, else 10 MB."""
    value = os.environ.get(MAX_MEDIA_MB_VARIABLE, "").strip()
    if not value:
        return MAX_MEDIA_BYTES
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes < 1024 * 1024:
        if problems is not None:
            problems.add(MAX_MEDIA_MB_VARIABLE, 0, "bad_media_limit", value=value)
        return MAX_MEDIA_BYTES
    return int(megabytes * 1024 * 1024)


@dataclass
class FrontMatterParts:
    front_matter: str
    """The YAML text, padded with empty lines so that parser lines are file lines."""
    body: str
    body_line: int


def split_front_matter(
    text: str, rel: str, problems: Problems, optional: bool = False
) -> FrontMatterParts | None:
    """Split `---` YAML `---` from the Markdown body, keeping file line numbers.

    MkDocs swallows a broken front matter and publishes it as text (design.md),
    which is why the generator does this itself and reports every mistake.
    """
    if not text.startswith("---\n"):
        if optional:
            return FrontMatterParts("", text, 1)
        problems.add(rel, 1, "no_front_matter")
        return None
    end = _closing_fence(text)
    if end is None:
        problems.add(rel, 1, "unclosed_front_matter")
        return None
    yaml_text = "\n" + text[4:end]
    after = text.index("\n", end) + 1 if "\n" in text[end:] else len(text)
    body_line = text.count("\n", 0, after) + 1
    return FrontMatterParts(yaml_text, text[after:], body_line)


def _closing_fence(text: str) -> int | None:
    for marker in ("\n---\n", "\n...\n"):
        pos = text.find(marker, 3)
        if pos != -1:
            return pos + 1
    for marker in ("\n---", "\n..."):
        if text.endswith(marker):
            return len(text) - 3
    return None


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """The file as text with `\\n` line ends, or None after reporting why not."""
    size = os.stat(path).st_size
    if size > MAX_TEXT_BYTES:
        problems.add(rel, 0, "file_too_big", size=size, limit=MAX_TEXT_BYTES)
        return None
    data = _read_bytes(path, size)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(rel, data.count(b"\n", 0, exc.start) + 1, "bad_encoding")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path, size: int) -> bytes:
    """The whole file, as `Path.read_bytes` reads it, in half its time: no pathlib, no
    buffered file object, for each of a 10,000-item repository's ~12,800 files. `size`
    is what `stat` said; a file that grew since is still read to its end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks = [os.read(fd, size + 1)]
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
    finally:
        os.close(fd)
    return b"".join(chunks)


def _yaml(text: str, rel: str, problems: Problems) -> Node | Any | None:
    if len(text) > MAX_YAML_CHARS:
        problems.add(rel, 1, "yaml_too_long", size=len(text), limit=MAX_YAML_CHARS)
        return INVALID
    try:
        node = read_yaml(text)
    except YamlProblem as exc:
        problems.add(rel, exc.line, exc.code, **exc.params)
        return INVALID
    if may_break_a_rule(text):
        for bad in scan_node(node):
            problems.add(rel, bad.line, bad.code, field=bad.field, char=bad.char)
    return node


def _rel(path: str | Path, root: Path) -> str:
    # A string prefix, not `Path.relative_to`: this runs for every file, and pathlib's
    # parsing was a fifth of a 10,000-item check. `_entries` paths always start with root.
    text, prefix = os.fspath(path), os.fspath(root) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    return Path(path).relative_to(root).as_posix()


def _near(word: str, known: list[str]) -> str:
    return nearest(word, known) or ""
