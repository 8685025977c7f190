"""Material's and Python-Markdown's markup made valid and worded per language (#17)."""

from __future__ import annotations

import jinja2
import pytest

from generator.content.markdown_config import render
from generator.content.sanitize import sanitize_html
from generator.engine.material_markup import (
    PATCHES,
    MaterialMarkupError,
    Patch,
    PatchedLoader,
    title_permalinks,
)

BASE = (
    '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">\n<input class="md-toggle" data-md-toggle="search" type="checkbox" '
    'id="__search" autocomplete="off"></body>'
)


def environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=PatchedLoader(jinja2.DictLoader(templates)))


def test_header_toggles_lose_autocomplete_and_nothing_else() -> None:
    html = environment({"base.html": BASE}).get_template("base.html").render()
    assert "autocomplete" not in html
    assert html.count('type="checkbox"') == 2
    assert 'id="__drawer"' in html and 'id="__search"' in html


def test_a_material_release_without_the_markup_fails_the_build() -> None:
    env = environment({"base.html": "<body></body>"})
    with pytest.raises(MaterialMarkupError, match="the markup to replace is gone"):
        env.get_template("base.html")


def test_other_templates_pass_unchanged() -> None:
    env = environment({"main.html": BASE})
    assert env.get_template("main.html").render() == BASE


def test_every_patch_still_applies_to_the_installed_material() -> None:
    """The pinned Material still has each text a patch replaces (else the build fails)."""
    from material import templates

    loader = PatchedLoader(jinja2.PackageLoader(templates.__name__, "."))
    env = jinja2.Environment(loader=loader)
    for patch in PATCHES:
        source, _, _ = loader.get_source(env, patch.template)
        assert patch.old not in source and patch.new in source
    assert all(isinstance(p, Patch) and p.why for p in PATCHES)


@pytest.mark.parametrize(
    ("lang", "title"), [("ru", "Ссылка на этот раздел"), ("en", "Link to this section")]
)
def test_permalinks_are_titled_in_the_pages_language(lang: str, title: str) -> None:
    body = sanitize_html(render("## Миссия\n\n### Итоги"))
    titled = title_permalinks(body, lang)
    assert titled.count(f'title="{title}"') == 2
    assert "Permanent link" not in titled


def test_a_body_without_headings_is_returned_as_it_is() -> None:
    body = sanitize_html(render("Текст."))
    assert title_permalinks(body, "ru") is body
