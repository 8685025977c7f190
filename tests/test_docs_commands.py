"""The README's two commands are the ones CI and people run (docs that cannot drift)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_readme_opens_with_exactly_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, commands
    build, test = commands
    assert "generator build" in build
    assert "pytest" in test
    # Lint, format and types fail the run before a single test does (issue #16).
    for step in (".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"):
        assert step in test, step
        assert test.index(step) < test.index("pytest"), step


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def test_every_cli_command_in_the_readme_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`python -m generator (\w+)", readme))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True
    )
    listed = set(re.search(r"\{([\w,]+)\}", result.stdout).group(1).split(","))
    assert named == listed, f"README names {sorted(named)}, --help lists {sorted(listed)}"
