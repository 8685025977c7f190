"""generator/pagefind_reuse.py: Pagefind writes into the kept bundle and skips what is there.

A rebuild must come out byte for byte as a build into an empty folder, whatever the
kept bundle holds: a fragment or chunk of the last index under a name the new index
gives to other content (the 28-bit names collide) is found and written again, a file
Pagefind has not finished writing is waited for, and one it left cut short fails the
build. The whole build's rebuild is compared with a clean build in
tests/test_recycled_site.py; here the search feeds are driven directly.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from site_files import Pages, search_pages, site_files

from generator.engine.speedups import recycled_site
from generator.search import index as search_index
from generator.search import reuse as pagefind_reuse
from generator.search.index import (
    OTHER_LANGUAGES,
    SearchFeed,
    SearchIndexError,
    complete_bundle,
)
from generator.search.reuse import SearchFilesError, check_written, prepare, wait_for_writes
from generator.search.stable import Meta, cbor_decode, cbor_encode, read_payload, write_payload

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def pages(built_fixture: Callable[[str], Path]) -> Pages:
    """Every page of the search fixture's site: (URL, final HTML) per language."""
    return search_pages(built_fixture(FIXTURE.name))


def index(pages: Pages, site: Path) -> Path:
    """What the CLI's build does with the search: Russian into the site's bundle, English
    beside it with its folders in the bundle, then the bundle joined and swept."""
    bundle = site / "pagefind"
    bundle.mkdir(parents=True, exist_ok=True)
    since = _clock(site)
    written = recycled_site.WrittenFiles()
    for lang, lang_pages in pages.items():
        feed = SearchFeed(lang, [url for url, _html in lang_pages], files=written)
        for url, html in lang_pages:
            feed.add_page(url, html)
        if lang == "ru":
            feed.write(bundle)
        else:
            feed.write(site / lang / OTHER_LANGUAGES, bundle)
    recycled_site.sweep(bundle, written.paths, since)
    complete_bundle(site, list(pages))
    return bundle


def _clock(site: Path) -> int:
    """The file system's time now: what is older is the last build's."""
    mark = site / ".mark"
    mark.write_bytes(b"")
    try:
        return mark.stat().st_mtime_ns
    finally:
        mark.unlink()


def edited(pages: Pages, old: str, new: str) -> Pages:
    """The pages with `old` replaced by `new` in the first Russian item page holding it."""
    ru = list(pages["ru"])
    at = next(
        i for i, (_url, html) in enumerate(ru) if old in html and "data-pagefind-body" in html
    )
    ru[at] = (ru[at][0], ru[at][1].replace(old, new))
    return {"ru": ru, "en": pages["en"]}


def meta_of(bundle: Path, lang: str) -> tuple[Path, Meta]:
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    path = bundle / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta"
    return path, Meta.decode(read_payload(path))


def stamps(bundle: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(bundle).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in bundle.rglob("*.pf_*")
        if p.suffix in (".pf_fragment", ".pf_index")
    }


def test_a_rebuild_reuses_the_files_and_equals_a_fresh_index(pages: Pages, tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = stamps(index(pages, site))
    changed = edited(pages, "</h1>", " обновлено</h1>")
    after = stamps(index(changed, site))
    fresh = index(changed, tmp_path / "fresh")
    assert site_files(site / "pagefind") == site_files(fresh)
    same = [name for name in after if after[name] == before.get(name)]
    assert len(same) > len(after) / 2  # skipped by Pagefind, not written again
    assert len(after) > len(same)  # the edited page's fragment and chunks are new
    assert not (site / "en" / OTHER_LANGUAGES).exists()


def collision(pages: Pages, tmp_path: Path, folder: str) -> tuple[Pages, Path, Path, str]:
    """An edit, a clean index of it, the site indexed before the edit, and the name of a
    new Russian file in `folder` that the edit makes (for a kept file to take)."""
    changed = edited(pages, "</h1>", " обновлено</h1>")
    fresh = index(changed, tmp_path / "fresh")
    bundle = index(pages, tmp_path / "site")
    new = set(os.listdir(fresh / folder)) - set(os.listdir(bundle / folder))
    return changed, fresh, bundle, next(name for name in sorted(new) if name.startswith("ru_"))


def test_a_kept_fragment_under_a_colliding_name_is_written_again(
    pages: Pages, tmp_path: Path
) -> None:
    """The kept bundle's index lists, under the name the edited page's new fragment
    gets, the fragment of another page (as if the 7-digit hashes had met)."""
    changed, fresh, bundle, taken = collision(pages, tmp_path, "fragment")
    meta_path, meta = meta_of(bundle, "ru")
    victim = meta.pages[0][0]
    assert f"{victim}.pf_fragment" != taken
    os.rename(bundle / "fragment" / f"{victim}.pf_fragment", bundle / "fragment" / taken)
    meta.pages[0][0] = taken.removesuffix(".pf_fragment")
    write_payload(meta_path, meta.encode())

    index(changed, bundle.parent)
    assert site_files(bundle) == site_files(fresh)


def test_a_kept_chunk_under_a_colliding_name_is_written_again(pages: Pages, tmp_path: Path) -> None:
    changed, fresh, bundle, taken = collision(pages, tmp_path, "index")
    _path, fresh_meta = meta_of(fresh, "ru")
    start = next(start for start, _end, name in fresh_meta.chunks if f"{name}.pf_index" == taken)
    meta_path, meta = meta_of(bundle, "ru")
    # The kept chunk under that name: another chunk's words (the words from `start` on
    # dropped), where Pagefind's new chunk begins at `start`.
    old_name = meta.chunks[0][2]
    (words,) = cbor_decode(read_payload(bundle / "index" / f"{old_name}.pf_index"))
    others = [word for word in words if not word[0].startswith(start)]
    assert others
    (bundle / "index" / f"{old_name}.pf_index").unlink()
    write_payload(bundle / "index" / taken, cbor_encode([others]))
    meta.chunks[0][2] = taken.removesuffix(".pf_index")
    write_payload(meta_path, meta.encode())

    index(changed, bundle.parent)
    assert site_files(bundle) == site_files(fresh)


def test_prepare_leaves_only_what_the_old_index_lists(pages: Pages, tmp_path: Path) -> None:
    bundle = index(pages, tmp_path / "site")
    _path, meta = meta_of(bundle, "ru")
    (bundle / "fragment" / "ru_0000000.pf_fragment").write_bytes(b"stale")
    (bundle / "index" / "ru_0000000.pf_index").write_bytes(b"stale")
    reused = prepare(bundle, "ru")
    assert reused == {
        *(f"fragment/{name}.pf_fragment" for name, _words in meta.pages),
        *(f"index/{name}.pf_index" for *_range, name in meta.chunks),
    }
    assert not list(bundle.glob("fragment/ru_0000000*")) + list(bundle.glob("index/ru_0000000*"))
    assert not list(bundle.glob("filter/ru_*")) + list(bundle.glob("pagefind.ru_*"))
    assert list(bundle.glob("filter/en_*")) and list(bundle.glob("pagefind.en_*"))
    assert prepare(bundle, "ru") == set()  # without its pf_meta, nothing is reused


def test_a_file_cut_short_fails_the_check(pages: Pages, tmp_path: Path) -> None:
    site = tmp_path / "site"
    feed = SearchFeed("ru", [url for url, _html in pages["ru"]])
    for url, html in pages["ru"]:
        feed.add_page(url, html)
    feed.write(site / "pagefind")
    _path, meta = meta_of(site / "pagefind", "ru")
    fragment = site / "pagefind" / "fragment" / f"{meta.pages[-1][0]}.pf_fragment"
    fragment.write_bytes(fragment.read_bytes()[:-3])
    with pytest.raises(SearchFilesError, match=re.escape(fragment.name)):
        check_written(site / "pagefind", site / "pagefind", "ru", set(), {})
    written = check_written(
        site / "pagefind", site / "pagefind", "ru", {f"fragment/{fragment.name}"}, {}
    )
    assert f"fragment/{fragment.name}" in written.wrong  # a reused one is written again


def test_the_writes_still_pending_are_waited_for(tmp_path: Path) -> None:
    # The holder says "closing" just before it closes the file, then lingers: a wait that
    # returns must find that word already sent, or it handed over a file still open.
    holder_code = (
        "import sys, time; f = open(sys.argv[1], 'w'); print('open', flush=True); "
        "time.sleep(0.5); print('closing', flush=True); f.close(); time.sleep(5)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", holder_code, str(tmp_path / "a.pf_fragment")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "open\n"
    with pytest.raises(SearchFilesError, match=r"a\.pf_fragment"):
        wait_for_writes(holder.pid, [tmp_path], timeout=0.05)
    wait_for_writes(holder.pid, [tmp_path / "elsewhere", tmp_path])
    assert select.select([holder.stdout], [], [], 0)[0], "returned while the file was open"
    assert holder.stdout.readline() == "closing\n"
    holder.kill()
    holder.communicate()


def test_without_proc_the_files_are_handed_over(
    pages: Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index(pages, tmp_path / "watched")
    expected = site_files(index(pages, tmp_path / "watched"))  # written in place
    monkeypatch.setattr(pagefind_reuse, "PROC", str(tmp_path / "no-proc"))
    index(pages, tmp_path / "handed")
    assert site_files(index(pages, tmp_path / "handed")) == expected


def test_a_service_killed_before_writing_fails_the_build(tmp_path: Path) -> None:
    feed = SearchFeed("ru", ["/news/x/"])
    feed.add_page("/news/x/", "<article><div data-pagefind-body><p>текст</p></div></article>")
    feed.finish()
    assert feed.service is not None
    feed.service.process.kill()
    with pytest.raises(SearchIndexError):
        feed.service.write(tmp_path / "pagefind")


def test_scripts_other_than_the_last_builds_have_every_file_handed_over(
    pages: Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new Pagefind, or a script cut short by a full disk: the bundle's scripts differ
    from the kept ones, and the files are handed over (GetFiles) and written by us. A
    file the last Pagefind left that this one does not write is swept."""
    fresh = index(pages, tmp_path / "fresh")
    site = tmp_path / "site"
    bundle = index(pages, site)
    old = site / ".old"
    old.write_bytes(b"")
    (bundle / "stale.js").write_bytes(b"left by an older Pagefind")
    os.utime(bundle / "stale.js", ns=(old.stat().st_mtime_ns - 10**10,) * 2)
    old.unlink()
    snapshot = pagefind_reuse.snapshot
    monkeypatch.setattr(
        pagefind_reuse,
        "snapshot",
        lambda bundle: {name: data + b"/* older */" for name, data in snapshot(bundle).items()},
    )
    asked: list[str] = []
    ask = search_index.SearchService.ask

    def spy(
        self: search_index.SearchService, payload: dict[str, object], *args: object
    ) -> dict[str, object]:
        asked.append(f"{self.lang} {payload['type']}")
        return ask(self, payload, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(search_index.SearchService, "ask", spy)
    index(pages, site)
    assert asked == ["ru NewIndex", "ru WriteFiles", "ru GetFiles", "en NewIndex", "en WriteFiles"]
    assert site_files(bundle) == site_files(fresh)


def test_a_write_pagefind_cannot_finish_fails_in_time(
    pages: Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind retries a file it cannot create for ever (a folder in the way here)."""
    monkeypatch.setattr(search_index, "WRITE_TIMEOUT", 1.0)
    site = tmp_path / "site"
    bundle = index(pages, site)
    (bundle / "pagefind-highlight.js").unlink()
    (bundle / "pagefind-highlight.js").mkdir()
    with pytest.raises(SearchIndexError, match="did not answer WriteFiles"):
        index(pages, site)
