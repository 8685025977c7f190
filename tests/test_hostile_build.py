"""Issue #8, the built site: hostile content, built by the real command line, read back
with a real HTML parser (`tests/htmlparse.py`, the standard library's `html.parser`).

`tests/hostile_repo/` passes `check` and puts a payload into every text field that
reaches a page (titles, summaries, names, cities, alt texts, authors, theme labels) and
template and include syntax into bodies; its README lists them. Its built pages must
hold no script but the theme's, no `on*` attribute, no `javascript:`/`data:`/`vbscript:`
URL, nothing fetched from another origin, and nothing of the build machine; every
payload shows as the text that was written, and legitimate markup survives.

Bodies with unsafe markup (`tests/hostile/`) never reach a build: `build` refuses them
with every file and line. Past that refusal, the sanitizer still cleans them: a build
with the checker's body rules switched off is held to the same rules.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cli
from generator.build.output_folder import MARKER
from generator.content import check
from tests.htmlparse import Element, parse

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

PROJECT = Path(__file__).resolve().parent.parent
HOSTILE_REPO = Path(__file__).resolve().parent / "hostile_repo"
HOSTILE_BODIES = Path(__file__).resolve().parent / "hostile"
VALID = Path(__file__).resolve().parent / "fixtures" / "valid"
TODAY = "2030-01-15"
CANARY = "canary-3f9c1e7a-not-for-the-site"
"""An environment variable's value in the build's environment: no page may show it."""

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "</title><script>alert(4)</script>",
    "</script><script>alert(9)</script>",
    "' onmouseover='alert(11)",
    "&lt;script&gt;alert(13)&lt;/script&gt;",
    "{{ config }}",
    '{% include "base.html" %}',
    '--8<-- "/etc/passwd"',
]
"""Every string the fixture plants; each must come out as this very text somewhere."""

SCHEMES_THAT_RUN = ("javascript", "data", "vbscript")
NOT_IN_CONTENT = {
    "script",
    "style",
    "link",
    "meta",
    "base",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "form",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "template",
    "noscript",
}
"""Elements no page's content area holds, bar what the generator itself draws there (the
missions map is an inline `<svg>`): see `Theme.article_tags`."""
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "background",
    "xlink:href",
    "ping",
    "cite",
)
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "dns-prefetch",
    "preconnect",
}
JSON_TYPES = {"application/json", "application/ld+json"}


# -- building ------------------------------------------------------------------------


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "NGO_CANARY_SECRET": CANARY}


def run_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--root",
        str(root),
        "--site-dir",
        str(site_dir),
        "--today",
        TODAY,
        "--lang",
        "en",
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=environment(),
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = run_build(HOSTILE_REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture, built: its inline scripts are the theme's own."""
    site = tmp_path_factory.mktemp("clean") / "site"
    result = run_build(VALID, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def with_hostile_bodies(tmp_path: Path) -> tuple[Path, list[str]]:
    """The hostile repository plus one news item per file of tests/hostile/."""
    root = tmp_path / "repo"
    shutil.copytree(HOSTILE_REPO, root)
    sources = []
    for n, path in enumerate(sorted(HOSTILE_BODIES.glob("*.md"))):
        rel = f"content/news/h{n:02d}-{path.stem.replace('_', '-')}.md"
        body = path.read_text(encoding="utf-8")
        (root / rel).write_text(
            f"---\ntitle: {path.stem}\ndate: 2026-01-01\n---\n{body}", encoding="utf-8"
        )
        sources.append(rel)
    return root, sources


# -- reading the built site ------------------------------------------------------------


def pages(site: Path) -> Iterator[tuple[str, Element]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), parse(path.read_text(encoding="utf-8"))


def text_of(element: Element) -> str:
    return "".join(c for c in element.children if isinstance(c, str))


def inline_script_key(script: Element) -> str:
    """An inline script's text with the page's relative paths (`"../.."`) made equal."""
    return re.sub(r'"(?:\.\./)*\.\.?/?"|"/"', '"REL"', text_of(script))


def scheme(url: str) -> str | None:
    """The scheme a browser reads (WHATWG URL): C0 controls and spaces trimmed at both ends,
    tabs and newlines removed anywhere; a space inside leaves no scheme (a relative URL)."""
    folded = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", folded)
    return match.group(1).lower() if match else None


def leaves_origin(url: str) -> bool:
    folded = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    return folded.startswith("//") or scheme(folded) is not None


class Theme:
    """What a clean build has of its own: the theme's inline scripts, and the elements
    the generator writes into the content area of each page (by its path)."""

    def __init__(self, site: Path) -> None:
        self.scripts: set[str] = set()
        self.article_tags: dict[str, set[str]] = {}
        self.article_inputs: dict[str, set[tuple[str | None, str | None]]] = {}
        for url, doc in pages(site):
            self.scripts |= {
                inline_script_key(s)
                for s in doc.find_all("script")
                if not s.get("src") and not s.get("type")
            }
            articles = doc.find_all("article", cls="md-content__inner")
            self.article_tags[url] = {e.tag for a in articles for e in a.iter()}
            # The theme's own fields in the content area: the 404 page's search box.
            self.article_inputs[url] = {
                (e.get("id"), e.get("type")) for a in articles for e in a.find_all("input")
            }


def problems_in(doc: Element, theme: Theme, url: str = "") -> list[str]:
    """Everything in a page that could run script or call another origin."""
    found = []
    allowed_tags = theme.article_tags.get(url, set())
    for area in doc.find_all("article", cls="md-content__inner"):
        found += [
            f"<{e.tag}> in the content"
            for e in area.iter()
            if e.tag in NOT_IN_CONTENT - allowed_tags
        ]
        found += [
            f"<input type={e.get('type')!r}> in the content"
            for e in area.iter()
            if e.tag == "input"
            and (e.get("type") != "checkbox" or "disabled" not in e.attrs)
            and (e.get("id"), e.get("type")) not in theme.article_inputs.get(url, set())
        ]
    for element in doc.iter():
        tag = element.tag
        if tag == "script":
            src, kind = element.get("src"), element.get("type")
            if src is not None:
                if leaves_origin(src) or "assets/javascripts/" not in src:
                    found.append(f"<script src={src!r}>")
            elif kind in JSON_TYPES:
                json.loads(text_of(element))  # whole, not broken out of by a payload
                if "<" in text_of(element):
                    found.append(f"'<' in <script type={kind}>")
            elif inline_script_key(element) not in theme.scripts:
                found.append(f"inline script {text_of(element)[:60]!r}")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and scheme(value) in SCHEMES_THAT_RUN:
                found.append(f"{name}={value[:40]!r} on <{tag}>")
        if tag == "base" or (
            tag == "meta" and "refresh" in element.attrs.get("http-equiv", "").lower()
        ):
            found.append(f"<{tag}>")
        if tag in ("img", "video", "audio", "source", "track", "input") and leaves_origin(
            element.get("src") or ""
        ):
            found.append(f"<{tag} src={element.get('src')!r}> calls another origin")
        if tag in ("img", "source") and element.get("srcset"):
            found.append(f"srcset on <{tag}>")
        rels = set((element.get("rel") or "").lower().split())
        if tag == "link" and rels & FETCHING_RELS and leaves_origin(element.get("href") or ""):
            found.append(f"<link rel={element.get('rel')!r} href={element.get('href')!r}>")
        if "url(" in (element.get("style") or ""):
            found.append(f"style url() on <{tag}>")
    return found


def page_text(site: Path, url: str) -> str:
    return (
        parse((site / url / "index.html").read_text(encoding="utf-8"))
        .find("article", cls="md-content__inner")
        .text
    )


def article(site: Path, url: str) -> Element:
    return parse((site / url / "index.html").read_text(encoding="utf-8")).find(
        "article", cls="md-content__inner"
    )


# -- the hostile repository builds into a clean site ------------------------------------


@pytest.fixture(scope="module")
def theme(clean_site: Path) -> Theme:
    found = Theme(clean_site)
    assert found.scripts, "the theme's inline scripts were not found"
    return found


def test_every_page_is_free_of_script_handlers_and_outside_calls(
    hostile_site: Path, theme: Theme
) -> None:
    found = {
        url: problems
        for url, doc in pages(hostile_site)
        if (problems := problems_in(doc, theme, url))
    }
    assert found == {}
    assert len(list(hostile_site.rglob("*.html"))) > 30


def test_the_oracle_sees_what_it_must_refuse(theme: Theme) -> None:
    """The checks above are not vacuous: each kind of problem is caught when present."""
    hostile = parse(
        '<p onclick="x"><img src="https://e.example/p.png"><a href="javascript:x">'
        '</a></p><script>alert(1)</script><script src="https://cdn.example/x.js">'
        '</script><link rel="stylesheet" href="//cdn.example/x.css"><base href=x>'
        '<script type="application/ld+json">{"a": "<b>"}</script>'
        '<article class="md-content__inner"><form></form><input type=text>'
        "<svg></svg></article>"
    )
    assert len(problems_in(hostile, theme, "projects/x/index.html")) == 11


def straight_quotes(text: str) -> str:
    """The text with the typographer's quotes (« », “ ”) written back as `"`: a payload
    arrives as text whatever quotes the page sets it in (generator/pages/typography.py)."""
    return text.translate(str.maketrans(dict.fromkeys("«»“”", '"')))


@pytest.mark.parametrize(
    ("url", "lang_title"),
    [
        ("projects/zagolovki/", "<script>alert(1)</script>"),
        ("en/projects/zagolovki/", '{% include "base.html" %}'),
        ("organizations/zlo/", "<img src=x onerror=alert(2)>"),
        ("en/organizations/zlo/", "</title><script>alert(4)</script>"),
        ("forums/forum-zlo/", "</title><script>alert(4)</script>"),
        ("proposals/zlo/", "&lt;script&gt;alert(13)&lt;/script&gt;"),
        ("publications/zlo/", "</script><script>alert(9)</script>"),
        ("news/shablony/", "{{ config }}"),
        ("internships/zlo/", '--8<-- "/etc/passwd"'),
        ("o-nas/", "<img src=x onerror=alert(2)>"),
        ("en/o-nas/", "</title><script>alert(4)</script>"),
        ("missions/dk/", "<script>alert(1)</script>"),
    ],
)
def test_hostile_title_shows_as_its_text(hostile_site: Path, url: str, lang_title: str) -> None:
    doc = parse((hostile_site / url / "index.html").read_text(encoding="utf-8"))
    h1 = doc.find("article", cls="md-content__inner").find("h1").text
    assert straight_quotes(h1) == lang_title
    assert straight_quotes(doc.find("title").text).startswith(lang_title)
    topic = doc.find("div", cls="md-header__topic").text  # Material's header, site name
    assert lang_title in straight_quotes(doc.find_all("div", cls="md-header__topic")[1].text), topic


def test_hostile_nav_title_shows_as_text_on_every_page(hostile_site: Path) -> None:
    """A free page's title is in the nav of every page, rendered by Material's own
    templates (MkDocs' Jinja has no autoescape): it must arrive escaped."""
    for url, title in (
        ("", "<img src=x onerror=alert(2)>"),
        ("en/", "</title><script>alert(4)</script>"),
    ):
        nav = parse((hostile_site / url / "index.html").read_text(encoding="utf-8")).find(
            "nav", cls="md-nav--primary"
        )
        assert title in nav.text, url


def test_every_payload_comes_out_as_text(hostile_site: Path) -> None:
    texts = straight_quotes(" ".join(doc.text for _, doc in pages(hostile_site)))
    missing = [payload for payload in PAYLOADS if payload not in texts]
    assert missing == []


def test_hostile_fields_show_as_text_in_their_places(hostile_site: Path) -> None:
    mission = straight_quotes(article(hostile_site, "missions/dk/").text)
    for value in (
        '"><svg onload=alert(3)>',
        "</title><script>alert(4)</script>",
        '{% include "base.html" %}',
        "+45 <script>alert(1)</script>",
        "&lt;script&gt;alert(13)&lt;/script&gt;",
        "javascript:alert(8)",
    ):
        assert value in mission, value
    english = straight_quotes(article(hostile_site, "en/missions/dk/").text)
    for value in (
        "' onmouseover='alert(11)",
        '--8<-- "/etc/passwd"',
        "</script><script>alert(9)</script>",
        "{{ 7*7 }}",
    ):
        assert value in english, value
    gallery = article(hostile_site, "projects/zagolovki/").find("ul", cls="ngo-gallery")
    assert gallery.find("img").get("alt") == '" onerror="alert(5)'


@pytest.mark.parametrize(
    "url",
    [
        "news/shablony/",
        "en/news/shablony/",
        "missions/dk/",
        "projects/zagolovki/",
        "en/projects/zagolovki/",
    ],
)
def test_template_and_include_syntax_is_literal_in_the_built_page(
    hostile_site: Path, url: str
) -> None:
    text = page_text(hostile_site, url)
    assert re.search(r"\{\{ ?(config|lipsum|self|7\*7)", text), text[:300]
    assert "{% include" in text or "{%- raw %}" in text
    assert "--8<--" in text
    assert "49" not in text  # {{ 7*7 }} was not evaluated


def test_nothing_of_the_build_machine_leaks_into_any_file(hostile_site: Path) -> None:
    """`{{ config }}` evaluated would print the configuration (paths, site_dir);
    `--8<-- "/etc/passwd"` included would print the password file."""
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    secrets = [
        passwd,
        CANARY,
        str(PROJECT),
        str(HOSTILE_REPO),
        "site_dir",
        "docs_dir",
        "mdx_configs",
        "config_file_path",
        "__globals__'",
    ]
    leaks = {}
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".ics", ".txt", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [s for s in secrets if s in text]
            if found:
                leaks[path.relative_to(hostile_site).as_posix()] = found
    assert leaks == {}


def test_feeds_and_json_carry_hostile_text_as_data(hostile_site: Path) -> None:
    xml_files = list(hostile_site.rglob("*.xml"))
    json_files = [p for p in hostile_site.rglob("*.json") if "pagefind" not in p.parts]
    assert xml_files and json_files
    for path in xml_files:
        ET.parse(path)  # well-formed: no payload broke the markup
    dumped = ""
    for path in json_files:
        dumped += json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    assert "<script>alert(1)</script>" in dumped and "{{ config }}" in dumped


def test_search_excerpts_reach_the_page_escaped(hostile_site: Path) -> None:
    """search.js puts Pagefind's excerpt into `innerHTML` (for its `<mark>`s), and the
    indexed text of hostile pages holds `<script>` as written: Pagefind must escape it.
    Pinned here so that an upgrade of Pagefind that stops escaping fails a test."""
    search = (PROJECT / "theme/assets/javascripts/search.js").read_text(encoding="utf-8")
    assert re.findall(r"\.innerHTML\s*=\s*([\w.]+)", search) == ["data.excerpt"]
    pagefind = (hostile_site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert 'content.replace(/</g,"&lt;").replace(/>/g,"&gt;")' in pagefind


# -- legitimate markup survives ---------------------------------------------------------


def test_legitimate_markup_survives(hostile_site: Path) -> None:
    page = article(hostile_site, "o-nas/")
    note = page.find("div", cls="admonition")
    assert "note" in note.classes and note.find("p", cls="admonition-title").text == "Важно"
    assert page.find("details", cls="tip").find("summary").text == "Подробнее"
    table = page.find("table")
    assert [th.get("align") for th in table.find_all("th")] == ["left", "right"]
    assert page.find("h2", id="tablica").text.startswith("Таблица")
    code = page.find("pre").text
    assert '<script>alert("shown as code")</script>' in code
    boxes = page.find_all("input")
    assert len(boxes) == 2 and all(
        b.get("type") == "checkbox" and "disabled" in b.attrs for b in boxes
    )
    assert page.find("div", cls="footnote")


def test_links_keep_their_targets_and_outside_ones_get_rel(hostile_site: Path) -> None:
    links = {a.text: a for a in article(hostile_site, "o-nas/").find_all("a")}
    assert links["внешняя ссылка"].get("href") == "https://example.org/"
    assert links["внешняя ссылка"].get("rel") == "noopener noreferrer"
    assert links["Проект"].get("href") == "../projects/zagolovki/"
    assert links["миссия"].get("href") == "../missions/dk/#проекты"
    assert "rel" not in links["Проект"].attrs
    image = article(hostile_site, "o-nas/").find("img", cls=None)
    assert [img.get("src") for img in article(hostile_site, "o-nas/").find_all("img")] == [
        "../media/pamyatnik.png"
    ], image


# -- unsafe bodies: refused by build, and cleaned even past check ------------------------


def test_build_refuses_unsafe_bodies_naming_every_file_and_line(tmp_path: Path) -> None:
    root, sources = with_hostile_bodies(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    (site / MARKER).write_text("")  # a site the generator wrote (or it would be refused)
    result = run_build(root, site)
    assert result.returncode == 1
    named = {line.split(":")[0] for line in result.stdout.splitlines() if ":" in line}
    text_only = {s for s in sources if "template-syntax" in s or "snippet-include" in s}
    assert named == set(sources) - text_only, result.stdout
    assert all(
        re.match(r"content/news/h\d\d-[\w-]+\.md:\d+: ", line)
        for line in result.stdout.splitlines()
        if line.startswith("content/")
    )
    assert (site / "index.html").read_text() == "previous site"  # atomic: untouched


def test_sanitizer_cleans_unsafe_bodies_even_past_the_checker(
    tmp_path: Path,
    theme: Theme,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Defence in depth: with the checker's body rules off (as if it had a gap), every
    hostile body is built, and the sanitizer alone keeps each page clean."""
    root, sources = with_hostile_bodies(tmp_path)
    for rel in sources:  # MkDocs' strict link check would stop the build before them
        path = root / rel
        text = path.read_text(encoding="utf-8")
        text = text.replace("](page/)", "](/o-nas.md)").replace("](cat.png)", "](/o-nas.md)")
        # MkDocs takes an entity-encoded scheme for a relative link and refuses it too;
        # the raw HTML line after it still tests the sanitizer.
        text = text.replace("[click](javascript&#58;alert(1))", "")
        path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(check, "BODY_RULES", [])
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    code = cli.main(
        ["build", "--root", str(root), "--site-dir", str(site), "--today", TODAY, "--lang", "en"]
    )
    output = capsys.readouterr()
    assert code == 0, output.out + output.err
    built = [f"news/{Path(rel).stem}/index.html" for rel in sources]
    assert all((site / page).is_file() for page in built)
    found = {
        page: problems
        for page in built
        if (problems := problems_in(parse((site / page).read_text(encoding="utf-8")), theme, page))
    }
    assert found == {}
    ids = [
        e.get("id")
        for page in built
        for e in parse((site / page).read_text(encoding="utf-8"))
        .find("article", cls="md-content__inner")
        .iter()
        if e.get("id")
    ]
    assert not [i for i in ids if i.startswith("__")]


def test_media_in_an_untranslated_body_builds_in_both_languages(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(HOSTILE_REPO, root)
    news = root / "content/news/shablony.md"
    news.write_text(
        news.read_text(encoding="utf-8") + "\n![Памятник](/media/pamyatnik.png)\n", encoding="utf-8"
    )
    result = run_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    # Each language resolves the body's link in its own tree, and the file is there.
    page = (tmp_path / "site/en/news/shablony/index.html").read_text(encoding="utf-8")
    assert 'src="../../media/pamyatnik.png"' in page
    assert (tmp_path / "site/en/media/pamyatnik.png").is_file()
