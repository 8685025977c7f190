"""`mkdocs serve` on a copy of a content repository, for the preview tests: the server,
an editor's save, and waiting for what the save should show."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.preview import free_port, stop

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = PROJECT / "tests" / "fixtures" / "site"


def add_project_config(repo: Path) -> None:
    """The project's mkdocs.yml and theme into a content repository, as editors have them."""
    shutil.copy(PROJECT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(PROJECT / "theme", repo / "theme")


@contextmanager
def mkdocs_serve(repo: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`mkdocs serve` in `repo` (which has an mkdocs.yml), its output in `log`; yields the
    base URL and stops the server however the test ends."""
    port = free_port()
    env = env if env is not None else {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=repo,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop(server, 10)


def save(path: Path, old: str, new: str) -> None:
    """An editor's save: `old` replaced by `new`, with a later modification time."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # A later mtime even on a coarse clock: the preview compares (mtime, size).
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
