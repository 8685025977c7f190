"""Two commits of the generator and the bare MkDocs build, timed in turns on one repository.

A change that may cost speed is measured against the commit before it, interleaved, so
that whatever else loads the machine weighs on all three alike (`bench/run.py` measures
one commit against the bare build). Both commits build the same synthetic repository
(`bench.synth`, made by this checkout), each in its own copy, since a build keeps its site
and caches beside it. The other commit runs from its own checkout with this interpreter:

    git worktree add ../old <commit>
    python bench/commits.py --old ../old --items 10000 --repeat 2

`--old` may be given more than once (say, the commit before a whole series of changes and
the one before the change in question): each is one more contender in the rotation.

For each turn, in an order that rotates: the bare build, the old commit's rebuild and this
checkout's rebuild, each after an untimed build with the same code (so a rebuild reuses
what it may). Then as many first builds of each into empty folders, in the same rotation.
The best of the turns is reported, with the ratio to the best bare build, and the
fewest CPU-seconds (user + system, the build's whole process tree).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO_ROOT))

from bench.run import (  # noqa: E402 - needs the path set above
    Run,
    bare_command,
    bare_for,
    machine,
    project_command,
    repo_for,
    run_measured,
)


@dataclass
class Builds:
    """One contender's timings, in seconds."""

    name: str
    rebuilds: list[float] = field(default_factory=list)
    firsts: list[float] = field(default_factory=list)
    rebuild_cpu: list[float] = field(default_factory=list)
    first_cpu: list[float] = field(default_factory=list)
    """CPU-seconds of each build (`Run.cpu`), in the same order."""


def copy_repo(source: Path, target: Path) -> Path:
    """`source`'s content in `target` (its own site and caches start empty)."""
    if not (target / "content").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        for part in ("missions", "content"):
            shutil.copytree(source / part, target / part)
    return target


def with_checkout(command: list[str], checkout: Path) -> list[str]:
    """`command` (`python -m generator ...`) run from another checkout's code."""
    code = f"import sys; sys.path.insert(0, {str(checkout)!r}); import runpy; "
    code += "sys.argv[0] = 'generator'; runpy.run_module('generator', run_name='__main__')"
    return [command[0], "-c", code, *command[3:]]


def contenders(olds: list[Path]) -> dict[str, Path]:
    """The other commits' names in the results: `old`, or `old1`, `old2`… for several."""
    if len(olds) == 1:
        return {"old": olds[0]}
    return {f"old{number}": path for number, path in enumerate(olds, 1)}


def rotation(turn: int, names: list[str]) -> list[str]:
    shift = turn % len(names)
    return names[shift:] + names[:shift]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--old",
        type=Path,
        action="append",
        required=True,
        help="a checkout of another commit (may be given more than once)",
    )
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2, help="turns (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--first-builds-only",
        action="store_true",
        help="measure only first builds into empty folders (no rebuilds)",
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    checkouts = contenders([path.resolve() for path in args.old])
    for old in checkouts.values():
        if not (old / "generator" / "__main__.py").is_file():
            parser.error(f"{old} is not a checkout of this project")
    args.out.mkdir(parents=True, exist_ok=True)
    source = repo_for(args.out, args.items, args.seed)
    bare = bare_for(args.out, args.items, args.seed)
    repos = {
        name: copy_repo(source, args.out / f"commits-{args.items}" / name)
        for name in [*checkouts, "new"]
    }

    def project(name: str, site: Path | None = None) -> list[str]:
        command = project_command(repos[name], site)
        return with_checkout(command, checkouts[name]) if name in checkouts else command

    def measure(name: str, site: Path | None = None) -> Run:
        if name == "bare":
            return run_measured(bare_command(bare, site), cwd=bare)
        return run_measured(project(name, site))

    began = time.perf_counter()
    results = {name: Builds(name) for name in ("bare", *repos)}
    if args.repeat % len(results):
        print(
            f"note: {len(results)} contenders in {args.repeat} turns do not take every place in"
            " the order alike (a build late in a turn tends to be slower); give --repeat a"
            f" multiple of {len(results)}",
            flush=True,
        )
    if not args.first_builds_only:
        measure_rebuilds(results, measure, args.repeat)
    measure_first_builds(results, measure, args.repeat, args.out)
    print(table(results, checkouts))
    print(f"\nMachine: {machine()}.")
    print(
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC in {time.perf_counter() - began:.0f} s: "
        f"python bench/commits.py {' '.join(argv if argv is not None else sys.argv[1:])}"
    )
    return 0


Measure = Callable[[str, Path | None], Run]
"""Times one contender's build (into the folder, if given): `bare`, `old…` or `new`."""


def measure_rebuilds(results: dict[str, Builds], measure: Measure, repeat: int) -> None:
    """Each contender's rebuild in every turn, after an untimed build with its code."""
    for name in results:
        if name != "bare":  # untimed: each rebuild then reuses what its code kept
            measure(name, None)
    for turn in range(repeat):
        for name in rotation(turn, list(results)):
            run = measure(name, None)
            results[name].rebuilds.append(run.seconds)
            results[name].rebuild_cpu.append(run.cpu)
            print(
                f"turn {turn + 1}: rebuild {name} {run.seconds:.1f} s, {run.cpu:.1f} CPU-s",
                flush=True,
            )


def measure_first_builds(
    results: dict[str, Builds], measure: Measure, repeat: int, out: Path
) -> None:
    """Each contender's build into an empty folder (and without caches) in every turn."""
    firsts = Path(tempfile.mkdtemp(prefix="first-", dir=out))
    try:
        for turn in range(repeat):
            for name in rotation(turn, list(results)):
                folder = firsts / f"{name}-{turn}" / "site"
                run = measure(name, folder)
                results[name].firsts.append(run.seconds)
                results[name].first_cpu.append(run.cpu)
                print(
                    f"turn {turn + 1}: first {name} {run.seconds:.1f} s, {run.cpu:.1f} CPU-s",
                    flush=True,
                )
                shutil.rmtree(folder.parent, ignore_errors=True)
    finally:
        shutil.rmtree(firsts, ignore_errors=True)


def table(results: dict[str, Builds], checkouts: dict[str, Path]) -> str:
    bare = results["bare"]
    lines = [
        "",
        "| build | rebuild, best (median) | ratio | CPU-s | first build, best (median) | ratio | CPU-s |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    label = {"bare": "bare MkDocs", "new": "new (this checkout)"}
    label.update({old: f"{old} ({path.name})" for old, path in checkouts.items()})
    for name, builds in results.items():
        lines.append(
            f"| {label[name]} | {_best(builds.rebuilds, bare.rebuilds, builds.rebuild_cpu)}"
            f" | {_best(builds.firsts, bare.firsts, builds.first_cpu)} |"
        )
    return "\n".join(lines)


def _best(seconds: list[float], bare: list[float], cpu: list[float]) -> str:
    """Three cells: the best (median) time, its ratio to the best bare build, the
    fewest CPU-seconds; dashes where nothing was measured (`--first-builds-only`)."""
    if not seconds:
        return "— | — | —"
    return (
        f"{min(seconds):.1f} s ({statistics.median(seconds):.1f})"
        f" | {min(seconds) / min(bare):.2f} | {min(cpu):.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
