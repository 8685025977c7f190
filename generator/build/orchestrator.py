"""`generator build`: check, build every language, then swap the site in.

The site is built in a temporary folder beside the target and renamed into
place only when every step succeeded, so a failed build (bad content, a broken
link, a crash) leaves the previous site untouched. Languages are separate
MkDocs builds: each has its own interface language, nav and search index.

The site it replaces is kept beside it as `.<name>-previous` until the next build,
which builds into it: it writes only the files whose bytes changed and then sweeps
away what it did not write (`recycled_site`). A site of 10,000 items is ~60,000 files
and folders; deleting them and writing them anew cost the disk more than the pages
cost the CPU (docs/performance.md).
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context, parent_process
from pathlib import Path
from typing import Any

from generator.build import output_folder
from generator.build.progress import Progress
from generator.build.stages import LANGUAGES, checked_content, collector_paused
from generator.build.today import build_today
from generator.content.messages import default_lang
from generator.engine.plugin import build_language, language_url, shared_content
from generator.engine.speedups.body_exchange import abort_all
from generator.engine.speedups.recycled_site import (
    KEPT,
    mkdocs_writes_recycled,
    moved,
    sweep,
    take_previous,
)
from generator.outputs.registry import SiteContext, write_content_outputs, write_site_outputs
from generator.search.index import SearchService, language_bundle

STEPS = {
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
    root: Path
    site_dir: Path
    edit_base: str = ""
    today: str = ""
    """YYYY-MM-DD, or empty for SOURCE_DATE_EPOCH / the clock."""
    site_url: str = ""
    """Absolute base URL for feeds, sitemap and canonical links; empty if unknown."""
    languages: tuple[str, ...] = LANGUAGES
    parallel: bool = True
    """Render the languages in separate processes (see docs/performance.md)."""
    lang: str = ""
    """Language of the progress lines; default: the environment's (`messages.default_lang`)."""
    quiet: bool = False
    """No progress lines (they go to stdout: a terminal gets a live line, CI plain lines)."""


def config_file_for(root: Path) -> Path:
    """The root's own mkdocs.yml, else the project's (with its theme)."""
    own = root / "mkdocs.yml"
    return own if own.is_file() else PROJECT_ROOT / "mkdocs.yml"


def build(options: BuildOptions) -> None:
    """Build the whole site into `options.site_dir`, atomically."""
    lang = options.lang or default_lang()
    target = options.site_dir.resolve()
    with output_folder.claim(target, previous_site(target), lang):  # one build at a time
        _build(options, Progress(len(STEPS), lang, enabled=not options.quiet), lang)


def _build(options: BuildOptions, progress: Progress, lang: str) -> None:
    root = options.root.resolve()
    with progress.step(STEPS["check"][lang]):
        content = checked_content(root)  # fail before any work, with every problem listed
    today = date.fromisoformat(options.today) if options.today else build_today()
    target = options.site_dir.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = output_folder.work_folder(target)
    since = work.stat().st_mtime_ns  # the file system's clock: what is older is stale
    site = work / "site"
    cleaner: threading.Thread | None = None
    try:
        recycled = take_previous(previous_site(target), site, options.languages[1:])
        cleaner = start_removing_old_sites(target)
        # Each language's process generates its own pages from the content checked here
        # (inherited through fork, never pickled) and renders them.
        label = STEPS["pages"][lang].format(langs=", ".join(options.languages))
        context = SiteContext(content, site, today, options.site_url, options.languages)

        def meanwhile(kept: set[str]) -> None:
            """Every page is written; the first language's search index may still be
            being written. The other languages move in, the outputs made of content are
            written, and what is left of the old tree goes (but the search bundle)."""
            for other in options.languages[1:]:
                (work / f"site-{other}").rename(site / other)
                kept = moved(kept, work / f"site-{other}", site / other)
            write_content_outputs(context)  # first: the sweep keeps what was just written
            if recycled:
                sweep(site, kept, since, skip=[site / "pagefind"])

        with (
            progress.step(label, count_pages=True),
            shared_content(root, content, today, progress),
            collector_frozen(),
        ):
            kept = _render(root, work, options, meanwhile)
        with progress.step(STEPS["outputs"][lang]):
            if recycled and (site / "pagefind").is_dir():  # before the bundle is joined
                sweep(site / "pagefind", kept, since)
            write_site_outputs(context)
        with progress.step(STEPS["swap"][lang]):
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
    it again: one build of bench/out/run-10000 took 65.0 CPU-s without this and 62.9 with
    it (one run each, machine loaded). Only for the build command: `mkdocs serve` would
    keep each rebuild's garbage frozen for good.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render(
    root: Path, work: Path, options: BuildOptions, meanwhile: Callable[[set[str]], None]
) -> set[str]:
    """Run MkDocs for every language: in parallel processes when asked (two cores).
    Returns the files the languages wrote or found unchanged (`recycled_site.KEPT`);
    `meanwhile` runs (with those known so far) once every page is written."""
    parallel = options.parallel and len(options.languages) > 1
    shares = parallel and sorted(options.languages) == ["en", "ru"]  # shared_bodies
    jobs = {
        lang: [
            str(config_file_for(root)),
            lang,
            _language_site(work, lang),
            {
                "root": str(root),
                "then_build": [],
                "docs_dir": str(work / "docs" / lang),
                "edit_base": options.edit_base,
                "today": options.today,
                "outputs": False,
                "shared": True,
                "exchange": str(work / "exchange") if shares else "",
                "bundle": "" if lang == LANGUAGES[0] else str(_bundle(work)),
                "cache": str(cache_folder(options.site_dir.resolve()) / f"bodies-{lang}"),
            },
            language_url(options.site_url, lang),
        ]
        for lang in options.languages
    }
    if not parallel:
        kept = set().union(*(_build_language(*job) for job in jobs.values()))
        meanwhile(kept)
        return kept
    (work / "exchange").mkdir()
    services: dict[str, SearchService] = {}
    try:
        for lang in options.languages:  # before the fork: the processes inherit the pipes
            services[lang] = SearchService(lang)
        return _render_parallel(work, jobs, services, meanwhile)
    except BaseException:
        _abandon(work, services)
        raise


def _abandon(work: Path, services: dict[str, SearchService]) -> None:
    """A language failed: the other may be waiting for it (shared_bodies); no search
    service outlives the build."""
    abort_all(work / "exchange")
    for service in services.values():
        service.kill()


def _render_parallel(
    work: Path,
    jobs: dict[str, list[Any]],
    services: dict[str, SearchService],
    meanwhile: Callable[[set[str]], None],
) -> set[str]:
    """One process per language feeds its own search service; as each is done, this
    process has that language's index written, in a thread, while the other renders.
    `meanwhile` runs once the other languages' indexes are written, while the first
    language's (the largest: every page has a Russian body) still is.

    The render processes have left (and given their memory back) before the larger
    index is at its largest: both indexes written at once stay under 2 GB at 10,000
    items, where the render processes' ~0.5 GB on top did not (docs/performance.md).
    """
    KEPT.clear()
    kept: set[str] = set()
    writers: list[_Writer] = []
    fds = {lang: (s.stdin_fd, s.stdout_fd) for lang, s in services.items()}
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=get_context("fork")) as pool:
        futures = {}
        for lang, job in jobs.items():
            service = services[lang]
            job[3]["search"] = f"{service.stdin_fd},{service.stdout_fd},{service.index_id}"
            foreign = [fd for other, pair in fds.items() if other != lang for fd in pair]
            futures[pool.submit(_build_language, *job, foreign=foreign)] = lang
        try:
            for future in as_completed(futures):
                kept |= future.result()
                lang = futures[future]
                bundle = (
                    _bundle(work)
                    if lang == LANGUAGES[0]
                    else language_bundle(_language_site(work, lang), lang)
                )
                writers.append(
                    _Writer(services[lang], bundle, None if lang == LANGUAGES[0] else _bundle(work))
                )
        except BaseException:
            _abandon(work, services)  # now: leaving the pool waits for the other process
            raise
    first = [writer for writer in writers if writer.service.lang == LANGUAGES[0]]
    others = [writer for writer in writers if writer not in first]
    _joined(others)
    meanwhile(kept | KEPT)
    _joined(first)
    return kept | KEPT


def _joined(writers: list[_Writer]) -> None:
    for writer in writers:
        writer.join()
    for writer in writers:
        if writer.error is not None:
            raise writer.error


class _Writer(threading.Thread):
    """`SearchService.write` in a thread; its exception kept for the caller."""

    def __init__(self, service: SearchService, bundle: Path, shared: Path | None) -> None:
        super().__init__(name=f"search-{service.lang}", daemon=True)
        self.service, self.bundle, self.shared = service, bundle, shared
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.service.write(self.bundle, self.shared)
        except BaseException as error:
            self.error = error


def _language_site(work: Path, lang: str) -> Path:
    return work / ("site" if lang == LANGUAGES[0] else f"site-{lang}")


def _bundle(work: Path) -> Path:
    """The site's one search bundle, which the first language's site holds."""
    return work / "site" / "pagefind"


def _build_language(*job: Any, foreign: tuple[int, ...] | list[int] = ()) -> set[str]:
    """`build_language` in a worker: its plugin (the preview's state) stays there.

    `foreign`: the pipes of the other languages' search services, inherited through the
    fork and closed here, so that each service sees the end of its input when its owner
    closes it.

    Without the cyclic collector: MkDocs' pages, files and tables of contents all stay
    alive to the end of a language's build, so its collections only walked them again
    (10,000 items, Russian alone: 26.4 -> 25.2 CPU-s, the same peak memory).
    """
    parent = parent_process()
    if parent is not None and parent.pid is not None:  # a worker: not to outlive its build
        output_folder.die_with_parent(parent.pid)
    for fd in foreign:
        with suppress(OSError):
            os.close(fd)
    KEPT.clear()
    with collector_paused(), mkdocs_writes_recycled():
        build_language(*job)
    return set(KEPT)


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

    Unlinking ~60,000 files costs the kernel ~3.5 CPU-s, billed to this thread; at nice 19
    it runs while a core would idle (during the check, while one language's search index
    is written) instead of slowing the pages down.
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

    A site of 10,000 items is ~60,000 files and folders; deleting them one by one waits
    on the disk more than it uses the CPU (6.2 s wall for 2.6 s CPU here). Subtrees two
    levels down (`news/<item>/`, `en/news/`, `pagefind/fragment/`) go to a few threads:
    3.4 s.
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
