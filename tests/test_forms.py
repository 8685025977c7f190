"""The web form's data (generator/contrib/forms.py) and the file it writes (issue #22).

The browser tests (tests/browser/test_submit.py) drive the form itself; these pin the
document it reads: every field of every model is in it, with the lines and messages
`new` and `check` use, so the form cannot fall behind the models.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.fields import ListOf, Struct
from generator.content.messages import CATALOGUE
from generator.content.models import COLLECTIONS
from generator.content.yamlread import Mapping, Scalar, read_yaml
from generator.contrib.forge import MAX_URL, new_file_form
from generator.contrib.forms import FORM_COLLECTIONS, MESSAGES, forms_document
from generator.contrib.scaffold import PLAIN, Request, render, yaml_scalar
from generator.pages.labels import UI
from tests.content_repo import make_repo


def _form(name: str) -> dict:
    [form] = [c for c in forms_document()["collections"] if c["name"] == name]
    return form


@pytest.mark.parametrize("collection", FORM_COLLECTIONS)
def test_form_offers_every_field_of_the_model_in_its_order(collection: str) -> None:
    fields = COLLECTIONS[collection].model.fields()
    form = _form(collection)
    assert [f["name"] for f in form["fields"]] == list(fields)
    for entry in form["fields"]:
        spec = fields[entry["name"]]
        inner = spec.item if isinstance(spec, ListOf) else spec
        assert entry["required"] == spec.required
        assert entry["list"] == isinstance(spec, ListOf)
        assert entry["kind"] == inner.kind
        if isinstance(inner, Struct):
            assert [sub["name"] for sub in entry["fields"]] == list(inner.fields)


def test_every_field_of_a_form_has_a_label_in_both_languages() -> None:
    names = set()
    for collection in FORM_COLLECTIONS:
        for name, spec in COLLECTIONS[collection].model.fields().items():
            names.add(name)
            inner = spec.item if isinstance(spec, ListOf) else spec
            names.update(inner.fields if isinstance(inner, Struct) else ())
    missing = {name for name in names if not {"ru", "en"} <= set(UI.get(f"field.{name}", {}))}
    assert missing == set()


def test_form_messages_are_checks_own() -> None:
    document = forms_document()
    assert document["messages"] == {code: CATALOGUE[code] for code in MESSAGES}


def test_unset_lines_are_what_new_writes_for_an_empty_form() -> None:
    """With no value given, the form's lines are the scaffold's, field by field."""
    form = _form("proposals")
    text = render(Request("proposals", slug="x", lang="en"))
    lines = form["head"]["en"] + [line for f in form["fields"] for line in f["unset"]["en"]]
    lines += [line.replace("{slug}", "x") for line in form["tail"]["en"]]
    assert text == "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("edit_base", "expected"),
    [
        (
            "https://github.com/soyuz/missions/edit/main/",
            ("github", "https://github.com/soyuz/missions/new/main/", "filename", "value"),
        ),
        (
            "https://gitlab.com/group/sub/site/-/edit/main/",
            ("gitlab", "https://gitlab.com/group/sub/site/-/new/main/", "file_name", "content"),
        ),
        (
            "https://git.example.org/ngo/site/-/edit/release/2027/",
            (
                "gitlab",
                "https://git.example.org/ngo/site/-/new/release/2027/",
                "file_name",
                "content",
            ),
        ),
    ],
)
def test_forge_new_file_page_from_the_edit_base(edit_base: str, expected: tuple) -> None:
    form = new_file_form(edit_base)
    assert form is not None
    assert (form["forge"], form["base"], form["name_param"], form["text_param"]) == expected
    assert form["max_url"] == MAX_URL


@pytest.mark.parametrize(
    "edit_base", ["", "https://codeberg.org/u/r/_edit/main/", "javascript:alert(1)//edit/x/"]
)
def test_unknown_forge_offers_no_new_file_page(edit_base: str) -> None:
    assert new_file_form(edit_base) is None
    assert forms_document(edit_base)["forge"] is None


_PLAIN_ALPHABET = string.ascii_letters + string.digits + "АяЁё .,;()«»'\"/№+_-:#[]{}&*!|>%@`?"


@given(
    st.one_of(
        st.text(alphabet=_PLAIN_ALPHABET, min_size=1, max_size=30),
        st.sampled_from(["null", "Null", "NULL", "~", "no", "0123", "1.10", "2026-05-14"]),
    )
)
def test_a_value_plain_by_the_pattern_reads_back_unchanged(value: str) -> None:
    """The browser quotes by `PLAIN` alone; the reader must agree wherever it allows."""
    value = value.strip()
    for flow in (False, True):
        if PLAIN.fullmatch(value) and not (flow and "," in value):
            assert yaml_scalar(value, flow) == value
        text = f"k: [{yaml_scalar(value, flow)}]\n" if flow else f"k: {yaml_scalar(value)}\n"
        node = read_yaml(text)
        assert isinstance(node, Mapping)
        read = node.entries["k"][1]
        read = read.items[0] if flow else read  # type: ignore[union-attr]
        assert isinstance(read, Scalar) and read.value == value


def test_values_and_body_give_a_file_check_accepts(tmp_path: Path) -> None:
    values = {
        "title": "Проект: «Пример»",
        "missions": ["dk"],
        "start": "2015",
        "status": "completed",
        "funding": [{"source": "Спонсоры, фонды", "kind": "sponsor"}, {"source": "", "kind": ""}],
        "location": {"city": "Копенгаген", "country": ""},
        "summary": "",
    }
    text = render(Request("projects", slug="primer", values=values, body="Текст.\r\n\r\n"))
    assert '  - source: "Спонсоры, фонды"' not in text  # block context: a comma stays plain
    assert "  - source: Спонсоры, фонды" in text
    assert "# summary:" in text  # an empty value leaves the field commented out
    assert text.endswith("---\nТекст.\n")
    root = make_repo(tmp_path, {"content/projects/primer.md": text})
    _, problems = load_and_check(root)
    assert [p.render() for p in problems.sorted()] == []
