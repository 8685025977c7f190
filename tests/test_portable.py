"""The build where editors work: Windows and macOS start processes with spawn (#16).

There is no Windows machine here: what Windows and macOS take is forced on Linux
(`processes="spawn"`), and the few branches only Windows takes are tested through
their logic with the platform's answer stood in for.
"""

from __future__ import annotations

import array
import fcntl
import os
import select
import shutil
import subprocess
import sys
import termios
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, TODAY

from generator.build import orchestrator
from generator.build.orchestrator import BuildOptions, build
from generator.content.check import load_and_check
from generator.content.load import Content
from generator.content.problems import ContentError
from generator.search import pipe
from generator.search.index import _encoded, _messages


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


# --- Reading Pagefind's answers: `select` on POSIX, PeekNamedPipe on Windows ---


def peek_named_pipe(fd: int) -> int:
    """What PeekNamedPipe tells on Windows, from what Linux tells: the bytes waiting in a
    pipe, and BrokenPipeError (Windows' ERROR_BROKEN_PIPE) at its end."""
    count = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, count)
    if count[0] == 0 and select.select([fd], [], [], 0)[0]:  # empty, yet readable: ended
        raise BrokenPipeError(109, "The pipe has been ended")
    return count[0]


@pytest.fixture(params=["posix", "windows"])
def system(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """`pipe.readable` as each system takes it; Windows' with Linux's count of waiting
    bytes in for PeekNamedPipe's (the only call this machine cannot make)."""
    if request.param == "windows":
        monkeypatch.setattr(pipe, "sys", SimpleNamespace(platform="win32"))
        monkeypatch.setattr(pipe, "_bytes_waiting", peek_named_pipe)
    return str(request.param)


@pytest.fixture
def os_pipe() -> Iterator[tuple[int, int]]:
    read, write = os.pipe()
    yield read, write
    for fd in (read, write):
        with suppress(OSError):
            os.close(fd)


def test_a_pipe_is_readable_when_it_holds_bytes_or_ends(
    system: str, os_pipe: tuple[int, int]
) -> None:
    read, write = os_pipe
    assert not pipe.readable(read, 0.05)
    os.write(write, b"x")
    assert pipe.readable(read, 0.05)
    assert os.read(read, 10) == b"x"
    assert not pipe.readable(read, 0)
    os.close(write)
    assert pipe.readable(read, 0.05)
    assert os.read(read, 10) == b""


def test_polling_ends_at_bytes_at_a_broken_pipe_or_at_the_timeout() -> None:
    answers = iter([0, 0, 3])
    assert pipe.polled(lambda: next(answers), 5)

    def broken() -> int:
        raise BrokenPipeError(109, "The pipe has been ended")

    assert pipe.polled(broken, 5)
    assert not pipe.polled(lambda: 0, 0.03)


def test_a_polled_platform_call_that_fails_otherwise_is_not_taken_for_readable() -> None:
    def unsupported() -> int:
        raise NotImplementedError

    with pytest.raises(NotImplementedError):
        pipe.polled(unsupported, 1)
    with pytest.raises(NotImplementedError):
        pipe._bytes_waiting(0)  # Linux: Windows' call is not made


SERVICE = """
import base64, json, sys
def send(message_id):
    data = json.dumps({"message_id": message_id, "payload": {"type": "Ok"}}).encode()
    sys.stdout.buffer.write(base64.b64encode(data) + b",")
send(1); send(2); sys.stdout.flush()
sys.stdin.readline()
send(3); sys.stdout.flush()
sys.stdin.read()
"""
"""Stands in for `pagefind --service`: two answers, then a third once asked, then the
end when its input ends."""


def test_a_stopped_reader_leaves_the_next_answer_to_the_next_reader(system: str) -> None:
    """The feed's reader stops after its last answer, with the service still running; the
    owner then reads its own answer from the same pipe, and the end of the pipe ends it."""
    service = subprocess.Popen(
        [sys.executable, "-c", SERVICE], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert service.stdin is not None and service.stdout is not None
    try:
        fd = service.stdout.fileno()
        seen: list[int] = []
        for message in _messages(fd, lambda: len(seen) >= 2):
            seen.append(message["message_id"])
        assert seen == [1, 2]
        service.stdin.write(b"next\n")
        service.stdin.flush()
        owner = _messages(fd, lambda: False)
        assert next(owner)["message_id"] == 3
        service.stdin.close()
        assert list(owner) == []  # the end of the pipe: the generator ends
    finally:
        service.kill()
        service.wait()
        service.stdout.close()


def test_a_reader_given_a_closed_pipe_ends_without_an_error(
    system: str, os_pipe: tuple[int, int]
) -> None:
    read, write = os_pipe
    os.write(write, _encoded(1, {"type": "Ok"}))
    os.close(read)
    assert list(_messages(read, lambda: False)) == []


def test_messages_split_across_reads_are_joined(system: str, os_pipe: tuple[int, int]) -> None:
    read, write = os_pipe
    data = _encoded(1, {"type": "Ok", "text": "длинный ответ " * 100}) + _encoded(2, {})
    os.write(write, data[:50])
    reader = _messages(read, lambda: False)
    os.write(write, data[50:])
    assert next(reader)["payload"]["text"].startswith("длинный ответ")
    assert next(reader)["message_id"] == 2
    os.close(write)
    assert list(reader) == []
