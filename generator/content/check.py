"""Stage 2: checks across files, once every file has been read.

`load` already checked each file on its own (fields, types, names). Here the
references between files are resolved and the rules that span fields are
applied. Each rule is a function in `RULES` (items) or `BODY_RULES` (Markdown
bodies); all run, none stops the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.content.addresses import address, docs_path, page_path, reserved
from generator.content.bounded_render import (
    RENDER_CPU_SECONDS,
    Body,
    Site,
    bodies_of,
    example_link,
    is_ordinary,
    resolve,
    translation_source,
)
from generator.content.characters import body_problems
from generator.content.countries import is_country, is_language
from generator.content.fields import RefUse, nearest
from generator.content.load import Content, load
from generator.content.models import Item, Publication
from generator.content.problems import Problems
from generator.content.sanitize import Link
from generator.content.slugs import is_slug, propose_slug
from generator.content.values import first_day, last_day
from generator.urls import FIRST, is_translation

_REGION_CODE = re.compile(r"RU-[A-Z]{2,3}")
# Official names use dashes too: "Ханты-Мансийский автономный округ — Югра".
_REGION_NAME = re.compile(r"[А-ЯЁ][А-Яа-яЁё .()—–-]+")


def check(content: Content, problems: Problems) -> None:
    """Add every cross-file problem of `content` to `problems`."""
    for rel, refs in content.refs.items():
        for ref in refs:
            _resolve(content, rel, ref, problems)
    one_source_per_address(content, problems)
    site = Site(content)
    for item in [*content.all_items(), *content.intros.values()]:
        # Rules across fields wait for an item's own field errors to be fixed: a field
        # left out for being wrong is not a field left out (no "start needed" after a
        # bad `start`). Its references, media and bodies are checked all the same.
        if item.key not in content.unread:
            for rule in RULES:
                rule(item, problems)
        _media_of_own_missions(item, content.refs.get(item.source, []), problems)
        for body in bodies_of(item):
            for body_rule in BODY_RULES:
                body_rule(body, site, problems)


def one_source_per_address(content: Content, problems: Problems) -> None:
    """Each item's page on the address map, beside the addresses the build keeps.

    Compared case-folded: `News` and `news` are one folder on macOS and Windows.
    """
    taken = {address(path): where for path, where in reserved().items()}
    seen: dict[str, Item] = {}
    proposed: set[str] = set()
    for item in content.all_items():
        here = address(page_path(item)).casefold()
        if here in taken:
            place, source = taken[here]
            proposal = _free_name(content, item, taken, proposed)
            proposed.add(proposal)
            problems.add(
                item.source,
                0,
                "address_reserved",
                address=here,
                place=f"place_{place}",
                source=source,
                proposal=proposal,
            )
        elif here in seen:
            problems.add(item.source, 0, "address_twin", address=here, other=seen[here].source)
        else:
            seen[here] = item


def _free_name(
    content: Content, item: Item, taken: dict[str, tuple[str, str]], proposed: set[str]
) -> str:
    """A file name for `item` whose page lands on a free address: from its title first."""
    folder, extension = item.source.rsplit("/", 1)[0], item.source.rsplit(".", 1)[1]
    used = {address(page_path(other)) for other in content.items[item.collection].values()}
    from_title = propose_slug(item.label().ru)
    candidates = [from_title] if is_slug(from_title) else []
    candidates += [f"{item.slug}-{n}" for n in range(2, 1000)]
    for slug in candidates:
        name = f"{folder}/{slug}.{extension}"
        here = address(docs_path(item.collection, slug))
        if here not in used and here not in taken and name not in proposed:
            return name
    return f"{folder}/{item.slug}-{len(used) + 1000}.{extension}"


def load_and_check(root: Path) -> tuple[Content, Problems]:
    """The whole of `generator check`: read, then check, collecting everything."""
    problems = Problems()
    content = load(root, problems)
    check(content, problems)
    return content, problems


def _resolve(content: Content, rel: str, ref: RefUse, problems: Problems) -> None:
    target = REFERENCE_TARGETS[ref.target]
    code = target(content, ref.value)
    if code is None:
        return
    pool = _pool(content, ref.target)
    if pool is None:
        problems.add(rel, ref.line, code, field=ref.field, value=ref.value)
        return
    if f"{ref.target}s/{ref.value}" in content.bad_keys:
        return  # the referenced file is broken; that is reported once, there
    problems.add(
        rel, ref.line, code, field=ref.field, value=ref.value, near=nearest(ref.value, pool) or ""
    )


def _pool(content: Content, target: str) -> list[str] | None:
    """Names a mistyped reference may have meant; None where no list of names exists.

    Countries, languages, regions and media are checked against rules, not against the
    items read, so they get no "did you mean" (an unknown language once crashed here).
    """
    if target == "theme":
        return list(content.themes)
    if target in ("mission", "organization"):
        return list(content.items[f"{target}s"])
    return None


def _mission(content: Content, value: str) -> str | None:
    return None if value in content.missions else "unknown_mission"


def _organization(content: Content, value: str) -> str | None:
    return None if value in content.items["organizations"] else "unknown_organization"


def _theme(content: Content, value: str) -> str | None:
    return None if value in content.themes else "unknown_theme"


def _country(content: Content, value: str) -> str | None:
    return None if is_country(value) else "unknown_country"


def _language(content: Content, value: str) -> str | None:
    return None if is_language(value) else "unknown_language"


def _region(content: Content, value: str) -> str | None:
    ok = _REGION_CODE.fullmatch(value) or _REGION_NAME.fullmatch(value)
    return None if ok else "bad_region"


def _media(content: Content, value: str) -> str | None:
    """Inside `content/media/`, by the path as written and by where it really leads."""
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or path.parts[:1] != ("media",):
        return "media_outside"
    media_root = (content.root / "content" / "media").resolve()
    try:
        real = (content.root / "content" / value).resolve()
    except (ValueError, OSError):  # a NUL byte, a name too long: no such file can exist
        return "media_missing"
    if not real.is_relative_to(media_root):
        return "media_outside"
    return None if value in content.media else "media_missing"


REFERENCE_TARGETS: dict[str, Callable[[Content, str], str | None]] = {
    "mission": _mission,
    "organization": _organization,
    "theme": _theme,
    "country": _country,
    "language": _language,
    "region": _region,
    "media": _media,
}


def _end_not_before_start(item: Item, problems: Problems) -> None:
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    if start is None or end is None:
        return
    if isinstance(start, datetime) and isinstance(end, datetime):
        wrong = end < start
    else:
        wrong = last_day(end) < first_day(start)
    if wrong:
        problems.add(
            item.source,
            item.lines.get("end", 0),
            "end_before_start",
            start=start.isoformat(),
            end=end.isoformat(),
        )


def _file_or_url(item: Item, problems: Problems) -> None:
    if isinstance(item, Publication) and item.file and item.url:
        problems.add(item.source, item.lines.get("url", 0), "file_and_url")


def _one_of_given(item: Item, problems: Problems) -> None:
    """`host` or `country`, `missions` or `location.country`: where the item took place."""
    for names in item.one_of:
        if not any(_given(item, name) for name in names):
            problems.add(item.source, 1, "one_of_missing", fields=", ".join(names), first=names[0])


def _given(item: Item, dotted: str) -> bool:
    name, _, key = dotted.partition(".")
    value = getattr(item, name, None)
    if key:
        value = value.get(key) if isinstance(value, dict) else None
    return value not in (None, [])


def _start_unless_over(item: Item, problems: Problems) -> None:
    """Dates may be unknown only for what is over; a plan or a running item has a start."""
    over = item.start_optional_when
    if not over or getattr(item, "start", None) is not None:
        return
    status = getattr(item, "status", None)
    if status not in over:
        problems.add(
            item.source,
            item.lines.get("status", 1),
            "start_needed",
            status=status or "—",
            over=", ".join(over),
        )


# ---------------------------------------------------------------------------------------
# Media by mission: `content/media/<code>/` is mission <code>'s (content model), so only
# its maintainers approve changes there (`owners`). An item of another mission showing
# such a file would let that mission change what the item shows; shared media (any
# other folder) stays open to every item.


def media_mission(path: str) -> str | None:
    """`media/dk/photo.jpg` -> `dk`; None for shared media."""
    parts = PurePosixPath(path.lstrip("/")).parts
    if len(parts) >= 3 and parts[0] == "media" and is_country(parts[1]):
        return parts[1]
    return None


def item_missions(item: Item) -> set[str]:
    """The missions an item is placed in: its `missions`, `countries`, `host`, `country`
    and `location.country` (the fields `owners` reads), or a mission's own code."""
    if item.collection == "missions":
        return {item.slug}
    if item.collection == "organizations":
        return set()  # its `country` is where it is registered: organizations are shared
    codes = set(getattr(item, "missions", None) or []) | set(getattr(item, "countries", None) or [])
    location = getattr(item, "location", None) or {}
    single = (getattr(item, "host", None), getattr(item, "country", None), location.get("country"))
    return codes | {code for code in single if isinstance(code, str) and code}


def _media_of_own_missions(item: Item, refs: list[RefUse], problems: Problems) -> None:
    own = item_missions(item)
    for ref in refs:
        code = media_mission(ref.value) if ref.target == "media" else None
        if code is not None and code not in own:
            problems.add(
                item.source,
                ref.line,
                "media_other_mission",
                field=ref.field,
                value=ref.value,
                code=code,
                own=", ".join(sorted(own)) or "—",
            )


def _media_links_of_own_missions(body: Body, site: Site, problems: Problems) -> None:
    """The same rule for pictures and links in the text (`![…](/media/dk/x.jpg)`)."""
    if "media/" not in body.text or not body.needs_link_check():
        return
    own, scan = item_missions(body.item), body.scan()
    for link in scan.links if scan else []:
        code = media_mission(resolve(link.target, body.page).path)
        if code is not None and code not in own:
            problems.add(
                body.source,
                body.line + link.line - 1,
                "media_link_other_mission",
                target=link.target,
                code=code,
                own=", ".join(sorted(own)) or "—",
            )


RULES: list[Callable[[Item, Problems], None]] = [
    _end_not_before_start,
    _file_or_url,
    _one_of_given,
    _start_unless_over,
]


# ---------------------------------------------------------------------------------------
# Markdown bodies: each rule asks a cheap question first, so an ordinary body costs
# microseconds and is never rendered (content/bounded_render.py; bench/check_speed.py).


def _renders_within_bounds(body: Body, site: Site, problems: Problems) -> None:
    """A body Python-Markdown cannot render in bounded time and stack never builds."""
    if is_ordinary(body.text) or body.html() is not None:
        return
    params = {"limit": f"{RENDER_CPU_SECONDS:g}"} if body.failed == "markdown_too_slow" else {}
    problems.add(body.source, body.line, body.failed, **params)


def _plain_characters(body: Body, site: Site, problems: Problems) -> None:
    """Control characters break feeds and HTML; bidirectional ones reorder the text."""
    for number, code, char in body_problems(body.text):
        problems.add(body.source, body.line + number - 1, f"body_{code}", char=char)


def _no_unsafe_markup(body: Body, site: Site, problems: Problems) -> None:
    """What the sanitizer would remove is an error: the editor would lose it unawares."""
    scan = body.scan() if body.needs_render() else None
    for unsafe in scan.unsafe if scan else []:
        line = body.line + unsafe.line - 1
        if unsafe.code == "external_image":
            problems.add(body.source, line, "external_image", url=unsafe.url)
        else:
            problems.add(body.source, line, "unsafe_content", what=unsafe.description)


def _links_resolve(body: Body, site: Site, problems: Problems) -> None:
    """Links that stay on the site lead to a page or file it has, and to its anchor."""
    scan = body.scan() if body.needs_link_check() else None
    for link in scan.links if scan else []:
        _check_link(body, link, site, problems)


def _check_link(body: Body, link: Link, site: Site, problems: Problems) -> None:
    line = body.line + link.line - 1
    target = resolve(link.target, body.page)
    path = target.path or body.page
    if not site.exists(path):
        problems.add(
            body.source,
            line,
            "broken_link",
            target=link.target,
            example=example_link(link.target, body.page, site),
        )
        return
    if not target.anchor or link.image:
        return
    for lang in body.shown_in:
        ids = site.anchors(path, lang)
        if ids is None or target.anchor in ids:
            continue
        page = site.source_shown(site.items[path], lang)
        # An untranslated body shown on a translation's page links that language's page,
        # which lacks the anchor: the advice names the file to translate.
        shown_untranslated = is_translation(lang) and FIRST in body.shown_in
        code = "broken_anchor_en" if shown_untranslated else "broken_anchor"
        translation = {"translation": translation_source(body.item)} if shown_untranslated else {}
        problems.add(
            body.source,
            line,
            code,
            target=link.target,
            page=page,
            anchor=target.anchor,
            **translation,
        )
        return


BODY_RULES: list[Callable[[Body, Site, Problems], None]] = [
    _plain_characters,
    _renders_within_bounds,
    _no_unsafe_markup,
    _links_resolve,
    _media_links_of_own_missions,
]
