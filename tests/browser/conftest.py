"""Browser fixtures: Debian's Chromium driven by Playwright, and a local static server.

`playwright install` downloads its own browser build, which cannot be fetched here, so
the tests drive the distribution's `/usr/bin/chromium` instead (design.md). `.ci/run`
installs it on a fresh machine.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")

# Headless and quiet: no GPU on CI, no sandbox as root, and none of Chromium's own
# background traffic (component updates, sync, QUIC probes) to blur what a page requests.
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


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """One Chromium for the whole session; starting it costs about a second.

    A missing browser fails rather than skips: a skipped accessibility or privacy check
    looks green in CI while checking nothing.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `bash .ci/run`, or "
            "`apt-get install -y --no-install-recommends chromium` "
            "(`playwright install` cannot download browsers here)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr, which pytest would show."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def _start_server(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve `directory` on 127.0.0.1 at a port the OS picks, so parallel runs never clash."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], str]]:
    """Return `serve(path) -> base_url`, serving a built site the way a static host would.

    A real HTTP origin (not file://) is needed so that "same origin" means what it means
    for visitors, and so Material's scripts behave as they do in production.
    """
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(path: Path) -> str:
        server = _start_server(path)
        servers.append(server)
        host, port = server.server_address[:2]
        return f"http://{host}:{port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _record_outside_requests(page: Page, base_url: str) -> list[str]:
    """Start recording every request `page` makes to another origin; return the live list.

    Listening to requests (not responses) catches calls that fail or are blocked too:
    a page that tries to reach Google Fonts offline still leaks the attempt.
    `data:` and `blob:` URLs never leave the browser, so they are not counted.
    """
    served = _origin(base_url)
    outside: list[str] = []

    def record(request: Request) -> None:
        scheme = urlsplit(request.url).scheme
        if scheme not in ("data", "blob") and _origin(request.url) != served:
            outside.append(request.url)

    page.on("request", record)
    return outside


@pytest.fixture(scope="session")
def outside_requests() -> Callable[[Page, str], list[str]]:
    """The recorder as a fixture, so test modules need not import conftest."""
    return _record_outside_requests


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives Chromium: `-m 'not browser'` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
