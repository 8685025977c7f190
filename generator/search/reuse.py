"""Let Pagefind skip the search files the kept site holds already, and check what it skipped.

`GetFiles` hands every file of an index over compressed anew, at flate2's best level: most
of the Russian index's time after its last page went to compressing fragments and index
chunks that were byte for byte the ones of the build before, on one core, as the build's
last seconds (docs/performance.md, "Figures behind the code"). `WriteFiles` into the kept
bundle (`recycled_site`) leaves alone a fragment, index chunk, filter or pf_meta whose
file exists already (output/mod.rs `WriteBehavior::Immutable`): their names are hashes of
their content. Three things make that safe here.

* **Names are 7 hex digits of SHA-1** (28 bits), so a changed page's fragment can take
  the name of an old file of other content, which Pagefind would then keep. Before the
  write, `prepare` removes every file of the language that its old pf_meta does not
  list, and its filters and pf_meta always (few, small, and rewritten by
  `pagefind_stable` anyway): what Pagefind skips was a fragment or chunk of the last
  index. After it, `check_written` reads every fragment's URL: pages are numbered by
  URL (search_index.py), so the URLs must rise strictly along pf_meta's page list; and a
  chunk's first word must begin with the word pf_meta gives as its start. A skipped
  file of another page or chunk breaks one or the other, and the build has Pagefind
  write those again. Left undetected: a page (or chunk) whose new content hashes to the
  same 28 bits as its own old content, one chance in 2^28 for each changed one.
* **Pagefind 1.5.2 never flushes its writes** (tokio's `File`, output/mod.rs `write`): it
  answers while the last of them still run in its blocking pool, and at the end of its
  input it exits without waiting (service/mod.rs: `std::process::exit(0)`). A pending
  write holds its file open, so the service is kept until it has no file open under the
  bundle (`wait_for_writes`, through /proc; elsewhere the build falls back to
  `GetFiles`).
* **A failed write (a full disk) is lost inside Pagefind.** Every file the index lists is
  decompressed in full (gzip checks the length and CRC), and none of the bundle's other
  files may be empty.
"""

from __future__ import annotations

import json
import os
import time
import zlib
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.search.stable import (
    SIGNATURE,
    Meta,
    PagefindFormatError,
    _Reader,
    read_payload,
)

PROC = "/proc"

LINKED_FOLDERS = ("fragment", "index", "filter")
"""A language written beside the site's bundle finds these folders of the bundle linked
into its own, so that it reuses and writes its fragments and chunks in place."""


class SearchFilesError(RuntimeError):
    """Pagefind's files are not what its index lists."""


def can_watch(pid: int) -> bool:
    """Whether this system shows a process's open files (Linux's /proc)."""
    return os.path.isdir(f"{PROC}/{pid}/fd")


def prepare(root: Path, lang: str) -> set[str]:
    """Clear `root` (a bundle, or the site's bundle a language writes its folders into) of
    what `lang`'s last index did not list, and of its filters and pf_meta; return the
    files left to reuse, as paths relative to `root`."""
    listed = _listed(root, lang)
    prefix = f"{lang}_"
    for folder in ("fragment", "index"):
        for entry in _entries(root / folder):
            if entry.name.startswith(prefix) and f"{folder}/{entry.name}" not in listed:
                os.unlink(entry.path)
    forget(root, root, lang, set())
    return {name for name in listed if (root / name).is_file()}


def forget(bundle: Path, root: Path, lang: str, wrong: set[str]) -> None:
    """Remove the `wrong` files (relative to `root`) and the language's filters and
    pf_meta: Pagefind orders filters by chance (pagefind_stable), so each write of the
    same index may name them otherwise."""
    for name in wrong:
        (root / name).unlink()
    for entry in _entries(root / "filter"):
        if entry.name.startswith(f"{lang}_"):
            os.unlink(entry.path)
    for meta in bundle.glob(f"pagefind.{lang}_*.pf_meta"):
        meta.unlink()


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return list(entries)


def _listed(root: Path, lang: str) -> set[str]:
    """The fragments and chunks the language's one old pf_meta lists (none if it has not
    exactly one, or one this module cannot read)."""
    metas = list(root.glob(f"pagefind.{lang}_*.pf_meta"))
    if len(metas) != 1:
        return set()
    try:
        meta = Meta.decode(read_payload(metas[0]))
    except (OSError, EOFError, zlib.error, PagefindFormatError):
        return set()
    return {
        *(f"fragment/{name}.pf_fragment" for name, _words in meta.pages),
        *(f"index/{name}.pf_index" for _start, _end, name in meta.chunks),
    }


def link_folders(bundle: Path, root: Path) -> None:
    """Make `bundle`'s fragment, index and filter folders links to `root`'s."""
    bundle.mkdir(parents=True, exist_ok=True)
    for folder in LINKED_FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (bundle / folder).symlink_to(root / folder, target_is_directory=True)


def unlink_folders(bundle: Path) -> None:
    for folder in LINKED_FOLDERS:
        if (bundle / folder).is_symlink():
            (bundle / folder).unlink()


def wait_for_writes(pid: int, roots: list[Path], timeout: float = 120) -> None:
    """Return once process `pid` has no file open under `roots` (see the module's doc)."""
    prefixes = tuple(f"{os.path.realpath(root)}{os.sep}" for root in roots)
    folder = f"{PROC}/{pid}/fd"
    deadline = time.monotonic() + timeout
    while True:
        pending = []
        try:
            fds = os.listdir(folder)
        except OSError:
            raise SearchFilesError(f"pagefind (process {pid}) exited while writing") from None
        for fd in fds:
            try:
                target = os.readlink(f"{folder}/{fd}")
            except OSError:  # closed since the listing
                continue
            if target.startswith(prefixes):
                pending.append(target)
        if not pending:
            return
        if time.monotonic() > deadline:
            raise SearchFilesError(f"pagefind still writes {pending[0]} after {timeout} s")
        time.sleep(0.002)


@dataclass
class Written:
    """One language's files as `check_written` found them."""

    files: set[str] = field(default_factory=set)
    """The index's hashed files: what the build keeps (the bundle's other files are
    written anew each time, so their modification time keeps them)."""
    wrong: set[str] = field(default_factory=set)
    """Reused files (relative to the root) that are not the index's: to be written again."""
    unverified: list[str] = field(default_factory=list)
    """Files of the site's bundle (scripts, styles) that differ from the build before's:
    a new Pagefind, or a write cut short. The caller has the files handed over instead."""


def snapshot(bundle: Path) -> dict[str, bytes]:
    """The bundle's own files that do not change from build to build (Pagefind's scripts,
    styles and generic WebAssembly), to compare with after Pagefind rewrote them."""
    found = {}
    for path in _top_files(bundle):
        if not _per_index(path.name):
            with suppress(OSError):
                found[path.name] = path.read_bytes()
    return found


def _top_files(bundle: Path) -> list[Path]:
    return [Path(entry.path) for entry in _entries(bundle) if entry.is_file(follow_symlinks=False)]


def _per_index(name: str) -> bool:
    """Files whose content depends on the index: the entry and pf_meta."""
    return name == "pagefind-entry.json" or name.endswith(".pf_meta")


def check_written(
    bundle: Path, root: Path, lang: str, reused: set[str], before: dict[str, bytes]
) -> Written:
    """Check the index `lang`'s service wrote into `bundle` (its folders in `root`).

    Raises SearchFilesError for a file Pagefind wrote this time that is missing, empty or
    cut short; returns the reused files that belong to another page or chunk. `before`:
    `snapshot` of the bundle before the write, when it is the site's (not a language's
    part, whose scripts are dropped).
    """
    written = Written()
    for path in _top_files(bundle):
        if path.name.startswith("wasm."):  # gzip, like the index's own files
            _whole(path)
        elif not _per_index(path.name) and root == bundle and before.get(path.name) != _bytes(path):
            written.unverified.append(path.name)
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    except (OSError, ValueError) as error:
        raise SearchFilesError(f"pagefind's entry in {bundle} is unreadable: {error}") from None
    info = entry["languages"].get(lang)
    if info is None:  # no page with words: Pagefind writes no index for the language
        return written
    meta = Meta.decode(_payload(bundle / f"pagefind.{info['hash']}.pf_meta"))
    _check_pages(root, meta, reused, written)
    _check_chunks(root, meta, reused, written)
    for _name, hash_ in meta.filters:
        _payload(root / "filter" / f"{hash_}.pf_filter")
        written.files.add(str(root / "filter" / f"{hash_}.pf_filter"))
    return written


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _whole(path: Path) -> bytes:
    """A gzip file's content, checked in full (length and CRC)."""
    try:
        return zlib.decompress(path.read_bytes(), 31)
    except (OSError, zlib.error) as error:
        raise SearchFilesError(f"pagefind's {path} is unreadable: {error}") from None


def _payload(path: Path) -> bytes:
    """The content of one of Pagefind's compressed files, checked in full."""
    data = _whole(path)
    if not data.startswith(SIGNATURE):
        raise SearchFilesError(f"pagefind's {path} lacks its signature")
    return data[len(SIGNATURE) :]


def _checked(root: Path, name: str, reused: set[str], written: Written) -> bytes | None:
    """A listed file's content; None (and the file marked wrong) if it was reused and is
    unreadable."""
    written.files.add(str(root / name))
    try:
        return _payload(root / name)
    except SearchFilesError:
        if name not in reused:
            raise
        written.wrong.add(name)
        return None


def _check_pages(root: Path, meta: Meta, reused: set[str], written: Written) -> None:
    """Fragments: readable, of the word count pf_meta gives, URLs rising with the page
    numbers. Anything amiss is blamed on every reused fragment: it is rare (module doc)."""
    sound, last = True, ""
    for name, words in meta.pages:
        payload = _checked(root, f"fragment/{name}.pf_fragment", reused, written)
        fragment = _json(payload)
        url = fragment.get("url", "")
        sound = sound and fragment.get("word_count") == words and url > last
        last = url
    if sound:
        return
    suspects = {name for name in reused if name.startswith("fragment/")}
    if not suspects:
        raise SearchFilesError(f"pagefind's pages in {root} are not numbered by URL")
    written.wrong |= suspects


def _json(payload: bytes | None) -> dict[str, Any]:
    """A fragment's JSON; empty if unreadable (then it breaks the order check)."""
    try:
        value = json.loads(payload) if payload is not None else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _check_chunks(root: Path, meta: Meta, reused: set[str], written: Written) -> None:
    """Index chunks: readable, and each begins with the word pf_meta says it begins with."""
    for start, _end, name in meta.chunks:
        relative = f"index/{name}.pf_index"
        payload = _checked(root, relative, reused, written)
        if payload is None:
            continue
        try:
            begins = _first_word(payload).startswith(start)
        except PagefindFormatError:
            begins = False
        if begins:
            continue
        if relative not in reused:
            raise SearchFilesError(f"pagefind's {root / relative} does not begin at {start!r}")
        written.wrong.add(relative)


def _first_word(payload: bytes) -> str:
    """A chunk's first word (index_words.rs `WordIndex`: `[[[word, postings, forms], ...]]`)."""
    reader = _Reader(payload)
    reader.expect_array(1)
    if not reader.array():
        return ""
    reader.expect_array(3)
    word = reader.item()
    return word if isinstance(word, str) else ""
