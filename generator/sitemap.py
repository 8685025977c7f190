"""`/sitemap.xml`: every page of both languages, each with its `hreflang` alternates.

MkDocs writes a sitemap per language build (`sitemap.xml` and `.gz` at the root
and again under `en/`), each unaware of the other language, and without a
`site_url` full of `None` addresses. This step replaces them with one sitemap
for the whole site. A sitemap must list absolute URLs, so without a site URL
(`--site-url`, or `site_url` in mkdocs.yml) there is none: MkDocs' files are
removed and nothing is written.

Pages are taken from the built site itself (every `index.html`), so the
sitemap lists exactly what was published, home, sections and archives included.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from generator.published import absolute
from generator.write import Writer

if TYPE_CHECKING:  # outputs imports this module to register its step
    from generator.outputs import SiteContext

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
FILE_NAME = "sitemap.xml"
MKDOCS_FILES = ("sitemap.xml", "sitemap.xml.gz")


def write_sitemap(context: SiteContext, writer: Writer) -> None:
    """Registered in `outputs.STEPS`."""
    _remove_mkdocs_sitemaps(context)
    if context.site_url:
        writer.text(FILE_NAME, render_sitemap(context))


def render_sitemap(context: SiteContext) -> str:
    languages = context.languages
    # Plain names, namespaces declared by hand: ElementTree would invent `ns0:` prefixes.
    root = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for page in page_urls(context.site, languages):
        versions = {lang: lang_url(lang, page, languages) for lang in languages}
        versions = {lang: url for lang, url in versions.items()
                    if (context.site / url / "index.html").is_file()}
        for url in versions.values():
            entry = ET.SubElement(root, "url")
            ET.SubElement(entry, "loc").text = absolute(context.site_url, url)
            if len(versions) > 1:
                _alternates(entry, versions, languages[0], context.site_url)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _alternates(entry: ET.Element, versions: dict[str, str], default: str,
                site_url: str) -> None:
    """Each language's version, and `x-default`: the site's first language (Russian)."""
    hreflangs = [*versions.items()]
    if default in versions:
        hreflangs.append(("x-default", versions[default]))
    for hreflang, url in hreflangs:
        ET.SubElement(entry, "xhtml:link", rel="alternate", hreflang=hreflang,
                      href=absolute(site_url, url))


def page_urls(site: Path, languages: tuple[str, ...]) -> list[str]:
    """Pages of the first language's site, as URLs without the language prefix.

    Every language has the same pages (one generator writes them all); a page
    missing in one language is listed without alternates.
    """
    others = set(languages[1:])
    found = []
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site).as_posix()
        top = folder.split("/", 1)[0]
        if top in others:
            continue
        found.append("" if folder == "." else folder + "/")
    return sorted(found)


def lang_url(lang: str, page: str, languages: tuple[str, ...]) -> str:
    """The first language sits at the site's root, the others in their folders."""
    return page if lang == languages[0] else f"{lang}/{page}"


def _remove_mkdocs_sitemaps(context: SiteContext) -> None:
    """Each language build left its own; one for the whole site replaces them."""
    for folder in ("", *(f"{lang}/" for lang in context.languages[1:])):
        for name in MKDOCS_FILES:
            (context.site / folder / name).unlink(missing_ok=True)
