"""Whether a pipe has something to read, on every system.

The search feed's reader must never sit in a read that would take the next reader's
answer (`index._messages`): it waits until the pipe is readable, a short while at a
time, and asks between waits whether it is done. POSIX systems have `select` for that;
Windows' `select` takes sockets only, so there the pipe is asked how many bytes it
holds (`PeekNamedPipe`, as `multiprocessing`'s own pipes do) until the wait is up.

A reader thread feeding a queue would not do: a thread blocked in a read cannot be
called back, and would take the bytes of the owner's next answer from the same pipe.
"""

from __future__ import annotations

import select
import sys
import time
from collections.abc import Callable

PEEK_INTERVAL = 0.01
"""Seconds between two looks at a Windows pipe that holds nothing yet."""


def readable(fd: int, timeout: float) -> bool:
    """Whether reading `fd` returns at once (bytes, or the end of the pipe), waiting up
    to `timeout` seconds for it to."""
    if sys.platform == "win32":
        return polled(lambda: _bytes_waiting(fd), timeout)
    return bool(select.select([fd], [], [], timeout)[0])


def polled(waiting: Callable[[], int], timeout: float) -> bool:
    """Ask `waiting()` (bytes in the pipe) until it is positive or `timeout` is up. An
    `OSError` from it (Windows' broken pipe: the writer closed it) means a read returns
    the end at once: readable."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if waiting() > 0:
                return True
        except OSError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(PEEK_INTERVAL)


def _bytes_waiting(fd: int) -> int:
    """The bytes waiting in the pipe `fd` reads (Windows only)."""
    if sys.platform == "win32":
        import _winapi
        import msvcrt

        return int(_winapi.PeekNamedPipe(msvcrt.get_osfhandle(fd), 0)[0])
    raise NotImplementedError("PeekNamedPipe is Windows' own")
