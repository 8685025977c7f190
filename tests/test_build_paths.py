"""One site, byte for byte, whichever way it is built (#16).

- `generator build` with the languages in forked processes (Linux's default), in spawned
  processes (what Windows and macOS get: forced here on Linux), or one after another;
  and `mkdocs build`, where MkDocs builds the first language and the plugin the others.
- Every speed-up on, every one off, and each one off alone (`plan.Speedups`): a first
  build, then a rebuild after an edit into the same target, which is where the recycled
  site, the body cache and the Pagefind reuse come into play.

No file may differ but one: `generator build` marks its output folder as its own
(`output_folder.MARKER`), `mkdocs build` does not (MkDocs manages its folder); `mkdocs
build` leaves its docs trees in `<root>/build/`, outside the site. No speed-up changes a
byte.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY
from site_files import site_files

from bench.synth import make_repo
from generator.build import orchestrator
from generator.build.orchestrator import BuildOptions, build
from generator.build.output_folder import MARKER
from generator.build.plan import Speedups
from generator.outputs.registry import SiteContext

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site fixture and a synthetic repository (untranslated bodies, many item pages
    of each shape), each with the project's mkdocs.yml and theme for `mkdocs build`."""
    root = tmp_path_factory.mktemp("paths")
    site = root / "site"
    shutil.copytree(FIXTURES / "site", site)
    synthetic = root / "synthetic"
    make_repo(synthetic, 60, seed=3)
    for repo in (site, synthetic):
        shutil.copy(PROJECT / "mkdocs.yml", repo / "mkdocs.yml")
        shutil.copytree(PROJECT / "theme", repo / "theme")
    return {"site": site, "synthetic": synthetic}


def built(repo: Path, target: Path, **options: object) -> dict[str, bytes]:
    build(BuildOptions(repo, target, today=TODAY, quiet=True, **options))  # type: ignore[arg-type]
    return site_files(target)


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """The paths that are in one only, or hold other bytes."""
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


@pytest.mark.parametrize("name", ["site", "synthetic"])
def test_every_way_of_building_gives_the_same_site(
    repos: dict[str, Path], name: str, tmp_path: Path
) -> None:
    repo = repos[name]
    forked = built(repo, tmp_path / "fork" / "site", processes="fork")
    spawned = built(repo, tmp_path / "spawn" / "site", processes="spawn")
    in_turn = built(repo, tmp_path / "in-turn" / "site", parallel=False)
    assert len(forked) > 100
    assert differences(forked, spawned) == []
    assert differences(forked, in_turn) == []

    epoch = datetime.combine(date.fromisoformat(TODAY), datetime.min.time(), UTC)
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("NGO_MISSIONS")},
        "SOURCE_DATE_EPOCH": str(int(epoch.timestamp())),
        "NO_MKDOCS_2_WARNING": "1",
    }
    mkdocs = tmp_path / "mkdocs"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(mkdocs)],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The one file that differs: `generator build` marks its output folder as a site it
    # wrote (`output_folder.MARKER`), so that its next build may replace it; `mkdocs
    # build` writes into the folder MkDocs manages and empties itself, and marks nothing.
    assert differences(forked, site_files(mkdocs)) == [MARKER]


def edit(repo: Path) -> None:
    """Change one item's body: a rebuild then has pages, bodies and an index to redo."""
    item = next(p for p in sorted((repo / "content" / "news").glob("*.md")) if ".en." not in p.name)
    item.write_text(item.read_text(encoding="utf-8") + "\n\nДобавленный абзац.\n", "utf-8")


@pytest.fixture(scope="module")
def reference(
    repos: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """The synthetic repository before and after `edit`, each built with no speed-up."""
    before = repos["synthetic"]
    after = tmp_path_factory.mktemp("edited") / "repo"
    shutil.copytree(before, after)
    edit(after)
    out = tmp_path_factory.mktemp("plain")
    plain = Speedups.none()
    return (
        before,
        after,
        built(before, out / "before" / "site", speedups=plain),
        built(after, out / "after" / "site", speedups=plain),
    )


SETTINGS = {
    "all on": Speedups(),
    "all off": Speedups.none(),
    **{f"{name} off": Speedups().without(name) for name in Speedups.names()},
}


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_no_speedup_changes_a_byte(
    reference: tuple[Path, Path, dict[str, bytes], dict[str, bytes]],
    setting: str,
    tmp_path: Path,
) -> None:
    before, after, plain_before, plain_after = reference
    speedups = SETTINGS[setting]
    target = tmp_path / "site"
    assert differences(built(before, target, speedups=speedups), plain_before) == []
    assert differences(built(after, target, speedups=speedups), plain_after) == []
    assert plain_before != plain_after  # the rebuild had something to do


@pytest.mark.parametrize("early", [True, False])
def test_the_content_outputs_are_written_while_the_languages_render(
    repos: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    """`early_outputs`: this process writes them aside while the languages' processes
    run, and moves them in after; off, it writes them in place once the pages are."""
    calls: list[tuple[str, set[str]]] = []
    write = orchestrator.write_content_outputs

    def spy(context: SiteContext) -> None:
        rendering = {child.name for child in multiprocessing.active_children()}
        calls.append((context.site.name, rendering & {"build-ru", "build-en"}))
        write(context)

    monkeypatch.setattr(orchestrator, "write_content_outputs", spy)
    speedups = Speedups() if early else Speedups().without("early_outputs")
    files = built(repos["site"], tmp_path / "site", speedups=speedups)
    if early:
        assert calls == [("outputs", {"build-ru", "build-en"})]
    else:
        assert calls == [("site", set())]
    assert "forums.ics" in files and "en/forums.ics" in files


def test_speedups_can_be_switched_off_from_the_environment() -> None:
    assert Speedups.from_environment({}) == Speedups()
    assert Speedups.from_environment({"NGO_MISSIONS_SPEEDUPS_OFF": "all"}) == Speedups.none()
    assert Speedups.from_environment(
        {"NGO_MISSIONS_SPEEDUPS_OFF": "body_cache, page_shells"}
    ) == Speedups(body_cache=False, page_shells=False)
    assert Speedups.from_environment({"NGO_MISSIONS_NO_SHELL": "1"}) == Speedups(page_shells=False)
