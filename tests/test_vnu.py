"""Every generated page passes the Nu HTML checker (issue #10).

The a11y fixture (one page of every type, both languages) is built once and vnu checks
every HTML file of it in one run, errors only. `scripts/install-test-deps` installs the
checker (the vnu-jar npm package, version in tests/vnu/package.json); it runs on the
machine's Java. A missing checker fails the test rather than skipping it: a skipped
check looks green in CI while checking nothing.

No message is filtered: Material's two errors (`autocomplete` on its header toggles, and
a table-of-contents `<label for="__toc">` with no `__toc` on item pages) are fixed where
they are made (generator/engine/material_markup.py, theme/partials/toc.html).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "a11y"
VNU_JAR = REPO / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def site(built_fixture: Callable[[str], Path]) -> Path:
    return built_fixture(FIXTURE.name)


def vnu(*args: str) -> list[dict]:
    """Run the checker; its JSON report comes on stderr."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            f"the Nu HTML checker needs java and {VNU_JAR.relative_to(REPO)}: run "
            "`bash scripts/install-test-deps`",
            pytrace=False,
        )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr)["messages"]


def describe(message: dict, site: Path) -> str:
    where = message.get("url", "").removeprefix("file:" + str(site))
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}"


def test_every_page_passes_the_nu_html_checker(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60  # both languages of every page type: nothing was left out
    messages = vnu("--skip-non-html", str(site))
    assert [describe(m, site) for m in messages] == []


def test_the_drawn_maps_are_valid_svg(site: Path) -> None:
    """The locator maps are published as files: vnu checks them as SVG documents."""
    maps = sorted((site / "assets" / "maps").glob("*.svg"))
    assert maps
    assert [describe(m, site) for m in vnu("--svg", *map(str, maps))] == []
