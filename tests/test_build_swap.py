"""The swap at the end of a build: the replaced site is kept until the next build (#9).

The next build takes it as its work tree (tests/test_recycled_site.py); leftovers of
killed builds, and a kept site it could not take, are deleted in a thread while it
renders. These tests drive the cleaner and the swap on folders made here.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.build.orchestrator import _swap, previous_site, start_removing_old_sites


def make_site(path: Path, marker: str, files: int = 30) -> Path:
    for i in range(files):
        page = path / f"section-{i % 3}" / f"page-{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(marker)
    (path / "index.html").write_text(marker)
    return path


def build_once(parent: Path, marker: str) -> None:
    """What `_build` does around its work: start the cleaner, make the site, swap, join."""
    target = parent / "site"
    cleaner = start_removing_old_sites(target)
    new = make_site(parent / f".site-work-{marker}", marker)
    cleaner.join()
    _swap(new, target)


def test_the_replaced_site_is_kept_as_previous(tmp_path: Path) -> None:
    build_once(tmp_path, "first")
    assert sorted(os.listdir(tmp_path)) == ["site"]
    build_once(tmp_path, "second")
    assert sorted(os.listdir(tmp_path)) == [".site-previous", "site"]
    assert (tmp_path / "site" / "index.html").read_text() == "second"
    assert (previous_site(tmp_path / "site") / "index.html").read_text() == "first"


def test_the_next_build_deletes_the_site_from_two_builds_ago(tmp_path: Path) -> None:
    for marker in ("first", "second", "third"):
        build_once(tmp_path, marker)
    assert sorted(os.listdir(tmp_path)) == [".site-previous", "site"]
    kept = previous_site(tmp_path / "site")
    assert {p.read_text() for p in kept.rglob("*.html")} == {"second"}
    assert {p.read_text() for p in (tmp_path / "site").rglob("*.html")} == {"third"}


def test_leftovers_of_a_killed_build_are_deleted(tmp_path: Path) -> None:
    make_site(tmp_path / ".site-trash-12345", "killed")
    make_site(tmp_path / "site", "live")
    start_removing_old_sites(tmp_path / "site").join()
    assert sorted(os.listdir(tmp_path)) == ["site"]
    assert (tmp_path / "site" / "index.html").read_text() == "live"


def test_other_folders_beside_the_site_are_left_alone(tmp_path: Path) -> None:
    make_site(tmp_path / ".site-previous-notes", "mine")
    make_site(tmp_path / "site-trash", "mine")
    build_once(tmp_path, "first")
    build_once(tmp_path, "second")
    build_once(tmp_path, "third")
    assert sorted(os.listdir(tmp_path)) == [
        ".site-previous",
        ".site-previous-notes",
        "site",
        "site-trash",
    ]


def test_old_sites_are_deleted_at_the_lowest_priority(tmp_path: Path) -> None:
    # The deleting threads (the one started here and its pool) run at nice 19.
    import threading

    from generator.build import orchestrator as build_module

    seen: list[int] = []
    original = build_module._remove

    def spy(path: str) -> None:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        original(path)

    make_site(tmp_path / ".site-trash-1", "old")
    build_module._remove = spy
    try:
        start_removing_old_sites(tmp_path / "site").join()
    finally:
        build_module._remove = original
    assert seen and set(seen) == {19}
    assert not (tmp_path / ".site-trash-1").exists()
