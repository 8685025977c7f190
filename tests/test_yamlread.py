"""The strict YAML reader: every scalar as written, with its line; hostile input refused."""

from __future__ import annotations

import pytest
from content_repo import billion_laughs

from generator.content import yamlread
from generator.content.yamlread import (
    MAX_DEPTH,
    MAX_NODES,
    Mapping,
    Scalar,
    Sequence,
    YamlProblem,
    read_yaml,
    to_plain,
)


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run every rule through both composers: libyaml for speed, Python for deep input.

    The two once disagreed: libyaml marks plain scalars with style "" and Python with
    None, and `end:` left empty stopped counting as empty.
    """
    if request.param == "python":
        monkeypatch.setattr(yamlread, "C_SAFE_DEPTH", -1)
    return str(request.param)


def plain(text: str) -> object:
    return to_plain(read_yaml(text))


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        read_yaml(text)
    return caught.value


# Scalars are read as written (YAML 1.2 core, and no implicit types at all)


def test_norway_code_stays_a_string() -> None:
    assert plain("missions: [no]\ncountry: no\n") == {"missions": ["no"], "country": "no"}


@pytest.mark.parametrize("word", ["no", "No", "NO", "off", "Off", "on", "y", "Y", "n", "yes"])
def test_yaml_1_1_booleans_stay_strings(word: str) -> None:
    assert plain(f"value: {word}") == {"value": word}


def test_phone_number_with_plus_stays_a_string() -> None:
    assert plain("phone: +4530123456\nspaced: +45 33 12 34 56\n") == {
        "phone": "+4530123456",
        "spaced": "+45 33 12 34 56",
    }


def test_leading_zero_is_kept() -> None:
    assert plain("postcode: 0123") == {"postcode": "0123"}


def test_octal_is_not_converted() -> None:
    assert plain("a: 0o17\nb: 017\nc: 0x1F\n") == {"a": "0o17", "b": "017", "c": "0x1F"}


def test_sexagesimal_is_not_a_number() -> None:
    assert plain("duration: 1:20\nlong: 190:20:30\n") == {"duration": "1:20", "long": "190:20:30"}


def test_decimal_keeps_its_trailing_zero() -> None:
    assert plain("version: 1.10\nbig: 1e3\n") == {"version": "1.10", "big": "1e3"}


def test_dates_and_years_stay_text_for_fields_to_read() -> None:
    assert plain("date: 2026-05-14\nstart: 2015\n") == {"date": "2026-05-14", "start": "2015"}


def test_plain_null_is_marked_and_quoted_null_is_text() -> None:
    node = read_yaml('a:\nb: ~\nc: null\nd: ""\ne: "null"\n')
    assert isinstance(node, Mapping)
    nulls = {
        key: value.is_null for key, (_, value) in node.entries.items() if isinstance(value, Scalar)
    }
    assert nulls == {"a": True, "b": True, "c": True, "d": False, "e": False}


def test_empty_document_is_none() -> None:
    assert read_yaml("") is None
    assert read_yaml("# only a comment\n") is None


# Lines


def test_line_of_every_key_and_list_item_is_kept() -> None:
    node = read_yaml("title: x\n\nmissions:\n  - dk\n  - 'no'\nleader:\n  name: A\n")
    assert isinstance(node, Mapping)
    assert {key: line for key, (line, _) in node.entries.items()} == {
        "title": 1,
        "missions": 3,
        "leader": 6,
    }
    missions = node.entries["missions"][1]
    assert isinstance(missions, Sequence)
    assert [(item.line, to_plain(item)) for item in missions.items] == [(4, "dk"), (5, "no")]
    leader = node.entries["leader"][1]
    assert isinstance(leader, Mapping)
    assert leader.entries["name"][0] == 7


def test_quoted_scalar_is_not_plain() -> None:
    node = read_yaml("a: 'no'\nb: no\n")
    assert isinstance(node, Mapping)
    assert [value.plain for _, value in node.entries.values() if isinstance(value, Scalar)] == [
        False,
        True,
    ]


# Duplicate keys


def test_duplicate_key_is_rejected_with_both_lines() -> None:
    found = problem("title: a\nstatus: active\ntitle: b\n")
    assert (found.line, found.code, found.params) == (
        3,
        "duplicate_key",
        {"key": "title", "first": 1},
    )


def test_duplicate_key_in_a_nested_map_is_rejected() -> None:
    found = problem("leader:\n  name: a\n  role: b\n  name: c\n")
    assert (found.line, found.code, found.params) == (
        4,
        "duplicate_key",
        {"key": "name", "first": 2},
    )


def test_duplicate_key_in_a_flow_map_is_rejected() -> None:
    assert problem("title: {ru: a, ru: b}\n").code == "duplicate_key"


# Tags


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['echo hacked']",
        "!!python/name:os.system",
        "!!python/object:collections.OrderedDict {}",
        "!!int 3",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!custom thing",
    ],
)
def test_object_tags_are_rejected(value: str) -> None:
    found = problem(f"title: ok\nfield: {value}\n")
    assert (found.line, found.code) == (2, "yaml_tag")


def test_python_tag_is_named_in_the_problem() -> None:
    found = problem("x: !!python/object/apply:os.system ['true']\n")
    assert found.params == {"tag": "tag:yaml.org,2002:python/object/apply:os.system"}


def test_string_tag_is_allowed() -> None:
    assert plain("code: !!str no") == {"code": "no"}


def test_complex_key_is_rejected() -> None:
    found = problem("? [a, b]\n: value\n")
    assert (found.line, found.code) == (1, "yaml_complex_key")


# Aliases and nesting


def test_billion_laughs_fails_fast() -> None:
    found = problem(billion_laughs())  # refused by the node limit, not expanded
    assert (found.code, found.params) == ("yaml_too_big", {"limit": MAX_NODES})
    assert found.line == 5  # `e:` is the first field that expands past the limit


def test_small_alias_is_expanded() -> None:
    assert plain("a: &x [dk, de]\nb: *x\n") == {"a": ["dk", "de"], "b": ["dk", "de"]}


def test_recursive_alias_is_refused() -> None:
    assert problem("a: &x [*x]\n").code in ("yaml_too_deep", "yaml_syntax")


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    depth = MAX_DEPTH + 5
    found = problem("a: " + "[" * depth + "]" * depth + "\n")
    assert (found.code, found.params) == ("yaml_too_deep", {"limit": MAX_DEPTH})


@pytest.mark.slow
@pytest.mark.parametrize("opener", ["[", "- ", "[a: ", "{a: "])
def test_hostile_nesting_fails_fast_without_crashing(opener: str) -> None:
    # 200,000 levels overflowed libyaml's recursive C composer and killed the process.
    depth = 200_000
    closer = {"[": "]", "- ": "", "[a: ": "]", "{a: ": "}"}[opener]
    found = problem("a: " * (opener == "[") + opener * depth + "x" + closer * depth)
    assert found.code in ("yaml_too_deep", "yaml_syntax")


def test_nesting_within_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    assert plain("a: " + "[" * depth + "x" + "]" * depth) is not None


# Syntax errors


def test_syntax_error_names_its_line() -> None:
    found = problem("title: ok\nmissions: [dk\nstatus: active\n")
    assert found.code == "yaml_syntax"
    assert found.line in (2, 3)


def test_tab_indentation_is_a_syntax_error_on_its_line() -> None:
    found = problem("title: ok\nleader:\n\tname: A\n")
    assert (found.line, found.code) == (3, "yaml_syntax")


def test_two_documents_are_a_syntax_error() -> None:
    assert problem("a: 1\n---\nb: 2\n").code == "yaml_syntax"
