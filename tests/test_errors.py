"""One exception base for what a reader can act on (#16): the CLI and the MkDocs plugin
turn it into a message at the edge; anything else is a bug and keeps its traceback."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from generator.content.problems import ContentError, Problem
from generator.contrib.owners import OwnersError
from generator.contrib.scaffold import ScaffoldError
from generator.engine.plugin import as_plugin_error
from generator.engine.speedups.body_exchange import ExchangeAborted
from generator.errors import GeneratorError
from generator.search.index import SearchIndexError


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
