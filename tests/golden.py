"""Golden pages: one built page per page type, in both languages, kept in `tests/golden/`.

A change to the generator, the templates or the theme shows in review as a diff of these
files, the way a change to code does. The pages are built from `tests/fixtures/a11y` (every
collection, a mission with a long description, translations and fallbacks). Each golden
file holds what makes that page itself: its language, title and description and its
`<article>`; the layout every page shares (header, navigation, footer, scripts) is kept
once per language, as the home page's with its article left out (`layout.html`). All is
normalised so that only what a change did remains: blank lines and indentation go, asset
file names lose their content hashes, and long SVG path data (the maps) is replaced by a
digest.

Regenerate after a change that is meant to change pages, then review the diff:

    .venv/bin/python tests/golden.py

`tests/test_golden.py` builds the same fixture and compares.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "fixtures" / "a11y"
GOLDEN = TESTS / "golden"
TODAY = "2030-01-15"
"""As the fixtures' other builds (`conftest.TODAY`): their upcoming forums stay upcoming."""

PAGES = {
    "home": "index.html",
    "404": "404.html",
    "search": "search/index.html",
    "submit": "submit/index.html",
    "about": "about/index.html",
    "missions": "missions/index.html",
    "mission": "missions/dk/index.html",
    "mission-forming": "missions/no/index.html",
    "forums": "forums/index.html",
    "forum": "forums/forum-mai/index.html",
    "forum-cancelled": "forums/forum-otmenennyi/index.html",
    "internships": "internships/index.html",
    "internship": "internships/stazhirovka-otkrytaya/index.html",
    "projects": "projects/index.html",
    "project": "projects/pamyatnik/index.html",
    "proposals": "proposals/index.html",
    "proposals-archive": "proposals/archive/index.html",
    "proposal": "proposals/predlozhenie-otkrytoe/index.html",
    "routes": "routes/index.html",
    "route": "routes/marshrut-bez-barerov/index.html",
    "publications": "publications/index.html",
    "publication": "publications/otchet/index.html",
    "news": "news/index.html",
    "news-item": "news/otkrytie-missii/index.html",
    "organizations": "organizations/index.html",
    "organization": "organizations/dansk-forening/index.html",
}
"""Golden name -> the page's file in the Russian site; the English one is under `en/`."""
LANGUAGES = {"ru": "", "en": "en/"}
LAYOUT = "layout"
"""The golden name of the shared layout."""

_ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
_HEAD_PARTS = re.compile(
    r'<html [^>]*>|<title>.*?</title>|<meta name="description"[^>]*>|<link rel="canonical"[^>]*>',
    re.DOTALL,
)
_HASHED = re.compile(r"\.[0-9a-f]{8}(\.min\.(?:js|css))")
_LONG_PATH = re.compile(r'\bd="([^"]{200,})"')
_POINTS = re.compile(r'\bpoints="([^"]{200,})"')


def normalise(html: str) -> str:
    """The page as reviewed: no blank lines or indentation, no hashes, no map geometry."""
    html = _HASHED.sub(r".HASH\1", html)
    html = _LONG_PATH.sub(lambda m: f'd="{_digest(m.group(1))}"', html)
    html = _POINTS.sub(lambda m: f'points="{_digest(m.group(1))}"', html)
    lines = (line.strip() for line in html.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]


def golden_name(lang: str, name: str) -> str:
    return f"{lang}/{name}.html"


def own_parts(html: str) -> str:
    """What makes a page itself: `<html lang>`, title, description, canonical, article."""
    article = _ARTICLE.search(html)
    return "\n".join([*_HEAD_PARTS.findall(html), article.group(0) if article else ""])


def layout(html: str) -> str:
    """The layout every page shares: the page with its article left out."""
    return _ARTICLE.sub("<article><!-- the page's own, in its golden file --></article>", html)


def pages_of(site: Path) -> dict[str, str]:
    """Every golden file of a built site, normalised, by its golden file name."""
    found = {}
    for lang, prefix in LANGUAGES.items():
        for name, rel in PAGES.items():
            html = (site / prefix / rel).read_text(encoding="utf-8")
            found[golden_name(lang, name)] = normalise(own_parts(html))
            if name == "home":
                found[golden_name(lang, LAYOUT)] = normalise(layout(html))
    return found


def build(site: Path) -> None:
    """The fixture's site, built as a person builds it (`python -m generator build`)."""
    command = [sys.executable, "-m", "generator", "build", "--root", str(FIXTURE)]
    command += ["--site-dir", str(site), "--today", TODAY]
    subprocess.run(command, check=True, capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        pages = pages_of(site)
    for old in GOLDEN.rglob("*.html"):
        old.unlink()
    for name, text in pages.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"{len(pages)} golden pages written to {GOLDEN.relative_to(TESTS.parent)}/")


if __name__ == "__main__":
    main()
