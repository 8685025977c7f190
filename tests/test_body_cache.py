"""generator/body_cache.py: bodies converted by the build before, reused when nothing they
depend on changed.

A reused conversion must be exactly the one a new conversion would give: the same text on
the same page, with the same settings, code, and link targets. A change to any of them
converts again, and a conversion that logged a warning is never reused, so strict mode
sees the warning in every build.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_files import site_files

from bench.synth import make_repo
from generator.build.orchestrator import BuildOptions, build, cache_folder
from generator.content.markdown_config import EXTENSION_CONFIGS, EXTENSIONS
from generator.engine.pages import BodyConverter, Converted
from generator.engine.plugin import MissionsPlugin
from generator.engine.speedups import body_cache
from generator.engine.speedups.body_cache import BodyCache, stable

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

BODY = (
    "## Программа\n\nСм. [отчёт](report.md#итоги), [себя](#программа) и "
    "[сайт](https://example.org).\n\n```python\nprint(1)\n```\n"
)


def setup(
    tmp_path: Path, names: tuple[str, ...] = ("item.md", "report.md"), permalink: bool = True
) -> tuple[MkDocsConfig, Files]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    config = MkDocsConfig()
    configs = {k: dict(v) for k, v in EXTENSION_CONFIGS.items()}
    configs["toc"]["permalink"] = permalink
    extensions = [{name: configs[name]} if name in configs else name for name in EXTENSIONS]
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": str(docs),
            "site_dir": str(tmp_path / "s"),
            "markdown_extensions": extensions,
        }
    )
    errors, _warnings = config.validate()
    assert not errors
    return config, Files([File(name, str(docs), str(tmp_path / "s"), True) for name in names])


@dataclass
class Cached:
    """A converter with its cache in front (`BodyCache.around`), as the plugin sets it up."""

    converter: BodyConverter
    cache: BodyCache

    def convert(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> Converted:
        return self.converter.convert(page, text, config, files)


def converter(config: MkDocsConfig, path: Path, calls: list[str]) -> Cached:
    """A converter with the cache in `path`, noting every body it converts itself."""
    made = BodyConverter(config)
    cache = BodyCache.for_build(str(path), config)
    assert cache is not None
    convert = made.convert

    def counted(page: Page, text: str, *args: Any) -> Converted:
        calls.append(page.file.src_uri)
        return convert(page, text, *args)

    made.convert = cache.around(counted)
    return Cached(made, cache)


def page(config: MkDocsConfig, files: Files, name: str = "item.md") -> Page:
    file = files.get_file_from_path(name)
    assert file is not None
    return Page(None, file, config)


def test_an_unchanged_body_is_not_converted_again(tmp_path: Path) -> None:
    config, files = setup(tmp_path)
    calls: list[str] = []
    first = converter(config, tmp_path / "cache", calls)
    fresh = first.convert(page(config, files), BODY, config, files)
    first.cache.save()
    again = converter(config, tmp_path / "cache", calls).convert(
        page(config, files), BODY, config, files
    )
    assert calls == ["item.md"]
    assert again == fresh
    assert 'href="../report/#итоги"' in again.html and again.links == {
        "report.md": {"итоги": "report.md#итоги"},
        "item.md": {"программа": "#программа"},
    }


@pytest.mark.parametrize("change", ["text", "page", "settings", "code", "log level"])
def test_a_change_it_depends_on_converts_it_again(
    tmp_path: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, files = setup(tmp_path, ("item.md", "other.md", "report.md"))
    calls: list[str] = []
    first = converter(config, tmp_path / "cache", calls)
    first.convert(page(config, files), BODY, config, files)
    first.cache.save()
    text, name = BODY, "item.md"
    if change == "text":
        text = BODY + "\nЕщё.\n"
    elif change == "page":
        name = "other.md"
    elif change == "settings":
        config, files = setup(tmp_path, ("item.md", "other.md", "report.md"), permalink=False)
    elif change == "code":
        monkeypatch.setattr(body_cache, "code_digest", lambda: "another generator")
    else:  # `mkdocs build --verbose`: conversions then keep no links (mkdocs_pages)
        logger = logging.getLogger("mkdocs")
        monkeypatch.setattr(logger, "level", logging.DEBUG)
    converter(config, tmp_path / "cache", calls).convert(
        page(config, files, name), text, config, files
    )
    assert calls == ["item.md", name]


def test_a_link_target_that_went_converts_it_again_and_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = setup(tmp_path)
    calls: list[str] = []
    first = converter(config, tmp_path / "cache", calls)
    first.convert(page(config, files), BODY, config, files)
    first.cache.save()
    config, files = setup(tmp_path, ("item.md",))
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        converted = converter(config, tmp_path / "cache", calls).convert(
            page(config, files), BODY, config, files
        )
    assert calls == ["item.md", "item.md"]
    assert "not found among documentation files" in caplog.text
    assert 'href="report.md#итоги"' in converted.html


def test_a_conversion_that_warned_is_never_reused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = setup(tmp_path, ("item.md",))
    calls: list[str] = []
    for _build in range(2):
        made = converter(config, tmp_path / "cache", calls)
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            made.convert(page(config, files), BODY, config, files)
        made.cache.save()  # type: ignore[union-attr]
    assert calls == ["item.md", "item.md"]
    assert caplog.text.count("not found among documentation files") == 2


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    config, files = setup(tmp_path, ("item.md", "other.md", "report.md"))
    calls: list[str] = []
    first = converter(config, tmp_path / "cache", calls)
    for name in ("item.md", "other.md"):
        first.convert(page(config, files, name), BODY, config, files)
    first.cache.save()
    second = converter(config, tmp_path / "cache", calls)
    second.convert(page(config, files, "other.md"), BODY, config, files)
    second.cache.save()  # type: ignore[union-attr]
    third = converter(config, tmp_path / "cache", calls)
    assert len(third.cache.stored) == 1  # type: ignore[union-attr]
    third.convert(page(config, files, "item.md"), BODY, config, files)
    assert calls == ["item.md", "other.md", "item.md"]


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    config, files = setup(tmp_path)
    (tmp_path / "cache").write_bytes(b"\x00not marshal")
    calls: list[str] = []
    made = converter(config, tmp_path / "cache", calls)
    assert made.cache.stored == {}  # type: ignore[union-attr]
    made.convert(page(config, files), BODY, config, files)
    made.cache.save()  # type: ignore[union-attr]
    assert calls == ["item.md"]
    assert len(BodyCache(tmp_path / "cache", made.cache.salt).stored) == 1  # type: ignore[union-attr]


def test_settings_read_the_same_in_every_process(tmp_path: Path) -> None:
    config, _files = setup(tmp_path)
    text = repr(stable([config.markdown_extensions, config.mdx_configs, config.validation]))
    assert " at 0x" not in text
    assert "generator.content.markdown_config.slugify" in text


def test_a_rebuild_converts_only_the_edited_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, site = tmp_path / "repo", tmp_path / "out" / "site"
    make_repo(repo, 30, seed=7)
    calls: list[str] = []
    convert = BodyConverter._convert

    def counted(self: BodyConverter, page: Page, *args: object) -> object:
        calls.append(page.file.src_uri)
        return convert(self, page, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(BodyConverter, "_convert", counted)
    finished: list[str] = []
    finish = MissionsPlugin._finish

    def counted_finish(self: MissionsPlugin, html: str) -> str:
        finished.append(html)
        return finish(self, html)

    monkeypatch.setattr(MissionsPlugin, "_finish", counted_finish)
    options = BuildOptions(repo, site, today="2026-11-29", parallel=False, quiet=True)
    build(options)
    assert len(calls) > 30 and sorted((cache_folder(site)).iterdir())
    assert len(finished) > 60  # every page of both languages
    calls.clear()
    finished.clear()
    build(options)
    assert calls == [] and finished == []
    item = next(
        p for p in sorted((repo / "content" / "news").glob("*.md")) if not p.name.endswith(".en.md")
    )
    item.write_text(item.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    build(options)
    assert calls and set(calls) == {f"news/{item.stem}.md"}
    assert finished and all("Новый абзац." in html for html in finished)
    rebuilt = site_files(site)
    shutil.rmtree(cache_folder(site))
    build(BuildOptions(repo, tmp_path / "fresh" / "site", today="2026-11-29", quiet=True))
    assert site_files(tmp_path / "fresh" / "site") == rebuilt
