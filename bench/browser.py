"""What a reader's browser downloads: first view of an item page, and a first search result.

Measured in Debian's Chromium (driven by Playwright, as in tests/browser) against a local
static server that compresses like a real host: text types are sent gzipped when the
browser asks for it, fonts and images as they are. The bytes are what the server wrote
to the sockets (status lines, headers and bodies) for a fresh browser context, whose
cache is empty, so every figure is a first visit.

    python bench/browser.py bench/out/run-10000/site news/some-item/ --query форум
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

CHROMIUM = Path("/usr/bin/chromium")
# The launch arguments of tests/browser/conftest.py: headless, and none of Chromium's own
# background traffic, which would be counted as the page's.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# What static hosts (GitHub Pages, GitLab Pages, nginx with gzip_static) compress.
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzipped when the client accepts it and the type is text."""

    cache: ClassVar[dict[str, bytes]] = {}  # gzipped once per file, shared by threads
    lock = threading.Lock()

    def __init__(self, *args: Any, meter: _Meter | None = None, **kwargs: Any) -> None:
        self.meter = meter
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counting(self.wfile)

    def handle_one_request(self) -> None:
        self.wfile.count = 0
        super().handle_one_request()
        if self.meter is not None and self.wfile.count:
            self.meter.add(getattr(self, "path", ""), self.wfile.count)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard redirect to the slash URL
            path = path / "index.html"
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or not ctype.startswith(COMPRESSED_TYPES):
            return super().send_head()
        key = str(path)
        with self.lock:
            body = self.cache.get(key)
            if body is None:
                body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
                self.cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Counting:
    """The socket's file, counting what is written to it."""

    def __init__(self, raw: Any) -> None:
        self.raw, self.count = raw, 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _Body:
    """A file-like for `SimpleHTTPRequestHandler.do_GET`, which copies it to the socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def gzip_server(site: Path, meter: _Meter | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_GzipHandler, directory=str(site), meter=meter)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Transfer:
    """Bytes the server sent (headers and bodies), by kind of file, and how many requests."""

    total: int = 0
    requests: int = 0
    by_type: dict[str, int] | None = None


class _Meter:
    """Every response the server sends: path and bytes on the wire.

    Counted at the server rather than in the page's DevTools session: Pagefind fetches its
    index from a Web Worker, whose requests a page's session does not see.
    """

    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))

    def snapshot(self) -> Transfer:
        by_type: dict[str, int] = {}
        with self.lock:
            sent = list(self.sent)
        for path, size in sent:
            kind = _kind(path)
            by_type[kind] = by_type.get(kind, 0) + size
        return Transfer(sum(size for _, size in sent), len(sent), by_type)


def _kind(path: str) -> str:
    name = path.split("?")[0]
    if "/pagefind/" in name:
        return "pagefind"
    ext = name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else "html"
    return {"htm": "html", "woff2": "font", "woff": "font", "ttf": "font"}.get(ext, ext)


@dataclass
class BrowserFigures:
    first_view: Transfer
    search: Transfer
    """From opening the page to the first search result shown (first view included)."""
    search_settled: Transfer
    """The same, once the network has been quiet for a moment (prefetched fragments)."""
    search_seconds: float


def measure(site: Path, page_path: str, query: str) -> BrowserFigures:
    """Open `page_path` of `site` in a fresh browser, then search `query` from the header."""
    from playwright.sync_api import sync_playwright

    meter = _Meter()
    with gzip_server(site, meter) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + page_path, wait_until="networkidle")
            first_view = meter.snapshot()
            began = time.perf_counter()
            page.keyboard.press("/")
            page.keyboard.type(query)
            page.wait_for_selector(".ngo-result", state="attached", timeout=30_000)
            seconds = time.perf_counter() - began
            search = meter.snapshot()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            settled = meter.snapshot()
            context.close()
        finally:
            browser.close()
    return BrowserFigures(first_view, search, settled, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("page", help="an item page's path, e.g. news/some-item/")
    parser.add_argument("--query", default="форум")
    args = parser.parse_args(argv)
    figures = measure(args.site.resolve(), args.page, args.query)
    print(json.dumps(asdict(figures), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
