"""Building into the site of the build before last (generator/engine/speedups/recycled_site.py, #9).

The build takes the kept `.<site>-previous` as its work tree, rewrites only the files
whose bytes change and sweeps away the rest. Whatever the old tree held, the result must
be byte for byte what a build into an empty folder gives, and unchanged pages must not
have been written at all (the point of it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from site_files import site_files

from bench.synth import make_repo
from generator.build.orchestrator import BuildOptions, build, previous_site
from generator.engine.speedups import recycled_site
from generator.engine.speedups.recycled_site import moved, sweep, take_previous, write_bytes

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

TODAY = "2026-11-29"


def build_into(repo: Path, site: Path) -> None:
    build(BuildOptions(repo, site, today=TODAY, quiet=True))


def built_twice(top: Path, items: int, seed: int) -> tuple[Path, Path]:
    """A synthetic repository in `top/repo`, built twice into `top/out/site`: the site
    and the kept `.site-previous` beside it."""
    repo, site = top / "repo", top / "out" / "site"
    make_repo(repo, items, seed=seed)
    build_into(repo, site)
    build_into(repo, site)
    return repo, site


def pages(site: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each page's inode, modification time and bytes."""
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in site.rglob("index.html")
    }


def edit(repo: Path) -> None:
    """An item changed, one deleted with its translation, one added, a translation gone."""
    news = sorted((repo / "content" / "news").glob("*.md"))
    originals = [p for p in news if not p.name.endswith(".en.md")]
    changed, deleted, template = originals[0], originals[1], originals[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    deleted.unlink()
    deleted.with_name(deleted.stem + ".en.md").unlink(missing_ok=True)
    shutil.copy(template, template.with_name("novaya-zapis.md"))
    translations = [p for p in news if p.name.endswith(".en.md") and p.exists()]
    translations[-1].unlink()


def search_files(site: Path) -> dict[str, tuple[int, int]]:
    """Each search fragment's and index chunk's inode and modification time."""
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for pattern in ("pagefind/fragment/*", "pagefind/index/*")
        for p in site.glob(pattern)
    }


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two builds of a repository, an edit, a third build (into the first's tree) and a
    build of the edited repository into an empty folder."""
    top = tmp_path_factory.mktemp("recycled")
    repo, site = built_twice(top, items=120, seed=11)
    old = previous_site(site)
    before, search_before = pages(old), search_files(old)
    edit(repo)
    build_into(repo, site)
    build_into(repo, top / "fresh" / "site")
    return {
        "site": site,
        "fresh": top / "fresh" / "site",
        "before": before,
        "search_before": search_before,
    }


def test_a_rebuild_in_the_old_tree_equals_a_build_into_an_empty_folder(
    rebuilt: dict[str, object],
) -> None:
    site, fresh = Path(str(rebuilt["site"])), Path(str(rebuilt["fresh"]))
    recycled, clean = site_files(site), site_files(fresh)
    assert sorted(recycled) == sorted(clean)
    assert [path for path in recycled if recycled[path] != clean[path]] == []
    assert "news/novaya-zapis/index.html" in recycled
    assert not list(site.rglob("pagefind-parts"))


def test_unchanged_pages_are_not_written_again(rebuilt: dict[str, object]) -> None:
    site = Path(str(rebuilt["site"]))
    before: dict[str, tuple[int, int, bytes]] = rebuilt["before"]  # type: ignore[assignment]
    after = pages(site)
    same = [path for path in after if path in before and after[path][2] == before[path][2]]
    changed = [path for path in after if path in before and after[path][2] != before[path][2]]
    assert len(same) > 200  # both languages' pages, in the tree of two builds ago
    assert [path for path in same if after[path][:2] != before[path][:2]] == []
    assert "news/index.html" in changed  # the listing with the new item, rewritten in place
    assert [path for path in changed if after[path][0] != before[path][0]] == []


def test_unchanged_search_files_are_not_written_again(rebuilt: dict[str, object]) -> None:
    """Pagefind skips the fragments and chunks the kept bundle holds (pagefind_reuse)."""
    before: dict[str, tuple[int, int]] = rebuilt["search_before"]  # type: ignore[assignment]
    after = search_files(Path(str(rebuilt["site"])))
    same = [name for name in after if after[name] == before.get(name)]
    assert len(same) > 200 and len(same) > 0.9 * len(after)
    assert any(name not in before for name in after)  # the added item's fragment


def test_the_kept_site_is_the_one_replaced(rebuilt: dict[str, object]) -> None:
    site = Path(str(rebuilt["site"]))
    assert sorted(os.listdir(site.parent)) == [
        ".site-cache",
        ".site-previous",
        ".site.lock",
        "site",
    ]
    assert not (previous_site(site) / "news" / "novaya-zapis").exists()


def test_a_failed_build_leaves_the_site_and_no_work_folders(tmp_path: Path) -> None:
    repo, site = built_twice(tmp_path, items=24, seed=3)
    before = site_files(site)
    page = sorted((repo / "content" / "news").glob("*.md"))[0]
    # Passes the check, fails MkDocs' strict mode: an anchor of a generated page.
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[архив](/news/index.md#missing)\n", encoding="utf-8"
    )
    with pytest.raises(Exception, match="missing"):
        build_into(repo, site)
    assert site_files(site) == before
    # The old tree went with the work folder; the converted bodies stay (body_cache).
    assert sorted(os.listdir(site.parent)) == [".site-cache", ".site.lock", "site"]


# -- the parts ---------------------------------------------------------------------------------


def test_write_bytes_leaves_a_file_with_the_same_bytes_alone(tmp_path: Path) -> None:
    path = tmp_path / "a" / "index.html"
    written = recycled_site.WrittenFiles()
    written.write_bytes(str(path), b"one")
    kept = written.paths
    first = path.stat()
    os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns - 10**9))
    write_bytes(str(path), b"one")
    assert path.stat().st_mtime_ns == first.st_mtime_ns - 10**9
    write_bytes(str(path), b"two!")
    assert path.read_bytes() == b"two!"
    assert path.stat().st_ino == first.st_ino
    write_bytes(str(path), b"tw")  # shorter: truncated
    assert path.read_bytes() == b"tw"
    assert kept == {str(path)}


def test_write_bytes_replaces_what_stands_in_the_way(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    site = tmp_path / "site"
    site.mkdir()
    (site / "link.html").symlink_to(outside)
    write_bytes(str(site / "link.html"), b"page")
    assert outside.read_text() == "keep"
    assert not (site / "link.html").is_symlink()
    assert (site / "link.html").read_bytes() == b"page"

    (site / "folder.html").mkdir()
    (site / "folder.html" / "x").write_text("x")
    write_bytes(str(site / "folder.html"), b"page")
    assert (site / "folder.html").read_bytes() == b"page"

    (site / "news").write_text("was a file")
    write_bytes(str(site / "news" / "item" / "index.html"), b"page")
    assert (site / "news" / "item" / "index.html").read_bytes() == b"page"


def test_sweep_removes_what_the_build_did_not_keep(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for rel in (
        "kept/index.html",
        "stale/index.html",
        "stale/deep/er/x.js",
        "mixed/stale.html",
        "mixed/kept.html",
        "fresh/copied.css",
    ):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel)
    (site / "empty").mkdir()
    since = (site / "fresh" / "copied.css").stat().st_mtime_ns
    for path in site.rglob("*"):
        if path.is_file() and path.name != "copied.css":
            os.utime(path, ns=(since - 10**9, since - 10**9))
    kept = {str(site / "kept/index.html"), str(site / "mixed/kept.html")}
    assert sweep(site, kept, since) == 3
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == [
        "fresh",
        "fresh/copied.css",
        "kept",
        "kept/index.html",
        "mixed",
        "mixed/kept.html",
    ]


def test_take_previous_moves_the_other_languages_out(tmp_path: Path) -> None:
    previous = tmp_path / ".site-previous"
    (previous / "en" / "news").mkdir(parents=True)
    (previous / "news").mkdir()
    work_site = tmp_path / "work" / "site"
    work_site.parent.mkdir()
    assert take_previous(previous, work_site, ["en"])
    assert not previous.exists()
    assert sorted(os.listdir(work_site)) == ["news"]
    assert sorted(os.listdir(work_site.parent)) == ["site", "site-en"]
    assert not take_previous(previous, work_site, ["en"])


def test_moved_renames_the_paths_under_a_folder(tmp_path: Path) -> None:
    old, new = tmp_path / "site-en", tmp_path / "site" / "en"
    paths = {f"{old}/news/index.html", f"{tmp_path}/site/index.html", f"{old}-x/y"}
    assert moved(paths, old, new) == {
        f"{new}/news/index.html",
        f"{tmp_path}/site/index.html",
        f"{old}-x/y",
    }
