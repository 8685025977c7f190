"""How long `check` takes on a 10,000-item repository: in process and as the CLI.

Issue #2 asks for `check` on 10,000 items in under 2 seconds. This builds the synthetic
repository once (`bench.synth.make_repo`, reused while the generator and its arguments are
unchanged), then times `load_and_check` in this process (best of `--repeat`, which leaves
out the interpreter's start-up) and `python -m generator check` as an editor runs it (best
of `--repeat`, start-up and imports included). The best run is the figure: slower runs
measure whatever else the machine was doing.

    python bench/check_speed.py                  # 10,000 items, best of 3
    python bench/check_speed.py --profile        # and where the in-process time goes
    python bench/check_speed.py --items 1000 --repeat 5

Exits 1 when the best CLI run is over `--limit` seconds, or when the repository has
problems (a benchmark of error reporting is not a benchmark of the check).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

# Run as a script (`python bench/check_speed.py`), this file's folder is on sys.path but the
# repository root is not; put it there so `bench` and `generator` import as in the tests.
REPO_ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO_ROOT))

from bench.synth import clear, make_repo  # noqa: E402 - needs the path set above
from generator.content.check import load_and_check  # noqa: E402

LIMIT_SECONDS = 2.0
MARKER = ".synth.json"
"""Written beside `missions/` and `content/`: what the tree was made from."""


def synth_fingerprint(items: int, seed: int) -> dict[str, object]:
    """The arguments and the writer's source: a tree made from other ones is rebuilt."""
    source = (REPO_ROOT / "bench" / "synth.py").read_bytes()
    return {"items": items, "seed": seed, "synth": hashlib.sha256(source).hexdigest()}


def ensure_repo(root: Path, items: int, seed: int) -> bool:
    """Make the synthetic repository in `root` unless it is there already; True if made."""
    marker = root / MARKER
    wanted = synth_fingerprint(items, seed)
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return False
    marker.unlink(missing_ok=True)
    clear(root)
    make_repo(root, items, seed)
    marker.write_text(json.dumps(wanted))
    return True


def time_in_process(root: Path, repeat: int) -> tuple[list[float], dict[str, int]]:
    times, counts = [], {}
    for _ in range(repeat):
        # Each run starts from the heap a fresh process has: the previous run's million
        # objects, still alive, would make the garbage collector's passes longer.
        gc.collect()
        began = time.perf_counter()
        content, problems = load_and_check(root)
        times.append(time.perf_counter() - began)
        if problems:
            shown = "\n".join(p.render("en") for p in problems.sorted()[:20])
            raise SystemExit(f"the synthetic repository has {len(problems)} problems:\n{shown}")
        counts = content.counts()
        del content, problems
    return times, counts


def time_cli(root: Path, repeat: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "generator", "check", "--root", str(root)]
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = subprocess.run(
            command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - began)
        if result.returncode != 0:
            raise SystemExit(
                f"{' '.join(command)} exited {result.returncode}:\n"
                f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
    return times


def profile(root: Path, lines: int = 25) -> str:
    """The functions `load_and_check` spends its time in, by own time and by total."""
    profiler = cProfile.Profile()
    profiler.runcall(load_and_check, root)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(lines)
    stats.sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def figures(label: str, times: list[float]) -> str:
    runs = ", ".join(f"{t:.2f}" for t in times)
    return f"{label}: best {min(times):.2f} s of {len(times)} ({runs})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where the repository is kept (default: bench/out/check-ITEMS)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--limit",
        type=float,
        default=LIMIT_SECONDS,
        help="seconds the best CLI run may take (default: %(default)s)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of one in-process run"
    )
    args = parser.parse_args(argv)
    root = (args.dir or REPO_ROOT / "bench" / "out" / f"check-{args.items}").resolve()

    began = time.perf_counter()
    made = ensure_repo(root, args.items, args.seed)
    files = sum(
        1 for folder in ("missions", "content") for p in (root / folder).rglob("*") if p.is_file()
    )
    how = f"made in {time.perf_counter() - began:.1f} s" if made else "reused"
    print(f"repository: {root} ({args.items} items, {files} files; {how})")

    in_process, counts = time_in_process(root, args.repeat)
    print("read: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    print(figures("load_and_check, in process", in_process))
    cli = time_cli(root, args.repeat)
    print(figures("python -m generator check ", cli))
    verdict = "ok" if min(cli) <= args.limit else "OVER"
    print(f"limit {args.limit:.2f} s for the CLI: {verdict}")
    if args.profile:
        print(profile(root))
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
