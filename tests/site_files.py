"""A built site as {relative path: bytes}, for tests that compare two builds byte for byte."""

from __future__ import annotations

from pathlib import Path


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}
