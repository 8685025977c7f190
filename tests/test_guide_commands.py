"""Issue #18, the guide works as written: every `sh` block of docs/editors-guide.md runs.

The blocks run in order, in one shell, as an editor on Linux would type them: in a fresh
copy of this repository, published as a bare "upstream" with a bare "fork" of it (the
forge's addresses in the guide are replaced by those folders; nothing leaves the
machine). The virtual environment is made and switched on as the guide says, so
`python -m generator` and `mkdocs` are the ones it installs. What the guide asks the
editor to do by hand (fill in the new file) the test does between the blocks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "editors-guide.md"
BLOCK = re.compile(r"^( *)```sh\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)
ACCOUNT = "editor"
REVIEWER = "reviewer"

FILLED_FORUM = """---
title: {ru: Форум в Копенгагене, en: Forum in Copenhagen}
start: 2026-05-14
missions: [dk]
---
Текст.
"""
BY_HAND = {
    'python -m generator new forums --mission dk --title "Форум в Копенгагене"': (
        "content/forums/forum-kopengagen-2026.md",
        FILLED_FORUM,
    )
}
"""After a block holding the key, the editor fills in this file (path, text)."""


def guide_blocks() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = []
    for indent, body in BLOCK.findall(text):
        lines = [line.removeprefix(indent) for line in body.splitlines()]
        blocks.append("\n".join(lines))
    return blocks


def _fresh_copy(target: Path) -> None:
    """The repository's tracked files as they are now, in a new git repository."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    with (target / "OWNERS-CORE").open("a", encoding="utf-8") as core:
        core.write(f"{REVIEWER}\n")  # a core editor of this copy, who approved the change


def _script(blocks: list[str], work: Path, fork: Path, upstream: Path) -> str:
    lines = ["set -euo pipefail", f'cd "{work}/first"']
    for block in blocks:
        if block.startswith("git clone"):
            lines.append(f'cd "{work}"')
        text = (
            block.replace("https://github.com/<ваша-учётная-запись>/<репозиторий>.git", str(fork))
            .replace("https://github.com/<организация>/<репозиторий>.git", str(upstream))
            .replace("<репозиторий>", "sait")
            .replace("<ваша-учётная-запись>", ACCOUNT)
            .replace("<кто-одобрил>", REVIEWER)
        )
        lines += [f"echo '>>> {line}'" for line in text.splitlines()[:1]]
        lines.append(text)
        for key, (rel, filled) in BY_HAND.items():
            if key in block:
                lines.append(f"cat > {rel} <<'FILLED'\n{filled}FILLED")
    return "\n".join(lines) + "\n"


def test_the_guide_has_the_blocks_an_editor_needs() -> None:
    text = "\n".join(guide_blocks())
    assert "source .venv/bin/activate" in text
    assert "git remote add upstream" in text
    assert "--base upstream/main" in text and "origin/main" not in text
    guide = GUIDE.read_text(encoding="utf-8")
    assert ".venv\\Scripts\\Activate.ps1" in guide and ".venv\\Scripts\\activate.bat" in guide
    assert "macOS" in guide


@pytest.mark.slow
def test_every_command_block_of_the_guide_runs_in_a_fresh_copy(tmp_path: Path) -> None:
    seed, work = tmp_path / "seed", tmp_path / "work"
    seed.mkdir()
    work.mkdir()
    _fresh_copy(seed)
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "LANG": "ru_RU.UTF-8",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
    }
    env.pop("VIRTUAL_ENV", None)
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")

    def git(*args: str, cwd: Path = tmp_path) -> None:
        subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main", str(seed))
    git("add", "-A", cwd=seed)
    git("commit", "-q", "-m", "The site", cwd=seed)
    upstream, fork = tmp_path / "upstream" / "sait.git", tmp_path / "fork" / "sait.git"
    git("clone", "-q", "--bare", str(seed), str(upstream))
    git("clone", "-q", "--bare", str(upstream), str(fork))
    git("clone", "-q", str(upstream), str(work / "first"))
    script = _script(guide_blocks(), work, fork, upstream)
    result = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=1200
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, script + "\n" + output
    assert "Ошибок нет." in result.stdout
    assert "content/forums/forum-kopengagen-2026.md: " in result.stdout  # owners check
    assert "изменений относительно upstream/main нет" not in output
