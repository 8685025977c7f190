"""Smoke test of `bench/run.py`: a tiny run finishes and prints its table.

The benchmark itself (1,000 and 10,000 items, minutes) is not part of the test run; this
only pins that the script works end to end, so docs/performance.md can be regenerated.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from commands import run_utf8

from bench import commits

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

PROJECT = Path(__file__).resolve().parents[1]


def test_a_small_run_prints_a_table_with_a_ratio(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "bench/run.py",
        "--items",
        "40",
        "--repeat",
        "1",
        "--skip-preview",
        "--skip-browser",
        "--skip-sequential",
        "--out",
        str(tmp_path),
        "--json",
        str(tmp_path / "figures.json"),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = run_utf8(command, cwd=PROJECT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| | 40 items |" in result.stdout
    ratio = re.search(
        r"\*\*ratio project / bare\*\* \(goal ≤ 1\.0\) \| \*\*(\d+\.\d\d)\*\*", result.stdout
    )
    assert ratio, result.stdout
    assert float(ratio.group(1)) > 0
    assert re.search(r"HTML bytes per page, project / bare \| [\d,]+ / [\d,]+", result.stdout)
    assert re.search(
        r"first build into an empty folder, bare / project \(ratio\) \| "
        r"\d+\.\d s / \d+\.\d s \(\d+\.\d\d\)",
        result.stdout,
    ), result.stdout
    assert re.search(r"tree PSS, a run of its own\) \| [\d,]+ MiB / [\d,]+ MiB", result.stdout)
    assert not list(tmp_path.glob("first-*"))  # the empty folders' builds, removed
    assert (tmp_path / "figures.json").is_file()


def test_two_commits_run_in_turns_and_print_both(tmp_path: Path) -> None:
    """`bench/commits.py` with this checkout as two "other commits" (`--old` twice):
    every contender is built in each turn, and the table has a row and a ratio for each."""
    old = tmp_path / "old"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(old), "HEAD"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    )
    try:
        result = run_utf8(
            [
                sys.executable,
                "bench/commits.py",
                *("--old", str(old), "--old", str(old), "--items", "8", "--repeat", "1"),
                *("--out", str(tmp_path / "out")),
            ],
            cwd=PROJECT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=PROJECT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("bare", "old1", "old2", "new"):
        assert re.search(rf"turn 1: rebuild {name} \d+\.\d s, \d+\.\d CPU-s", result.stdout)
        assert re.search(rf"turn 1: first {name} \d+\.\d s, \d+\.\d CPU-s", result.stdout)
    rows = re.findall(
        r"^\| (bare MkDocs|old\d \(old\)|new \(this checkout\)) \| ", result.stdout, re.M
    )
    assert rows == ["bare MkDocs", "old1 (old)", "old2 (old)", "new (this checkout)"]
    for name in ("old1", "old2", "new"):
        assert (tmp_path / "out" / "commits-8" / name / "site" / "index.html").is_file()
    assert not list((tmp_path / "out").glob("first-*"))


def test_first_builds_only_skips_the_rebuilds(tmp_path: Path) -> None:
    """`--first-builds-only`: no rebuild is run, and the table says so with dashes."""
    result = run_utf8(
        [
            sys.executable,
            "bench/commits.py",
            *("--old", str(PROJECT), "--items", "8", "--repeat", "1"),
            *("--first-builds-only", "--out", str(tmp_path / "out")),
        ],
        cwd=PROJECT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rebuild" not in result.stdout.split("| build |")[0]
    for name in ("bare", "old", "new"):
        assert re.search(rf"turn 1: first {name} \d+\.\d s", result.stdout)
    row = re.search(r"^\| old \(\S+\) \| — \| — \| — \| \d+\.\d s ", result.stdout, re.M)
    assert row, result.stdout


def test_one_other_commit_is_named_old_and_several_are_numbered() -> None:
    """The names the results and the repositories' folders go by."""
    one, two = Path("/a/pre"), Path("/b/pre")
    assert commits.contenders([one]) == {"old": one}
    assert commits.contenders([one, two]) == {"old1": one, "old2": two}
