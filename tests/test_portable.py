"""The build where editors work: Windows and macOS start processes with spawn (#16).

There is no Windows machine here: what Windows and macOS take is forced on Linux
(`processes="spawn"`), and the few branches only Windows takes are tested through
their logic with the platform's answer stood in for.
"""

from __future__ import annotations

import array
import ast
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
from types import ModuleType, SimpleNamespace
from typing import BinaryIO

import pytest
from commands import run_utf8
from conftest import FIXTURES, TODAY
from site_files import site_files

from generator.build import orchestrator, output_folder, plan
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


# --- The source: text files in UTF-8 with LF, system-only modules behind a platform test ---

PROJECT = Path(__file__).resolve().parents[1]
GENERATOR = PROJECT / "generator"

SYSTEM_ONLY = {"fcntl", "resource", "msvcrt", "_winapi", "termios", "pwd", "grp", "winreg"}
"""Modules that exist on one family of systems only."""

BINARY_OPENERS = {"os", "Image", "tarfile", "zipfile", "gzip", "webbrowser"}
"""Receivers of an `.open(...)` that is not a text file's (`os.open`, `Image.open`, …)."""


SUBPROCESS = {"run", "Popen", "check_output", "check_call", "call"}
"""`subprocess`'s functions: with `text=True` they decode in the system's encoding."""


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, str, str]]:
    """Each call of a function that opens a text file: (the call, its name, receiver)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            yield node, node.func.id, ""
        elif isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            name = receiver.id if isinstance(receiver, ast.Name) else ""
            yield node, node.func.attr, name


def _argument(call: ast.Call, keyword: str, position: int) -> ast.expr | None:
    found = next((k.value for k in call.keywords if k.arg == keyword), None)
    if found is None and position < len(call.args):
        found = call.args[position]
    return found


def _text_mode(mode: ast.expr | None) -> str | None:
    """The mode if it opens a text file ("r" when not given), else None (binary)."""
    if mode is None:
        return "r"
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return None if "b" in mode.value else mode.value
    return "?"  # computed: reported, to be written so that it can be read


def text_file_problems(source: str) -> list[str]:
    """Text-mode `open`/`read_text`/`write_text` and `subprocess` with `text=True` without
    `encoding` (Windows reads and writes cp1252 by default), and text written without
    `newline` (Windows writes CRLF)."""
    problems = []
    for call, name, receiver in _calls(ast.parse(source)):
        if name == "read_text":
            writes, mode, encoding, newline = False, "r", _argument(call, "encoding", 0), None
        elif name == "write_text":
            writes, mode = True, "w"
            encoding, newline = _argument(call, "encoding", 1), _argument(call, "newline", 3)
        elif name == "open" and receiver not in BINARY_OPENERS:
            first = 0 if receiver else 1  # path.open(mode, …) or open(path, mode, …)
            mode = _text_mode(_argument(call, "mode", first))
            if mode is None:
                continue
            writes = any(letter in mode for letter in "wax+?")
            encoding = _argument(call, "encoding", first + 2)
            newline = _argument(call, "newline", first + 4)
        elif name in SUBPROCESS and any(
            k.arg in ("text", "universal_newlines") for k in call.keywords
        ):
            writes, mode, encoding, newline = False, "r", _argument(call, "encoding", 99), None
        else:
            continue
        if encoding is None:
            problems.append(f"{call.lineno}: {name} without encoding")
        if writes and newline is None:
            problems.append(f"{call.lineno}: {name} writes without newline")
    return problems


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether `node` sits under an `if` that tests the platform."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and any(
            isinstance(n, ast.Attribute) and n.attr in ("platform", "name")
            for n in ast.walk(node.test)
        ):
            return True
    return False


def unguarded_imports(source: str) -> list[str]:
    """Imports of a module one system lacks, outside an `if` on the platform."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            if name.split(".")[0] in SYSTEM_ONLY and not _guarded(node, parents):
                problems.append(f"{node.lineno}: import {name}")
    return problems


def test_the_scans_find_what_they_look_for() -> None:
    source = (
        "import fcntl\n"
        "from pathlib import Path\n"
        "open('a')\n"
        "open('a', 'rb')\n"
        "open('a', 'w', encoding='utf-8')\n"
        "open('a', encoding='utf-8')\n"
        "Path('a').open('w', encoding='utf-8', newline='')\n"
        "Path('a').read_text()\n"
        "Path('a').read_text('utf-8')\n"
        "Path('a').write_text('x', encoding='utf-8')\n"
        "Path('a').write_text('x', 'utf-8', None, '\\n')\n"
        "os.open('a', 0)\n"
        "subprocess.run(['git'], text=True)\n"
        "subprocess.run(['git'], text=True, encoding='utf-8')\n"
        "if sys.platform == 'win32':\n"
        "    import msvcrt\n"
        "else:\n"
        "    def f():\n"
        "        import resource\n"
    )
    assert text_file_problems(source) == [
        "3: open without encoding",
        "5: open writes without newline",
        "8: read_text without encoding",
        "10: write_text writes without newline",
        "13: run without encoding",
    ]
    assert unguarded_imports(source) == ["1: import fcntl"]


@pytest.mark.parametrize(
    "module", sorted(p.relative_to(GENERATOR).as_posix() for p in GENERATOR.rglob("*.py"))
)
def test_the_generator_opens_text_files_in_utf8_and_imports_system_modules_guarded(
    module: str,
) -> None:
    source = (GENERATOR / module).read_text("utf-8")
    assert text_file_problems(source) == []
    assert unguarded_imports(source) == []


# --- Windows' branches, their logic with the system's answers stood in for ---


class FakeMsvcrt(ModuleType):
    """`msvcrt.locking` as documented: it locks bytes from the file's position."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self, refuse: bool = False) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int]] = []
        self.refuse = refuse
        self.handle: BinaryIO | None = None

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        assert self.handle is not None and fd == self.handle.fileno() and nbytes == 1
        if self.refuse:
            raise PermissionError(13, "locked by another process")
        self.calls.append((mode, self.handle.tell()))


@pytest.mark.parametrize("refuse", [False, True])
def test_windows_locks_and_unlocks_the_lock_files_first_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refuse: bool
) -> None:
    msvcrt = FakeMsvcrt(refuse)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(output_folder, "sys", SimpleNamespace(platform="win32"))
    (tmp_path / "lock").write_bytes(b"older")
    with open(tmp_path / "lock", "a+b") as handle:
        msvcrt.handle = handle
        assert output_folder._try_lock(handle) is not refuse
        handle.seek(0, os.SEEK_END)
        output_folder._unlock(handle)
    if not refuse:
        assert msvcrt.calls == [(msvcrt.LK_NBLCK, 0), (msvcrt.LK_UNLCK, 0)]


class FakeWinapi(ModuleType):
    """`_winapi`'s process handles: OpenProcess fails for an ended process; the handle
    of a running one is signalled once it ends."""

    SYNCHRONIZE, WAIT_OBJECT_0, WAIT_TIMEOUT = 0x100000, 0, 258

    def __init__(self, running: set[int]) -> None:
        super().__init__("_winapi")
        self.running = running

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        assert access == self.SYNCHRONIZE and not inherit
        if pid not in self.running:
            raise OSError(87, "The parameter is incorrect")
        return pid

    def WaitForSingleObject(self, handle: int, milliseconds: int) -> int:
        return self.WAIT_TIMEOUT if handle in self.running else self.WAIT_OBJECT_0


def test_windows_watches_the_parents_handle_not_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows never re-parents a process: `os.getppid` would name the ended parent for
    ever. The handle taken at the start says when it ended."""
    running = {4242}
    monkeypatch.setitem(sys.modules, "_winapi", FakeWinapi(running))
    monkeypatch.setattr(output_folder, "sys", SimpleNamespace(platform="win32"))
    gone = output_folder.parent_gone(4242)
    assert not gone()
    running.clear()
    assert gone()
    assert output_folder.parent_gone(4343)()  # ended before the watch began


def test_posix_watches_the_parents_id() -> None:
    assert not output_folder.parent_gone(os.getppid())()
    assert output_folder.parent_gone(os.getppid() + 1)()


@pytest.mark.parametrize(
    ("system_encoding", "written"), [("cp1252", "utf-8"), ("cp1251", "cp1251")]
)
def test_messages_reach_a_redirected_output_in_any_system_encoding(
    tmp_path: Path, system_encoding: str, written: str
) -> None:
    """Windows writes a redirected output in its ANSI code page: cp1252 has no Cyrillic
    (the output is switched to UTF-8), cp1251 has (it is left alone)."""
    repo = broken_repo(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--root", str(repo)],
        env={**os.environ, "PYTHONIOENCODING": system_encoding, "LANG": "ru_RU.UTF-8"},
        capture_output=True,
        check=False,
    )
    output = (result.stdout + result.stderr).decode(written)
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "content/news/itogi-goda.md:3: поле «date»" in output


@pytest.mark.parametrize(
    ("platform", "available", "default", "expected"),
    [
        ("linux", ["fork", "spawn", "forkserver"], "fork", "fork"),  # Python 3.11 to 3.13
        ("linux", ["fork", "spawn", "forkserver"], "forkserver", "fork"),  # Python 3.14
        ("darwin", ["spawn", "fork", "forkserver"], "spawn", "spawn"),
        ("win32", ["spawn"], "spawn", "spawn"),
    ],
)
def test_the_languages_processes_fork_on_linux_only(
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    available: list[str],
    default: str,
    expected: str,
) -> None:
    monkeypatch.setattr(plan, "sys", SimpleNamespace(platform=platform))
    monkeypatch.setattr(plan.multiprocessing, "get_all_start_methods", lambda: available)
    monkeypatch.setattr(plan.multiprocessing, "get_start_method", lambda: default)
    assert plan.start_method() == expected
    assert plan.start_method("spawn") == "spawn"  # forced, as the tests force it
    assert plan.start_method("none-such") == expected


NO_FORK = """
import multiprocessing
import sys

real = multiprocessing.get_context


def no_fork(method=None):
    if method == "fork":
        raise ValueError("cannot find context for 'fork'")
    return real(method)


multiprocessing.get_context = no_fork
multiprocessing.get_all_start_methods = lambda: ["spawn"]
multiprocessing.set_start_method("spawn", force=True)

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
"""
"""`python -m generator` as on Windows: no fork at all (once it stopped at once with
`ValueError: cannot find context for 'fork'`)."""


@pytest.mark.slow
def test_the_command_line_builds_the_same_site_where_there_is_no_fork(tmp_path: Path) -> None:
    script = tmp_path / "no_fork.py"
    script.write_text(NO_FORK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "SOURCE_DATE_EPOCH": "1893456000"}
    sites = {}
    for name, command in [("forked", ["-m", "generator"]), ("spawned", [str(script)])]:
        site = tmp_path / name / "site"
        options = ["--root", str(FIXTURES / "valid"), "--site-dir", str(site), "--today", TODAY]
        result = run_utf8([sys.executable, *command, "build", *options], cwd=PROJECT, env=env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        sites[name] = site_files(site)
    assert len(sites["forked"]) > 20
    assert sites["spawned"] == sites["forked"]
