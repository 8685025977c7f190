"""Item pages filled into shells of Material's output (generator/page_shell.py, #9).

The promise: a page from a shell is byte for byte the page the template renders. It is
checked here three ways: on a synthetic repository built with and without shells, with
every page compared inside the build (`NGO_MISSIONS_SHELL_CHECK=all`), and on small
templates that use values the ways Material's do (escaped, raw, stripped of tags) or in
ways a shell cannot reproduce (shortened, measured).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup
from site_files import site_files

from generator.engine.speedups.page_shells import (
    CHECK_EVERY,
    ShellMismatch,
    Shells,
    read_shell,
    take_apart,
)

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

ROOT = Path(__file__).resolve().parent.parent


# -- a whole build -------------------------------------------------------------------------


def build(repo: Path, site: Path, **env: str) -> None:
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--root",
        str(repo),
        "--site-dir",
        str(site),
        "--today",
        "2026-11-29",
        "--lang",
        "en",
    ]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def synthetic(synthetic_repo: Callable[[int, int], Path]) -> Path:
    return synthetic_repo(150, 3)


def test_pages_from_shells_are_the_pages_the_templates_render(
    synthetic: Path, tmp_path: Path
) -> None:
    build(synthetic, tmp_path / "plain", NGO_MISSIONS_NO_SHELL="1")
    build(synthetic, tmp_path / "shells")
    plain, shells = site_files(tmp_path / "plain"), site_files(tmp_path / "shells")
    assert sorted(plain) == sorted(shells)
    assert len([p for p in plain if p.endswith(".html")]) > 300
    different = [path for path in plain if plain[path] != shells[path]]
    assert different == []


def test_every_page_of_a_build_compared_inside_it(synthetic: Path, tmp_path: Path) -> None:
    # A difference after a shape was verified raises ShellMismatch and fails the build.
    build(synthetic, tmp_path / "site", NGO_MISSIONS_SHELL_CHECK="all")


# -- small templates -------------------------------------------------------------------------


@dataclass
class FakeFile:
    url: str


@dataclass
class FakePage:
    """What the shells read of an MkDocs page."""

    url_: str
    meta: dict[str, Any]
    content: str
    toc: list[Any] = field(default_factory=list)
    is_homepage: bool = False
    edit_url: str | None = None
    canonical_url: str | None = None
    abs_url: str | None = None

    def __post_init__(self) -> None:
        self.file = FakeFile(self.url_)

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def title(self) -> str:
        return self.meta["title"]


def page(
    slug: str,
    title: str,
    description: str = "Описание",
    body: str = "<p>Текст</p>",
) -> FakePage:
    return FakePage(f"news/{slug}/", {"title": title, "description": description}, body)


def shells_for(source: str) -> tuple[Shells, jinja2.Template]:
    env = jinja2.Environment(autoescape=False)
    template = env.from_string(source)
    return Shells(template.render, lambda page: True), template


MATERIAL_LIKE = (
    "<title>{{ page.meta.title | striptags | e }} - Сайт</title>\n"
    '<meta name="description" content="{{ page.meta.description | e }}">\n'
    "<h1>{{ page.title }}</h1>{{ page.content }}\n"
    '<a href="../{{ page.url }}">{{ page.title | striptags }}</a>'
)

TITLES = [
    "Форум «Ростки» & партнёры",
    '<span lang="ru">Новости</span>',
    "A < B > C",
    "Кавычки \"двойные\" и 'одинарные'",
    "Просто",
    "Ещё одна",
    "И ещё",
    "Последняя",
]


def test_shells_reproduce_escaped_raw_and_stripped_values() -> None:
    shells, template = shells_for(MATERIAL_LIKE)
    for i, title in enumerate(TITLES * 3):
        p = page(
            f"item-{i}",
            title,
            description=f"{title} — описание № {i}",
            body=f"<p>Тело {i} &amp; <em>{title}</em></p>",
        )
        assert shells({"page": p}) == template.render(page=p)
    assert shells.filled > 0
    assert len(shells.kinds) <= 3  # Markup or not, title with spaces at the ends or not


def test_markup_values_are_not_escaped_twice() -> None:
    shells, template = shells_for(MATERIAL_LIKE)
    for i in range(6):
        p = page(f"m-{i}", Markup(f'<span lang="ru">Заголовок {i} &amp; Co</span>'))
        assert shells({"page": p}) == template.render(page=p)
    assert shells.filled > 0


def test_a_value_that_decides_markup_is_never_filled_unverified() -> None:
    # `length` reads the value: the probe's marker has another length than the page's.
    source = "{% if page.title | length > 12 %}long{% else %}short{% endif %}: {{ page.title }}"
    shells, template = shells_for(source)
    titles = ["Короткий", "Тоже короткий", "Очень длинный заголовок", "Кратко", "Длиннее, чем надо"]
    for i, title in enumerate(titles * 2):
        p = page(f"t-{i}", title)
        assert shells({"page": p}) == template.render(page=p)


def test_a_difference_after_verification_fails_loudly() -> None:
    # Two short titles verify the shape; a long one then differs at the next check.
    source = "{% if page.title | length > 30 %}long{% endif %}{{ page.title }}"
    shells, template = shells_for(source)
    shells.check_all = True
    for i, title in enumerate(["Один", "Два", "Три"]):
        p = page(f"s-{i}", title)
        assert shells({"page": p}) == template.render(page=p)
    with pytest.raises(ShellMismatch, match="news/s-9/"):
        shells({"page": page("s-9", "Заголовок длиннее тридцати знаков, чтобы отличаться")})


def test_pages_are_compared_every_so_often() -> None:
    shells, _ = shells_for(MATERIAL_LIKE)
    for i in range(2 * CHECK_EVERY + 2):
        shells({"page": page(f"c-{i}", f"Заголовок {i}")})
    assert shells.rendered == 2 + 2  # the first two pages, then every CHECK_EVERY-th


def test_a_shortened_value_makes_no_shell() -> None:
    marker_plain = take_apart(page("x", "Заголовок"), lambda i, traced: f"\ue000{i}\ue001")[1]
    template = jinja2.Environment().from_string("{{ page.title | truncate(1, true, '', 0) }}")
    plain = template.render(page=marker_plain)
    assert read_shell(plain, plain, set()) is None


def test_values_holding_marker_characters_are_rendered_as_usual() -> None:
    shells, template = shells_for(MATERIAL_LIKE)
    for i in range(5):
        p = page(f"u-{i}", f"Заголовок \ue000{i}\ue001")
        assert shells({"page": p}) == template.render(page=p)
    assert shells.filled == 0


def test_most_item_pages_come_from_shells(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.build.orchestrator import BuildOptions
    from generator.build.orchestrator import build as build_site
    from generator.engine.speedups import page_shells as page_shell

    installed: list[Shells] = []
    original = page_shell.install

    def install(*args: Any, **kwargs: Any) -> Shells | None:
        shells = original(*args, **kwargs)
        installed.append(shells)
        return shells

    monkeypatch.setattr(page_shell, "install", install)
    monkeypatch.delenv("NGO_MISSIONS_NO_SHELL", raising=False)
    build_site(
        BuildOptions(synthetic, tmp_path / "site", today="2026-11-29", parallel=False, quiet=True)
    )
    assert len(installed) == 2  # one per language
    for shells in installed:
        pages = shells.filled + shells.rendered
        assert pages > 150
        assert shells.filled >= pages // 3  # ~40 shapes: each one verified on two pages first
