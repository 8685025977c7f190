"""The Pagefind search index, built over the finished site in one run.

Pagefind makes a separate index per `<html lang>` (Russian at the root pages,
English under `en/`), stems Russian words ("стажировка" finds "стажировки"),
and is loaded by browsers in small chunks, unlike lunr's single file. Only
elements inside `data-pagefind-body` (item pages, see theme/main.html) are
indexed, so navigation, headers and listings never pollute results.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pagefind_bin

from generator.pagefind_stable import canonicalise_bundle
from generator.write import Writer

if TYPE_CHECKING:  # outputs imports this module to run it last
    from generator.outputs import SiteContext

# Parts of item pages that are not the item: links back, edit links, heading anchors,
# a mission page's lists of related items (each is found on its own page).
EXCLUDED = ".ngo-kicker, .ngo-edit, .headerlink, .ngo-note, .ngo-group, .ngo-feeds"


class SearchIndexError(RuntimeError):
    """Pagefind failed; its own output says why."""


def build_search_index(context: SiteContext, writer: Writer) -> None:
    start_search_index(context).finish()


class RunningIndex:
    """Pagefind started on the finished pages; `finish` waits for it and canonicalises.

    Pagefind reads only the HTML pages, so the other outputs (feeds, JSON, sitemap) can
    be written while it runs: it uses about one core, and the Python steps the other.
    """

    def __init__(self, context: SiteContext) -> None:
        self.bundle = context.site / "pagefind"
        command = [str(pagefind_bin.get_executable()), "--site", str(context.site),
                   "--output-subdir", "pagefind", "--exclude-selectors", EXCLUDED, "--quiet"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)

    def finish(self) -> None:
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise SearchIndexError(f"pagefind failed:\n{stdout}\n{stderr}")
        canonicalise_bundle(self.bundle)  # Pagefind's own output varies run to run

    def stop(self) -> None:
        """Kill Pagefind: another step failed and the build is abandoned."""
        self.process.kill()
        self.process.communicate()


def start_search_index(context: SiteContext) -> RunningIndex:
    return RunningIndex(context)
