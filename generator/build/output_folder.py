"""The output folder: whose it is, who writes it, and how the new site takes its place.

A build writes a whole site beside `--site-dir` and swaps it in at the end. Round two of
the hostile review (#20) lost data on disk around that swap, so each rule here answers
one finding:

- `--site-dir` naming a folder that holds anything but a site this generator wrote
  (`MARKER`) is refused: it was moved aside and deleted by the next build (a user's
  `notes.txt` was lost).
- One build at a time per output folder (`claim`: an OS lock, released by the OS when
  the process dies, so a killed build never leaves it held). The second says so.
- Work folders of builds that were killed (`.<name>-work-*`) are removed by the next
  build that holds the lock: no other build can be using them then.
- The swap exchanges the two folders in one system call (`renameat2(RENAME_EXCHANGE)`
  on Linux, `renamex_np(RENAME_SWAP)` on macOS), so at every instant `--site-dir` is
  the old site or the new one. Where neither exists (Windows, other systems, file
  systems that refuse it) it falls back to two renames; a kill between them leaves the
  old site at `.<name>-previous`, and the next build puts it back before anything else.
- The language processes end when the build does (`die_with_parent`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from generator.errors import PicklableError

MARKER = ".ngo-missions-site"
"""A file at the root of every site the generator wrote; its text says what it is."""

MARKER_TEXT = "Written by `python -m generator build`; the next build replaces this folder.\n"

MESSAGES = {
    "foreign": {
        "ru": "папка {path} существует, и это не сайт, собранный генератором (нет файла "
        "{marker}): сборка её не заменит; укажите другую папку в --site-dir или удалите эту",
        "en": "{path} exists and is not a site the generator built (no {marker} file): the "
        "build will not replace it; give another folder to --site-dir or delete this one",
    },
    "locked": {
        "ru": "в папку {path} уже пишет другая сборка: дождитесь её окончания",
        "en": "another build is writing {path}: wait until it ends",
    },
    "os": {
        "ru": "сборка не удалась: {reason}; прежний сайт не тронут",
        "en": "the build failed: {reason}; the previous site is untouched",
    },
}


class OutputFolderError(PicklableError):
    """The output folder cannot be used; the message is one line for the editor."""

    def __init__(self, code: str, lang: str, **params: object) -> None:
        super().__init__(MESSAGES[code][lang].format(**params))
        self.code = code


def os_failure(exc: OSError, lang: str) -> str:
    """One line for a disk full, a read-only folder, a permission refused."""
    reason = exc.strerror or type(exc).__name__
    if exc.filename:
        reason = f"{reason} ({exc.filename})"
    return MESSAGES["os"][lang].format(reason=reason)


def work_prefix(target: Path) -> str:
    return f".{target.name}-work-"


def work_folder(target: Path) -> Path:
    """A new, empty work folder beside `target`, on the same file system (for the swap)."""
    return Path(tempfile.mkdtemp(prefix=work_prefix(target), dir=target.parent))


@contextmanager
def claim(target: Path, previous: Path, lang: str) -> Iterator[None]:
    """Hold `target` for one build: refuse a folder that is not ours, take the lock,
    put back a site a killed swap left aside, and clear dead builds' work folders."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target, lang):
        if not target.exists() and (previous / MARKER).is_file():
            previous.rename(target)  # a fallback swap was killed between its two renames
        refuse_foreign(target, lang)
        for dead in target.parent.glob(work_prefix(target) + "*"):
            # Renamed, not deleted here: the build's cleaner thread deletes trash while
            # the pages render (`orchestrator.start_removing_old_sites`).
            with suppress(OSError):
                dead.rename(target.with_name(f".{target.name}-trash-{dead.name}"))
        yield


def refuse_foreign(target: Path, lang: str) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputFolderError("foreign", lang, path=target, marker=MARKER)
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise OutputFolderError("foreign", lang, path=target, marker=MARKER)


def mark(site: Path) -> None:
    """Sign a finished site: written last, just before the swap."""
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")


@contextmanager
def _locked(target: Path, lang: str) -> Iterator[None]:
    path = target.with_name(f".{target.name}.lock")
    with open(path, "a+b") as handle:
        if not _try_lock(handle):
            raise OutputFolderError("locked", lang, path=target)
        try:
            yield
        finally:
            _unlock(handle)


def _try_lock(handle: IO[bytes]) -> bool:
    """Windows locks bytes from the file's position (the end, opened to append): the
    first byte is the lock, for `_unlock` to find at the same place."""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    with suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def swap(new: Path, target: Path, previous: Path) -> None:
    """Put `new` at `target`; the site it replaces goes to `previous` (for reuse)."""
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        new.rename(previous)  # `new` holds the old site now
        return
    target.rename(previous)  # the fallback: `claim` repairs a kill between these two
    new.rename(target)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders atomically; False where the system cannot."""
    libc_name = ctypes.util.find_library("c") if sys.platform != "win32" else None
    if libc_name is None and sys.platform not in ("linux", "darwin"):
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        if sys.platform == "linux":
            at_fdcwd, rename_exchange = -100, 2
            result = libc.renameat2(
                at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange
            )
        elif sys.platform == "darwin":
            rename_swap = 0x2
            result = libc.renamex_np(os.fsencode(a), os.fsencode(b), rename_swap)
        else:
            return False
    except (AttributeError, OSError):  # an old C library without the call
        return False
    return bool(result == 0)


def move_into(source: Path, target: Path) -> None:
    """Every file under `source` renamed to the same place under `target` (replacing a
    file there), then `source` removed. Both on one file system: the build's work folder."""
    for folder, _folders, names in os.walk(source):
        into = target / os.path.relpath(folder, source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), into / name)
    shutil.rmtree(source)


def die_with_parent(parent: int, interval: float = 0.5) -> None:
    """In a language process: end when the build `parent` (its process id, known before
    the fork: the build may be killed before this runs) is gone.

    A killed build left both language processes running for ever. The parent is polled
    (no signal or `/proc` needed, `parent_gone`): once it is gone, this process exits at
    once, without cleaning up.
    """
    gone = parent_gone(parent)

    def watch() -> None:
        while True:
            threading.Event().wait(interval)
            if gone():
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def parent_gone(parent: int) -> Callable[[], bool]:
    """A test of whether the process `parent` has ended, for its child to poll.

    POSIX gives an orphan another parent: its parent's id changes. Windows never does,
    and reuses ids: there the parent's process handle, taken now while it runs, says when
    it has ended (as `multiprocessing` watches a spawned process's parent).
    """
    if sys.platform == "win32":
        import _winapi

        try:
            handle = _winapi.OpenProcess(_winapi.SYNCHRONIZE, False, parent)
        except OSError:  # gone already
            return lambda: True
        return lambda: _winapi.WaitForSingleObject(handle, 0) == _winapi.WAIT_OBJECT_0
    return lambda: os.getppid() != parent
