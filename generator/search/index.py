"""The Pagefind search index, fed while the pages are rendered.

Each language has one `pagefind --service` (`SearchService`), and its render process
hands it every item page as it is rendered (`SearchFeed`), so Pagefind never walks the
finished site and never parses whole pages: it gets a minimal document, `<html lang>`
and the page's `data-pagefind-body` part, which is all it would index anyway (filters,
meta, headings and anchors all live inside that part, see theme/main.html). When the
language is rendered, the service's owner has it write that language's files: the
render process itself, or, when the CLI renders the languages in parallel, the CLI's
main process, which started both services before forking and writes both indexes at
once after the render processes left. On a rebuild Pagefind writes into the kept
bundle and skips the files that are there already (`pagefind_reuse`). `complete_bundle`
then joins the languages into one bundle (`site/pagefind/`).

The service speaks base64(JSON) messages, each followed by a comma, on stdin and
stdout (pagefind/src/service). Pagefind numbers pages in the order it first saw their
URL and re-adding a URL replaces the page in place (lib.rs `fossick_one`), so the
feed first registers every expected URL in URL order with an empty placeholder (an
empty page is never indexed): pages come out numbered by URL whatever order they are
rendered in, and `pagefind_stable` needs to canonicalise only the filters.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pagefind_bin

from generator.content import addresses
from generator.errors import GeneratorError
from generator.search import reuse as pagefind_reuse
from generator.search.pipe import readable
from generator.search.stable import canonicalise_language
from generator.urls import FIRST, site_path

# Parts of item pages that are not the item: links back, edit links, heading anchors,
# a mission page's lists of related items (each is found on its own page), the labels of
# its facts and buttons (interface text: "Сроки" would run into its value "2015–2018" and
# match every page), and abbreviations such as the "г." of Russian dates, which would
# match any query starting with "г" (present.abbreviations_html).
EXCLUDED = (
    ".ngo-kicker, .ngo-edit, .headerlink, .ngo-note, .ngo-group, .ngo-feeds,"
    " .ngo-facts dt, .ngo-actions, .ngo-abbr"
)

FALLBACK_BODY = 'div[lang="ru"]'
"""On an English page, the Russian body shown for want of a translation (generate.py
`_body`). It stays out of the English index: Pagefind would stem it as English, and a
reader looking for a Russian word finds the item on the Russian site, where it is
indexed as Russian. The item's own fields (a Russian title included, in `<span>`) stay.
It is most of English pages' text (docs/performance.md)."""


CLI_EXCLUDED = f"{EXCLUDED}, {FALLBACK_BODY}"
"""The same for one Pagefind CLI run over the whole site (the tests' and the benchmark's
reference): only English pages have a fallback body."""


def excluded_selectors(lang: str) -> list[str]:
    """What Pagefind leaves out of `lang`'s index."""
    selectors = [s.strip() for s in EXCLUDED.split(",")]
    return selectors if lang == FIRST else [*selectors, FALLBACK_BODY]


BODY_MARK = "data-pagefind-body"
"""The attribute of the element holding an item page's indexed part (theme/main.html)."""

BODY_END = "</article>"
"""Material closes the page's article right after the indexed part."""

LANGUAGE_FOLDERS = ("fragment", "index", "filter")
"""The bundle's folders whose files all belong to one language (`<lang>_<hash>`)."""

OTHER_LANGUAGES = addresses.PAGEFIND_PARTS
"""Where a language other than the site's first leaves its files (under its own site),
until `complete_bundle` moves them into the one bundle."""


@dataclass(frozen=True)
class SearchPipes:
    """A service's ends of the pipes and its index, for a process that only feeds it (a
    language's forked process; the orchestrator, which started it, writes the index)."""

    stdin_fd: int
    stdout_fd: int
    index_id: int


class BundleFiles(Protocol):
    """How the index's files are written, and whom Pagefind's own writes are told.

    A plain build writes into a new folder (`NEW_FILES`); a build into the kept site
    hands its `recycled_site.WrittenFiles`, which leaves a file holding the same bytes
    alone and notes every file for its sweep."""

    def write_bytes(self, path: str, data: bytes) -> None: ...

    def count(self, paths: Iterable[str]) -> None:
        """`paths` were written by Pagefind itself."""


class NewFiles:
    """`BundleFiles` of a bundle in a folder of its own: files written as they come."""

    def write_bytes(self, path: str, data: bytes) -> None:
        with open(path, "wb") as out:
            out.write(data)

    def count(self, paths: Iterable[str]) -> None:
        """Nobody needs to know."""


NEW_FILES = NewFiles()


class SearchIndexError(GeneratorError):
    """Pagefind failed; its own message says why."""


def indexed_part(html: str) -> str | None:
    """The `data-pagefind-body` element of a page (with what follows it inside the article),
    or None for a page without one: two `str.find`s, no parsing."""
    mark = html.find(BODY_MARK)
    if mark < 0:
        return None
    start = html.rfind("<", 0, mark)
    end = html.find(BODY_END, mark)
    return html[start : end if end >= 0 else len(html)]


class SearchService:
    """One language's `pagefind --service` process and its index.

    Whoever writes the index owns the service: a language's render process when it
    builds alone, the CLI's main process when the languages render in parallel. There
    the service is started before the render processes fork, each feeds its own through
    the inherited pipe and leaves; the main process then has both written at once, with
    the render processes' memory already returned (docs/performance.md).
    """

    def __init__(self, lang: str, files: BundleFiles = NEW_FILES) -> None:
        self.lang, self.files = lang, files
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close)
        self.process = subprocess.Popen(
            [str(pagefind_bin.get_executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin_fd, self.stdout_fd = self.process.stdin.fileno(), self.process.stdout.fileno()
        self.next_id = FIRST_OWN_ID
        config = {
            "exclude_selectors": excluded_selectors(lang),
            "force_language": lang,
            "keep_index_url": False,
        }
        try:
            self.index_id = int(self.ask({"type": "NewIndex", "config": config})["index_id"])
        except BaseException:
            self.kill()
            raise

    def ask(self, payload: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        """Send one message and read until its answer: only when no feed is attached.
        With `timeout`, give up (SearchIndexError) after that many seconds."""
        self.next_id += 1
        message_id = self.next_id
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(_encoded(message_id, payload))
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise SearchIndexError(self.failure("pagefind --service exited")) from None
        deadline = None if timeout is None else time.monotonic() + timeout
        late = None if deadline is None else (lambda: time.monotonic() > deadline)
        for message in _messages(self.stdout_fd, late):
            answer: dict[str, Any] = message.get("payload", {})
            if answer.get("type") == "Error":
                raise SearchIndexError(
                    self.failure(f"{answer.get('message')} {answer.get('original_message')}")
                )
            if message.get("message_id") == message_id:
                return answer
        if late is not None and late():
            raise SearchIndexError(
                self.failure(f"pagefind did not answer {payload['type']} in {timeout:.0f} s")
            )
        raise SearchIndexError(self.failure(f"pagefind failed on {payload['type']}"))

    @property
    def pipes(self) -> SearchPipes:
        return SearchPipes(self.stdin_fd, self.stdout_fd, self.index_id)

    def write(self, bundle: Path, site_bundle: Path | None = None, reuse: bool = True) -> None:
        """Write the index's files into `bundle` (into `site_bundle`, the site's bundle, a
        language's own folders, if given) through `self.files`, and stop the service.

        Where the kept site holds the last index, Pagefind writes the files itself and
        skips the fragments and chunks that are there already (`pagefind_reuse`).
        Otherwise (a first build; or a system that does not show which files a process
        holds open) it hands them over (`GetFiles`), which is quicker into an empty
        folder (docs/performance.md, "Figures behind the code").
        """
        try:
            root = site_bundle or bundle
            reused = pagefind_reuse.prepare(root, self.lang) if reuse else set()
            if (
                reused
                and pagefind_reuse.can_watch(self.process.pid)
                and self._write_in_place(bundle, root, reused)
            ):
                return
            answer = self.ask({"type": "GetFiles", "index_id": self.index_id})
            self.close()  # the service's memory is returned before the files are written
        except BaseException:
            self.kill()
            raise
        if answer.get("type") != "GetFiles":
            raise SearchIndexError(f"pagefind did not index: {answer}")
        _write_files(bundle, answer.pop("files"), self.files, site_bundle)

    def _write_in_place(self, bundle: Path, root: Path, reused: set[str]) -> bool:
        """`WriteFiles`, checked; the reused files that prove wrong are written again.
        False if the bundle's scripts came out other than the last build's: the caller
        has every file handed over instead."""
        before = pagefind_reuse.snapshot(bundle) if root == bundle else {}
        if root != bundle:
            pagefind_reuse.link_folders(bundle, root)
        for _attempt in range(2):
            answer = self.ask(
                {"type": "WriteFiles", "index_id": self.index_id, "output_path": str(bundle)},
                WRITE_TIMEOUT,
            )
            if answer.get("type") != "WriteFiles":
                raise SearchIndexError(f"pagefind did not index: {answer}")
            try:
                pagefind_reuse.wait_for_writes(self.process.pid, [bundle, root])
                written = pagefind_reuse.check_written(bundle, root, self.lang, reused, before)
            except pagefind_reuse.SearchFilesError as error:
                raise SearchIndexError(str(error)) from None
            if not written.wrong:
                break
            pagefind_reuse.forget(bundle, root, self.lang, written.wrong)
            reused -= written.wrong
        else:
            raise SearchIndexError(f"pagefind's files in {root} stay wrong when written again")
        pagefind_reuse.unlink_folders(bundle)
        if written.unverified:  # filters come out in another order each time
            pagefind_reuse.forget(bundle, root, self.lang, set())
            return False
        self.close()
        self.files.count(written.files)
        return True

    def failure(self, what: str) -> str:
        self.stderr.seek(0)
        log = self.stderr.read().decode(errors="replace")
        return "\n".join([what, log])

    def close(self) -> None:
        """Close stdin (the service exits at its end), then collect the process."""
        stdin = self.process.stdin
        try:
            if stdin is not None:
                stdin.close()
        except (BrokenPipeError, ValueError):  # what was left to flush is moot
            stdin.raw.close()  # type: ignore[union-attr]
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.stderr.close()

    def kill(self) -> None:
        """The build failed and is abandoned."""
        self.process.kill()
        if not self.stderr.closed:
            self.close()


WRITE_TIMEOUT = 300.0
"""Seconds Pagefind may take to write an index itself (~2.5 s at 10,000 items). Where it
cannot create a file (a full disk, a folder in the way) Pagefind 1.5.2 retries every
100 ms for ever (output/mod.rs `write`); the build fails instead."""

FIRST_OWN_ID = 1_000_000_000
"""The owner's own messages are numbered from here, a feed's from 1: the ids Pagefind
echoes never collide, and stay within its 32 bits."""


class SearchFeed:
    """Feeds one language's service page by page from the render process.

    `add_page` only cuts the indexed part out and queues it (a few microseconds); a
    writer thread encodes and sends, a reader thread collects the answers, and the
    service parses and indexes on its own core meanwhile. Without `attach` the feed
    starts and owns its service; with it (`(stdin, stdout, index_id)`, inherited from
    the process that owns the service) it only feeds, and `finish` leaves the writing
    to the owner.
    """

    def __init__(
        self,
        lang: str,
        urls: Iterable[str] = (),
        attach: SearchPipes | None = None,
        files: BundleFiles = NEW_FILES,
    ) -> None:
        self.lang = lang
        self.service = SearchService(lang, files) if attach is None else None
        if self.service is not None:
            pipes = self.service.pipes
            attach = SearchPipes(os.dup(pipes.stdin_fd), os.dup(pipes.stdout_fd), pipes.index_id)
        assert attach is not None
        self.stdout_fd, self.index_id = attach.stdout_fd, attach.index_id
        self.stdin = os.fdopen(attach.stdin_fd, "wb")
        self.errors: list[str] = []
        self.answers = 0
        self.answered = threading.Condition()
        self.sent = 0
        self.finishing = self.closed = False
        self.outbox: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.writer = threading.Thread(target=self._write, args=(sorted(urls),), daemon=True)
        self.writer.start()

    # --- The render process's side ---

    def add_page(self, url: str, html: str) -> None:
        """Queue an item page (its complete HTML); other pages are ignored."""
        part = indexed_part(html)
        if part is not None:
            self.outbox.put((url, part))

    def finish(self) -> None:
        """Send what is queued, wait until the service answered all of it, let go of the
        pipes; raise if the service failed on any of it."""
        self.outbox.put(None)
        self.writer.join()
        with self.answered:
            self.finishing = True
            while self.answers < self.sent and self.reader.is_alive():
                self.answered.wait(1)
        self.reader.join()
        self._let_go()
        if self.errors or self.answers < self.sent:
            failure = "\n".join(["pagefind failed", *self.errors[:5]])
            raise SearchIndexError(self.service.failure(failure) if self.service else failure)

    def write(self, bundle: Path, site_bundle: Path | None = None, reuse: bool = True) -> None:
        """Index what was added and write this language's files into `bundle` (its
        fragments and index chunks into `site_bundle`, the site's bundle, if given); stop."""
        assert self.service is not None, "an attached feed leaves the writing to its owner"
        try:
            self.finish()
        except BaseException:
            self.service.kill()
            raise
        self.service.write(bundle, site_bundle, reuse)

    def stop(self) -> None:
        """Stop feeding; kill the service if this feed owns it: the build failed."""
        self.outbox.put(None)
        with self.answered:
            self.finishing = True
        if self.service is not None:
            self.service.kill()
        self.writer.join(5)
        self.reader.join(5)
        self._let_go()

    def _let_go(self) -> None:
        """Close this feed's ends of the pipes (the owner keeps its own)."""
        if self.closed:
            return
        self.closed = True
        for close in (self.stdin.close, lambda: os.close(self.stdout_fd)):
            with suppress(OSError, ValueError):
                close()

    # --- Messages ---

    def _write(self, urls: list[str]) -> None:
        """The writer thread: placeholders for `urls` (in URL order: they fix the page
        numbers), then minimal documents in the order added."""
        head = f'<!DOCTYPE html><html lang="{self.lang}"><body>'
        send = self.stdin.write
        try:
            for url in urls:
                self.sent += 1
                send(
                    _encoded(
                        self.sent,
                        {
                            "type": "AddRecord",
                            "index_id": self.index_id,
                            "url": url,
                            "content": "",
                            "language": self.lang,
                            "meta": None,
                            "filters": None,
                            "sort": None,
                        },
                    )
                )
            while (item := self.outbox.get()) is not None:
                url, part = item
                self.sent += 1
                send(
                    _encoded(
                        self.sent,
                        {
                            "type": "AddFile",
                            "index_id": self.index_id,
                            "url": url,
                            "file_path": None,
                            "file_contents": head + part + "</body></html>",
                        },
                    )
                )
            self.stdin.flush()
        except (BrokenPipeError, ValueError, OSError) as error:  # the service died
            self.errors.append(f"pagefind stopped reading: {error}")
        with self.answered:
            self.answered.notify_all()

    def _read(self) -> None:
        """The reader thread: counts answers, keeps errors; stops at the end of the pipe
        or, once `finish` began, at the last answer. It never blocks on the pipe past
        that answer: the owner reads its own answers from the same pipe afterwards."""
        for message in _messages(self.stdout_fd, self._all_answered):
            payload = message.get("payload", {})
            with self.answered:
                if payload.get("type") == "Error":
                    self.errors.append(
                        f"{payload.get('message')} {payload.get('original_message')}"
                    )
                self.answers += 1
                self.answered.notify_all()
        with self.answered:
            self.answered.notify_all()

    def _all_answered(self) -> bool:
        with self.answered:
            return self.finishing and self.answers >= self.sent


def _encoded(message_id: int, payload: dict[str, Any]) -> bytes:
    """The service's framing: base64(JSON), then a comma."""
    data = json.dumps(
        {"message_id": message_id, "payload": payload}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    return base64.b64encode(data) + b","


def _messages(fd: int, stop: Callable[[], bool] | None = None) -> Iterator[dict[str, Any]]:
    """The service's messages read from `fd`, until its end or, between reads, `stop()`.

    With `stop`, the pipe is polled (0.1 s, `pipe.readable`: on every system) rather than
    read blindly, so that the reader never sits in a read that would take another
    reader's answer.
    """
    pending = bytearray()  # GetFiles' answer is one message of tens of megabytes
    while True:
        try:
            if stop is not None:
                while not readable(fd, 0.1):
                    if stop():
                        return
            chunk = os.read(fd, 1 << 20)
        except (OSError, ValueError):  # closed by `stop`
            return
        if not chunk:
            return
        start = len(pending)
        pending += chunk
        while (comma := pending.find(b",", start)) >= 0:
            yield json.loads(base64.b64decode(pending[:comma]))
            del pending[: comma + 1]
            start = 0
            if stop is not None and not pending and stop():
                return


def _write_files(
    bundle: Path,
    files: list[dict[str, str]],
    through: BundleFiles,
    site_bundle: Path | None = None,
) -> None:
    """Write GetFiles' files (`path` in the bundle, base64 `content`) `through` the
    build's writer, emptying the list. With `site_bundle`, a language's own folders
    (`fragment/`, `index/`, `filter/`: names start with the language) go there instead.
    """
    folders: set[str] = set()
    while files:
        file = files.pop()
        name = file["path"]
        root = (
            site_bundle
            if site_bundle is not None and name.split("/", 1)[0] in LANGUAGE_FOLDERS
            else bundle
        )
        path = os.path.join(root, name)
        folder = os.path.dirname(path)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        through.write_bytes(path, base64.b64decode(file["content"]))


def language_bundle(site_dir: Path, lang: str, first: str = FIRST) -> Path:
    """Where one language's build has its feed write: the first language into the final
    bundle, the others into their own site until `complete_bundle` moves them."""
    return site_dir / (addresses.PAGEFIND if lang == first else OTHER_LANGUAGES)


def complete_bundle(site: Path, languages: Iterable[str]) -> None:
    """Join the languages' files into `site/pagefind`, list them all in
    `pagefind-entry.json` (sorted) and make the filters canonical."""
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    for lang in languages:
        part = site / lang / OTHER_LANGUAGES
        if not part.is_dir():
            continue
        other = json.loads((part / "pagefind-entry.json").read_bytes())
        entry["languages"].update(other["languages"])
        _move_language(part, bundle, lang)
        shutil.rmtree(part)
    for lang, info in entry["languages"].items():
        info["hash"] = canonicalise_language(bundle, lang, str(info["hash"]))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))  # serde_json's form
    (bundle / "pagefind-entry.json").write_bytes(text.encode("utf-8"))


def _move_language(part: Path, bundle: Path, lang: str) -> None:
    """Move one language's own files (named `<lang>_...`) from `part` into `bundle`, the
    folders too unless the language wrote them in place (`SearchFeed.write`'s `site_bundle`)."""
    for folder in LANGUAGE_FOLDERS:
        if not (part / folder).is_dir():
            continue
        (bundle / folder).mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(part / folder):
            os.replace(entry.path, bundle / folder / entry.name)  # Windows' rename refuses
    for entry in os.scandir(part):
        if entry.name.startswith(f"pagefind.{lang}_") or entry.name == f"wasm.{lang}.pagefind":
            os.replace(entry.path, bundle / entry.name)


search_url = site_path
"""A page's URL in the whole site, as Pagefind shows it (`generator.urls.site_path`)."""
