"""Issue #8, random input: the readers raise nothing but the project's own problems, and
random Markdown never publishes anything executable or anything fetched from elsewhere.

Property-based (hypothesis). YAML comes two ways: documents built as Python values
(`st.recursive` of maps, lists and scalars) and dumped with `yaml.safe_dump`, so they are
valid YAML of every shape; and raw text, mostly YAML's own punctuation, so it is mostly
invalid. Either way `read_yaml` answers with a tree or a `YamlProblem`, and the whole of
`load_and_check` with problems that render in both languages, never an exception.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from content_repo import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.bounded_render import ORDINARY_CHARS, is_ordinary
from generator.content.check import load_and_check
from generator.content.fields import Ctx, read_fields
from generator.content.load import split_front_matter
from generator.content.markdown_config import render
from generator.content.models import COLLECTIONS
from generator.content.problems import Problems
from generator.content.sanitize import find_unsafe, is_relative_url, sanitize_html
from generator.content.yamlread import Mapping, YamlProblem, read_yaml
from tests.htmlparse import parse

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

# -- YAML values of every shape ------------------------------------------------------------

FIELD_NAMES = sorted(
    {name for c in COLLECTIONS.values() for name in c.model.fields()}
    | {"ru", "en", "path", "alt", "source", "kind", "name", "role"}
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "no",
            "yes",
            "0123",
            "+45 33",
            "2026-05-14",
            "2026-05-14T10:00+02:00",
            "2015",
            "dk",
            "1.10",
            "~",
            "null",
            "media/gagarin.png",
            "../x",
        ]
    ),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(timezones=st.just(UTC)),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10), st.integers(), st.booleans())
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)
documents = st.dictionaries(keys, values, max_size=8)

YAML_PIECES = [
    "\n", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
    "!!python/object:os.system ", "!tag ", "'", '"', "\\", "|", ">", "#", "%YAML 1.1\n",
    "---\n", "...\n", "\t", "title", "ru",
    "en", "missions", "dk", "no", "2026-05-14", "<<: *a\n", "\ufeff", "\x00", "\x85", "\u2028",
    "💥", "Текст",
]  # fmt: skip
yamlish = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=5)), max_size=40).map(
    "".join
)


def dump(document: Any, flow: bool | None) -> str:
    return yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, sort_keys=False)


@settings(max_examples=400, deadline=None)
@given(documents, st.sampled_from([None, True, False]))
def test_dumped_yaml_is_read_or_refused_with_a_yaml_problem(
    document: Any, flow: bool | None
) -> None:
    try:
        read_yaml(dump(document, flow))
    except YamlProblem as exc:
        assert exc.code.startswith(("yaml_", "duplicate_key")) and exc.line >= 1


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(), yamlish))
def test_random_text_is_read_or_refused_with_a_yaml_problem(text: str) -> None:
    try:
        read_yaml(text)
    except YamlProblem as exc:
        assert exc.line >= 1


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(sorted(COLLECTIONS)),
    documents,
    st.sampled_from([None, True, False]),
    st.text(max_size=50),
)
def test_front_matter_of_any_shape_is_read_or_reported(
    collection: str, document: Any, flow: bool | None, body: str
) -> None:
    """What `load` does with an item file: split, parse, read the collection's fields."""
    text = f"---\n{dump(document, flow)}---\n{body}"
    problems = Problems()
    parts = split_front_matter(text, "content/x.md", problems)
    if parts is None:
        assert problems
        return
    try:
        node = read_yaml(parts.front_matter)
    except YamlProblem:
        return
    if isinstance(node, Mapping):
        read_fields(node, COLLECTIONS[collection].model.fields(), Ctx(problems, "x.md"))
    assert all(p.render("ru") and p.render("en") for p in problems.items)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(), yamlish, yamlish.map(lambda t: "---\n" + t)))
def test_random_text_is_split_into_front_matter_or_reported(text: str) -> None:
    problems = Problems()
    parts = split_front_matter(text, "content/x.md", problems)
    assert (parts is None) == bool(problems)
    if parts is not None:
        assert parts.body_line >= 1 and text.endswith(parts.body)


# -- the whole pipeline, on files of random shape -----------------------------------------

MARKDOWN_PIECES = [
    "# ", "## Итоги\n", "\n", "\n\n", "    ", "- ", "1. ", "> ", "!!! note\n    ", "```\n",
    "`", "**", "[", "]", "(", ")", "![i](", "[l](", "](", "]: ", "/projects/gagarin-kopengagen.md",
    "/missions/dk.md#проекты", "#итоги", "../forums/", "/media/gagarin.png",
    "https://elsewhere.example/p.png", "//evil.example/x", "javascript:alert(1)", "<script>",
    "<img src=x onerror=alert(1)>", "<div markdown>\n", "</div>\n", "{: #id .cls }", "{{ x }}",
    "&#58;", "&", "<", ">", "|a|b|\n|-|-|\n", "[^1]", "[^1]: x\n", "Текст", "text",
]  # fmt: skip
markdownish = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=6)), max_size=40
).map("".join)


@pytest.fixture(scope="module")
def scratch_repo() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="properties-"))
    root = folder / "repo"
    shutil.copytree(VALID, root)
    yield root
    shutil.rmtree(folder)


FILES = [
    "content/news/random.md",
    "content/projects/gagarin-kopengagen.en.md",
    "missions/dk.md",
    "missions/xx.yml",
    "content/organizations/random.yml",
    "content/themes.yml",
]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(FILES), documents, markdownish, st.booleans())
def test_check_reports_problems_for_any_file_and_never_raises(
    scratch_repo: Path, rel: str, document: Any, body: str, front: bool
) -> None:
    path = scratch_repo / rel
    original = path.read_bytes() if path.exists() else None
    text = dump(document, None)
    if rel.endswith(".md"):
        text = f"---\n{text}---\n{body}" if front else body
    path.write_text(text, encoding="utf-8")
    try:
        _, problems = load_and_check(scratch_repo)
        for problem in problems.items:
            assert problem.path and problem.line >= 0
            assert problem.render("ru") and problem.render("en")
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


# -- rendering: nothing from elsewhere, and ordinary bodies are fast ---------------------


@settings(max_examples=600, deadline=None)
@given(markdownish)
def test_random_markdown_loads_no_image_from_another_origin(text: str) -> None:
    """design.md: no request leaves the site's origin, whatever a body says."""
    for element in parse(sanitize_html(render(text))).iter():
        if element.tag == "img" and "src" in element.attrs:
            assert is_relative_url(element.attrs["src"]), element.attrs["src"]
        assert "srcset" not in element.attrs and "style" not in element.attrs


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_image_that_would_be_dropped_is_reported(text: str) -> None:
    """An image losing its `src` is never a silent loss: `find_unsafe` names it."""
    html = render(text)
    dropped = [
        e
        for e in parse(html).iter()
        if e.tag == "img" and "src" in e.attrs and not is_relative_url(e.attrs["src"])
    ]
    if dropped:
        assert find_unsafe(text)


SLOW_PIECES = [
    "[",
    "](",
    "![",
    "<b ",
    "<a ",
    "<",
    "{",
    "*",
    "_",
    "`",
    "\n:",
    ": ",
    "    ",
    "\t",
    "> ",
    "- ",
    "!!! note\n",
    "x",
    "Текст ",
    "\n",
    "&#",
    "|",
]
slow_bodies = (
    st.lists(st.sampled_from(SLOW_PIECES), min_size=100, max_size=4_000)
    .map("".join)
    .map(lambda t: (t * (ORDINARY_CHARS // max(len(t), 1)))[:ORDINARY_CHARS])
)


@settings(max_examples=60, deadline=None)
@given(slow_bodies)
def test_ordinary_bodies_render_without_bounds(text: str) -> None:
    """`is_ordinary` lets a body skip the bounded render: it must render without one.
    The pieces are the ones that start Python-Markdown's slow paths, repeated to length;
    `bench/render_bounds.py` measures how long the slowest of them takes."""
    if not is_ordinary(text):
        return
    assert isinstance(render(text), str)


def test_strategies_reach_what_they_are_for() -> None:
    """Guards the properties above against strategies that stopped producing anything."""
    assert re.search(r"\bmissions\b", " ".join(FIELD_NAMES))
    assert dump({"a": [datetime(2026, 1, 1, tzinfo=UTC)]}, None).startswith("a:")
    assert not is_ordinary("[" * 2_000) and is_ordinary("Текст. " * 1_000)
