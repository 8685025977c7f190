"""A built site as {relative path: bytes}, for tests that compare two builds byte for byte;
its pages as the search feeds see them."""

from __future__ import annotations

from pathlib import Path


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


Pages = dict[str, list[tuple[str, str]]]


def search_pages(site: Path) -> Pages:
    """Every page of a built site as the render processes see it: (URL, final HTML) per
    language, URLs as Pagefind shows them (`search_index.search_url`)."""
    from generator.search.index import search_url

    found: Pages = {"ru": [], "en": []}
    for path in sorted(site.rglob("index.html")):
        folder = path.parent.relative_to(site)
        lang = "en" if folder.parts[:1] == ("en",) else "ru"
        relative = folder.relative_to("en") if lang == "en" else folder
        url = "" if str(relative) == "." else f"{relative}/"
        found[lang].append((search_url(lang, url), path.read_text(encoding="utf-8")))
    return found
