"""Bodies converted by the build before, reused when nothing they depend on changed.

Python-Markdown is the largest cost left in a language's process (docs/performance.md),
for bodies that are almost all unchanged from one build to the next. A conversion
depends on:

* the Markdown, and the page it is on (path, URL, whether it is excluded);
* the converter: extensions and their options, MkDocs' link validation levels and
  directory URLs, the log levels, and the code (Python, Markdown, pymdownx, Pygments,
  MkDocs, this generator);
* the files its links resolve to: MkDocs' link processor asks `Files` for each target.

The first two make the key. The lookups are recorded with their answers, and a stored
conversion is reused only if `Files` answers them the same way now. A conversion that
logged anything (a broken link's warning) is never stored, so every warning is raised
again and strict mode sees it.

Each page's converted HTML then goes through the same finishing (sanitizer, typography,
permalinks' titles: `BodyCache.finished`), a function of that HTML alone; it is kept too.

The cache sits beside the site (`.<site>-cache/bodies-<lang>.marshal`, written by the
CLI's builds only) and holds only what the last build used. It is read with `marshal`,
which runs no code, and it is trusted as the kept site beside it is.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.engine.pages import Convert, Converted

FORMAT = 2
"""Bumped when what an entry holds changes."""

log = logging.getLogger("mkdocs.plugins.ngo-missions")

PACKAGES = ("markdown", "pymdown-extensions", "pygments", "mkdocs", "nh3")

Answer = tuple[str, str, bool] | None
"""What `Files.get_file_from_path` answered: the file's path, URL and exclusion, or none."""


def answer(file: File | None) -> Answer:
    return None if file is None else (file.src_uri, file.url, file.inclusion.is_excluded())  # type: ignore[no-untyped-call]


class LookupRecorder:
    """Stands in for `Files` in MkDocs' link processor and notes what it asked."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.lookups: dict[str, Answer] = {}
        self.other_use = False

    def get_file_from_path(self, path: str) -> File | None:
        file = self.files.get_file_from_path(path)
        self.lookups[path] = answer(file)
        return file

    def __getattr__(self, name: str) -> Any:
        self.other_use = True  # a MkDocs that reads more than it did: nothing is stored
        return getattr(self.files, name)


@contextmanager
def log_records() -> Iterator[list[logging.LogRecord]]:
    """The log records made meanwhile, by any logger (records are made only for the
    levels that are on; the levels are in the cache's key)."""
    made: list[logging.LogRecord] = []
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        made.append(record)
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield made
    finally:
        logging.setLogRecordFactory(previous)


class BodyCache:
    """One language's converted bodies, and the HTML they were finished into: those the
    last build used, and this build's (two kinds of entry under keys that never meet)."""

    def __init__(self, path: Path, salt: bytes) -> None:
        self.path, self.salt = path, salt
        self.stored: dict[bytes, Any] = _read(path, salt)
        self.used: dict[bytes, Any] = {}

    @classmethod
    def for_build(cls, path: str, config: MkDocsConfig) -> BodyCache | None:
        return cls(Path(path), converter_salt(config)) if path else None

    def around(self, convert: Convert) -> Convert:
        """`convert`, answered from this cache when it holds the body as it would be
        converted now (see the module's docstring); what it converts is stored."""

        def cached(page: Page, text: str, config: MkDocsConfig, files: Files) -> Converted:
            key = self.key(page, text)
            found = self.get(key, files)
            if found is not None:
                return found
            recorder = LookupRecorder(files)
            with log_records() as records:
                converted = convert(page, text, config, recorder)  # type: ignore[arg-type]
            self.put(key, recorder, records, converted)
            return converted

        return cached

    def finished(self, html: str, finish: Callable[[str], str]) -> str:
        """`finish(html)`, or what it gave for the same HTML in the build before.

        `finish` is what every page's HTML goes through after conversion (the sanitizer,
        the typography, the permalinks' titles): a function of the text alone, and of
        this generator's code and packages, which the salt holds. At 10,000 items it was
        a few CPU-seconds per language, nearly all for unchanged pages."""
        key = hashlib.sha256(self.salt + b"finished\0" + html.encode()).digest()
        done = self.stored.get(key)
        if done is None:
            done = self.used.get(key)
        if done is None:
            done = finish(html)
        self.used[key] = done
        return done

    def key(self, page: Page, text: str) -> bytes:
        file = page.file
        excluded = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        head = "\0".join((file.src_uri, file.url, str(excluded), ""))
        return hashlib.sha256(self.salt + head.encode() + text.encode()).digest()

    def get(self, key: bytes, files: Files) -> Converted | None:
        entry = self.stored.get(key) or self.used.get(key)
        if entry is None:
            return None
        lookups, fields = entry
        if any(answer(files.get_file_from_path(path)) != found for path, found in lookups.items()):
            return None
        self.used[key] = entry
        html, toc, title, anchors, links = fields
        return Converted(html, toc, title, set(anchors), links)

    def put(
        self,
        key: bytes,
        recorder: LookupRecorder,
        records: list[logging.LogRecord],
        converted: Converted,
    ) -> None:
        if records or recorder.other_use:
            return
        self.used[key] = (
            recorder.lookups,
            (
                converted.html,
                converted.toc_tokens,
                converted.title,
                set(converted.anchors),
                converted.links,
            ),
        )

    def save(self) -> None:
        """Keep what this build used, if that differs from what was read. The cache only
        saves time: failing to write it is logged, not a failed build."""
        if self.used.keys() == self.stored.keys():
            return
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps((FORMAT, self.salt, self.used)))
            os.replace(temporary, self.path)
        except (OSError, ValueError) as error:
            log.info("Converted bodies not kept for the next build: %s", error)
            with suppress(OSError):
                temporary.unlink()


def _read(path: Path, salt: bytes) -> dict[bytes, Any]:
    """The stored entries, if the file is there, readable and made with the same salt."""
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (
        isinstance(stored, tuple)
        and len(stored) == 3
        and stored[:2] == (FORMAT, salt)
        and isinstance(stored[2], dict)
    ):
        return {}
    return stored[2]


def converter_salt(config: MkDocsConfig) -> bytes:
    """Everything but the page and its text that a conversion depends on (module doc)."""
    versions = [sys.version, *(metadata.version(name) for name in PACKAGES)]
    levels = [
        logging.getLogger(name).getEffectiveLevel()
        for name in ("", "mkdocs", "mkdocs.structure.pages", "MARKDOWN")
    ]
    settings = [
        config.markdown_extensions,
        config.mdx_configs,
        config.use_directory_urls,
        config.validation,
    ]
    text = repr([FORMAT, versions, levels, stable(settings), code_digest()])
    return hashlib.sha256(text.encode()).digest()


def code_digest() -> str:
    """This generator's code: any change to it may change a conversion."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parents[2].rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stable(value: Any) -> Any:
    """`value` as plain data that reads the same in every process (no addresses)."""
    if isinstance(value, dict) or (hasattr(value, "items") and callable(value.items)):
        return sorted((str(key), stable(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [stable(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    if hasattr(value, "__dict__"):
        return [type(value).__qualname__, stable(vars(value))]
    return repr(value)
