"""The build's plan: everything a language's build needs to know, in one object.

`generator build`, `mkdocs build` and `mkdocs serve` each make one `BuildPlan` and
hand it, in memory, to every language's build (`orchestrator.build_language`): the
languages, the folders, the options and which speed-ups are on. It is a frozen
dataclass of paths, strings and booleans, so it crosses into a spawned process as it
is (pickled), and a forked one inherits it.

Each speed-up has one switch in `Speedups`; switched off, the build takes the plain
path, and the site's bytes are the same (tests/test_build_paths.py).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from generator.build.progress import PageCounter
from generator.content.load import Content
from generator.search.index import NEW_FILES, BundleFiles, SearchPipes
from generator.urls import LANGUAGES

PROCESSES = ("fork", "spawn", "")
"""How the languages run at once: forked processes, spawned processes, or "" for one
after another in this process."""


@dataclass(frozen=True)
class Speedups:
    """One switch per speed-up (docs/performance.md); all on by default."""

    parallel_languages: bool = True
    """Each language in its own process, at once (`orchestrator`)."""
    page_shells: bool = True
    """Item pages filled into shells of Material's output (`speedups.page_shells`)."""
    layout_memo: bool = True
    """Material's nav and page-independent blocks rendered once per folder (`speedups.layout_memo`)."""
    body_cache: bool = True
    """Bodies converted, and pages' HTML finished, by the last build reused
    (`speedups.body_cache`)."""
    body_exchange: bool = True
    """Russian bodies converted once for both languages (`speedups.body_exchange`)."""
    recycled_site: bool = True
    """The build writes into the kept previous site, only what changed (`speedups.recycled_site`)."""
    search_reuse: bool = True
    """Pagefind skips the files of the kept index that are unchanged (`search.reuse`)."""
    card_reuse: bool = True
    """Share cards drawn by the last build copied, not drawn again (`pages.share_cards`)."""
    early_outputs: bool = True
    """The outputs made of content (feeds, calendars, JSON) written while the languages
    render in their processes, and moved into the site after (`orchestrator`)."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def none(cls) -> Speedups:
        """Every speed-up off: the plain MkDocs + Material + Pagefind build."""
        return cls(**dict.fromkeys(cls.names(), False))

    def without(self, *names: str) -> Speedups:
        return replace(self, **dict.fromkeys(names, False))

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Speedups:
        """`NGO_MISSIONS_SPEEDUPS_OFF=page_shells,body_cache` (or `all`) switches speed-ups
        off; `NGO_MISSIONS_NO_SHELL=1` is the older name of `page_shells` off."""
        environ = os.environ if environ is None else environ
        off = {n.strip() for n in environ.get("NGO_MISSIONS_SPEEDUPS_OFF", "").split(",")}
        if "all" in off:
            return cls.none()
        if environ.get("NGO_MISSIONS_NO_SHELL"):
            off.add("page_shells")
        return cls().without(*(name for name in cls.names() if name in off))


class BodyExchange(Protocol):
    """A language's side of the exchange of converted bodies with the other language's
    process (`speedups.body_exchange`), as the engine sees it."""

    def take_part(self, converter: Any, pages: list[Any], config: Any, files: Any) -> None:
        """Join the exchange before the pages render (the engine's converter and pages)."""

    def fail(self) -> None:
        """Tell the other process to stop waiting: this one failed."""


@dataclass(frozen=True)
class LanguageInputs:
    """What a language's build takes besides the plan: the checked content (inherited by
    a forked process; None in a spawned one, which reads it again), "today", the page
    counter of the progress line, whether `mkdocs serve` keeps state for the next save,
    and, in a parallel build's language process, its side of the body exchange."""

    content: Content | None
    today: date
    counter: PageCounter | None = None
    preview: bool = False
    exchange: BodyExchange | None = None
    files: BundleFiles = NEW_FILES
    """How the language's search files are written (`recycled_site.WrittenFiles`)."""


@dataclass(frozen=True)
class BuildPlan:
    """One build of the whole site; see the module's docstring."""

    root: Path
    """The repository: missions/ and content/."""
    config_file: Path | None
    """mkdocs.yml (the root's own, else the project's)."""
    site: Path
    """Where the first language's site is rendered; the others go under `<site>/<lang>/`
    at the end (or into `<work>/site-<lang>` first when `work` is set)."""
    languages: tuple[str, ...] = LANGUAGES
    work: Path | None = None
    """The CLI's work folder (docs trees, the other languages' sites, the exchange);
    None under `mkdocs build`, which renders into its own site folder."""
    edit_base: str = ""
    today: str = ""
    """YYYY-MM-DD, or empty for SOURCE_DATE_EPOCH / the clock."""
    site_url: str = ""
    """The whole site's absolute base URL, or ""."""
    cache: Path | None = None
    """The folder where builds keep converted bodies for the next (`body_cache`)."""
    processes: str = ""
    """`PROCESSES`: how the languages run when `speedups.parallel_languages` is on."""
    outputs: bool = True
    """Write feeds, JSON, sitemap and the joined search bundle after the last language
    (`mkdocs build`); the CLI writes them itself, while the first index is written."""
    speedups: Speedups = field(default_factory=Speedups)
    search: Mapping[str, SearchPipes] = field(default_factory=dict)
    """Per language, the service the orchestrator owns (forked processes only)."""
    shell_check: bool = False
    """Render every shelled page both ways and fail on a difference (a debugging aid)."""

    @property
    def first(self) -> str:
        return self.languages[0]

    @property
    def parallel(self) -> bool:
        return bool(self.processes) and len(self.languages) > 1

    def language_site(self, lang: str) -> Path:
        if lang == self.first:
            return self.site
        if self.work is not None:
            return self.work / f"site-{lang}"
        return self.site / lang

    def docs_dir(self, lang: str) -> Path:
        """Where media and pictures are copied for MkDocs (pages come from memory)."""
        base = self.work / "docs" if self.work is not None else self.root / "build" / "docs"
        return base / lang

    def exchange(self) -> Path | None:
        """The folder where two parallel languages hand each other Russian bodies."""
        if (
            self.work is None
            or not self.parallel
            or not self.speedups.body_exchange
            or sorted(self.languages) != sorted(LANGUAGES)
        ):
            return None
        return self.work / "exchange"

    def bundle(self, lang: str) -> Path | None:
        """The site's one search bundle, where a language other than the first writes its
        files in place (CLI builds); None: the language's own bundle, joined at the end."""
        if lang == self.first or self.work is None:
            return None
        return self.site / "pagefind"

    def body_cache(self, lang: str) -> Path | None:
        if self.cache is None or not self.speedups.body_cache:
            return None
        return self.cache / f"bodies-{lang}"

    def card_cache(self, lang: str) -> Path | None:
        """Where the share cards drawn by this build are kept for the next (`card_reuse`)."""
        if self.cache is None or not self.speedups.card_reuse:
            return None
        return self.cache / f"cards-{lang}"


def start_method(wanted: str = "") -> str:
    """`wanted` if this system has it, else fork on Linux, else the system's default.

    Fork on Linux whatever Python's default (forkserver from Python 3.14): the processes
    inherit the checked content instead of reading it again. Windows has no fork and
    macOS defaults to spawn (fork is unsafe there): the languages' processes are spawned
    and each reads the content again (a test forces this path on Linux)."""
    available = multiprocessing.get_all_start_methods()
    if wanted in available:
        return wanted
    if sys.platform == "linux" and "fork" in available:
        return "fork"
    return multiprocessing.get_start_method()
