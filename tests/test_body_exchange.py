"""Russian bodies converted once for both languages' processes (#9):
`generator/engine/speedups/body_exchange.py`.

The English page of an item without an English body shows the Russian body. The two
language processes of a CLI build split those conversions and hand each other their
halves; the site must come out exactly as when each language converts everything itself
(a sequential build), and a failure on one side must not leave the other waiting.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_files import site_files

from bench.timeline import process_tree
from generator.build.orchestrator import BuildOptions, build
from generator.content.markdown_config import render
from generator.engine.pages import ORIGINAL_HTML
from generator.engine.speedups import body_exchange
from generator.engine.speedups.body_exchange import (
    Exchange,
    ExchangeAborted,
    ExchangeConverter,
    abort_all,
    split,
)
from generator.pages.generate import ORIGINAL_CLOSE, ORIGINAL_OPEN

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`


@pytest.fixture(scope="module")
def repo(synthetic_repo: Callable[[int, int], Path]) -> Path:
    return synthetic_repo(120, 5)


def test_parallel_build_with_body_exchange_equals_the_sequential_one(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "published.jsonl"
    publish = Exchange.publish

    def spy(self: Exchange, name: str, data: Any) -> None:
        with open(log, "a") as out:  # forked processes append a line each
            out.write(json.dumps([self.lang, name, len(data)]) + "\n")
        publish(self, name, data)

    monkeypatch.setattr(Exchange, "publish", spy)
    build(BuildOptions(repo, tmp_path / "parallel", today="2026-11-29", quiet=True))
    build(
        BuildOptions(repo, tmp_path / "sequential", today="2026-11-29", parallel=False, quiet=True)
    )
    parallel, sequential = site_files(tmp_path / "parallel"), site_files(tmp_path / "sequential")
    assert sorted(parallel) == sorted(sequential)
    assert [path for path in parallel if parallel[path] != sequential[path]] == []

    published = sorted(tuple(json.loads(line)) for line in log.read_text().splitlines())
    sizes = {(lang, name): size for lang, name, size in published}
    assert set(sizes) == {("en", "plan"), ("en", "bodies"), ("ru", "bodies")}
    shown = sizes[("en", "plan")]
    assert shown > 40  # most synthetic items have no English body
    assert sizes[("en", "bodies")] + sizes[("ru", "bodies")] == shown
    assert abs(sizes[("en", "bodies")] - sizes[("ru", "bodies")]) <= shown // 4  # about half each


def test_a_failure_on_one_side_stops_the_other(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = ExchangeConverter.share

    def failing(self: ExchangeConverter, *args: Any) -> None:
        if self.exchange.lang == "en":
            raise RuntimeError("the English side broke")
        share(self, *args)  # the Russian side waits for the English plan

    monkeypatch.setattr(ExchangeConverter, "share", failing)
    with pytest.raises(Exception, match=r"English side broke|build failed"):
        build(BuildOptions(repo, tmp_path / "site", today="2026-11-29", quiet=True))
    assert not (tmp_path / "site").exists()
    assert pagefind_children() == []  # the search services the build started are gone


def pagefind_children() -> list[int]:
    """This process's descendants named pagefind, dead or alive but not yet collected."""
    return [pid for pid, (name, _cpu) in process_tree(os.getpid()).items() if name == "pagefind"]


def test_receive_waits_for_the_file_and_stops_on_failure(tmp_path: Path) -> None:
    ru, en = Exchange(tmp_path, "ru", "en"), Exchange(tmp_path, "en", "ru")
    en.publish("plan", ["news/a.md", "news/b.md"])
    assert ru.receive("plan") == ["news/a.md", "news/b.md"]
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".")]  # no half files
    en.fail()
    with pytest.raises(ExchangeAborted, match="en build failed"):
        ru.receive("bodies")
    other = tmp_path / "other"
    other.mkdir()
    abort_all(other)
    with pytest.raises(ExchangeAborted):
        Exchange(other, "en", "ru").receive("bodies")


def test_receive_gives_up_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(body_exchange, "TIMEOUT", 0.05)
    with pytest.raises(ExchangeAborted, match="sent nothing"):
        Exchange(tmp_path, "ru", "en").receive("bodies")


def test_split_is_the_same_on_both_sides_and_covers_everything() -> None:
    shown = [f"news/item-{i}.md" for i in range(2000)]
    english, russian = split(list(reversed(shown)))
    assert (english, russian) == split(shown)
    assert english | russian == set(shown) and not english & russian
    assert abs(len(english) - len(russian)) < 100  # about half each


def test_a_body_stays_on_its_side_whatever_else_is_shown() -> None:
    """Each side keeps its half in its cache of converted bodies (body_cache): an item
    added or removed must not move the others to the other side."""
    shown = [f"news/item-{i}.md" for i in range(200)]
    english, _russian = split(shown)
    more_english, _more_russian = split([*shown[:50], "news/new.md", *shown[51:]])
    assert more_english - {"news/new.md"} == english - {shown[50]}


BODIES = [
    "## Программа\n\nТекст со [ссылкой](https://example.org) и *курсивом*.",
    "| a | b |\n|---|:-:|\n| 1 | 2 |",
    "```python\nprint(1)\n```",
    '!!! note "Заметка"\n    Внутри.',
    "- [x] сделано\n- [ ] нет",
    "НКО работает.\n\n*[НКО]: некоммерческая организация",
]


@pytest.mark.parametrize("body", BODIES)
def test_a_wrapped_conversion_is_what_md_in_html_makes(body: str) -> None:
    assert ORIGINAL_HTML.format(render(body)) == render(ORIGINAL_OPEN + body + ORIGINAL_CLOSE)


def test_russian_footnotes_stay_inside_the_russian_block() -> None:
    # md_in_html put the footnotes after the <div lang="ru">, unmarked on an English page.
    html = ORIGINAL_HTML.format(render("Текст[^1].\n\n[^1]: Сноска по-русски."))
    assert html.startswith('<div lang="ru">') and html.endswith("</div>")
    assert html.index('class="footnote"') < html.rindex("</div>")
    assert html.count("<div") == html.count("</div>")
