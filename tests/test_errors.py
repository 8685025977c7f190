"""One exception base for what a reader can act on (#16): the CLI and the MkDocs plugin
turn it into a message at the edge; anything else is a bug and keeps its traceback."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
from collections.abc import Callable

import pytest
from mkdocs.exceptions import PluginError

import generator
from generator.build.output_folder import OutputFolderError
from generator.build.processes import ProcessDied, RemoteTraceback
from generator.content.bounded_render import TooComplex, _OutOfTime
from generator.content.problems import ContentError, Problem
from generator.content.yamlread import YamlProblem
from generator.contrib.approvals import ApprovalsError
from generator.contrib.owners import OwnersError
from generator.contrib.scaffold import ScaffoldError
from generator.engine.material_markup import MaterialMarkupError
from generator.engine.plugin import as_plugin_error
from generator.engine.speedups.body_exchange import ExchangeAborted
from generator.engine.speedups.page_shells import ShellMismatch, _Unsupported
from generator.errors import CodedError, GeneratorError, PicklableError
from generator.search.index import SearchIndexError
from generator.search.reuse import SearchFilesError
from generator.search.stable import PagefindFormatError


@pytest.mark.parametrize(
    "error", [ContentError, OwnersError, ScaffoldError, SearchIndexError, ExchangeAborted]
)
def test_every_error_for_readers_is_a_generator_error(error: type[Exception]) -> None:
    assert issubclass(error, GeneratorError)


def test_coded_errors_speak_both_languages() -> None:
    error = ScaffoldError("new_exists", path="content/news/x.md")
    assert "content/news/x.md" in error.message("ru")
    assert error.message("ru") != error.message("en")


def test_content_errors_list_every_problem_in_the_asked_language() -> None:
    problems = [Problem("content/news/x.md", 3, "unknown_field", (("field", "titel"),))]
    error = ContentError(problems, "ru")
    assert error.message("en").startswith("content/news/x.md:3: ")
    assert error.message("en") != error.message("ru")


def test_the_plugin_turns_generator_errors_into_messages_and_keeps_bugs() -> None:
    with pytest.raises(PluginError, match="pagefind failed"), as_plugin_error("en"):
        raise SearchIndexError("pagefind failed")
    with pytest.raises(KeyError), as_plugin_error("en"):
        raise KeyError("a bug")


# --- Across processes: a spawned language process's exception is pickled (#16) ---

PROBLEMS = [
    Problem("content/news/x.md", 3, "unknown_field", (("field", "titel"),)),
    Problem("missions/ge/mission.yml", 0, "new_exists", (("path", "missions/ge"),)),
]

EXAMPLES: dict[str, Callable[[], BaseException]] = {
    "generator.errors.PicklableError": lambda: PicklableError("why"),
    "generator.errors.GeneratorError": lambda: GeneratorError("pagefind failed"),
    "generator.errors.CodedError": lambda: CodedError("new_exists", path="content/news/x.md"),
    "generator.content.problems.ContentError": lambda: ContentError(PROBLEMS, "en"),
    "generator.content.yamlread.YamlProblem": lambda: YamlProblem(7, "yaml_syntax", problem="x"),
    "generator.content.bounded_render.TooComplex": lambda: TooComplex("body_too_deep"),
    "generator.content.bounded_render._OutOfTime": lambda: _OutOfTime(),
    "generator.build.output_folder.OutputFolderError": lambda: OutputFolderError(
        "locked", "en", path="/tmp/site"
    ),
    "generator.build.processes.ProcessDied": lambda: ProcessDied("en", -9),
    "generator.build.processes.RemoteTraceback": lambda: RemoteTraceback("Traceback …"),
    "generator.contrib.owners.OwnersError": lambda: OwnersError("owners_git_failed", detail="x"),
    "generator.contrib.scaffold.ScaffoldError": lambda: ScaffoldError("new_exists", path="a.md"),
    "generator.contrib.approvals.ApprovalsError": lambda: ApprovalsError("no reviews"),
    "generator.search.index.SearchIndexError": lambda: SearchIndexError("pagefind failed"),
    "generator.search.reuse.SearchFilesError": lambda: SearchFilesError("missing x"),
    "generator.search.stable.PagefindFormatError": lambda: PagefindFormatError("tag 9"),
    "generator.engine.speedups.body_exchange.ExchangeAborted": lambda: ExchangeAborted("en"),
    "generator.engine.speedups.page_shells.ShellMismatch": lambda: ShellMismatch("news/x/"),
    "generator.engine.speedups.page_shells._Unsupported": lambda: _Unsupported(),
    "generator.engine.material_markup.MaterialMarkupError": lambda: MaterialMarkupError("nav"),
}


def project_exceptions() -> list[str]:
    """Every exception class defined in `generator`, found by importing each module."""
    found: set[str] = set()
    for module in pkgutil.walk_packages(generator.__path__, "generator."):
        if module.name == "generator.__main__":
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__.startswith("generator")
            ):
                found.add(f"{value.__module__}.{value.__qualname__}")
    return sorted(found)


def test_every_project_exception_has_a_pickling_example() -> None:
    assert project_exceptions() == sorted(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_project_exception_survives_pickling_with_its_fields(name: str) -> None:
    error = EXAMPLES[name]()
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert again.args == error.args
    assert vars(again) == vars(error)
    assert str(again) == str(error)
    if isinstance(error, GeneratorError):
        assert isinstance(again, GeneratorError)
        for lang in ("ru", "en"):
            assert again.message(lang) == error.message(lang)


def test_content_errors_keep_their_problems_across_pickling() -> None:
    again = pickle.loads(pickle.dumps(ContentError(PROBLEMS, "ru")))
    assert again.problems == PROBLEMS
    assert again.message("en").startswith("content/news/x.md:3: ")
