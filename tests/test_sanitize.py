"""Rendered content is sanitized: hostile input is defused, the site's own markup survives.

Every check of the output goes through a real HTML parser (``html.parser``), never a
regex over the HTML. ``tests/hostile/`` holds one hostile Markdown file per construct.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import markdown_config, sanitize
from generator.content.markdown_config import EXTENSIONS, render
from generator.content.sanitize import find_unsafe, needs_render, sanitize_html

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

HOSTILE = Path(__file__).parent / "hostile"
HOSTILE_FILES = sorted(HOSTILE.glob("*.md"))
# Not dangerous in the output, only in a pipeline that treats content as a template or
# includes files: both must come out as the text that was written.
TEXT_ONLY_FILES = {"template_syntax.md", "snippet_include.md"}

FORBIDDEN_ELEMENTS = {
    "script", "style", "iframe", "object", "embed", "form", "meta", "base", "link",
    "svg", "math", "template", "frame", "frameset", "applet", "button", "textarea",
    "select", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster",
    "background", "cite", "srcdoc", "ping",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}


# --- the parser-based oracle -------------------------------------------------------------


class Element:
    """A start tag as a browser would see it: name and entity-decoded attributes."""

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.items = [(name, value or "") for name, value in attrs]  # duplicates kept
        self.attrs = dict(self.items)

    def key(self, *, ignore: Iterable[str] = ()) -> tuple[str, frozenset[tuple[str, str]]]:
        kept = {(n, v) for n, v in self.attrs.items() if n not in set(ignore)}
        return self.tag, frozenset(kept)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html_text: str) -> Collector:
    collector = Collector()
    collector.feed(html_text)
    collector.close()
    return collector


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use: C0/space trimmed, tab and newline removed."""
    folded = re.sub(r"[\t\n\r]", "", url.strip(_C0_AND_SPACE))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", folded)
    return match.group(1).lower() if match else None


def executable_parts(html_text: str) -> list[str]:
    """Everything in this HTML that could run script or restyle/redirect the page."""
    problems = []
    for element in parse(html_text).elements:
        if element.tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{element.tag}>")
        for name, value in element.items:
            if name.startswith("on") or name == "style":
                problems.append(f"{name}= on <{element.tag}>")
            if name in URL_ATTRIBUTES and url_scheme(value) not in SAFE_SCHEMES | {None}:
                problems.append(f"{name}={value!r} on <{element.tag}>")
            if name == "id" and value.startswith("__"):
                problems.append(f"id={value!r}")
    return problems


def publish(markdown_text: str) -> str:
    return sanitize_html(render(markdown_text))


# --- the hostile corpus ------------------------------------------------------------------


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=lambda p: p.stem)
def test_hostile_file_renders_to_nothing_executable(path: Path) -> None:
    assert executable_parts(publish(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    "path", [p for p in HOSTILE_FILES if p.name not in TEXT_ONLY_FILES], ids=lambda p: p.stem
)
def test_hostile_file_is_reported_by_find_unsafe(path: Path) -> None:
    assert find_unsafe(path.read_text(encoding="utf-8"))


def test_hostile_corpus_covers_the_constructs_named_in_the_issue() -> None:
    names = {p.stem for p in HOSTILE_FILES}
    assert {
        "script_element", "javascript_url_entity", "attr_list_onclick", "svg_inline",
        "iframe", "data_url_image", "style_attribute", "meta_refresh", "base_href",
        "form", "template_syntax", "snippet_include",
    } <= names  # fmt: skip


# --- removal rules, one construct each ---------------------------------------------------


@pytest.mark.parametrize(
    "tag", ["script", "style", "iframe", "object", "embed", "form", "meta", "base", "link"]
)
def test_dangerous_element_is_removed(tag: str) -> None:
    out = sanitize_html(f'<p>a<{tag} href="x" src="y">inside</{tag}>b</p>')
    assert tag not in {e.tag for e in parse(out).elements}


def test_script_content_is_removed_not_shown() -> None:
    assert "alert" not in publish("Hi <script>alert(1)</script>")


def test_inline_svg_and_math_are_removed_with_their_content() -> None:
    out = publish('<svg onload="alert(1)"><text>x</text></svg><math><mi>y</mi></math>')
    assert {e.tag for e in parse(out).elements} == {"p"}


def test_every_on_attribute_is_removed() -> None:
    out = publish('<div onclick="a()" ONMOUSEOVER="b()" onfocusin="c()">x</div>')
    assert parse(out).elements[0].attrs == {}


def test_style_attribute_is_removed() -> None:
    assert parse(publish('<p style="color:red">x</p>')).elements[0].attrs == {}


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript&#58;alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58alert(1)",
        "&#x6A;avascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#9;script:alert(1)",
        "java&#10;script:alert(1)",
        " &#1;javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:image/png;base64,AAAA",
        "file:///etc/passwd",
    ],
)
def test_javascript_url_with_entity_is_removed(href: str) -> None:
    """Any scheme outside http/https/mailto, however it is cased, encoded or split."""
    out = sanitize_html(f'<a href="{href}">x</a><img src="{href}">')
    for element in parse(out).elements:
        assert "href" not in element.attrs and "src" not in element.attrs


@pytest.mark.parametrize(
    "href",
    [
        "webcal://evil.example/feed.ics",
        "webcal://missions.example.org/forums.ics?x=1",
        "webcal:javascript:alert(1)",
        "WEBCAL://missions.example.org/forums.ics",
        "webcal://missions.example.org/forums.ics\\x",
    ],
)
def test_webcal_link_is_kept_only_for_the_sites_own_calendars(href: str) -> None:
    """`webcal:` passes the page cleaner only as the build writes it (a schedule or a
    mission's calendar file), and the check refuses it in content altogether."""
    assert "href" not in parse(sanitize_html(f'<a href="{href}">x</a>')).elements[0].attrs
    assert find_unsafe(f"[x]({href})") != []


@pytest.mark.parametrize(
    "href",
    [
        "webcal://missions.example.org/forums.ics",
        "webcal://example.org/site/en/missions/dk/forums.ics",
    ],
)
def test_the_builds_webcal_links_keep_their_href(href: str) -> None:
    assert parse(sanitize_html(f'<a href="{href}">x</a>')).elements[0].attrs["href"] == href


def test_markdown_link_with_javascript_url_loses_its_href() -> None:
    link = parse(publish("[x](javascript:alert(1))")).elements[1]
    assert link.tag == "a" and "href" not in link.attrs


def test_reference_link_with_javascript_url_loses_its_href() -> None:
    link = parse(publish("[x][r]\n\n[r]: JAVASCRIPT:alert(1)")).elements[1]
    assert link.tag == "a" and "href" not in link.attrs


def test_data_url_image_loses_its_src() -> None:
    image = parse(publish("![p](data:image/png;base64,AAAA)")).elements[1]
    assert image.tag == "img" and "src" not in image.attrs and image.attrs["alt"] == "p"


@pytest.mark.parametrize(
    "markdown_text",
    [
        '[x](page/){: onclick="alert(1)" }',
        '# Title {: onmouseover="alert(1)" }',
        'Paragraph.\n{: onclick="alert(1)" style="color:red" }',
        '![i](i.png){: onerror="alert(1)" }',
    ],
)
def test_attr_list_cannot_set_event_handlers(markdown_text: str) -> None:
    assert executable_parts(render(markdown_text)), "attr_list did set the attribute"
    assert executable_parts(publish(markdown_text)) == []


def test_attr_list_cannot_replace_href_with_javascript() -> None:
    link = parse(publish('[x](page/){: href="javascript:alert(1)" }')).elements[1]
    assert "href" not in link.attrs


def test_target_attribute_is_removed() -> None:
    link = parse(publish('[x](https://example.org/){: target="_blank" }')).elements[1]
    assert "target" not in link.attrs


def test_ids_in_the_theme_namespace_are_removed() -> None:
    """Material reads its configuration from #__config; content must not shadow it."""
    out = publish('<div id="__config">{}</div>\n\n## S {: #__drawer }')
    assert all("id" not in e.attrs for e in parse(out).elements if e.tag in {"div", "h2"})


def test_heading_named_like_a_theme_id_gets_an_id_outside_the_namespace() -> None:
    heading = parse(publish("# __config")).elements[0]
    assert heading.attrs["id"] == "config"


def test_theme_layout_classes_are_removed_but_buttons_stay() -> None:
    out = publish('!!! md-dialog "x"\n    y\n\n[Go](page/){ .md-button .md-button--primary }')
    classes = {e.tag: e.attrs.get("class") for e in parse(out).elements}
    assert classes["div"] == "admonition"
    assert classes["a"] == "md-button md-button--primary"


def test_input_is_always_a_disabled_checkbox() -> None:
    field = parse(sanitize_html('<input type="text" name="password" value="x">')).elements[0]
    assert field.attrs == {"type": "checkbox", "disabled": ""}


def test_html_comments_are_removed() -> None:
    assert "<!--" not in publish("<!--[if IE]><script>alert(1)</script><![endif]-->\n\nText")


# --- content is never a template ---------------------------------------------------------


@pytest.mark.parametrize(
    "source", ["{{ config.site_name }}", "{% include 'secrets.html' %}", "{# note #}"]
)
def test_template_syntax_comes_out_as_text(source: str) -> None:
    text = "".join(parse(publish(f"Before {source} after.")).text)
    assert text == f"Before {source} after."


def test_snippet_marker_comes_out_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = publish('--8<-- "secret.txt"')
    assert "TOP SECRET" not in out
    assert "".join(parse(out).text) == '--8<-- "secret.txt"'


def test_no_extension_reads_files_or_templates() -> None:
    assert not {"pymdownx.snippets", "macros", "markdown_include.include"} & set(EXTENSIONS)


# --- what the site's own markup needs survives -------------------------------------------


def test_admonition_keeps_its_classes_and_title() -> None:
    out = publish('!!! note "Заметка"\n    Текст.')
    div, title = parse(out).elements[:2]
    assert div.attrs == {"class": "admonition note"}
    assert title.attrs == {"class": "admonition-title"}


def test_details_keep_summary_and_open_state() -> None:
    elements = parse(publish('???+ warning "Closed"\n    Body')).elements
    assert elements[0].key() == ("details", frozenset({("class", "warning"), ("open", "open")}))
    assert elements[1].tag == "summary"


def test_table_keeps_column_alignment() -> None:
    out = publish("| L | C | R |\n|:--|:-:|--:|\n| a | b | c |")
    aligns = [e.attrs.get("align") for e in parse(out).elements if e.tag == "td"]
    assert aligns == ["left", "center", "right"]


def test_script_in_fenced_code_is_shown_as_escaped_text() -> None:
    out = publish("```html\n<script>alert(1)</script>\n```")
    collector = parse(out)
    assert "script" not in {e.tag for e in collector.elements}
    assert "<script>alert(1)</script>" in "".join(collector.text)
    assert any(e.attrs.get("class") == "language-html highlight" for e in collector.elements)


def test_code_highlighting_keeps_pygments_classes_and_line_numbers() -> None:
    out = publish('```python linenums="1" hl_lines="1"\nx = 1\n```')
    classes = {e.attrs.get("class") for e in parse(out).elements}
    assert {"highlighttable", "linenos", "hll", "n", "o", "mi"} <= classes


def test_heading_keeps_id_and_permalink() -> None:
    heading, anchor = parse(publish("## Миссия в Дании")).elements
    assert heading.attrs == {"id": "миссия-в-дании"}
    # No title yet: the engine adds it in the page's language (test_material_markup.py).
    assert anchor.attrs == {"class": "headerlink", "href": "#миссия-в-дании"}


def test_footnotes_keep_ids_and_back_references() -> None:
    elements = parse(publish("Text[^1].\n\n[^1]: Note.")).elements
    attrs = [e.attrs for e in elements]
    assert {"id": "fnref:1"} in attrs
    assert {"class": "footnote-ref", "href": "#fn:1"} in attrs
    assert {"id": "fn:1"} in attrs
    backref = next(a for a in attrs if a.get("class") == "footnote-backref")
    assert backref["href"] == "#fnref:1"


def test_task_list_keeps_disabled_checkboxes() -> None:
    boxes = [e.attrs for e in parse(publish("- [x] done\n- [ ] todo")).elements if e.tag == "input"]
    assert boxes == [
        {"type": "checkbox", "disabled": "", "checked": ""},
        {"type": "checkbox", "disabled": ""},
    ]


def test_abbreviation_keeps_its_title() -> None:
    out = publish("HTML here.\n\n*[HTML]: Hyper Text Markup Language")
    assert parse(out).elements[1].key() == (
        "abbr", frozenset({("title", "Hyper Text Markup Language")})
    )  # fmt: skip


def test_image_keeps_alt_size_and_lazy_loading() -> None:
    out = publish('![Памятник](gagarin.jpg){ width="300" height="200" loading=lazy }')
    assert parse(out).elements[1].attrs == {
        "alt": "Памятник", "src": "gagarin.jpg", "width": "300", "height": "200",
        "loading": "lazy",
    }  # fmt: skip


def test_definition_list_and_md_in_html_survive() -> None:
    out = publish("Term\n:   Definition\n\n<div markdown>\n**bold**\n</div>")
    assert [e.tag for e in parse(out).elements] == ["dl", "dt", "dd", "div", "p", "strong"]


# --- rel on links ------------------------------------------------------------------------


def test_external_link_gets_noopener_noreferrer() -> None:
    link = parse(publish("[x](https://example.org/)")).elements[1]
    assert link.attrs["rel"] == "noopener noreferrer"


@pytest.mark.parametrize("href", ["page/", "../other/#frag", "#frag", "/abs/", "mailto:a@b.c"])
def test_internal_link_gets_no_rel(href: str) -> None:
    assert "rel" not in parse(publish(f"[x]({href})")).elements[1].attrs


def test_absolute_link_to_the_site_itself_gets_no_rel() -> None:
    out = sanitize_html('<a href="https://Site.example/x/">x</a>', site_host="site.example")
    assert "rel" not in parse(out).elements[0].attrs


@pytest.mark.parametrize("href", ["//evil.example/", "/\\evil.example/", "https:evil.example"])
def test_protocol_relative_link_counts_as_external(href: str) -> None:
    out = sanitize_html(f'<a href="{href}">x</a>', site_host="site.example")
    assert parse(out).elements[0].attrs.get("rel") == "noopener noreferrer"


def test_content_cannot_set_its_own_rel() -> None:
    link = parse(sanitize_html('<a href="page/" rel="opener">x</a>')).elements[0]
    assert "rel" not in link.attrs


def test_rel_filter_sees_href_before_rel() -> None:
    """Pins the nh3 behaviour `_RelFilter` relies on: rel is decided per link, in order."""
    out = sanitize_html(
        '<a href="https://a.example/">1</a><a href="p/">2</a><a>3</a>'
        '<a href="javascript:x">4</a><a href="https://b.example/">5</a><a href="#f">6</a>'
    )
    rels = [e.attrs.get("rel") for e in parse(out).elements]
    external = "noopener noreferrer"
    assert rels == [external, None, None, None, external, None]


# --- find_unsafe -------------------------------------------------------------------------


def test_find_unsafe_reports_script_on_its_line() -> None:
    assert find_unsafe("Intro.\n\nMore.\n<script>alert(1)</script>\n") == [(4, "<script> element")]


def test_find_unsafe_reports_event_handler_attribute_on_its_line() -> None:
    body = "# Title\n\nText.\n\n![x](x.png)\n\n<img src=x onerror=alert(1)>\n"
    assert find_unsafe(body) == [(7, "onerror attribute")]


def test_find_unsafe_reports_entity_encoded_javascript_url() -> None:
    body = "Line one.\n\n[ok](https://example.org/)\n\n[bad](javascript&#58;alert(1))\n"
    assert find_unsafe(body) == [(5, "javascript: URL")]


def test_find_unsafe_reports_tab_split_javascript_url() -> None:
    body = 'a\n\n<a href="java&#9;script:alert(1)">x</a>\n'
    assert find_unsafe(body) == [(3, "javascript: URL")]


def test_find_unsafe_reports_attr_list_handler_on_the_heading_line() -> None:
    body = 'Intro.\n\n## Title {: onmouseover="alert(1)" }\n'
    assert find_unsafe(body) == [(3, "onmouseover attribute")]


def test_find_unsafe_reports_style_and_handler_of_one_tag_on_one_line() -> None:
    assert find_unsafe('x\n\n<p style="x" onclick="y">z</p>') == [
        (3, "style attribute"),
        (3, "onclick attribute"),
    ]


def test_find_unsafe_skips_code_when_locating() -> None:
    body = "```html\n<script>shown</script>\n```\n\n`<script>` too\n\n<script>run()</script>\n"
    assert find_unsafe(body) == [(7, "<script> element")]


def test_find_unsafe_puts_repeated_constructs_on_successive_lines() -> None:
    body = "<script>a()</script>\n\ntext\n\n<script>b()</script>\n"
    assert find_unsafe(body) == [(1, "<script> element"), (5, "<script> element")]


def test_find_unsafe_reports_data_url_image() -> None:
    body = "Text.\n\n![p](data:image/png;base64,AAAA)\n"
    assert find_unsafe(body) == [(3, "data: URL")]


def test_find_unsafe_reports_reference_definition_line() -> None:
    body = "See [docs][d].\n\n[d]: vbscript:msgbox(1)\n"
    assert find_unsafe(body) == [(3, "vbscript: URL")]


def test_find_unsafe_reports_theme_id_and_class() -> None:
    body = '<div id="__config">{}</div>\n\n!!! md-dialog "x"\n    y\n'
    assert find_unsafe(body) == [
        (1, 'id "__config" (the "__" prefix is the theme\'s)'),
        (3, 'class "md-dialog" (the "md-" prefix is the theme\'s)'),
    ]


def test_find_unsafe_falls_back_to_line_one() -> None:
    # Browsers drop the newline inside the URL; no single source line spells the scheme.
    body = 'x\n\n<a href="java\nscript:alert(1)">y</a>\n'
    assert find_unsafe(body) == [(1, "javascript: URL")]


@pytest.mark.parametrize("name", sorted(TEXT_ONLY_FILES))
def test_find_unsafe_accepts_template_and_snippet_text(name: str) -> None:
    assert find_unsafe((HOSTILE / name).read_text(encoding="utf-8")) == []


def test_find_unsafe_counts_lines_as_markdown_does() -> None:
    assert find_unsafe("a\x0cb\u2028c\r\nd\n<script>x</script>") == [(3, "<script> element")]


ORDINARY_BODIES = [
    "Миссия работает в Копенгагене с 2019 года.\n\n## Контакты\n\nПишите нам.",
    "See [the programme](https://example.org/forum/2025) and [our page](../missions/dk/).",
    "- first\n- second **bold** and _emphasis_\n\n1. one\n2. two",
    "| Год | Город |\n|---|---|\n| 2024 | Осло |\n\n[^1]: A note. Text[^1].",
    '!!! note "Важно"\n    Регистрация до 1 марта: [форма](https://example.org/reg).',
    'Inline `code` and\n\n    indented code\n\n[ref]: https://example.org/x "Title"',
    "Email [us](mailto:info@example.org); time 10:30; ratio 3:2; see: below.",
]


@pytest.mark.parametrize("body", ORDINARY_BODIES)
def test_find_unsafe_skips_ordinary_bodies_without_rendering(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker's speed rests on this: ordinary text is never rendered."""
    assert not needs_render(body)

    def fail(_: str) -> str:
        raise AssertionError("rendered")

    monkeypatch.setattr(sanitize, "render", fail)
    assert find_unsafe(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "a <b>",
        "R&D",
        "x {: .y }",
        "!!! md-x",
        "[x](javascript:1)",
        "[x]( JavaScript:1)",
        "[x](\njavascript:1)",
        "[x](java script:1)",
        "[x](javascript\\:1)",
        "[r]:\n  data:x",
    ],
)
def test_needs_render_flags_anything_that_could_be_unsafe(body: str) -> None:
    assert needs_render(body)


# --- properties --------------------------------------------------------------------------

MARKDOWN_PIECES = [
    "# ", "## ", "!!! note\n    ", "??? tip \"t\"\n    ", "- [ ] ", "- [x] ", "1. ", "> ",
    "| a | b |\n|:-|-:|\n| c | d |\n", "```python\n", "```\n", "`", "**", "_", "[^1]",
    "[^1]: ", "*[HTML]: H\n", "HTML", "Term\n:   ", "[l](", ")", "![i](", "](", "]: ",
    "[", "]", "(", "{: ", "{", "}", " .cls", " #id", "<div markdown>\n", "</div>\n",
    "<", ">", "&", "&#58;", "&#x09;", "\"", "'", "=", "javascript:", "JaVaScRiPt:",
    "java\tscript:", "data:", "vbscript:", "https://example.org/", "mailto:a@b.c",
    "page/", "#frag", "//evil.example/", "<script>", "</script>", "<svg>", "<math>",
    "<img src=x onerror=alert(1)>", "<a href=\"", "onclick=\"alert(1)\"", "style=\"x\"",
    " onmouseover=", "href=", "src=", "<style>", "<iframe>", "<form>", "<meta ",
    "<base href=", "<link ", "<object>", "<embed>", "<!--", "-->", "{{ x }}", "{% y %}",
    "--8<-- \"f\"", "__config", "md-dialog", "\n", "\n\n", "    ", " ", "text", "Текст",
]  # fmt: skip

markdownish = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=8)), max_size=40
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_never_publishes_anything_executable(text: str) -> None:
    assert executable_parts(publish(text)) == []


@settings(max_examples=600, deadline=None)
@given(markdownish)
def test_random_markdown_never_publishes_anything_executable(text: str) -> None:
    assert executable_parts(publish(text)) == []


@settings(max_examples=300, deadline=None)
@given(markdownish)
def test_find_unsafe_never_raises(text: str) -> None:
    line_count = len(re.split(r"\r\n|\r|\n", text))
    for line, description in find_unsafe(text):
        assert 1 <= line <= line_count and description


SAFE_PIECES = [p for p in MARKDOWN_PIECES if not any(c in p for c in "<&{")]
safe_markdownish = st.lists(
    st.one_of(st.sampled_from(SAFE_PIECES), st.text(max_size=6)), max_size=40
).map("".join)


def tag_set(html_text: str) -> set[tuple[str, frozenset[tuple[str, str]]]]:
    """Start tags with their attributes, as a set: the sanitizer's HTML5 parser may
    repeat a formatting tag when it repairs misnesting, which removes nothing."""
    return {e.key(ignore={"rel"}) for e in parse(html_text).elements}


@settings(max_examples=600, deadline=None)
@given(safe_markdownish)
def test_body_skipped_by_the_prefilter_is_published_unchanged(text: str) -> None:
    """`needs_render` is sound: what it lets through, the sanitizer would not touch."""
    if not needs_render(text):
        raw = render(text)
        assert tag_set(sanitize_html(raw)) == tag_set(raw)


@settings(max_examples=600, deadline=None)
@given(markdownish)
def test_body_without_findings_is_published_unchanged(text: str) -> None:
    """find_unsafe and the sanitizer agree: no finding means nothing removed.

    Outside this property, on purpose: raw HTML the HTML5 parser repairs rather than
    removes for safety (a `<td>` outside a table, a duplicate attribute), which
    find_unsafe does not report.
    """
    if not find_unsafe(text):
        raw = render(text)
        assert tag_set(sanitize_html(raw)) == tag_set(raw)


def test_url_probe_agrees_with_the_sanitizer() -> None:
    for url in ["https://x", "javascript:x", "java\tscript:x", "//x", "#f", "http://[bad"]:
        link = parse(sanitize_html(f'<a href="{html.escape(url)}">x</a>')).elements[0]
        assert sanitize.url_allowed(url) == ("href" in link.attrs)


def test_render_carries_no_state_from_one_body_to_the_next() -> None:
    first = markdown_config.render("x[^1] HTML\n\n[^1]: a\n\n*[HTML]: H\n\n# T")
    assert "fn:1" in first and "<abbr" in first
    assert markdown_config.render("HTML y\n\n# T") == (
        '<p>HTML y</p>\n<h1 id="t">T<a class="headerlink" href="#t">&para;</a></h1>'
    )


def test_inline_link_inside_a_reference_definition_is_not_skipped() -> None:
    """Found by hypothesis: one regex alternation let `]:` hide the `](` after it."""
    text = "[^1]: [l](javascript:alert(1))"
    assert needs_render(text)
    assert find_unsafe(text) == [(1, "javascript: URL")]
