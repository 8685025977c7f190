"""The one writer: every generated file goes through here into a build folder.

Like Pelican's writer it refuses to write the same path twice in one run (two
items mapping to one URL is a bug, not something to overwrite silently), and
it never writes outside its folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class Writer:
    def __init__(self, root: Path, overwrite: bool = False) -> None:
        self.root = root.resolve()
        self.written: set[str] = set()
        self.overwrite = overwrite
        """May replace files that were there before this writer (MkDocs' sitemap)."""

    def _target(self, rel: str) -> Path:
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root):
            raise ValueError(f"refusing to write outside the build folder: {rel}")
        if target.exists() and not self.overwrite and rel not in self.written:
            raise ValueError(f"{rel} exists already")
        if rel in self.written:
            raise ValueError(f"{rel} written twice in one build")
        self.written.add(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def text(self, rel: str, text: str) -> None:
        self._target(rel).write_text(text, encoding="utf-8", newline="\n")  # LF on every system

    def data(self, rel: str, data: bytes) -> None:
        self._target(rel).write_bytes(data)

    def copy(self, rel: str, source: Path) -> None:
        shutil.copyfile(source, self._target(rel))
