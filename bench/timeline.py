"""Which processes of a command use the cores, second by second, and in all.

A build's wall time is bounded below by its CPU time over the cores (two here); what
is left above that bound is waiting: on one process while the other core idles, on
the disk. This samples `/proc` once a second for the command's whole process tree
(the language processes, their Pagefind services) and prints a line a second and the
CPU-seconds of each process at the end.

    python bench/timeline.py -- python -m generator build --root bench/out/run-10000 \\
        --site-dir /tmp/site --today 2026-11-29
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from collections import defaultdict

TICK = os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> dict[int, tuple[str, float]]:
    """{pid: (name, CPU-seconds so far)} for `root` and its descendants."""
    children: dict[int, list[int]] = defaultdict(list)
    info: dict[int, tuple[str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name, fields = (
            text[text.find("(") + 1 : text.rfind(")")],
            text[text.rfind(")") + 2 :].split(),
        )
        children[int(fields[1])].append(int(entry))
        info[int(entry)] = (name, (int(fields[11]) + int(fields[12])) / TICK)
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in info:
            tree[pid] = info[pid]
        todo.extend(children.get(pid, []))
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    command = parser.parse_args(argv).command
    command = command[1:] if command[:1] == ["--"] else command
    began = time.monotonic()
    process = subprocess.Popen(command)
    last: dict[int, tuple[str, float]] = {}
    while process.poll() is None:
        time.sleep(1.0)
        now = process_tree(process.pid)
        used = {
            pid: (name, cpu - last.get(pid, (name, 0.0))[1]) for pid, (name, cpu) in now.items()
        }
        last.update(now)
        busy = sorted(
            ((cpu, name, pid) for pid, (name, cpu) in used.items() if cpu > 0.05), reverse=True
        )
        print(
            f"{time.monotonic() - began:6.1f} s  cores {sum(c for c, _, _ in busy):4.2f}  "
            + "  ".join(f"{name}[{pid}] {cpu:.2f}" for cpu, name, pid in busy[:6]),
            flush=True,
        )
    print(
        f"exit {process.returncode} after {time.monotonic() - began:.1f} s; "
        "CPU-seconds by process (as last sampled):"
    )
    for pid, (name, cpu) in sorted(last.items(), key=lambda kv: -kv[1][1]):
        print(f"  {name}[{pid}] {cpu:.1f}")
    print(f"  all {sum(cpu for _, cpu in last.values()):.1f}")
    return process.returncode


if __name__ == "__main__":
    raise SystemExit(main())
