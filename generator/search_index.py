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
    command = [str(pagefind_bin.get_executable()), "--site", str(context.site),
               "--output-subdir", "pagefind", "--exclude-selectors", EXCLUDED, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    canonicalise_bundle(context.site / "pagefind")  # Pagefind's own output varies run to run
