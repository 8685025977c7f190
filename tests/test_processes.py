"""generator/build/processes.py: each language's process gets its inputs as arguments and
answers its result, its exception, or its death (#16)."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from generator.build.plan import start_method
from generator.build.processes import ProcessDied, Processes, RemoteTraceback
from generator.content.problems import ContentError, Problem

CONTEXT = multiprocessing.get_context(start_method("fork"))


def doubled(value: int, counter: object) -> int:
    """A job: its argument doubled, and a shared counter bumped (inherited, not queued)."""
    with counter.get_lock():  # type: ignore[attr-defined]
        counter.value += 1  # type: ignore[attr-defined]
    return value * 2


def failing(lang: str) -> None:
    raise ContentError(
        [Problem(f"content/news/{lang}.md", 3, "unknown_field", (("field", "titel"),))], "en"
    )


def dying(code: int) -> None:
    os._exit(code)


def test_each_process_answers_its_result() -> None:
    counter = CONTEXT.Value("l", 0)  # shared memory travels only as a process's argument
    jobs = {"ru": (21, counter), "en": (4, counter)}
    with Processes(CONTEXT, doubled, jobs) as processes:
        answers = dict(processes.answers())
    assert answers == {"ru": 42, "en": 8}
    assert counter.value == 2


def test_an_exception_in_a_process_is_raised_here_whole_with_its_traceback() -> None:
    with pytest.raises(ContentError) as raised, Processes(CONTEXT, failing, {"en": ("x",)}) as p:
        list(p.answers())
    assert raised.value.problems[0].path == "content/news/x.md"
    assert isinstance(raised.value.__cause__, RemoteTraceback)
    assert "in failing" in str(raised.value.__cause__)


def test_a_process_that_ends_without_an_answer_is_a_failure() -> None:
    with pytest.raises(ProcessDied) as died, Processes(CONTEXT, dying, {"en": (3,)}) as processes:
        list(processes.answers())
    assert died.value.message("en").startswith("the en build's process ended")
    assert "(exit code 3)" in died.value.message("en")
    assert "процесс сборки языка en завершился" in died.value.message("ru")
    assert "(код выхода 3)" in died.value.message("ru")
