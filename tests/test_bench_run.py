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
    result = subprocess.run(
        command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
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
