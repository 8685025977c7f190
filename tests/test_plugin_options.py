"""Options of `ngo-missions` that older generators had (#16): a mission's fork keeps its
own mkdocs.yml, which may still set them. It builds, with a warning that names the
option and says to delete its line."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

import pytest
from commands import run_utf8
from conftest import FIXTURES
from mkdocs.config import load_config
from serving import add_project_config

from generator.engine.plugin import MissionsConfig, RetiredOption

RETIRED = ("shared", "exchange", "bundle", "search", "cache", "docs_dir")
"""Removed when the build began handing each language a `BuildPlan` in memory."""


def with_old_options(repo: Path, options: dict[str, str]) -> Path:
    """The project's mkdocs.yml, its plugin given `options` as an old one set them."""
    add_project_config(repo)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f"\n      {name}: {value}" for name, value in options.items())
    assert "\n  - ngo-missions\n" in text
    config.write_text(
        text.replace("\n  - ngo-missions\n", f"\n  - ngo-missions:{lines}\n"),
        encoding="utf-8",
        newline="\n",
    )
    return config


def test_every_removed_option_is_accepted_as_retired() -> None:
    schema = dict(MissionsConfig._schema)
    assert all(isinstance(schema[name], RetiredOption) for name in RETIRED)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru_RU.UTF-8", "удалите строку «exchange:»"),
        ("en_GB.UTF-8", "delete the line 'exchange:'"),
    ],
)
def test_a_retired_option_is_a_warning_in_the_editors_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    lang: str,
    expected: str,
) -> None:
    config_file = with_old_options(tmp_path, {"exchange": "/tmp/old", "shared": "true"})
    (tmp_path / "content").mkdir()
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", lang)
    with caplog.at_level(logging.WARNING, logger="mkdocs.config"):
        config = load_config(str(config_file))  # validates the plugins' options
    warnings = [r.getMessage() for r in caplog.records if "ngo-missions" in r.getMessage()]
    assert len(warnings) == 2, caplog.text
    assert any(expected in w and str(config_file) in w for w in warnings), warnings
    assert config.plugins["ngo-missions"].config.lang == "ru"  # the options it has, as before


@pytest.mark.slow
def test_a_fork_with_old_options_builds_with_mkdocs_and_says_so_in_any_encoding(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", repo)
    with_old_options(repo, {name: "old" for name in RETIRED if name != "shared"})
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LC_", "NGO_MISSIONS"))},
        "LANG": "ru_RU.UTF-8",
        "PYTHONIOENCODING": "cp1252",  # Windows' output redirected: no Cyrillic
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1893456000",
    }
    result = run_utf8(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=repo,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    for name in RETIRED:
        if name != "shared":
            assert f"параметр {name} плагина" in result.stderr, result.stderr
            assert f"удалите строку «{name}:»" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "en" / "index.html").is_file()
