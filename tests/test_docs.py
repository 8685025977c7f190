"""The editor's guide cannot drift from the code: every field, every message, and
examples that `check` accepts as they are written.

The guide's examples are fenced blocks titled with the file they show
(```` ```yaml title="missions/dk.yml" ````); these tests write them into a
repository and check it, so an example that stops being valid fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from content_repo import image_bytes

from generator.content.check import load_and_check
from generator.content.fields import Field, ListOf, Struct
from generator.content.load import split_front_matter
from generator.content.messages import CATALOGUE
from generator.content.models import COLLECTIONS
from generator.content.problems import Problems

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "editors-guide.md"
PAGE = ROOT / "content" / "pages" / "contributing.md"
PAGE_EN = ROOT / "content" / "pages" / "contributing.en.md"

EXAMPLE = re.compile(r'^```\w+ title="([^"]+)"\n(.*?)^```$', re.MULTILINE | re.DOTALL)
MEDIA_PATH = re.compile(r"\bmedia/[\w./-]+\.\w+")
MEDIA_HEADS = {
    **{ext: image_bytes(ext) for ext in (".png", ".jpg", ".jpeg", ".gif", ".webp")},
    ".pdf": b"%PDF-1.7\n",
}
"""A file of each media type: `check` reads them (a `.png` must be a PNG it can decode)."""


def examples(text: str) -> dict[str, str]:
    """File path -> text of every titled example block."""
    found: dict[str, str] = {}
    for path, body in EXAMPLE.findall(text):
        assert path not in found, f"two examples of {path}"
        found[path] = body
    return found


def shown(template: str) -> str:
    """A message as an editor reads it: `{{`/`}}` are `str.format` escapes."""
    return template.replace("{{", "{").replace("}}", "}")


def subfields(spec: Field) -> list[str]:
    inner = spec.item if isinstance(spec, ListOf) else spec
    return list(inner.fields) if isinstance(inner, Struct) else []


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_field_is_in_an_example_of_its_collection(guide: str, collection: str) -> None:
    folder = COLLECTIONS[collection].folder + "/"
    blocks = "\n".join(
        body
        for path, body in examples(guide).items()
        if path.startswith(folder) and not path.endswith(".en.md")
    )
    assert blocks, f"no example of {collection}"
    for name, spec in COLLECTIONS[collection].model.fields().items():
        assert re.search(rf"^{name}:", blocks, re.MULTILINE), f"{collection}: {name}"
        for sub in subfields(spec):
            assert re.search(rf"^\s+(- )?{sub}:", blocks, re.MULTILINE), f"{name}.{sub}"


@pytest.mark.parametrize("code", list(CATALOGUE))
def test_every_message_is_explained_in_russian(guide: str, code: str) -> None:
    row = next((line for line in guide.splitlines() if line.startswith(f"| `{code}` |")), None)
    assert row is not None, f"no row for {code}"
    assert f"| `{shown(CATALOGUE[code]['ru'])}` |" in row
    explanation = row.rstrip(" |").rsplit(" | ", 1)[1]
    assert len(explanation) > 10, f"{code}: say what to do"


def test_examples_pass_check_as_written(guide: str, tmp_path: Path) -> None:
    blocks = examples(guide)
    for path, body in blocks.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    for media in set(MEDIA_PATH.findall("\n".join(blocks.values()))):
        target = tmp_path / "content" / media
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(MEDIA_HEADS[target.suffix.lower()])
    content, problems = load_and_check(tmp_path)
    assert [p.render("en") for p in problems.sorted()] == []
    assert all(content.items[name] for name in COLLECTIONS), content.counts()


def test_the_site_page_is_the_guide(guide: str) -> None:
    """`content/pages/contributing.md` publishes the guide: the same text under a title."""
    page = PAGE.read_text(encoding="utf-8")
    parts = split_front_matter(page, str(PAGE), Problems())
    assert parts is not None
    heading, _, body = guide.partition("\n\n")
    assert heading == "# Руководство редактора"
    assert parts.body.lstrip("\n") == body


def test_the_english_page_is_english_and_lists_every_message() -> None:
    page = PAGE_EN.read_text(encoding="utf-8")
    letters = re.findall(r"[^\W\d_]", page)
    cyrillic = [c for c in letters if "а" <= c.lower() <= "я" or c.lower() == "ё"]
    assert len(cyrillic) < len(letters) / 20, "mostly Russian"
    for code, texts in CATALOGUE.items():
        assert f"| `{code}` | `{shown(texts['en'])}` |" in page, code


@pytest.mark.parametrize("path", [GUIDE, PAGE, PAGE_EN], ids=lambda p: p.name)
def test_pages_hold_no_template_syntax_and_no_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "{{" not in text and "{%" not in text
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```$", "", text, flags=re.M | re.S))
    assert not re.search(r"<[a-zA-Z/!?]", prose)
