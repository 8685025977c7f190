"""The build where editors work: Windows and macOS start processes with spawn (#16).

There is no Windows machine here: what Windows and macOS take is forced on Linux
(`processes="spawn"`), and the few branches only Windows takes are tested through
their logic with the platform's answer stood in for.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY

from generator.build import orchestrator
from generator.build.orchestrator import BuildOptions, build
from generator.content.check import load_and_check
from generator.content.load import Content
from generator.content.problems import ContentError


def broken_repo(tmp_path: Path) -> Path:
    """The valid fixture with two problems in one item."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", repo)
    item = repo / "content" / "news" / "itogi-goda.md"
    item.write_text("---\ntitle: Итоги года\ndate: 2025-13-30\ntitel: x\n---\nТекст.\n", "utf-8")
    return repo


def failure(repo: Path, site: Path, **options: object) -> ContentError:
    with pytest.raises(ContentError) as raised:
        build(BuildOptions(repo, site, today=TODAY, quiet=True, **options))  # type: ignore[arg-type]
    return raised.value


@pytest.mark.slow
def test_content_failing_in_a_spawned_process_reads_as_in_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spawned language process reads and checks the content again: content changed
    since the parent's check (an editor saving mid-build) fails there, and its
    `ContentError` is pickled into the parent. Stood in for here by a parent whose check
    lets the problems through; the spawned process imports the real one."""
    repo = broken_repo(tmp_path)
    in_turn = failure(repo, tmp_path / "in-turn", parallel=False)
    assert len(in_turn.problems) == 2

    def unchecked(root: Path, lang: str = "ru") -> Content:
        return load_and_check(root)[0]

    monkeypatch.setattr(orchestrator, "checked_content", unchecked)
    spawned = failure(repo, tmp_path / "spawned", processes="spawn")
    assert spawned.problems == in_turn.problems
    for lang in ("ru", "en"):
        assert spawned.message(lang) == in_turn.message(lang)
    assert str(spawned) == str(in_turn)
    assert not (tmp_path / "spawned").exists()
