"""Issue #18, one source per address: no file's page lands where the build writes its own.

A free page `forums.md` once replaced the forums' listing without a word, `search.md`
ended the build in a traceback and `en.md` in "Directory not empty". `check` now lays
every page on the address map (generator/content/addresses.py) and names both sides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from content_repo import front_matter, make_repo, messages

from generator.content.addresses import (
    FIXED_PAGES,
    SITE_FOLDERS,
    reserved,
    reserved_names,
)
from generator.content.models import COLLECTIONS

PAGE = front_matter("title: Форумы\n")
NEWS = front_matter("title: Итоги года\ndate: 2026-01-01\n")
PROPOSAL = front_matter(
    "title: Ищем партнёров\norganization: soyuz-nko\nlooking_for: партнёры\nexpires: 2030-01-01\n"
)
ITEMS = {"pages": PAGE, "news": NEWS, "forums": None, "proposals": PROPOSAL}
PROPOSED = re.compile(r"переименуйте файл, например в (\S+)$")


def _reserved_files() -> list[tuple[str, str]]:
    cases = [(f"content/pages/{name}.md", PAGE) for name in reserved_names("pages")]
    cases.append(("content/news/index.md", NEWS))
    cases.append(("content/proposals/archive.md", PROPOSAL))
    return cases


def test_the_guide_lists_every_reserved_page_name() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "editors-guide.md").read_text("utf-8")
    for name in reserved_names("pages"):
        assert f"`{name}`" in guide, name


def test_reserved_names_come_from_the_table() -> None:
    pages = reserved_names("pages")
    assert {"index", "search", "en", "404", "pagefind", "assets", "media", "api"} <= set(pages)
    assert {name for name in COLLECTIONS if name != "pages"} <= set(pages)
    assert reserved_names("proposals") == ["archive", "index"]
    assert reserved_names("news") == ["index"]


@pytest.mark.parametrize(("rel", "text"), _reserved_files(), ids=lambda v: str(v)[:40])
def test_a_file_on_a_reserved_address_is_an_error_whose_proposal_passes(
    tmp_path: Path, rel: str, text: str
) -> None:
    root = make_repo(tmp_path, {rel: text})
    found = messages(root)
    assert len(found) == 1, found
    assert found[0].startswith(f"{rel}: страница этого файла вышла бы по адресу /")
    proposal = PROPOSED.search(found[0])
    assert proposal, found[0]
    (root / rel).rename(root / proposal.group(1))
    assert messages(root) == []


def test_a_page_on_a_section_names_the_section_in_both_languages(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/pages/forums.md": PAGE})
    assert messages(root) == [
        "content/pages/forums.md: страница этого файла вышла бы по адресу /forums/, а там уже "
        "раздел со списком материалов из content/forums/; переименуйте файл, например в "
        "content/pages/forumy.md"
    ]
    assert messages(root, "en") == [
        "content/pages/forums.md: this file's page would be published at /forums/, which "
        "already holds the section listing the items of content/forums/; rename the file, "
        "e.g. to content/pages/forumy.md"
    ]


def test_two_files_proposed_a_name_get_different_ones(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/pages/forums.md": PAGE, "content/pages/news.md": PAGE})
    found = messages(root)
    proposals = {PROPOSED.search(line).group(1) for line in found}  # type: ignore[union-attr]
    assert len(proposals) == 2, found


@pytest.mark.slow
def test_the_table_holds_every_folder_a_built_site_has(
    built_fixture: Callable[[str], Path],
) -> None:
    """The table is complete: every top-level folder of a real build is in it, or is a
    free page's. A new folder the build writes must be added to the table first."""
    site = built_fixture("site")
    pages = {p.stem for p in (Path(__file__).parent / "fixtures/site/content/pages").glob("*.md")}
    pages = {name.removesuffix(".en") for name in pages}
    table = {path.removesuffix(".md").removesuffix("/index") for path in reserved()}
    assert "search" in table and "proposals/archive" in table
    for root in (site, site / "en"):
        for entry in root.iterdir():
            if entry.is_dir() and entry.name not in pages and root / entry.name != site / "en":
                assert entry.name in table, entry
        for page in FIXED_PAGES:
            folder = page.removesuffix(".md").removesuffix("index")
            assert (root / folder / "index.html").is_file(), (root, page)
    assert set(SITE_FOLDERS) <= table
