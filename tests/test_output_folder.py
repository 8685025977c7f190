"""Issue #20, point 7: the output folder. Whose it is (a marker file), who writes it (one
build at a time), what dead builds leave (removed by the next), and the swap: at every
instant `--site-dir` is a whole site, the old or the new one, whatever is killed when.

The kill test drives the real command line in its own process group and kills the whole
group with SIGKILL at random moments, watching the site all along.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TODAY, run_build

from generator import cli
from generator.build import output_folder
from generator.build.orchestrator import _swap, previous_site, start_removing_old_sites
from generator.build.output_folder import MARKER, OutputFolderError, claim

VALID = Path(__file__).parent / "fixtures" / "valid"
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and process groups")


def make_site(path: Path, text: str) -> Path:
    (path / "news").mkdir(parents=True)
    (path / "index.html").write_text(text)
    (path / "news" / "index.html").write_text(text)
    (path / MARKER).write_text("")
    return path


def test_a_folder_that_is_not_a_site_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("мои заметки")
    result = run_build(VALID, site, "--today", TODAY, "--lang", "en")
    assert result.returncode == 1
    assert result.stderr == (
        f"{site} exists and is not a site the generator built (no {MARKER} file): the build "
        "will not replace it; give another folder to --site-dir or delete this one\n"
    )
    assert sorted(os.listdir(tmp_path)) == [".site.lock", "site"]
    assert os.listdir(site) == ["notes.txt"]


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder")
    with pytest.raises(OutputFolderError) as caught, claim(tmp_path / "site", tmp_path / "p", "en"):
        pass
    assert caught.value.code == "foreign"


def test_an_empty_folder_or_a_site_of_ours_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    make_site(tmp_path / "ours", "old")
    for name in ("empty", "ours", "absent"):
        with claim(tmp_path / name, tmp_path / f".{name}-previous", "en"):
            pass


def test_a_second_build_into_the_same_folder_says_another_is_running(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with claim(site, previous_site(site), "en"):
        result = run_build(VALID, site, "--today", TODAY, "--lang", "en")
    assert (result.returncode, result.stderr) == (
        1,
        f"another build is writing {site}: wait until it ends\n",
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_work_folders_of_dead_builds_go_with_the_next_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "live")
    dead = make_site(tmp_path / ".site-work-k1ll3d", "half")
    with claim(site, previous_site(site), "en"):
        start_removing_old_sites(site).join()
    assert sorted(os.listdir(tmp_path)) == [".site.lock", "site"]
    assert not dead.exists()


def test_the_swap_exchanges_the_two_sites_in_one_step(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "old")
    new = make_site(tmp_path / ".site-work-1", "new")
    renames: list[tuple[str, str]] = []
    real = Path.rename

    def spy(self: Path, target: str | Path) -> Path:
        renames.append((self.name, Path(target).name))
        return real(self, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "rename", spy)
        _swap(new, site)
    assert (site / "index.html").read_text() == "new"
    assert (previous_site(site) / "index.html").read_text() == "old"
    if sys.platform in ("linux", "darwin"):
        # One exchange, then the old site (at the work folder's name now) moves aside;
        # `site` was never missing: it was never renamed.
        assert renames == [(".site-work-1", ".site-previous")]


def test_a_swap_killed_between_its_two_renames_is_repaired_first(tmp_path: Path) -> None:
    """The fallback of systems without an exchange: the old site is at `previous`."""
    site = tmp_path / "site"
    make_site(previous_site(site), "old")
    with claim(site, previous_site(site), "en"):
        assert (site / "index.html").read_text() == "old"


def test_moved_files_replace_theirs_and_join_the_folders_there(tmp_path: Path) -> None:
    source, target = tmp_path / "outputs", make_site(tmp_path / "site", "page")
    (source / "en" / "api").mkdir(parents=True)
    (source / "index.html").write_text("moved")
    (source / "en" / "api" / "index.json").write_text("{}")
    output_folder.move_into(source, target)
    assert not source.exists()
    assert (target / "index.html").read_text() == "moved"
    assert (target / "news" / "index.html").read_text() == "page"  # the others stay
    assert (target / "en" / "api" / "index.json").read_text() == "{}"


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device", "/out/.site-work-x/a.html"),
        PermissionError(errno.EACCES, "Permission denied", "/out"),
        OSError(errno.EROFS, "Read-only file system", "/out"),
    ],
    ids=["disk-full", "permission", "read-only"],
)
def test_disk_and_permission_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], error: OSError
) -> None:
    def refuse(target: Path) -> Path:
        raise error

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(output_folder, "work_folder", refuse)
        code = cli.main(
            [
                *("build", "--root", str(VALID), "--site-dir", str(tmp_path / "site")),
                *("--lang", "en", "--today", TODAY),
            ]
        )
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"the build failed: {error.strerror} ({error.filename}); the previous site is untouched\n"
    )


@POSIX_ONLY
def test_a_language_process_ends_when_its_build_is_killed(tmp_path: Path) -> None:
    script = (
        "import multiprocessing, time, sys\n"
        "from generator.build.output_folder import die_with_parent\n"
        "def child():\n"
        "    die_with_parent(multiprocessing.parent_process().pid, 0.05)\n"
        "    time.sleep(120)\n"
        "p = multiprocessing.get_context('fork').Process(target=child)\n"
        "p.start()\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    with parent.stdout:
        child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    assert _gone_within(child, 30), "the language process outlived its build"


def _gone_within(pid: int, seconds: float) -> bool:
    """Dead or a zombie (a container's init may not reap it), polled up to a bound."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = subprocess.run(
            ["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True, check=False
        ).stdout.strip()
        if not state or state.startswith("Z"):
            return True
        time.sleep(0.1)
    return False


@POSIX_ONLY
@pytest.mark.slow
def test_killing_builds_at_random_never_leaves_a_broken_site(tmp_path: Path) -> None:
    """20 builds killed (SIGKILL to the process group) at random moments, while a thread
    looks at the site all the time: it is always whole (its marker is written last, and
    the swap is one exchange). A last build then leaves no work folder behind."""
    site = tmp_path / "site"
    first = run_build(VALID, site, "--today", TODAY)
    assert first.returncode == 0, first.stderr
    reference = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    broken: list[str] = []
    watching = threading.Event()
    watching.set()

    def watch() -> None:
        while watching.is_set():
            if not (site / MARKER).is_file() or not (site / "index.html").is_file():
                broken.append(f"at {time.monotonic():.3f}: {os.listdir(tmp_path)}")
            time.sleep(0.001)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    rng = random.Random(20)
    try:
        for _ in range(20):
            build = subprocess.Popen(
                [
                    *(sys.executable, "-m", "generator", "build", "--root", str(VALID)),
                    *("--site-dir", str(site), "--today", TODAY),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                build.wait(timeout=rng.uniform(0.5, 12))
            except subprocess.TimeoutExpired:
                os.killpg(build.pid, signal.SIGKILL)
                build.wait(timeout=60)
    finally:
        watching.clear()
        watcher.join()
    assert broken == []
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == reference
    last = run_build(VALID, site, "--today", TODAY)
    assert last.returncode == 0, last.stderr
    kept = {"site", ".site-previous", ".site-cache", ".site.lock"}
    assert set(os.listdir(tmp_path)) - kept == set()  # no work folder, no trash
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == reference
