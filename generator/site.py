"""Engine-free core of a build: check, then write one language's docs tree.

The MkDocs plugin calls `prepare_docs`; so can a test, or another engine's
glue. Media files are copied into the Russian tree only and linked from the
English pages one level up, so each file is published once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator import images, map_svg
from generator.check import load_and_check
from generator.generate import generate, nav
from generator.load import Content
from generator.problems import ContentError
from generator.write import Writer

LANGUAGES = ("ru", "en")


@dataclass
class Prepared:
    content: Content
    nav: list[dict[str, str]]
    pages: int


def checked_content(root: Path, lang: str = "ru") -> Content:
    """Load and check; raise `ContentError` listing every problem if there is any."""
    content, problems = load_and_check(root)
    if problems:
        raise ContentError(problems.sorted(), lang)
    return content


def prepare_docs(content: Content, lang: str, today: date, docs_dir: Path,
                 edit_base: str = "", site_url: str = "") -> Prepared:
    """Write the pages of `lang` (and, for Russian, the media) into `docs_dir`.

    `site_url` is the whole site's address (not the language's), or "".
    """
    writer = Writer(docs_dir)
    outputs = generate(content, lang, today, edit_base, site_url)
    for output in outputs:
        writer.text(output.path, output.text)
    if lang == "ru":
        for rel in sorted(content.media):
            writer.copy(rel, content.root / "content" / rel)
        # Pictures made from the content, published once like the media (#10).
        images.write_copies(content, writer)
        map_svg.write_locators(((m.code, m.status) for m in content.missions.values()), writer)
    return Prepared(content, nav(lang, content), len(outputs))
