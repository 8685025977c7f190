"""The languages' processes of a parallel build: each started with its inputs, each answering.

A language's build runs in a process of its own, started (fork or spawn, `plan.PROCESSES`)
with everything it needs as the arguments of its function. Under fork they are
inherited, never pickled (the checked content is large); under spawn they are pickled
once, with the process: the page counter's shared memory can travel no other way (a
pool would pickle them into a queue for every call, and kept them in a module global
before). A process answers its result, or its exception with its traceback, through
one queue; a process that ends without an answer (killed) is a failure too.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import traceback
from collections.abc import Callable, Iterator, Mapping
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from generator.errors import CodedError

POLL = 0.2
"""Seconds between looks at whether a process ended without an answer."""


class RemoteTraceback(Exception):
    """Where an exception raised in a language's process came from (its `__cause__`)."""

    def __str__(self) -> str:
        return str(self.args[0])


class ProcessDied(CodedError):
    """A language's process ended without an answer (it was killed, or crashed): told to
    the reader in their language, as the build's other failures are, not as a traceback."""

    def __init__(self, lang: str, exit_code: object) -> None:
        super().__init__("process_died", lang=lang, code=exit_code)


def _answer(work: Callable[..., Any], args: tuple[Any, ...], name: str, answers: Any) -> None:
    """A process's whole life: `work(*args)`, its result or exception put in `answers`."""
    try:
        result = work(*args)
    except BaseException as error:
        answers.put((name, False, _portable(error)))
    else:
        answers.put((name, True, result))


def _portable(error: BaseException) -> tuple[BaseException, str]:
    """The exception as it can cross into the parent, and its traceback as text."""
    trace = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # an exception whose arguments do not pickle: its text does
        return RuntimeError(f"{type(error).__name__}: {error}"), trace
    return error, trace


class Processes:
    """`work(*args)` of each job in its own process, all at once; see the module's doc.

    Entered, the processes run; `answers()` yields each (name, result) as it comes and
    raises the first failure. On leaving, every process is waited for (a caller that
    failed tells the others to stop first: `orchestrator._abandon`).
    """

    def __init__(
        self, context: BaseContext, work: Callable[..., Any], jobs: Mapping[str, tuple[Any, ...]]
    ) -> None:
        self.answers_queue: Any = context.Queue()
        self.processes: dict[str, BaseProcess] = {
            name: context.Process(  # type: ignore[attr-defined]
                target=_answer, args=(work, args, name, self.answers_queue), name=f"build-{name}"
            )
            for name, args in jobs.items()
        }
        self.pending = set(jobs)

    def __enter__(self) -> Processes:
        for process in self.processes.values():
            process.start()
        return self

    def answers(self) -> Iterator[tuple[str, Any]]:
        while self.pending:
            name, ok, value = self._next()
            self.pending.discard(name)
            if not ok:
                error, trace = value
                error.__cause__ = RemoteTraceback(trace)
                raise error
            yield name, value

    def _next(self) -> tuple[str, bool, Any]:
        while True:
            try:
                answer: tuple[str, bool, Any] = self.answers_queue.get(timeout=POLL)
                return answer
            except queue.Empty:
                pass
            died = [
                name for name in sorted(self.pending) if self.processes[name].exitcode is not None
            ]
            if died:
                try:  # its answer may have come in since the last wait
                    answer = self.answers_queue.get(timeout=1)
                    return answer
                except queue.Empty:
                    code = self.processes[died[0]].exitcode
                    raise ProcessDied(died[0], code) from None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Wait for every process; answers still coming are read and dropped, so that no
        process waits for its answer to be taken before it can end."""
        for process in self.processes.values():
            while process.is_alive():
                with contextlib.suppress(queue.Empty):
                    self.answers_queue.get(timeout=POLL)
            process.join()
        self.answers_queue.close()


__all__ = ["ProcessDied", "Processes", "RemoteTraceback"]
