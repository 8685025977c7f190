"""Issue #8, what `check` enforces on hostile files: each promise of docs/security.md
that `check` keeps, one scenario each, on the valid fixture with one edit.

Pull requests come from forks, so every file under missions/ and content/ is hostile:
unsafe markup and images from other sites are errors at their file and line, internal
links must lead somewhere, media must be what their names say, no symlink is followed,
and no file, however built, makes `check` hang or crash (explicit time limits below).
The built site is tested in test_hostile_build.py, random input in test_properties.py.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from content_repo import (
    VALID,
    billion_laughs,
    front_matter,
    image_bytes,
    make_repo,
    messages,
    problems_of,
)

from generator.build.today import build_today
from generator.content import bounded_render as bodies
from generator.content import load
from generator.content.bounded_render import Site, is_ordinary, render_bounded
from generator.content.check import load_and_check
from generator.content.markdown_config import render
from generator.content.problems import Problems
from generator.content.sanitize import sanitize_html
from generator.pages.generate import generate

PROJECT = "content/projects/gagarin-kopengagen.md"
PROJECT_EN = "content/projects/gagarin-kopengagen.en.md"
UNTRANSLATED = "content/projects/inklyuzivnyi-turizm.md"
PAGE = "content/pages/about.md"
BODY = "Силами НКО за счёт спонсорских средств.\n"
"""The project's body, on line 26 of PROJECT."""
BODY_EN = "Raised by NGOs with sponsor funds.\n"
"""The translation's body, on line 5 of PROJECT_EN."""
HOSTILE = Path(__file__).parent / "hostile"
TEXT_ONLY = {"template_syntax.md", "snippet_include.md"}


def with_body(text: str) -> tuple[str, str]:
    """An edit of PROJECT: `text` appended to its body, after a blank line (line 28 on)."""
    return (BODY, BODY + "\n" + text)


def codes(root: Path) -> list[str]:
    _, problems = load_and_check(root)
    return [p.code for p in problems.sorted()]


# -- unsafe markup is an error, at the file and line where it is written ---------------


def test_script_in_a_body_is_an_error_at_its_line(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: with_body("Текст.\n\n<script>alert(1)</script>\n")}) == [
        f"{PROJECT}:30: небезопасная разметка будет удалена: <script> element"
    ]


def test_unsafe_markup_in_a_translation_names_the_translation(tmp_path: Path) -> None:
    edit = (BODY_EN, BODY_EN + "\n[x](javascript:alert(1))\n")
    assert problems_of(tmp_path, {PROJECT_EN: edit}, "en") == [
        f"{PROJECT_EN}:7: unsafe markup will be removed: javascript: URL"
    ]


def test_unsafe_markup_in_mission_descriptions_names_their_md_files(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "missions/dk.md": ("## Проекты\n", "## Проекты {: onclick=alert(1) }\n"),
            "missions/dk.en.md": ("## Projects\n", "## Projects\n\n<iframe src=x></iframe>\n"),
        },
    )
    assert messages(root, "en") == [
        "missions/dk.en.md:5: unsafe markup will be removed: <iframe> element",
        "missions/dk.md:3: unsafe markup will be removed: onclick attribute",
    ]


@pytest.mark.parametrize(
    "path", sorted(p for p in HOSTILE.glob("*.md") if p.name not in TEXT_ONLY), ids=lambda p: p.stem
)
def test_every_hostile_construct_is_an_error_of_check(tmp_path: Path, path: Path) -> None:
    """tests/hostile/: one construct per file, each reported in the project, below its
    body's first line; nothing of it reaches a build, which stops at check."""
    text = path.read_text(encoding="utf-8")
    _, problems = load_and_check(make_repo(tmp_path, {PROJECT: with_body(text)}))
    found = problems.sorted()
    assert {p.code for p in found} & {"unsafe_content", "external_image"}, path.name
    assert {p.path for p in found} == {PROJECT}
    assert all(28 <= p.line <= 28 + text.count("\n") for p in found), found


@pytest.mark.parametrize("name", sorted(TEXT_ONLY))
def test_template_and_snippet_syntax_is_text_not_an_error(tmp_path: Path, name: str) -> None:
    text = (HOSTILE / name).read_text(encoding="utf-8")
    assert problems_of(tmp_path, {PROJECT: with_body(text)}) == []


# -- no image from another origin -----------------------------------------------------

ELSEWHERE = "https://elsewhere.example/p.png"


@pytest.mark.parametrize(
    ("markdown", "url", "line"),
    [
        (f"![x]({ELSEWHERE})", ELSEWHERE, 28),
        ("![x](http://elsewhere.example/p.png)", "http://elsewhere.example/p.png", 28),
        ("![x](//elsewhere.example/p.png)", "//elsewhere.example/p.png", 28),
        (f'<img src="{ELSEWHERE}" alt="x">', ELSEWHERE, 28),
        ("<img src=//elsewhere.example/p.png>", "//elsewhere.example/p.png", 28),
        (f"![x](<{ELSEWHERE}>)", ELSEWHERE, 28),
        ("![x](https://elsewhere.example/p.png){: width=10 }", ELSEWHERE, 28),
        (f"Текст.\n\n![x][r]\n\n[r]: {ELSEWHERE}", ELSEWHERE, 32),  # where the URL is written
    ],
    ids=[
        "markdown",
        "http",
        "protocol-relative",
        "html",
        "html-unquoted",
        "angle-brackets",
        "attr-list",
        "reference",
    ],
)
def test_image_from_another_site_is_an_error(
    tmp_path: Path, markdown: str, url: str, line: int
) -> None:
    assert problems_of(tmp_path, {PROJECT: with_body(markdown + "\n")}, "en") == [
        f"{PROJECT}:{line}: an image from another site ({url}) will not be shown: put the "
        "file into content/media/ and insert it by its path from the root, e.g. "
        "/media/photo.jpg"
    ]


@pytest.mark.parametrize(
    "src",
    [
        "https://elsewhere.example/p.png",
        "HTTPS://elsewhere.example/p.png",
        "//elsewhere.example/p.png",
        "/\\elsewhere.example/p.png",
        "\\\\elsewhere.example/p.png",
        " \thttps://elsewhere.example/p.png",
        "ht\ttps://elsewhere.example/p.png",
        "https:elsewhere.example/p.png",
        "data:image/png;base64,AAAA",
        "ftp://e.example/p.png",
    ],
)
def test_sanitizer_drops_every_image_source_outside_the_site(src: str) -> None:
    """Defence in depth: even past the checker, no image makes a browser call out."""
    html = sanitize_html(f'<p><img alt="x" src="{src}"></p>')
    assert "src=" not in html and 'alt="x"' in html


@pytest.mark.parametrize("src", ["/media/gagarin.png", "../media/gagarin.png", "p.png"])
def test_images_from_the_site_keep_their_source(src: str) -> None:
    assert f'src="{src}"' in sanitize_html(f'<img src="{src}">')


def test_image_from_media_is_no_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: with_body("![Памятник](/media/gagarin.png)\n")}) == []


# -- internal links lead to a page or file of the site, and to its anchor --------------


def test_links_written_the_recommended_ways_pass(tmp_path: Path) -> None:
    links = (
        "[проект](/projects/inklyuzivnyi-turizm.md), [миссия](/missions/dk.md), "
        "[страница](/about.md), [форумы](/forums/index.md), [главная](/index.md), "
        "[файл](/media/docs/formy-diplomatii.pdf), [раздел](/missions/dk.md#проекты), "
        "[рядом](../forums/forum-oslo-2025.md), [здесь](#итоги), "
        "[снаружи](https://example.org/x)\n\n## Итоги\n"
    )
    assert problems_of(tmp_path, {PROJECT: with_body(links)}) == []


@pytest.mark.parametrize(
    ("link", "near"),
    [
        ("/forums/forum-oslo-2025/", "/forums/forum-oslo-2025.md"),
        ("/forums/forum-oslo-2025", "/forums/forum-oslo-2025.md"),
        ("/pages/about.md", "/about.md"),
        ("/content/projects/inklyuzivnyi-turizm.md", "/projects/inklyuzivnyi-turizm.md"),
        ("../../missions/dk.md#проекты", "/missions/dk.md#проекты"),
        ("/forums/", "/forums/index.md"),
        ("/projects/no-such-project.md", ""),
        ("/../../etc/passwd", ""),
    ],
)
def test_broken_link_is_an_error_that_proposes_the_page(
    tmp_path: Path, link: str, near: str
) -> None:
    """The example is the page meant when the slip is known, else a real one (#18): the
    message once always suggested `/projects/gagarin.md`, which no repository has."""
    prefix = (
        f'{PROJECT}:28: the link "{link}" leads nowhere: the site has no such page '
        "or file; link to a file by its path from the root, e.g. "
    )
    found = problems_of(tmp_path, {PROJECT: with_body(f"[x]({link})\n")}, "en")
    assert len(found) == 1 and found[0].startswith(prefix), found
    example = found[0].removeprefix(prefix)
    assert example == near or not near
    assert problems_of(tmp_path / "applied", {PROJECT: with_body(f"[x]({example})\n")}) == []


def test_relative_link_is_read_from_the_page_as_published(tmp_path: Path) -> None:
    """A free page is published at the root (`/about/`), not under pages/: the same
    `../projects/x.md` that works from an item leads out of the site from there."""
    edit = ("О союзе.\n", "О союзе. [Проект](../projects/gagarin-kopengagen.md)\n")
    assert problems_of(tmp_path, {PAGE: edit}, "en") == [
        f'{PAGE}:5: the link "../projects/gagarin-kopengagen.md" leads nowhere: the site '
        "has no such page or file; link to a file by its path from the root, e.g. "
        "/projects/gagarin-kopengagen.md"
    ]


def test_link_in_raw_html_and_reference_definition_is_checked(tmp_path: Path) -> None:
    text = '<a href="/news/nothing.md">x</a>\n\n[y][r]\n\n[r]: /news/nowhere.md\n'
    found = problems_of(tmp_path, {PROJECT: with_body(text)}, "en")
    assert [line.split(" leads")[0] for line in found] == [
        f'{PROJECT}:28: the link "/news/nothing.md"',
        f'{PROJECT}:32: the link "/news/nowhere.md"',
    ]


def test_link_shown_as_code_is_not_checked(tmp_path: Path) -> None:
    text = "`[x](/nowhere.md)`\n\n```markdown\n[y](/nowhere.md)\n```\n"
    assert problems_of(tmp_path, {PROJECT: with_body(text)}) == []


def test_missing_anchor_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: with_body("[x](/missions/dk.md#итоги)\n")}) == [
        f"{PROJECT}:28: ссылка «/missions/dk.md#итоги»: на странице из missions/dk.md нет "
        "якоря #итоги"
    ]


def test_missing_anchor_on_this_page_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {PROJECT: with_body("[x](#нет-такого)\n")}, "en") == [
        f'{PROJECT}:28: the link "#нет-такого": the page from {PROJECT} has no anchor #нет-такого'
    ]


def test_untranslated_text_needs_its_anchor_on_the_english_page_too(tmp_path: Path) -> None:
    """Without a translation the Russian text is the English page's text, and MkDocs
    checks its links there against English headings (missions/dk.en.md has "Projects")."""
    edit = (
        "Проект в стадии обсуждения.\n",
        "Проект в стадии обсуждения.\n\n[x](/missions/dk.md#проекты)\n",
    )
    assert problems_of(tmp_path, {UNTRANSLATED: edit}, "en") == [
        f'{UNTRANSLATED}:9: the link "/missions/dk.md#проекты": this text has no '
        "translation and is shown on the English page, where the page from "
        "missions/dk.en.md has no anchor #проекты; translate it in "
        "content/projects/inklyuzivnyi-turizm.en.md or link without the anchor"
    ]


def test_english_text_links_to_english_anchors(tmp_path: Path) -> None:
    edit = (BODY_EN, BODY_EN + "\n[a](/missions/dk.md#projects) [b](/missions/dk.md#проекты)\n")
    assert problems_of(tmp_path, {PROJECT_EN: edit}, "en") == [
        f'{PROJECT_EN}:7: the link "/missions/dk.md#проекты": the page from '
        "missions/dk.en.md has no anchor #проекты"
    ]


def test_checker_knows_every_page_the_generator_writes(tmp_path: Path) -> None:
    """The checker resolves links against its own list of pages: it must be the list of
    pages `generate` writes, or a valid link would be refused (or a broken one pass)."""
    content, problems = load_and_check(make_repo(tmp_path))
    assert not problems
    site = Site(content)
    for lang in ("ru", "en"):
        written = {page.path for page in generate(content, lang, build_today())}
        assert written == set(site.items) | site.fixed, lang


# -- media are what their names say, within a size limit -------------------------------

PNG = (VALID / "content/media/gagarin.png").read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("evil.png", b"<!DOCTYPE html><script>alert(1)</script>", "HTML"),
        ("evil.png", b"\n  <html><body onload=alert(1)>", "HTML"),
        ("evil.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        ("evil.gif", b'<?xml version="1.0"?><svg onload="alert(1)"/>', "XML"),
        ("evil.pdf", b"\xef\xbb\xbf<script>alert(1)</script>", "HTML"),
        ("photo.jpg", PNG, "PNG"),
    ],
)
def test_media_file_whose_bytes_are_another_format_is_an_error(
    tmp_path: Path, name: str, data: bytes, found: str
) -> None:
    ext = Path(name).suffix
    assert problems_of(tmp_path, {f"content/media/{name}": data}, "en") == [
        f"content/media/{name}: the file is named {ext}, but its first bytes say {found}: "
        "save it again in the format its extension names"
    ]


def test_media_file_of_unknown_bytes_is_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/media/scan.pdf": b"PK\x03\x04 zip"}, "en") == [
        "content/media/scan.pdf: the file is named .pdf, but its first bytes are not PDF: "
        "save it again in that format"
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", PNG),
        ("b.jpg", image_bytes(".jpg")),
        ("c.jpeg", image_bytes(".jpeg")),
        ("d.gif", image_bytes(".gif")),
        ("e.webp", image_bytes(".webp")),
        ("f.pdf", b"%PDF-2.0\n"),  # an upper-case extension is a media_name error now
    ],
)
def test_media_file_of_its_own_format_is_read(tmp_path: Path, name: str, data: bytes) -> None:
    content, problems = load_and_check(make_repo(tmp_path, {f"content/media/{name}": data}))
    assert not problems and f"media/{name}" in content.media


def test_media_size_limit_is_ten_megabytes_by_default(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    big = root / "content/media/big.png"
    big.write_bytes(PNG)
    os.truncate(big, 10 * 1024 * 1024 + 1)  # sparse: the checker must not read it all
    assert messages(root, "en") == [
        f"content/media/big.png: the file is too big ({10 * 1024 * 1024 + 1} bytes; the "
        f"limit is {10 * 1024 * 1024})"
    ]


def test_media_size_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NGO_MISSIONS_MAX_MEDIA_MB", "0.0001")  # 104 bytes
    assert problems_of(tmp_path, {}, "en") == [
        "content/media/docs/formy-diplomatii.pdf: the file is too big (329 bytes; the limit "
        "is 104)",
        'content/publications/formy-obshchestvennoi-diplomatii.md:6: field "file": there is '
        "no file content/media/docs/formy-diplomatii.pdf",
    ]
    monkeypatch.setenv("NGO_MISSIONS_MAX_MEDIA_MB", "25")
    assert load.media_limit() == 25 * 1024 * 1024


@pytest.mark.parametrize("value", ["ten", "0", "-5", "nan", "inf"])
def test_bad_media_limit_is_reported_and_the_default_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("NGO_MISSIONS_MAX_MEDIA_MB", value)
    assert problems_of(tmp_path, {}, "en") == [
        f'NGO_MISSIONS_MAX_MEDIA_MB: "{value}" is not a number of megabytes above zero; '
        "the default limit, 10, applies"
    ]
    assert load.media_limit() == 10 * 1024 * 1024


# -- no symlink is followed, anywhere ------------------------------------------------

SYMLINK = "symbolic links are not allowed: add the file itself"


def test_symlink_to_a_file_outside_the_repository_is_an_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    os.symlink("/etc/passwd", root / "content/news/passwd.md")
    os.symlink("/etc/passwd", root / "missions/se.yml")
    os.symlink("/etc/passwd", root / "content/media/passwd.png")
    assert messages(root, "en") == [
        f"content/media/passwd.png: {SYMLINK}",
        f"content/news/passwd.md: {SYMLINK}",
        f"missions/se.yml: {SYMLINK}",
    ]


def test_symlinked_folder_is_an_error_and_not_entered(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "news").mkdir(parents=True)
    (outside / "news" / "hidden.md").write_text("---\ntitle: x\n---\n<script>1</script>\n")
    root = make_repo(tmp_path)
    os.symlink(outside / "news", root / "content/routes/more")
    os.symlink(outside, root / "content/media/elsewhere")
    content, problems = load_and_check(root)
    assert [p.render("en") for p in problems.sorted()] == [
        f"content/media/elsewhere: {SYMLINK}",
        f"content/routes/more: {SYMLINK}",
    ]
    assert not any("hidden" in m or "elsewhere" in m for m in content.media)


@pytest.mark.parametrize("folder", ["content", "missions"])
def test_symlinked_root_folder_is_an_error_and_nothing_is_read(tmp_path: Path, folder: str) -> None:
    elsewhere = make_repo(tmp_path / "elsewhere")
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("content", "missions"):
        if name == folder:
            os.symlink(elsewhere / name, root / name)
        else:
            (elsewhere / name).rename(root / name)
    content, problems = load_and_check(root)
    assert [p.render("en") for p in problems.sorted()] == [f"{folder}: {SYMLINK}"]
    assert not any(content.counts().values())


# -- names that one file system would merge -------------------------------------------


MEDIA_NAME = (
    "names of files and folders in content/media/ may hold lower-case Latin letters, "
    "digits, “-”, “_” and “.” only: rename it, e.g. to "
)
"""`media_name`, which upper-case letters and Cyrillic break too (issue #20)."""


def test_media_names_differing_in_case_are_an_error(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path, {"content/media/Photo.png": PNG, "content/media/photo.png": PNG}, "en"
    ) == [
        f"content/media/Photo.png: {MEDIA_NAME}photo.png",
        'content/media/photo.png: the name differs from "content/media/Photo.png" only in '
        "letter case",
    ]


def test_media_folders_differing_in_case_are_an_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"content/media/Docs/a.png": PNG}, "en") == [
        f"content/media/Docs: {MEDIA_NAME}docs",
        'content/media/docs: the name differs from "content/media/Docs" only in letter case',
    ]


def test_media_names_differing_in_unicode_composition_are_an_error(tmp_path: Path) -> None:
    """`й` as one code point and as `и` + a combining breve: one file on macOS."""
    composed = unicodedata.normalize("NFC", "Фото-й.png")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    found = problems_of(
        tmp_path, {f"content/media/{composed}": PNG, f"content/media/{decomposed}": PNG}, "en"
    )
    assert len([m for m in found if "only in letter case" in m]) == 1


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("missions/DK.yml", "bad_slug"),
        ("content/pages/About.md", "bad_slug"),
        ("content/projects/Gagarin-Kopengagen.md", "bad_slug"),
        ("content/projects/gagarin-kopengagen.EN.md", "unknown_file"),
        ("content/Projects/gagarin-kopengagen.md", "unknown_folder"),
    ],
)
def test_upper_case_twin_of_a_content_file_is_an_error(
    tmp_path: Path, name: str, code: str
) -> None:
    """`DK.yml` beside `dk.yml`: only lower-case names are allowed, so the twin is refused
    by its name before it could collide (and MkDocs never sees two pages for one URL)."""
    twin = VALID / name.replace("DK", "dk").replace("About", "about").replace(
        ".EN.", ".en."
    ).replace("Gagarin-K", "gagarin-k").replace("Projects", "projects")
    _, problems = load_and_check(make_repo(tmp_path, {name: twin.read_bytes()}))
    assert [(p.path.rstrip("/"), p.code) for p in problems.sorted()] == [
        (name if code != "unknown_folder" else "content/Projects", code)
    ]


# -- no file makes check hang or crash: the loader's own limits stop it ---------------------------


def test_fifty_megabyte_markdown_file_is_refused_unread(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    huge = root / "content/news/huge.md"
    huge.write_text(front_matter("title: x\ndate: 2026-01-01\n"))
    os.truncate(huge, 50 * 1024 * 1024)
    found = messages(root, "en")
    assert found == [
        f"content/news/huge.md: the file is too big ({50 * 1024 * 1024} bytes; "
        f"the limit is {load.MAX_TEXT_BYTES})"
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("a <b " * 200_000, "markdown_too_slow"),  # one line of 1 MB: html.parser, quadratic
        ("[](" * 300_000, "markdown_too_slow"),  # 900 KB: the link parser, quadratic
        ("![" * 20_000, "markdown_too_slow"),
        ("".join("    " * i + "- x\n" for i in range(150)), "markdown_too_deep"),
        ("<div markdown>\n" * 1_000 + "</div>\n" * 1_000, "markdown_too_deep"),
        ("a\n: b\n" * 2_000, "markdown_too_deep"),
        ("".join("    " * i + "!!! note\n" for i in range(400)), "markdown_too_deep"),
    ],
    ids=["html-parser", "links", "images", "lists", "divs", "definitions", "admonitions"],
)
def test_body_too_costly_to_render_is_an_error_in_bounded_time(
    tmp_path: Path, body: str, code: str
) -> None:
    root = make_repo(
        tmp_path, {"content/news/hostile.md": front_matter("title: x\ndate: 2026-01-01\n", body)}
    )
    _, problems = load_and_check(root)  # the render budget, not the test, stops it
    assert [(p.path, p.line, p.code) for p in problems.sorted()] == [
        ("content/news/hostile.md", 5, code)
    ]


@pytest.mark.slow
def test_megabyte_of_ordinary_text_on_one_line_is_read(tmp_path: Path) -> None:
    body = "Обычный текст без разметки, очень длинный. " * 25_000  # ~1 MB, one line
    root = make_repo(
        tmp_path,
        {"content/news/long.md": front_matter("title: x\ndate: 2026-01-01\n", body + "\n")},
    )
    found = messages(root, "en")
    assert found == []


@pytest.mark.slow
def test_renderer_works_after_an_interrupted_body() -> None:
    with pytest.raises(bodies.TooComplex):
        render_bounded("a <b " * 200_000)
    assert render("*a*") == "<p><em>a</em></p>"


@pytest.mark.slow
def test_the_worst_ordinary_body_is_ordinary_and_renders() -> None:
    """The bounds cost nothing for ordinary bodies: the slowest ordinary body there is
    (every allowed `[` in one long paragraph) skips them; `bench/render_bounds.py`
    measures that it still renders in a fraction of a second."""
    openers = bodies.ORDINARY_COST // bodies.ORDINARY_CHARS
    worst = "[" * openers + "x" * (bodies.ORDINARY_CHARS - openers)
    assert is_ordinary(worst) and not is_ordinary(worst + "[")
    assert render(worst).startswith("<p>[")


def test_billion_laughs_in_front_matter_fails_fast(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/news/laughs.md": front_matter(billion_laughs())})
    found = messages(root, "en")
    assert len(found) == 1 and "too many values" in found[0]


@pytest.mark.slow
def test_deeply_nested_front_matter_fails_fast(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {"content/news/deep.md": front_matter("title: " + "[" * 40_000 + "]" * 40_000 + "\n")},
    )
    found = messages(root, "en")
    assert len(found) == 1 and "nested too deep" in found[0]


def test_front_matter_of_a_megabyte_is_refused_unparsed(tmp_path: Path) -> None:
    keys = "".join(f"k{i}: v\n" for i in range(150_000))  # ~1.5 MB of fields
    root = make_repo(tmp_path, {"content/news/wide.md": front_matter(keys)})
    found = messages(root, "en")
    assert found == [
        f"content/news/wide.md:1: the YAML data is too long ({len(keys) + 1} "
        f"characters; the limit is {load.MAX_YAML_CHARS}): shorten it or split "
        "the file"
    ]


@pytest.mark.slow
def test_longest_front_matter_allowed_is_parsed(tmp_path: Path) -> None:
    """Many `:` send a document to the pure-Python composer (yamlread.C_SAFE_DEPTH);
    `bench/render_bounds.py` measures its time."""
    keys = "".join(f"k{i}: [v]\n" for i in range(load.MAX_YAML_CHARS // 12))
    assert len(keys) < load.MAX_YAML_CHARS
    root = make_repo(tmp_path, {"content/news/wide.md": front_matter(keys)})
    _, problems = load_and_check(root)
    assert problems  # read to the end: its 150,000 unknown fields are reported


@pytest.mark.slow
def test_more_files_than_the_limit_stops_the_check_before_reading(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    folder = root / "content/news"
    for n in range(load.MAX_FILES + 1):
        (folder / f"n{n}.md").touch()
    found = messages(root, "en")
    assert found == [
        f"content: missions/ and content/ hold more than {load.MAX_FILES} files "
        "and folders: the check stopped without reading them"
    ]


@pytest.mark.slow
def test_media_nested_a_thousand_folders_deep_does_not_crash() -> None:
    # Outside pytest's tmp_path: its clean-up recurses and would fail on this tree in a
    # later run, for everyone, if this test were ever killed before removing it.
    root = make_repo(Path(tempfile.mkdtemp(prefix="deep-media-")))
    folder = root / "content/media/d"
    try:
        for _ in range(1_000):
            folder.mkdir()
            folder = folder / "d"
        (folder.parent / "deep.png").write_bytes(PNG)
        content, problems = load_and_check(root)
        assert not problems and "media/" + "d/" * 1_000 + "deep.png" in content.media
    finally:
        remove_tree(root.parent)


def remove_tree(top: Path) -> None:
    """`shutil.rmtree` without recursion."""
    folders, stack = [], [top]
    while stack:
        folders.append(stack.pop())
        for entry in os.scandir(folders[-1]):
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                os.unlink(entry.path)
    for folder in reversed(folders):
        folder.rmdir()


def test_deeply_nested_folders_count_without_recursion() -> None:
    assert load.count_entries(Path("/nonexistent"), 10) == 0


def test_load_runs_in_any_thread_without_a_time_limit() -> None:
    """MkDocs' `serve` rebuilds in a thread, where no signal arrives: the stack limit
    still turns a too-deep body into a problem instead of a crash."""
    import threading

    result: list[str] = []

    def run() -> None:
        try:
            render_bounded("<div markdown>\n" * 1_000 + "</div>\n" * 1_000)
        except bodies.TooComplex as exc:
            result.append(exc.code)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert result == ["markdown_too_deep"]


@pytest.mark.slow
def test_problems_collects_every_bound_in_one_run(tmp_path: Path) -> None:
    root = make_repo(
        tmp_path,
        {
            "content/news/slow.md": front_matter("title: x\ndate: 2026-01-01\n", "[](" * 100_000),
            "content/news/deep.md": front_matter(
                "title: y\ndate: 2026-01-01\n", "<div markdown>\n" * 500 + "</div>\n" * 500
            ),
            PROJECT: with_body("<script>1</script>\n"),
        },
    )
    _, problems = load_and_check(root)
    assert sorted(p.code for p in problems.items) == [
        "markdown_too_deep",
        "markdown_too_slow",
        "unsafe_content",
    ]
    assert isinstance(problems, Problems)


# -- the promises' page names real tests ------------------------------------------------


def test_security_doc_names_real_tests() -> None:
    """docs/security.md lists, for each promise, the tests that keep it: each must exist."""
    tests = Path(__file__).parent
    doc = (tests.parent / "docs" / "security.md").read_text(encoding="utf-8")
    named = re.findall(r"`tests/(\w+\.py)::(\w+)`", doc)
    assert len(named) > 60
    missing = [
        f"{module}::{name}"
        for module, name in named
        if f"def {name}(" not in (tests / module).read_text(encoding="utf-8")
    ]
    assert missing == []
    promises = re.findall(r"^(\d+)\. ", doc.split("## How each")[0], re.MULTILINE)
    sections = re.findall(r"^### (\d+)\. ", doc, re.MULTILINE)
    assert promises == sections == [str(n) for n in range(1, len(promises) + 1)]
