"""The bare engine's build time: the floor the project's build is compared against.

A bare MkDocs + Material project with as many plain Markdown pages as the synthetic
repository has items, bodies of the same kind and size, one language, no plugins and a nav
of section index pages only (design.md: item pages are not in the nav). Whatever the
project's build costs above this is the generator's own cost.

    python bench/baseline.py --pages 1000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

# Run as a script (`python bench/baseline.py`), this file's folder is on sys.path but the
# repository root is not; put it there so `bench.synth` imports the same way in both cases.
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import RU, body

# Sections like the real site's, so the docs tree has the same depth and a nav of indexes.
SECTIONS = ("forums", "internships", "projects", "proposals", "routes", "publications", "news")

CONFIG = """\
site_name: Bare baseline
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins: []
nav:
  - index.md
{nav}"""


def make_bare_site(root: Path, pages: int, seed: int = 0) -> Path:
    """Write a bare MkDocs project of `pages` Markdown files into `root`; return `root`.

    `pages` counts every Markdown file (home and section indexes included), so a build
    makes exactly `pages` HTML pages plus Material's 404.html.
    """
    if pages < 1:
        raise ValueError("a site has at least its home page")
    if (root / "docs").exists():
        raise FileExistsError(f"{root / 'docs'} exists: stale pages would skew the count")
    rng, docs = Random(seed), root / "docs"
    sections = SECTIONS[: max(0, min(len(SECTIONS), pages - 1))]
    write(docs / "index.md", "# Главная\n\n" + body(rng, RU))
    for section in sections:
        write(docs / section / "index.md", f"# {section}\n\n" + body(rng, RU))
    for i in range(pages - 1 - len(sections)):
        section = sections[i % len(sections)]
        write(docs / section / f"page-{i + 1}.md", f"# Страница {i + 1}\n\n" + body(rng, RU))
    nav = "".join(f"  - {s}/index.md\n" for s in sections)
    write(root / "mkdocs.yml", CONFIG.format(nav=nav))
    return root


def write(path: Path, content: str) -> None:
    """Write UTF-8 bytes, creating folders: the same bytes on every platform."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))


def time_bare_build(root: Path) -> float:
    """Run `mkdocs build` in a fresh interpreter and return the wall-clock seconds.

    A subprocess, not MkDocs' API, so the figure includes start-up and imports exactly as
    a user's or CI's `mkdocs build` pays them, and the project's build can be timed alike.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    # Material 9.7+ prints an end-of-life banner on every build; it is noise in a benchmark.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    began = time.perf_counter()
    subprocess.run(command, cwd=root, env=env, check=True)
    return time.perf_counter() - began


def html_stats(site: Path) -> tuple[int, int]:
    """Count the built HTML pages (404.html excluded) and their total bytes."""
    files = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return len(files), sum(p.stat().st_size for p in files)


def main(argv: list[str] | None = None) -> int:
    """CLI: build a bare site; print the seconds on stdout and the page sizes on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--dir", type=Path, help="build here and keep it (default: a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bare-mkdocs-") as tmp:
        root = args.dir or Path(tmp)
        seconds = time_bare_build(make_bare_site(root, args.pages))
        count, size = html_stats(root / "site")
    print(f"{seconds:.2f}")
    print(
        f"{count} HTML pages, {size:,} bytes, {size // max(count, 1):,} bytes/page", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
