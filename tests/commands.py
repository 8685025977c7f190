"""Running a command of this project the way an editor's terminal would, in tests."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_utf8(
    command: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """`command` run to its end, its output read as UTF-8 whatever the locale says (the
    project writes UTF-8 everywhere, the Windows console included), never raising on a
    failure: the test asserts the exit code and shows the output."""
    return subprocess.run(
        list(command),
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
