"""MkDocs' warnings, told in terms of the files editors wrote.

In strict mode MkDocs aborts with "Aborted with 1 warnings" and, unless logging is
set up, prints nothing else; its warnings name the generated page
(`forums/x.md`), not the contributor's file. This collects the warnings of one
build and maps each to `content/forums/x.md:LINE` (the line where the offending
link target is written), so the CLI can say what broke and where.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import Abort

from generator.urls import is_translation

_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_QUOTED = re.compile(r"'([^']+)'")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def source_of(docs_path: str, root: Path, lang: str) -> str:
    """The contributor's file behind a generated page path, or the path itself."""
    parts = docs_path.removesuffix(".md").split("/")
    if len(parts) == 1:
        stems = [f"content/pages/{parts[0]}"]
    elif parts[0] == "missions":
        stems = [f"missions/{parts[1]}"]
    else:
        stems = [f"content/{parts[0]}/{parts[1]}"]
    for stem in stems:
        for suffix in (f".{lang}.md", ".md") if is_translation(lang) else (".md",):
            if (root / (stem + suffix)).is_file():
                return stem + suffix
    return docs_path


def locate(message: str, root: Path, lang: str) -> str:
    """`source:line: message` when the page and the quoted link can be found."""
    match = _DOC_FILE.search(message)
    if not match:
        return message
    source = source_of(match.group(1), root, lang)
    line = 0
    quoted = [q for q in _QUOTED.findall(message) if q != match.group(1)]
    if quoted and (root / source).is_file():
        lines = (root / source).read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if quoted[0] in text), 0)
    where = f"{source}:{line}" if line else source
    return f"{where}: {message}"


@contextmanager
def explained_warnings(root: Path, lang: str) -> Iterator[None]:
    """Re-raise MkDocs' strict-mode abort with its warnings, located in sources."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        yield
    except Abort as exc:
        located = [locate(m, root, lang) for m in collector.messages]
        raise Abort("\n".join([str(exc), *located])) from None
    finally:
        logger.removeHandler(collector)
