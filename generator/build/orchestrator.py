"""`generator build`: check, build every language, then swap the site in.

The site is built in a temporary folder beside the target and renamed into
place only when every step succeeded, so a failed build (bad content, a broken
link, a crash) leaves the previous site untouched. Languages are separate
MkDocs builds: each has its own interface language, nav and search index.

The site it replaces is kept beside it as `.<name>-previous` until the next build,
which builds into it: it writes only the files whose bytes changed and then sweeps
away what it did not write (`recycled_site`): deleting a large site and writing it anew
cost the disk more than the pages cost the CPU (docs/performance.md).

Each language is one `build_language(plan, lang, inputs)`: in a forked process (the
content inherited), a spawned one (it reads the content again), or in turn in this
process, as the plan says; the site's bytes are the same (tests/test_build_paths.py).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing import parent_process
from pathlib import Path
from typing import Any

from generator.build import output_folder
from generator.build.plan import BuildPlan, LanguageInputs, Speedups, start_method
from generator.build.processes import Processes
from generator.build.progress import Progress
from generator.build.stages import checked_content, collector_paused
from generator.build.today import build_today
from generator.content.messages import default_lang
from generator.engine.plugin import build_language
from generator.engine.speedups.body_exchange import Exchange, abort_all
from generator.engine.speedups.recycled_site import (
    WrittenFiles,
    mkdocs_writes_into,
    moved,
    sweep,
    take_previous,
)
from generator.outputs.registry import SiteContext, write_content_outputs, write_site_outputs
from generator.search.index import NEW_FILES, BundleFiles, SearchService, language_bundle
from generator.urls import LANGUAGES

PROGRESS_STEPS = {
    "check": {"ru": "Проверка содержимого", "en": "Checking content"},
    "pages": {"ru": "Страницы ({langs})", "en": "Pages ({langs})"},
    # The calendars, feeds and JSON are written during "pages", as the last index is.
    "outputs": {"ru": "Карта сайта, поисковый индекс", "en": "Sitemap, search index"},
    "swap": {"ru": "Замена прежнего сайта", "en": "Replacing the old site"},
}
"""The build's steps as `Progress` shows them, in order."""

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BuildOptions:
    """What the person asked for; `_plan` turns it into the `BuildPlan` of one build."""

    root: Path
    site_dir: Path
    edit_base: str = ""
    today: str = ""
    """YYYY-MM-DD, or empty for SOURCE_DATE_EPOCH / the clock."""
    site_url: str = ""
    """Absolute base URL for feeds, sitemap and canonical links; empty if unknown."""
    languages: tuple[str, ...] = LANGUAGES
    parallel: bool = True
    """Render the languages in separate processes (`Speedups.parallel_languages`)."""
    lang: str = ""
    """Language of the progress lines; default: the environment's (`messages.default_lang`)."""
    quiet: bool = False
    """No progress lines (they go to stdout: a terminal gets a live line, CI plain lines)."""
    speedups: Speedups = field(default_factory=Speedups.from_environment)
    processes: str = ""
    """"fork" or "spawn" to force a way of starting the language processes (tests);
    default: the system's (`plan.start_method`)."""


def config_file_for(root: Path) -> Path:
    """The root's own mkdocs.yml, else the project's (with its theme)."""
    own = root / "mkdocs.yml"
    return own if own.is_file() else PROJECT_ROOT / "mkdocs.yml"


def build(options: BuildOptions) -> None:
    """Build the whole site into `options.site_dir`, atomically."""
    lang = options.lang or default_lang()
    method = start_method(options.processes)
    progress = Progress(
        len(PROGRESS_STEPS),
        lang,
        enabled=not options.quiet,
        context=multiprocessing.get_context(method),
    )
    target = options.site_dir.resolve()
    with output_folder.claim(target, previous_site(target), lang):  # one build at a time
        _build(options, progress, lang, method)


def _plan(options: BuildOptions, root: Path, work: Path, method: str) -> BuildPlan:
    speedups = (
        options.speedups if options.parallel else options.speedups.without("parallel_languages")
    )
    return BuildPlan(
        root=root,
        config_file=config_file_for(root),
        site=work / "site",
        languages=options.languages,
        work=work,
        edit_base=options.edit_base,
        today=options.today,
        site_url=options.site_url,
        cache=cache_folder(options.site_dir.resolve()),
        processes=method if speedups.parallel_languages else "",
        outputs=False,
        speedups=speedups,
        shell_check=os.environ.get("NGO_MISSIONS_SHELL_CHECK") == "all",
    )


def _build(options: BuildOptions, progress: Progress, lang: str, method: str) -> None:
    root = options.root.resolve()
    with progress.step(PROGRESS_STEPS["check"][lang]):
        content = checked_content(root)  # fail before any work, with every problem listed
    today = date.fromisoformat(options.today) if options.today else build_today()
    target = options.site_dir.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = output_folder.work_folder(target)
    since = work.stat().st_mtime_ns  # the file system's clock: what is older is stale
    plan = _plan(options, root, work, method)
    site = plan.site
    cleaner: threading.Thread | None = None
    try:
        recycled = plan.speedups.recycled_site and take_previous(
            previous_site(target), site, plan.languages[1:]
        )
        cleaner = start_removing_old_sites(target)
        label = PROGRESS_STEPS["pages"][lang].format(langs=", ".join(plan.languages))
        context = SiteContext(content, site, today, plan.site_url, plan.languages, plan.edit_base)

        staged = work / "outputs" if plan.parallel and plan.speedups.early_outputs else None

        def write_early() -> None:
            """While the languages render in their processes, this one only waits: the
            outputs made of content are written then, into a folder of their own."""
            if staged is not None:
                write_content_outputs(replace(context, site=staged))

        def pages_written(kept: set[str]) -> None:
            """Every page is written; the first language's search index may still be
            being written. The other languages move in, the outputs made of content are
            written (or moved in), and what is left of the old tree goes (but the search
            bundle). The outputs come before the sweep, which keeps what is newer than
            the build's start."""
            for other in plan.languages[1:]:
                plan.language_site(other).rename(site / other)
                kept = moved(kept, plan.language_site(other), site / other)
            if staged is not None:
                output_folder.move_into(staged, site)
            else:
                write_content_outputs(context)
            if recycled:
                sweep(site, kept, since, skip=[site / "pagefind"])

        inputs = LanguageInputs(content, today, progress.pages)
        with progress.step(label, count_pages=True), collector_frozen():
            kept = _render(plan, inputs, pages_written, write_early)
        with progress.step(PROGRESS_STEPS["outputs"][lang]):
            if recycled and (site / "pagefind").is_dir():  # before the bundle is joined
                sweep(site / "pagefind", kept, since)
            write_site_outputs(context)
        with progress.step(PROGRESS_STEPS["swap"][lang]):
            cleaner.join()
            _swap(site, target)
    finally:
        if cleaner is not None:
            cleaner.join()  # nothing the build started outlives it
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def collector_frozen() -> Iterator[None]:
    """The checked content out of reach of Python's cyclic collector while pages render.

    It stays alive to the end, yet every full collection in a language's process walked
    it again (docs/performance.md). Only for the build command: `mkdocs serve` would
    keep each rebuild's garbage frozen for good.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render(
    plan: BuildPlan,
    inputs: LanguageInputs,
    pages_written: Callable[[set[str]], None],
    while_rendering: Callable[[], None],
) -> set[str]:
    """Run MkDocs for every language: in parallel processes when the plan says so.
    Returns the files the languages wrote or found unchanged (`recycled_site`);
    `pages_written` runs (with those known so far) once every page is written, and
    `while_rendering` in this process while the languages' processes render."""
    if not plan.parallel:
        kept = languages_in_turn(plan, inputs, plan.languages)
        pages_written(kept)
        return kept
    exchange = plan.exchange()
    if exchange is not None:
        exchange.mkdir()
    if plan.processes != "fork":
        return _render_spawned(plan, inputs, pages_written, while_rendering)
    services: dict[str, SearchService] = {}
    written = WrittenFiles()  # the index files this process writes
    files: BundleFiles = written if plan.speedups.recycled_site else NEW_FILES
    try:
        for lang in plan.languages:  # before the fork: the processes inherit the pipes
            services[lang] = SearchService(lang, files)
        plan = replace(plan, search={lang: s.pipes for lang, s in services.items()})
        return _render_forked(plan, inputs, services, pages_written, written, while_rendering)
    except BaseException:
        _abandon(plan, services)
        raise


def languages_in_turn(
    plan: BuildPlan, inputs: LanguageInputs, languages: Iterable[str]
) -> set[str]:
    """`languages` one after another in this process: `generator build` without parallel
    processes, and `mkdocs build` / `mkdocs serve` for the languages after the first."""
    kept: set[str] = set()
    for lang in languages:
        kept |= _kept_files(plan, lang, inputs)[1]
    return kept


def build_languages_after_first(plan: BuildPlan, inputs: LanguageInputs) -> dict[str, Any]:
    """`mkdocs build` and `mkdocs serve`: MkDocs built the first language; the others
    follow in turn, into `<site>/<lang>/`. Returns each one's plugin (the preview's)."""
    return {lang: _kept_files(plan, lang, inputs)[0] for lang in plan.languages[1:]}


def _abandon(plan: BuildPlan, services: dict[str, SearchService]) -> None:
    """A language failed: the other may be waiting for it (body_exchange); no search
    service outlives the build."""
    exchange = plan.exchange()
    if exchange is not None:
        abort_all(exchange)
    for service in services.values():
        service.kill()


def _render_forked(
    plan: BuildPlan,
    inputs: LanguageInputs,
    services: dict[str, SearchService],
    pages_written: Callable[[set[str]], None],
    written: WrittenFiles,
    while_rendering: Callable[[], None],
) -> set[str]:
    """One forked process per language feeds its own search service; as each is done,
    this process has that language's index written, in a thread, while the other
    renders. `pages_written` runs once the other languages' indexes are written, while the
    first language's (the largest: every page has a Russian body) still is.

    The render processes have left (and given their memory back) before the larger
    index is at its largest (docs/performance.md).
    """
    kept: set[str] = set()
    writers: list[_Writer] = []
    # Inherited through the fork: the content is never pickled.
    jobs = {lang: (plan, lang, inputs) for lang in plan.languages}
    with Processes(multiprocessing.get_context("fork"), _build_language, jobs) as processes:
        try:
            while_rendering()
            for lang, files_kept in processes.answers():
                kept |= files_kept
                writers.append(_index_writer(plan, services, lang))
        except BaseException:
            _abandon(plan, services)  # now: the other process may wait for this one
            raise
    first = [writer for writer in writers if writer.service.lang == plan.first]
    _joined([writer for writer in writers if writer not in first])
    pages_written(kept | written.paths)
    _joined(first)
    return kept | written.paths


def _index_writer(plan: BuildPlan, services: dict[str, SearchService], lang: str) -> _Writer:
    bundle = language_bundle(plan.language_site(lang), lang, plan.first)
    return _Writer(services[lang], bundle, plan.bundle(lang), plan.speedups.search_reuse)


def _render_spawned(
    plan: BuildPlan,
    inputs: LanguageInputs,
    pages_written: Callable[[set[str]], None],
    while_rendering: Callable[[], None],
) -> set[str]:
    """One spawned process per language (where there is no fork): each reads the content
    again, feeds its own search service and has it write the language's index."""
    kept: set[str] = set()
    handed = replace(inputs, content=None)  # pickled once per process: each reads it again
    jobs = {lang: (plan, lang, handed) for lang in plan.languages}
    with Processes(multiprocessing.get_context(plan.processes), _build_language, jobs) as processes:
        try:
            while_rendering()
            for _lang, files_kept in processes.answers():
                kept |= files_kept
        except BaseException:
            _abandon(plan, {})
            raise
    pages_written(kept)
    return kept


def _joined(writers: list[_Writer]) -> None:
    for writer in writers:
        writer.join()
    for writer in writers:
        if writer.error is not None:
            raise writer.error


class _Writer(threading.Thread):
    """`SearchService.write` in a thread; its exception kept for the caller."""

    def __init__(
        self, service: SearchService, bundle: Path, site_bundle: Path | None, reuse: bool
    ) -> None:
        super().__init__(name=f"search-{service.lang}", daemon=True)
        self.service, self.bundle, self.site_bundle = service, bundle, site_bundle
        self.reuse = reuse
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.service.write(self.bundle, self.site_bundle, self.reuse)
        except BaseException as error:
            self.error = error


def _build_language(plan: BuildPlan, lang: str, inputs: LanguageInputs) -> set[str]:
    """One language in a process of its own (`processes`): its plugin stays there.

    The pipes of the other languages' search services, inherited through the fork, are
    closed first, so that each service sees the end of its input when its owner closes it.
    A spawned process reads and checks the content again. If the build fails, the other
    language's process stops waiting for this one's bodies (`body_exchange`).

    Without the cyclic collector: MkDocs' pages, files and tables of contents all stay
    alive to the end of a language's build, so its collections only walked them again.
    """
    parent = parent_process()
    if parent is not None and parent.pid is not None:  # a worker: not to outlive its build
        output_folder.die_with_parent(parent.pid)
    for other, pipes in plan.search.items():
        if other != lang:
            for fd in (pipes.stdin_fd, pipes.stdout_fd):
                with suppress(OSError):
                    os.close(fd)
    folder = plan.exchange()
    peer = next((other for other in plan.languages if other != lang), lang)
    exchange = Exchange(folder, lang, peer) if folder is not None else None
    try:
        if inputs.content is None:
            inputs = replace(inputs, content=checked_content(plan.root))
        with collector_paused():
            return _kept_files(plan, lang, replace(inputs, exchange=exchange))[1]
    except BaseException:
        if exchange is not None:
            exchange.fail()
        raise


def _kept_files(plan: BuildPlan, lang: str, inputs: LanguageInputs) -> tuple[Any, set[str]]:
    """`build_language`, and the files it wrote or found holding their bytes (with the
    recycled site; else none are counted: there is no old tree to sweep)."""
    if not plan.speedups.recycled_site:
        return build_language(plan, lang, inputs), set()
    written = WrittenFiles()
    with mkdocs_writes_into(written):
        plugin = build_language(plan, lang, replace(inputs, files=written))
    return plugin, written.paths


def previous_site(target: Path) -> Path:
    """Where the site a build replaced stays until the next build."""
    return target.with_name(f".{target.name}-previous")


def cache_folder(target: Path) -> Path:
    """Where builds keep what the next build may reuse (`body_cache`)."""
    return target.with_name(f".{target.name}-cache")


def start_removing_old_sites(target: Path) -> threading.Thread:
    """Delete, in a thread, the leftovers of builds that were killed (and the kept site,
    if this build could not take it as its work tree: `recycled_site.take_previous`),
    while this build checks and renders (they use the CPU, this the disk).

    The kept site is first renamed to a name of this process's, so the swap can put the
    current site in its place whatever the thread has reached.
    """
    doomed = sorted(target.parent.glob(f".{target.name}-trash-*"))
    kept = previous_site(target)
    if kept.exists():
        doomed.append(kept.rename(target.with_name(f".{target.name}-trash-{os.getpid()}")))
    thread = threading.Thread(
        target=_remove_meekly, args=(doomed,), name="remove-old-sites", daemon=True
    )
    thread.start()
    return thread


def _remove_meekly(paths: list[Path]) -> None:
    """Delete `paths` at the lowest CPU priority (Linux: `nice` applies to a thread).

    Unlinking a large site's files costs the kernel seconds of CPU, billed to this thread
    (docs/performance.md, "Figures behind the code"); at nice 19 it runs while a core would
    idle (during the check, while one language's search index is written) instead of
    slowing the pages down.
    """
    with suppress(AttributeError, OSError):  # not Linux, or not allowed: normal priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    for path in paths:
        remove_tree(path)


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` in one exchange; the replaced site is kept (see above)."""
    output_folder.mark(new)
    output_folder.swap(new, target, previous_site(target))


def remove_tree(root: Path, threads: int = 4) -> None:
    """`shutil.rmtree`, several subtrees at a time, errors ignored.

    Deleting a large site's files one by one waits on the disk more than it uses the CPU
    (docs/performance.md, "Figures behind the code"). Subtrees two levels down
    (`news/<item>/`, `en/news/`, `pagefind/fragment/`) go to a few threads.
    """
    jobs: list[str] = []
    for top in os.scandir(root):
        if top.is_dir(follow_symlinks=False):
            jobs.extend(entry.path for entry in os.scandir(top.path))
        else:
            jobs.append(top.path)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(_remove, jobs))
    shutil.rmtree(root, ignore_errors=True)  # the folders left empty


def _remove(path: str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass
