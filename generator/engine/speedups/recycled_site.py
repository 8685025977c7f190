"""Build into the site of the build before last, writing only the files that changed.

A build used to write ~40,000 files into an empty folder and delete the ~60,000 files
and folders of the site from two builds ago. On this machine's disk (ext4 without a
journal) both are dear: a new inode is only handed out after the kernel has skipped
every inode of its group deleted in the last minutes (`recently_deleted` in
fs/ext4/ialloc.c), so creating files right after deleting others grows quadratic;
rewriting an existing file costs ten times more than finding its bytes unchanged
(docs/performance.md, "Rebuilding in the old site").

So the build takes the kept `.<site>-previous` as its work tree, `write_bytes` leaves a
file alone when it already holds the bytes, and `sweep` removes, at the end, whatever
this build neither wrote nor found identical: the tree is then exactly what a build
into an empty folder gives (tests/test_recycled_site.py compares the two).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Windows has neither flag (nor symbolic links an editor's checkout would hold).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0)
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW | getattr(os, "O_BINARY", 0)


def write_bytes(path: str, data: bytes) -> None:
    """Write `data` to `path` unless the file holds exactly these bytes."""
    if not _holds(path, data):
        _write(path, data)


class WrittenFiles:
    """The files one build (or one language's) wrote, or found holding their bytes:
    what `sweep` must keep. Its writers write through it: MkDocs (`mkdocs_writes_into`)
    and the search index (`search.index.BundleFiles`)."""

    def __init__(self) -> None:
        self.paths: set[str] = set()

    def write_bytes(self, path: str, data: bytes) -> None:
        self.paths.add(path)
        write_bytes(path, data)

    def count(self, paths: Iterable[str]) -> None:
        """Count `paths`, written by someone else (Pagefind), as written by this build."""
        self.paths.update(paths)


def _holds(path: str, data: bytes) -> bool:
    """Whether `path` is a file of exactly `data`. What stands in the way of writing it (a
    symbolic link, never followed, or a folder) is removed."""
    try:
        fd = os.open(path, _READ)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        os.unlink(path)
        return False
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(path)
            return False
        return info.st_size == len(data) and os.read(fd, len(data) + 1) == data
    finally:
        os.close(fd)


def _write(path: str, data: bytes) -> None:
    try:
        fd = os.open(path, _WRITE, 0o666)
    except (FileNotFoundError, NotADirectoryError):
        _make_folder(os.path.dirname(path))
        fd = os.open(path, _WRITE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _make_folder(folder: str) -> None:
    """`os.makedirs`, replacing a file of the old tree where a folder goes now."""
    try:
        os.makedirs(folder, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        parent = folder
        while parent and not os.path.isdir(parent):
            if os.path.lexists(parent):
                os.unlink(parent)
                break
            parent = os.path.dirname(parent)
        os.makedirs(folder, exist_ok=True)


@contextmanager
def mkdocs_writes_into(written: WrittenFiles) -> Iterator[None]:
    """MkDocs writes its pages through `written` and leaves the site folder as it is.

    MkDocs 1.6 (pinned) writes every page and theme template with `utils.write_file` and
    empties the site folder first with `utils.clean_directory`; both are looked up on the
    module at each call, and there is no other way in: they are swapped here, and put
    back on the way out. Static files it copies get a new modification time, which
    `sweep` honours.
    """
    from mkdocs import utils

    def write_file(content: bytes, output_path: str) -> None:
        written.write_bytes(output_path, content)

    saved = utils.write_file, utils.clean_directory
    utils.write_file = write_file
    utils.clean_directory = _leave_alone
    try:
        yield
    finally:
        utils.write_file, utils.clean_directory = saved


def _leave_alone(directory: str) -> None:
    """The work tree holds the old site on purpose; `sweep` removes what is left of it."""


def take_previous(previous: Path, work_site: Path, others: Iterable[str]) -> bool:
    """Move the kept site into place as this build's work tree, each other language's
    folder (`en/`) out beside it, where its own process builds it (`<work_site>-en`)."""
    if not previous.is_dir() or previous.is_symlink():
        return False
    previous.rename(work_site)
    for lang in others:
        folder = work_site / lang
        if folder.is_dir() and not folder.is_symlink():
            folder.rename(work_site.with_name(f"{work_site.name}-{lang}"))
    return True


def moved(paths: Iterable[str], old: Path, new: Path) -> set[str]:
    """`paths` under `old` as they are named once `old` is renamed to `new`."""
    prefix, replacement = f"{old}{os.sep}", f"{new}{os.sep}"
    return {
        replacement + path[len(prefix) :] if path.startswith(prefix) else path for path in paths
    }


def sweep(root: Path, kept: set[str], since_ns: int, skip: Iterable[Path] = ()) -> int:
    """Remove the files under `root` this build did not keep, then the folders left empty.

    Kept are the paths in `kept` and any file modified since `since_ns` (files MkDocs
    copies, or a writer of our own writes with plain `open`). The folders in `skip` are
    left for later. Returns how many files went.
    """
    removed = 0
    stack, folders, emptied = [str(root)], [], set()
    skipped = {str(path) for path in skip}
    while stack:
        folder = stack.pop()
        if folder in skipped:
            continue
        folders.append(folder)
        count = 0
        with os.scandir(folder) as entries:
            for entry in entries:
                count += 1
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif (
                    entry.path not in kept
                    and entry.stat(follow_symlinks=False).st_mtime_ns < since_ns
                ):
                    os.unlink(entry.path)
                    removed += 1
                    emptied.add(folder)
        if not count:
            emptied.add(folder)
    for folder in reversed(folders[1:]):  # a folder's subfolders come after it
        if folder in emptied:
            try:
                os.rmdir(folder)
            except OSError:  # not empty
                continue
            emptied.add(os.path.dirname(folder))
    return removed
