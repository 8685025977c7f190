"""How long `mkdocs serve` takes to show a saved item: from the write to the served page.

Starts `mkdocs serve` on a synthetic repository (with the project's mkdocs.yml and theme),
waits for its first build, then edits one item's title several times and polls over HTTP
until the item's page, and the section listing that includes it, show the new title. The
file is put back as it was at the end.

    python bench/preview.py bench/out/run-10000
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SERVE_CONFIG = "mkdocs-serve.yml"
"""Written into the synthetic repository: the project's mkdocs.yml, theme path made absolute."""


def serve_config(root: Path) -> Path:
    """The project's mkdocs.yml for `root`: the plugin's `root` defaults to its folder."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*custom_dir:\s*)theme\s*$", rf"\g<1>{REPO_ROOT / 'theme'}", text)
    path = root / SERVE_CONFIG
    path.write_text(text, encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def stop(server: subprocess.Popen[bytes], seconds: float) -> None:
    """End a server this process started: asked to stop, then killed if it will not."""
    server.terminate()
    try:
        server.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@dataclass
class PreviewFigures:
    startup: float
    """Seconds from starting `mkdocs serve` to the item page being served."""
    page: list[float] = field(default_factory=list)
    """Per edit: seconds from the write to the item's page showing the new title."""
    listing: list[float] = field(default_factory=list)
    """Per edit: the same for the section listing that includes the item."""

    @property
    def worst(self) -> float:
        return max([*self.page, *self.listing], default=float("nan"))

    @property
    def median(self) -> float:
        both = [max(p, s) for p, s in zip(self.page, self.listing, strict=True)]
        return statistics.median(both) if both else float("nan")


PLAIN_TITLE = re.compile(r"title: [^{}\[\]\"'&<>#:|*!%@`]+")
"""A title line whose value is a plain scalar: appending a word keeps it valid YAML."""


def pick_item(root: Path) -> tuple[Path, str, str]:
    """A news item without translation and with a plain Russian title: its file, its
    title line and its URL path."""
    for path in sorted((root / "content" / "news").glob("*.md")):
        if path.name.endswith(".en.md") or path.with_name(path.stem + ".en.md").exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if PLAIN_TITLE.fullmatch(line):
                return path, line, f"news/{path.stem}/"
    raise SystemExit(f"no untranslated news item with a plain title under {root}")


def measure(
    root: Path,
    edits: int = 3,
    timeout: float = 60.0,
    startup_timeout: float = 900.0,
    log: Path | None = None,
) -> PreviewFigures:
    config = serve_config(root)
    path, title_line, page = pick_item(root)
    original = path.read_bytes()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1780272000"}
    log = log or root / "serve.log"
    with log.open("w") as output:
        began = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            title = title_line.removeprefix("title: ")
            if not _wait(lambda: title in fetch(base + page), startup_timeout, 0.5, server):
                raise SystemExit(f"mkdocs serve never showed {page}; see {log}")
            figures = PreviewFigures(time.perf_counter() - began)
            time.sleep(1.0)  # let the watcher take its first snapshot
            for n in range(1, edits + 1):
                marker = f"Правка{n}x{os.getpid()}"
                text = original.decode("utf-8").replace(title_line, f"{title_line} {marker}", 1)
                written = time.perf_counter()
                path.write_bytes(text.encode("utf-8"))
                seen: dict[str, float] = {}

                def shown(
                    marker: str = marker, seen: dict[str, float] = seen, written: float = written
                ) -> bool:
                    for url in (page, "news/"):
                        if url not in seen and marker in fetch(base + url):
                            seen[url] = time.perf_counter() - written
                    return len(seen) == 2

                if not _wait(shown, timeout, 0.02, server):
                    raise SystemExit(f"edit {n} not shown within {timeout} s; see {log}")
                figures.page.append(seen[page])
                figures.listing.append(seen["news/"])
                time.sleep(1.0)  # separate edits as an editor's saves are
        finally:
            path.write_bytes(original)
            stop(server, 15)
            config.unlink(missing_ok=True)
    return figures


def _wait(condition, seconds: float, step: float, server: subprocess.Popen) -> bool:  # type: ignore[no-untyped-def, type-arg]
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if condition():
            return True
        if server.poll() is not None:
            return False
        time.sleep(step)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a synthetic repository (bench/synth.py)")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    figures = measure(args.root.resolve(), args.edits)
    print(f"first build served after {figures.startup:.1f} s")
    for n, (p, s) in enumerate(zip(figures.page, figures.listing, strict=True), 1):
        print(f"edit {n}: page {p:.2f} s, listing {s:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
