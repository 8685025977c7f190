"""The build at scale, beside the bare MkDocs baseline, measured in one run.

For each `--items` count this makes (or reuses, under `bench/out/`) a synthetic repository
(`bench.synth`) and a bare MkDocs + Material site of as many plain pages
(`bench.baseline`), then times them in turns, bare then project, `--repeat` times, so that
whatever else loads the machine weighs on both alike. The project's figure is the whole
`python -m generator build`: check, generation, MkDocs for both languages, feeds, JSON and
Pagefind. The best of the turns is reported; the ratio compares the two best times.

Then, unless skipped: both languages rendered one after the other and in parallel
(`BuildOptions(parallel=...)`), Pagefind's own time over the built site, the preview's
latency under `mkdocs serve` (bench/preview.py), and what a browser downloads for a first
view and a first search result (bench/browser.py).

    python bench/run.py                              # 1,000 and 10,000 items, everything
    python bench/run.py --items 1000 --repeat 3      # one size, three turns
    python bench/run.py --items 40 --skip-preview --skip-browser   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# Run as a script, this file's folder is on sys.path but the repository root is not.
REPO_ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO_ROOT))

from bench.baseline import html_stats, make_bare_site  # noqa: E402 - needs the path set above
from bench.check_speed import ensure_repo  # noqa: E402
from bench.synth import TODAY  # noqa: E402

SOURCE_DATE_EPOCH = str(int(datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC).timestamp()))
"""The synthetic world's "today" (statuses were chosen against it), for every build."""

ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    "PYTHONPATH": str(REPO_ROOT),
}


# -- running and measuring one command -------------------------------------------------------


@dataclass
class Run:
    seconds: float
    max_rss: int
    """Bytes: the largest resident set of the process or any of its children."""
    tree_peak: int
    """Bytes: the largest sum of proportional set sizes of the whole process tree, sampled."""
    cpu: float = 0.0
    """CPU-seconds (user + system) of the process and the children it waited for: less
    moved by other work on the machine than the wall clock."""


def run_measured(command: list[str], cwd: Path = REPO_ROOT, sample: bool = False) -> Run:
    """Run `command`, fail loudly if it fails; wall-clock seconds and memory.

    `sample`: also the tree's peak PSS, from /proc every 50 ms. Not for a timed run:
    reading `smaps_rollup` walks the page tables of every process under the lock their
    page faults need; during one 10,000-item build the sampler spent 11 s at it and
    5.8 CPU-s of the machine's two cores (bench/out, 20:55 UTC), a cost that grows with
    the processes' memory, so it weighed on the project's build far more than on the
    bare one's single small process.
    """
    os.sync()  # the last run's dirty pages are not written back during this one
    with tempfile.TemporaryFile() as out:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(process.pid)
        if sample:
            sampler.start()
        # wait4, not Popen.wait: its rusage is this child's (and its children's), not the
        # total of every child this benchmark ever ran.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        if sample:
            sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            raise SystemExit(
                f"{' '.join(command)} exited {process.returncode}:\n"
                f"{out.read().decode('utf-8', 'replace')[-3000:]}"
            )
    return Run(seconds, usage.ru_maxrss * 1024, sampler.peak, usage.ru_utime + usage.ru_stime)


class _TreeSampler(threading.Thread):
    """Samples the memory of a process and its descendants every 50 ms, from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, _tree_memory(self.pid))

    def stop(self) -> None:
        self.done.set()
        self.join()


def _tree_memory(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        total += _pss(pid)
    return total


def _pss(pid: int) -> int:
    """Proportional set size (forked workers share pages; RSS would count them twice)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# -- the inputs ----------------------------------------------------------------------------------


def repo_for(out: Path, items: int, seed: int) -> Path:
    root = (out / f"run-{items}").resolve()
    ensure_repo(root, items, seed)
    return root


def bare_for(out: Path, pages: int, seed: int) -> Path:
    """A bare site of `pages` pages, reused when its marker says it has that many."""
    root = (out / f"bare-{pages}").resolve()
    marker = root / ".bare.json"
    wanted = {"pages": pages, "seed": seed}
    if not (marker.is_file() and json.loads(marker.read_text()) == wanted):
        shutil.rmtree(root, ignore_errors=True)
        make_bare_site(root, pages, seed)
        marker.write_text(json.dumps(wanted))
    return root


def bare_command(root: Path, site: Path | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(site or root / "site"),
    ]


def project_command(root: Path, site: Path | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--root",
        str(root),
        "--site-dir",
        str(site or root / "site"),
        "--today",
        TODAY.isoformat(),
    ]


def languages_command(root: Path, parallel: bool) -> list[str]:
    """The same build through `BuildOptions`, languages in parallel or one after the other."""
    code = (
        "import sys; from pathlib import Path; "
        "from generator.build.orchestrator import BuildOptions, build; "
        "r = Path(sys.argv[1]); "
        f"build(BuildOptions(r, r / 'site-lang', today={TODAY.isoformat()!r}, "
        f"parallel={parallel}))"
    )
    return [sys.executable, "-c", code, str(root)]


# -- one size ------------------------------------------------------------------------------------


@dataclass
class SizeFigures:
    items: int
    bare: list[Run] = field(default_factory=list)
    project: list[Run] = field(default_factory=list)
    """Rebuilds: the bare build empties its site and writes it again (MkDocs' way), the
    project's builds into the site it kept from the build before (recycled_site)."""
    first_bare: float | None = None
    first_project: float | None = None
    """Each into a new, empty folder: nothing to reuse."""
    tree_peak: int = 0
    """Bytes: the project's process tree at its largest (PSS), from a run of its own."""
    bare_pages: int = 0
    bare_bytes_per_page: int = 0
    pages: int = 0
    bytes_per_page: int = 0
    sequential: float | None = None
    parallel: float | None = None
    pagefind: float | None = None
    preview: dict[str, object] | None = None
    browser: dict[str, object] | None = None

    @property
    def ratio(self) -> float:
        return best(self.project).seconds / best(self.bare).seconds


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.seconds)


def measure_size(items: int, args: argparse.Namespace) -> SizeFigures:
    say(f"== {items} items")
    root = repo_for(args.out, items, args.seed)
    bare = bare_for(args.out, items, args.seed)
    figures = SizeFigures(items)
    # Untimed: a rebuild reuses the site kept from the build before and the bodies it
    # converted (body_cache), which a change to the generator's code invalidates.
    run_measured(project_command(root))
    for turn in range(1, args.repeat + 1):
        # Bare first on odd turns, the project first on even ones: each build leaves the
        # disk busier for the next (deleted inodes, ext4's `recently_deleted`).
        for which in ("bare", "project") if turn % 2 else ("project", "bare"):
            if which == "bare":
                figures.bare.append(run_measured(bare_command(bare), cwd=bare))
            else:
                figures.project.append(run_measured(project_command(root)))
            runs = figures.bare if which == "bare" else figures.project
            say(f"turn {turn}: {which} {runs[-1].seconds:.1f} s")
    first = Path(tempfile.mkdtemp(prefix=f"first-{items}-", dir=args.out))
    args.leftovers.append(first)
    figures.first_bare = run_measured(bare_command(bare, first / "bare"), cwd=bare).seconds
    figures.first_project = run_measured(project_command(root, first / "project")).seconds
    say(
        f"first builds into empty folders: bare {figures.first_bare:.1f} s, "
        f"project {figures.first_project:.1f} s"
    )
    figures.tree_peak = run_measured(project_command(root), sample=True).tree_peak
    say(f"project's tree at its largest: {figures.tree_peak / 2**20:,.0f} MiB")
    figures.bare_pages, size = html_stats(bare / "site")
    figures.bare_bytes_per_page = size // max(figures.bare_pages, 1)
    figures.pages, size = html_stats(root / "site")
    figures.bytes_per_page = size // max(figures.pages, 1)
    if not args.skip_sequential:
        figures.sequential = run_measured(languages_command(root, False)).seconds
        figures.parallel = run_measured(languages_command(root, True)).seconds
        say(
            f"languages: one after the other {figures.sequential:.1f} s, "
            f"in parallel {figures.parallel:.1f} s"
        )
    figures.pagefind = time_pagefind(root / "site")
    say(f"pagefind {figures.pagefind:.1f} s")
    if not args.skip_preview and items >= args.preview_min:
        from bench import preview

        result = preview.measure(root, edits=args.edits)
        figures.preview = {
            "startup": result.startup,
            "page": result.page,
            "listing": result.listing,
            "worst": result.worst,
        }
        say(f"preview: worst {result.worst:.2f} s of {len(result.page)} edits")
    if not args.skip_browser and items >= args.browser_min:
        from bench import browser
        from bench.preview import pick_item

        page = pick_item(root)[2]
        result = browser.measure(root / "site", page, args.query)
        figures.browser = asdict(result)
        say(
            f"browser: first view {result.first_view.total:,} B, "
            f"to first result {result.search.total:,} B"
        )
    return figures


def time_pagefind(site: Path) -> float:
    """Pagefind alone over the finished site, run as the build runs it."""
    import pagefind_bin

    from generator.search.index import CLI_EXCLUDED

    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        "pagefind",
        "--exclude-selectors",
        CLI_EXCLUDED,
        "--quiet",
    ]
    return run_measured(command).seconds


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- the report ------------------------------------------------------------------------------------


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def kb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1000:,.0f} KB"


def secs(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def table(sizes: list[SizeFigures]) -> str:
    """A Markdown table, one column per size: it goes into docs/performance.md as is."""
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, values: list[str]) -> None:
        rows.append((label, values))

    row(
        "bare MkDocs + Material, 1 language (best)",
        [f"{secs(best(s.bare).seconds)} ({s.bare_pages:,} pages)" for s in sizes],
    )
    row(
        "project build, 2 languages (best)",
        [f"{secs(best(s.project).seconds)} ({s.pages:,} pages)" for s in sizes],
    )
    row("**ratio project / bare** (goal ≤ 1.0)", [f"**{s.ratio:.2f}**" for s in sizes])
    row(
        "all turns, bare / project",
        [
            ", ".join(
                f"{b.seconds:.1f}/{p.seconds:.1f}" for b, p in zip(s.bare, s.project, strict=True)
            )
            for s in sizes
        ],
    )
    row(
        "first build into an empty folder, bare / project (ratio)",
        [
            f"{secs(s.first_bare)} / {secs(s.first_project)} "
            f"({(s.first_project or 0) / (s.first_bare or 1):.2f})"
            for s in sizes
        ],
    )
    row(
        "peak memory, project (largest process / tree PSS, a run of its own)",
        [f"{mib(best(s.project).max_rss)} / {mib(s.tree_peak)}" for s in sizes],
    )
    row("peak memory, bare (largest process)", [mib(best(s.bare).max_rss) for s in sizes])
    row(
        "HTML bytes per page, project / bare",
        [f"{s.bytes_per_page:,} / {s.bare_bytes_per_page:,}" for s in sizes],
    )
    row(
        "languages one after the other / in parallel",
        [f"{secs(s.sequential)} / {secs(s.parallel)}" for s in sizes],
    )
    row("Pagefind alone", [secs(s.pagefind) for s in sizes])
    row(
        "preview: save → page and listing served (worst; goal ≤ 2 s)",
        [_preview(s.preview) for s in sizes],
    )
    row(
        "first view of an item page (goal < 150 KB)",
        [kb(_bytes(s.browser, "first_view")) for s in sizes],
    )
    row(
        "open page → first search result (goal < 400 KB)",
        [kb(_bytes(s.browser, "search")) for s in sizes],
    )
    header = "| | " + " | ".join(f"{s.items:,} items" for s in sizes) + " |"
    lines = [header, "| --- |" + " --- |" * len(sizes)]
    lines += [f"| {label} | " + " | ".join(values) + " |" for label, values in rows]
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        growth = best(large.project).seconds / best(small.project).seconds
        lines.append("")
        lines.append(
            f"Growth: {large.items:,} items took {growth:.1f}× the time of "
            f"{small.items:,} (items ×{large.items / small.items:.0f}; goal ≤ 11×)."
        )
    return "\n".join(lines)


def _preview(preview: dict[str, object] | None) -> str:
    if not preview:
        return "—"
    page, listing = preview["page"], preview["listing"]
    return (
        f"{preview['worst']:.2f} s (page {', '.join(f'{x:.2f}' for x in page)}; "  # type: ignore[attr-defined]
        f"listing {', '.join(f'{x:.2f}' for x in listing)})"
    )  # type: ignore[attr-defined]


def _bytes(browser: dict[str, object] | None, key: str) -> int | None:
    if not browser:
        return None
    return int(browser[key]["total"])  # type: ignore[index]


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) * 1024
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory / 2**30:.0f} GiB RAM, "
        f"Python {platform.python_version()}, load average at the end {load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="turns of bare + project builds per size (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "bench" / "out",
        help="where repositories and sites are kept (default: bench/out)",
    )
    parser.add_argument("--skip-preview", action="store_true", help="no mkdocs serve latency")
    parser.add_argument(
        "--skip-browser", action="store_true", help="no Chromium measurements of transferred bytes"
    )
    parser.add_argument(
        "--skip-sequential", action="store_true", help="no languages-one-after-the-other build"
    )
    parser.add_argument(
        "--preview-min",
        type=int,
        default=0,
        help="measure the preview only from this many items on",
    )
    parser.add_argument(
        "--browser-min",
        type=int,
        default=0,
        help="measure in the browser only from this many items on",
    )
    parser.add_argument("--edits", type=int, default=3, help="saves timed in the preview")
    parser.add_argument("--query", default="форум", help="typed into the search box")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.leftovers = []  # the first builds' folders, deleted once everything is measured

    began = time.perf_counter()
    sizes = [measure_size(items, args) for items in sorted(args.items)]
    print(table(sizes))
    print()
    print(f"Machine: {machine()}.")
    print(
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC in {time.perf_counter() - began:.0f} s: "
        f"python bench/run.py {' '.join(argv if argv is not None else sys.argv[1:])}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                [{**asdict(s), "ratio": s.ratio} for s in sizes], indent=2, ensure_ascii=False
            )
        )
    for folder in args.leftovers:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
