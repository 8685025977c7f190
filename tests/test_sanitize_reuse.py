"""The sanitizer reuses its cleaners and answers its filter's common cases fast: the
output stays byte for byte what a fresh cleaner with the plain rules gives.

`reference_clean` is the sanitizer as it was before reuse (a new `nh3.Cleaner` and
filter per call, every attribute judged by the rule functions), kept here as the oracle.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import sanitize
from generator.content.markdown_config import render
from generator.content.sanitize import sanitize_html

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

TESTS = Path(__file__).parent
SITE = "site.example"


@dataclass
class ReferenceFilter:
    """The straightforward filter: one per call, each attribute through the rules."""

    site_host: str | None
    external: bool = field(default=False)

    def __call__(self, tag: str, name: str, value: str) -> str | None:
        if tag == "img" and name == "src":
            return value if sanitize.is_relative_url(value) else None
        if tag == "a" and name == "href":
            try:
                self.external = sanitize.is_external_url(value, self.site_host)
            except ValueError:
                # nh3 drops an attribute whose filter raises, exactly as for None.
                return None
        elif tag == "a" and name == "rel":
            external, self.external = self.external, False
            return value if external else None
        return sanitize.filter_attribute(tag, name, value)


def reference_clean(html: str, site_host: str | None = None) -> str:
    """A fresh cleaner, with the forced attributes in the order the sanitizer pins."""
    while True:
        cleaner = nh3.Cleaner(
            tags=set(sanitize.TAGS),
            clean_content_tags=set(sanitize.CONTENT_REMOVED_TAGS),
            attributes={tag: set(names) for tag, names in sanitize.ATTRIBUTES.items()},
            tag_attribute_values={
                tag: {name: set(values) for name, values in attrs.items()}
                for tag, attrs in sanitize.ATTRIBUTE_VALUES.items()
            },
            set_tag_attribute_values=sanitize.FORCED_ATTRIBUTES,
            attribute_filter=ReferenceFilter(site_host),
            url_schemes=set(sanitize.URL_SCHEMES),
            link_rel=sanitize.LINK_REL,
            strip_comments=True,
        )
        if cleaner.clean("<input>") == TASK_BOX:
            return cleaner.clean(html)


TASK_BOX = '<input type="checkbox" disabled="">'


# --- generated HTML with the attributes the filter judges --------------------------------

HREFS = [
    "#f", "#", "", "page/", "../x/", "/abs/", "?q=1", "https://other.example/",
    "https://site.example/x/", "HTTPS://Site.Example/", "http://site.example:8080/",
    "//evil.example/", "/\\evil.example/", " https://x.example", "https:evil.example",
    "mailto:a@b.c", "MAILTO:a@b.c", "javascript:alert(1)", "java&#9;script:x", "//[bad",
    "http://[::1]/", "//[::1", "&#x23;f", "data:x", "ht\ttps://x.example/",
]  # fmt: skip
SRCS = ["x.png", "/media/x.png", "https://x.example/i.png", "//x.example/i", "/\\x", "", " x"]
CLASSES = [
    "a", "a b", "a  b", " a", "a ", "", " ", "\t", "a\tb", "a&#xa0;b", "a&nbsp;b",
    "md-button", "md-button md-button--primary", "md-dialog", "x md-header y", "MD-x",
    "md-", "headerlink", "a\u2003b", "a\x1cb",
]  # fmt: skip
IDS = ["x", "__config", "_x", "", "__", " __x", "&#95;_config", "x__"]


def _attribute(name: str, values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values).map(lambda value: f' {name}="{value}"')


ATTRIBUTE = st.one_of(
    _attribute("href", HREFS), _attribute("src", SRCS), _attribute("class", CLASSES),
    _attribute("id", IDS), _attribute("rel", ["opener", "noopener noreferrer"]),
    _attribute("title", ["t", "<a href=x>"]), _attribute("onclick", ["x()"]),
    _attribute("loading", ["lazy", "x"]), st.sampled_from([" HREF=https://x.example/", " checked"]),
)  # fmt: skip
TAG = st.sampled_from(["a", "A", "img", "image", "p", "span", "abbr", "h2", "input", "svg"])
START = st.builds(
    lambda tag, attrs: f"<{tag}{''.join(attrs)}>", TAG, st.lists(ATTRIBUTE, max_size=5)
)
PIECE = st.one_of(
    START, st.sampled_from(["</a>", "</p>", "</svg>", "text", "<!-- c -->", "<a", '<a href="']),
    st.text(max_size=5),
)  # fmt: skip
html_fragments = st.lists(PIECE, max_size=25).map("".join)
hosts = st.sampled_from([None, SITE, "SITE.example", "other.example"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(html_fragments, hosts), min_size=1, max_size=6))
def test_reused_cleaners_give_what_fresh_ones_give(calls: list[tuple[str, str | None]]) -> None:
    """A sequence of calls, so any state one call leaves in a reused filter would show."""
    for html, host in calls:
        assert sanitize_html(html, site_host=host) == reference_clean(html, host)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "img", "p", "td"]),
            st.sampled_from(["href", "rel", "src", "class", "id", "title"]),
            st.one_of(st.sampled_from(HREFS + SRCS + CLASSES + IDS), st.text()),
        ),
        max_size=30,
    ),
    hosts,
)
def test_fast_filter_matches_the_rules(calls: list[tuple[str, str, str]], host: str | None) -> None:
    """Call by call, in any order, `_RelFilter` answers as the rule functions do."""
    fast, reference = sanitize._RelFilter(host), ReferenceFilter(host)
    for tag, name, value in calls:
        assert fast(tag, name, value) == reference(tag, name, value)


def _bodies() -> list[Path]:
    return sorted([*TESTS.glob("hostile/*.md"), *TESTS.glob("hostile_repo/**/*.md")])


@pytest.mark.parametrize("path", _bodies(), ids=lambda p: str(p.relative_to(TESTS)))
def test_hostile_bodies_come_out_as_from_a_fresh_cleaner(path: Path) -> None:
    html = render(path.read_text(encoding="utf-8"))
    for host in (None, SITE):
        assert sanitize_html(html, site_host=host) == reference_clean(html, host)


def test_link_without_href_after_an_external_one_gets_no_rel() -> None:
    """The reused filter starts each call, and each link, with no link in mind."""
    assert "rel=" in sanitize_html('<a href="https://x.example/">1</a>')
    assert sanitize_html("<a>2</a>") == "<a>2</a>"
    sanitize._cleaner(None)[1](  # as if a call had stopped between an href and its rel
        "a", "href", "https://x.example/"
    )
    assert sanitize_html("<a>3</a>") == "<a>3</a>"


def test_unparsable_link_target_is_dropped_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """`urlsplit` refuses `//[bad`: the href goes, as before, but with no exception
    for nh3 to print ("Exception ignored in: ('a', 'href', '//[bad')")."""
    errors: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", errors.append)
    assert sanitize_html('<a href="//[bad">x</a>') == "<a>x</a>"
    assert errors == []


def test_each_thread_cleans_with_its_own_filter() -> None:
    """The preview serves in threads: links cleaned at once in several keep their rel."""
    pages = {
        host: "".join(
            f'<a href="https://{name}/">{n}</a><a href="p/">i</a><a>b</a>'
            for n, name in enumerate(["site.example", "x.example"] * 200)
        )
        for host in (None, SITE)
    }
    expected = {host: reference_clean(html, host) for host, html in pages.items()}
    results: list[bool] = []

    def work(host: str | None) -> None:
        results.extend(
            sanitize_html(pages[host], site_host=host) == expected[host] for _ in range(20)
        )

    threads = [threading.Thread(target=work, args=(host,)) for host in [None, SITE] * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 120


def test_forced_attributes_come_out_in_one_order_from_every_cleaner() -> None:
    """nh3 orders them by a hash seeded per cleaner; pages must not change per build."""
    written = {
        sanitize._build_cleaner(None)[0].clean("<input type=text checked>") for _ in range(40)
    }
    assert written == {'<input checked="" type="checkbox" disabled="">'}
    assert sanitize_html("<input>") == TASK_BOX


def test_cleaner_is_built_once_per_thread_and_host() -> None:
    assert sanitize._cleaner(SITE) is sanitize._cleaner(SITE)
    assert sanitize._cleaner(SITE) is not sanitize._cleaner(None)
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(sanitize._cleaner(SITE)))
    thread.start()
    thread.join()
    assert other[0] is not sanitize._cleaner(SITE)
