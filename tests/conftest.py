"""Fixtures shared by every test module: built fixture sites, built once a session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2030-01-15"
"""The fixtures' "today": far enough ahead that their upcoming forums stay upcoming."""


def run_build(root: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator build` as a person runs it, in a subprocess."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--root",
            str(root),
            "--site-dir",
            str(site),
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`built_fixture("search")` -> the site built from tests/fixtures/search.

    Several modules read the same fixture's site (axe and the Nu checker both read
    a11y's): it is built once per session and must be treated as read-only.
    """
    built: dict[str, Path] = {}

    def build(name: str) -> Path:
        if name not in built:
            site = tmp_path_factory.mktemp(f"built-{name}") / "site"
            result = run_build(FIXTURES / name, site, "--today", TODAY)
            assert result.returncode == 0, result.stdout + result.stderr
            built[name] = site
        return built[name]

    return build


@pytest.fixture(scope="session")
def synthetic_repo(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int, int], Path]:
    """`synthetic_repo(items, seed)` -> a repository made by `bench.synth`, once a session
    for each pair; the tests that share it must treat it as read-only."""
    from bench.synth import make_repo

    made: dict[tuple[int, int], Path] = {}

    def make(items: int, seed: int) -> Path:
        if (items, seed) not in made:
            root = tmp_path_factory.mktemp(f"synthetic-{items}-{seed}")
            make_repo(root, items, seed=seed)
            made[items, seed] = root
        return made[items, seed]

    return make
