"""generator/pagefind_stable.py: Pagefind's bundle made byte-identical from run to run.

Pagefind is run here as the build runs it, over copies of one built site, and its bundle
canonicalised. The tests check that the result never depends on Pagefind's hash-map
order or on the order its walk meets the pages, that it means what Pagefind's own
bundle means, and the CBOR codec underneath. The browser half is in
tests/browser/test_pagefind_stable.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pagefind_bin
import pytest
from hypothesis import given
from hypothesis import strategies as st
from site_files import site_files

from generator.search import stable as stable
from generator.search.index import CLI_EXCLUDED
from generator.search.stable import (
    Meta,
    PagefindFormatError,
    canonicalise_bundle,
    cbor_decode,
    cbor_encode,
    read_payload,
)

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"


def run_pagefind(site: Path) -> Path:
    """Pagefind alone, with the build's arguments, over `site`; its bundle is not touched."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        "pagefind",
        "--exclude-selectors",
        CLI_EXCLUDED,
        "--quiet",
    ]
    subprocess.run(command, capture_output=True, check=True)
    return site / "pagefind"


@pytest.fixture
def other_file_system(tmp_path: Path) -> Iterator[Path]:
    """A folder on tmpfs when there is one: it lists files newest first, where ext4 lists
    them by a hash seeded per file system, so Pagefind's walk meets pages in another
    order there. Elsewhere a plain folder; `shuffle_pages` below covers the order anyway."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        with tempfile.TemporaryDirectory(dir=shm) as folder:
            yield Path(folder)
    else:
        yield tmp_path / "other"


@pytest.fixture(scope="module")
def built_site(built_fixture: Callable[[str], Path]) -> Path:
    """The search fixture's site, built once per session (read it, never change it)."""
    return built_fixture(FIXTURE.name)


@pytest.fixture(scope="module")
def raw_bundle(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle as Pagefind leaves it, before canonicalisation; read it, never change it."""
    site = tmp_path_factory.mktemp("raw") / "site"
    shutil.copytree(built_site, site)
    return run_pagefind(site)


@pytest.fixture
def fresh_bundle(raw_bundle: Path, tmp_path: Path) -> Callable[[], Path]:
    """Copies of `raw_bundle`, one folder each, for tests that rewrite them."""

    def copy() -> Path:
        target = tmp_path / f"bundle{len(list(tmp_path.iterdir()))}"
        return Path(shutil.copytree(raw_bundle, target))

    return copy


def metas(bundle: Path) -> dict[str, Meta]:
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    return {
        language: Meta.decode(read_payload(bundle / f"pagefind.{info['hash']}.pf_meta"))
        for language, info in entry["languages"].items()
    }


def fragment(bundle: Path, hash_: str) -> dict[str, Any]:
    return json.loads(read_payload(bundle / "fragment" / f"{hash_}.pf_fragment"))


# --- The whole bundle ---


def test_three_pagefind_runs_canonicalise_to_identical_bundles(
    built_site: Path, tmp_path: Path, other_file_system: Path
) -> None:
    copies = [
        Path(shutil.copytree(built_site, folder / "site"))
        for folder in (tmp_path / "a", tmp_path / "b", other_file_system)
    ]
    bundles = [run_pagefind(site) for site in copies]
    for bundle in bundles:
        canonicalise_bundle(bundle)
    first, *others = (site_files(bundle) for bundle in bundles)
    assert any(name.endswith(".pf_filter") for name in first)
    for other in others:
        assert other.keys() == first.keys()
        assert [name for name in first if first[name] != other[name]] == []


def unpacked(folder: Path) -> dict[str, bytes]:
    """`tree` with Pagefind's compressed files inflated: what they say, not how zipped."""
    return {
        name: read_payload(folder / name) if name.endswith(COMPRESSED) else data
        for name, data in site_files(folder).items()
    }


COMPRESSED = (".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment")


def test_the_builds_index_is_pagefinds_own_canonicalised(built_site: Path, tmp_path: Path) -> None:
    """The build feeds `pagefind --service` minimal documents while it renders
    (generator/search_index.py): the result must be, file for file, what Pagefind's CLI
    writes over the finished site, canonicalised. Index chunks keep Pagefind's own gzip
    (the build does not rewrite them), so their payloads are compared, and names."""
    bundle = run_pagefind(Path(shutil.copytree(built_site, tmp_path / "site")))
    canonicalise_bundle(bundle)
    built = site_files(built_site / "pagefind")
    assert built.keys() == site_files(bundle).keys()
    assert unpacked(built_site / "pagefind") == unpacked(bundle)
    differ = {name for name, data in site_files(bundle).items() if built[name] != data}
    assert {name.split("/")[0] for name in differ} <= {"index"}


def test_canonicalising_twice_changes_nothing(fresh_bundle: Callable[[], Path]) -> None:
    bundle = fresh_bundle()
    canonicalise_bundle(bundle)
    once = site_files(bundle)
    canonicalise_bundle(bundle)
    assert site_files(bundle) == once


def test_no_file_is_left_behind_or_missing(
    raw_bundle: Path, fresh_bundle: Callable[[], Path]
) -> None:
    bundle = fresh_bundle()
    canonicalise_bundle(bundle)
    kinds = [".pf_meta", ".pf_filter", ".pf_index", ".pf_fragment", ".js", ".json", ".pagefind"]

    def count(b: Path) -> dict[str, int]:
        return {kind: sum(n.endswith(kind) for n in site_files(b)) for kind in kinds}

    assert count(bundle) == count(raw_bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    referenced = set()
    for language, meta in metas(bundle).items():
        referenced.add(f"pagefind.{entry['languages'][language]['hash']}.pf_meta")
        referenced.update(f"index/{hash_}.pf_index" for *_, hash_ in meta.chunks)
        referenced.update(f"filter/{hash_}.pf_filter" for _, hash_ in meta.filters)
    assert {
        n for n in site_files(bundle) if n.endswith((".pf_meta", ".pf_filter", ".pf_index"))
    } == referenced


def test_names_are_computed_as_pagefind_computes_them(raw_bundle: Path) -> None:
    """Pagefind's own names follow from `pagefind_hash`, so ours mean the same."""
    entry = json.loads((raw_bundle / "pagefind-entry.json").read_bytes())
    for language, info in entry["languages"].items():
        meta_payload = read_payload(raw_bundle / f"pagefind.{info['hash']}.pf_meta")
        assert stable.meta_name(language, meta_payload) == info["hash"]
        meta = Meta.decode(meta_payload)
        for folder, suffix, names in (
            ("index", "pf_index", [c[2] for c in meta.chunks]),
            ("filter", "pf_filter", [f[1] for f in meta.filters]),
        ):
            for name in names:
                payload = read_payload(raw_bundle / folder / f"{name}.{suffix}")
                assert stable.pagefind_name(language, payload, set()) == name


def test_entry_lists_languages_in_order_in_serde_json_form(
    fresh_bundle: Callable[[], Path],
) -> None:
    bundle = fresh_bundle()
    canonicalise_bundle(bundle)
    text = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    entry = json.loads(text)
    assert list(entry["languages"]) == sorted(entry["languages"])
    assert text == json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    assert text.startswith('{"version":"1.5.2","languages":{"en":{"hash":"en_')


# --- What the canonical bundle says ---


def test_pages_are_numbered_by_url_and_filters_sorted(fresh_bundle: Callable[[], Path]) -> None:
    bundle = fresh_bundle()
    canonicalise_bundle(bundle)
    for meta in metas(bundle).values():
        urls = [fragment(bundle, hash_)["url"] for hash_, _ in meta.pages]
        assert urls == sorted(urls)
        assert [name for name, _ in meta.filters] == sorted(name for name, _ in meta.filters)
        for _, hash_ in meta.filters:
            _name, values = cbor_decode(read_payload(bundle / "filter" / f"{hash_}.pf_filter"))
            assert [value for value, _ in values] == sorted(value for value, _ in values)
            assert all(pages == sorted(pages) for _, pages in values)


def test_filters_list_the_pages_whose_fragments_carry_them(
    fresh_bundle: Callable[[], Path],
) -> None:
    """Each fragment repeats its page's filters: an independent check of the page numbers."""
    bundle = fresh_bundle()
    canonicalise_bundle(bundle)
    for meta in metas(bundle).values():
        expected: dict[str, dict[str, list[int]]] = {}
        for number, (hash_, _) in enumerate(meta.pages):
            for name, values in fragment(bundle, hash_)["filters"].items():
                for value in values:
                    expected.setdefault(name, {}).setdefault(value, []).append(number)
        found = {}
        for _, hash_ in meta.filters:
            name, values = cbor_decode(read_payload(bundle / "filter" / f"{hash_}.pf_filter"))
            found[name] = dict(values)
        assert found == expected


def index_by_page(bundle: Path, meta: Meta) -> dict[str, Any]:
    """Every word's postings keyed by fragment hash, not page number: what the index means."""
    out: dict[str, Any] = {}

    def postings(items: list[Any]) -> dict[str, Any]:
        page, by_page = 0, {}
        for delta, locs, meta_locs in items:
            page += delta
            by_page[meta.pages[page][0]] = (locs, meta_locs)
        return by_page

    for *_, hash_ in meta.chunks:
        (words,) = cbor_decode(read_payload(bundle / "index" / f"{hash_}.pf_index"))
        for word, items, variants in words:
            out[word] = (postings(items), {form: postings(p) for form, p in variants})
    return out


def test_index_and_meta_say_what_pagefinds_own_said(
    raw_bundle: Path, fresh_bundle: Callable[[], Path]
) -> None:
    bundle = fresh_bundle()
    canonicalise_bundle(bundle)
    before, after = metas(raw_bundle), metas(bundle)
    assert before.keys() == after.keys()
    for language in before:
        old, new = before[language], after[language]
        assert sorted(map(tuple, old.pages)) == sorted(map(tuple, new.pages))
        assert [c[:2] for c in old.chunks] == [c[:2] for c in new.chunks]
        assert (old.version, old.sorts, old.meta_fields) == (
            new.version,
            new.sorts,
            new.meta_fields,
        )
        assert index_by_page(raw_bundle, old) == index_by_page(bundle, new)


# --- Page numbers: as if Pagefind's walk had met the pages in another order ---


def shuffle_pages(bundle: Path, seed: int) -> None:
    """Rewrite `bundle` with its pages numbered in a random order, as another walk would."""
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    for info in entry["languages"].values():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = Meta.decode(read_payload(meta_path))
        order = list(range(len(meta.pages)))
        random.Random(seed).shuffle(order)
        renumber = stable._inverse(order)
        meta.pages = [meta.pages[old] for old in order]
        for *_, hash_ in meta.chunks:
            path = bundle / "index" / f"{hash_}.pf_index"
            stable.write_payload(path, stable.renumber_index(read_payload(path), renumber))
        for _, hash_ in meta.filters:
            path = bundle / "filter" / f"{hash_}.pf_filter"
            name, values = cbor_decode(read_payload(path))
            values = [[value, [renumber[page] for page in pages]] for value, pages in values]
            stable.write_payload(path, cbor_encode([name, values[::-1]]))
        stable.write_payload(meta_path, meta.encode())  # the old name: Pagefind's never checks


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_page_numbers_do_not_depend_on_the_walk(
    fresh_bundle: Callable[[], Path], seed: int
) -> None:
    plain, shuffled = fresh_bundle(), fresh_bundle()
    shuffle_pages(shuffled, seed)
    assert site_files(plain) != site_files(shuffled)
    canonicalise_bundle(plain)
    canonicalise_bundle(shuffled)
    assert site_files(plain) == site_files(shuffled)


def reference_renumber(payload: bytes, renumber: list[int]) -> bytes:
    """`renumber_index` the slow, obvious way: decode everything, renumber, encode."""

    def postings(items: list[Any]) -> list[Any]:
        page, pairs = 0, []
        for delta, *locations in items:
            page += delta
            pairs.append((renumber[page], locations))
        pairs.sort(key=lambda pair: pair[0])
        out, last = [], 0
        for new, locations in pairs:
            out.append([new - last, *locations])
            last = new
        return out

    value = cbor_decode(payload)
    for word in value[0]:
        word[1] = postings(word[1])
        variants = [[form, postings(items)] for form, items in word[2]]
        word[2] = sorted(variants, key=lambda v: (v[1][0][0], 0 if v[1][0][1] else 1, v[0]))
    return cbor_encode(value)


def test_fast_renumbering_agrees_with_the_obvious_one(raw_bundle: Path) -> None:
    for meta in metas(raw_bundle).values():
        size = len(meta.pages)
        for *_, hash_ in meta.chunks:
            payload = read_payload(raw_bundle / "index" / f"{hash_}.pf_index")
            # Pagefind's own order for forms with diacritics is the one recomputed here.
            assert stable.renumber_index(payload, list(range(size))) == payload
            for seed in range(5):
                order = list(range(size))
                random.Random(seed).shuffle(order)
                assert stable.renumber_index(payload, order) == reference_renumber(payload, order)


def test_fast_renumbering_handles_large_numbers_and_diacritic_forms() -> None:
    """Deltas of 1, 2 and 4 bytes, negative locations, forms only in meta."""
    word = [
        "cafe",
        [[0, [-25, 3, 300, 70000], []], [40000, [1], []], [30000, [], [-2, 0]]],
        [["café", [[5, [], [-1, 2]], [7, [4], []]]], ["cafè", [[12, [9], []]]]],
    ]
    payload = cbor_encode([[word, ["d", [], [["dé", [[3, [1], []]]]]]]])
    renumber = list(range(70001))[::-1]
    assert stable.renumber_index(payload, renumber) == reference_renumber(payload, renumber)


# --- The CBOR codec ---


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (0, "00"),
        (23, "17"),
        (24, "1818"),
        (255, "18ff"),
        (256, "190100"),
        (65535, "19ffff"),
        (65536, "1a00010000"),
        (2**32, "1b0000000100000000"),
        (-1, "20"),
        (-24, "37"),
        (-25, "3818"),
        (-170, "38a9"),
        ("", "60"),
        ("a", "6161"),
        ("ё", "62d191"),
        (b"\x01", "4101"),
        ([], "80"),
        ([1, [2, 3]], "8201820203"),
        (list(range(25)), "9819" + bytes(range(24)).hex() + "1818"),
        (False, "f4"),
        (True, "f5"),
        (None, "f6"),
    ],
)
def test_cbor_vectors(value: Any, encoded: str) -> None:
    """RFC 8949 appendix A's encodings, which minicbor writes too."""
    assert cbor_encode(value).hex() == encoded
    assert cbor_decode(bytes.fromhex(encoded)) == value


cbor_values = st.recursive(
    st.integers(min_value=-(2**64), max_value=2**64 - 1)
    | st.text()
    | st.binary()
    | st.booleans()
    | st.none(),
    lambda children: st.lists(children, max_size=30),
    max_leaves=200,
)


@given(cbor_values)
def test_cbor_round_trip(value: Any) -> None:
    encoded = cbor_encode(value)
    assert cbor_decode(encoded) == value
    assert cbor_encode(cbor_decode(encoded)) == encoded


def test_cbor_round_trip_keeps_pagefinds_bytes(raw_bundle: Path) -> None:
    files = [
        p for p in raw_bundle.rglob("*") if p.suffix in (".pf_meta", ".pf_filter", ".pf_index")
    ]
    assert len(files) > 10
    for path in files:
        payload = read_payload(path)
        assert cbor_encode(cbor_decode(payload)) == payload, path


@pytest.mark.parametrize(
    "encoded",
    [
        "0000",  # two items where one is expected
        "f93c00",  # a half-precision float
        "a0",  # a map
        "9f00ff",  # an indefinite-length array
        "c000",  # a tag
        "1a0001",  # a truncated argument
        "6461",  # a truncated string
        "82 01",  # a truncated array
        "1c",  # a reserved head
    ],
)
def test_cbor_decoder_refuses_what_pagefind_does_not_write(encoded: str) -> None:
    with pytest.raises(PagefindFormatError):
        cbor_decode(bytes.fromhex(encoded.replace(" ", "")))


def test_cbor_encoder_refuses_other_types() -> None:
    for value in (1.5, {"a": 1}, (1, 2), 2**64):
        with pytest.raises(PagefindFormatError):
            cbor_encode(value)


# --- Names, gzip and refusing unknown layouts ---


def test_pagefind_hash_writes_bytes_unpadded() -> None:
    """Rust's `{:x?}` per byte: 0x0d is "d", so a name can be shorter than hex(sha1)."""
    assert hashlib.sha1(b"").hexdigest() == "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    assert stable.pagefind_hash(b"") == "da39a3ee5e6b4bd3255bfef95601890afd879"


def test_colliding_names_are_lengthened_like_pagefinds() -> None:
    taken: set[str] = set()
    first = stable.pagefind_name("en", b"x", taken)
    second = stable.pagefind_name("en", b"x", taken)
    third = stable.pagefind_name("en", b"x", taken)
    full = "en_" + stable.pagefind_hash(b"x")
    assert (first, second, third) == (full[:10], full[:12], full[:14])


def test_written_files_are_gzip_with_no_time_and_the_signature(tmp_path: Path) -> None:
    stable.write_payload(tmp_path / "x", b"\x80")
    stable.write_payload(tmp_path / "y", b"\x80")
    data = (tmp_path / "x").read_bytes()
    assert data[:8] == bytes.fromhex("1f8b080000000000")  # deflate, no name, mtime 0
    assert gzip.decompress(data) == b"pagefind_dcd\x80"
    assert (tmp_path / "y").read_bytes() == data


@pytest.mark.parametrize(
    "meta",
    [
        # 1.6's pages carry a third field, the fragment group (index_metadata.rs on main).
        ["1.6.0", [["en_0123456", 3, ""]], [], [], [], []],
        ["1.5.2", [["en_0123456", 3]], [], [], []],  # no meta_fields
        ["1.5.2", [["en_0123456", True]], [], [], [], []],
    ],
)
def test_unknown_meta_layouts_are_refused(meta: list[Any]) -> None:
    with pytest.raises(PagefindFormatError):
        Meta.decode(cbor_encode(meta))


def test_an_unknown_index_layout_is_refused() -> None:
    with pytest.raises(PagefindFormatError):
        stable.renumber_index(cbor_encode([[["word", [[0, [1.5], []]], []]]]), [0])
    with pytest.raises(PagefindFormatError):
        stable.renumber_index(cbor_encode([[["word", [[0, [1], [], "group"]], []]]]), [0])


def test_a_bundle_without_the_signature_is_refused(fresh_bundle: Callable[[], Path]) -> None:
    bundle = fresh_bundle()
    meta = next(bundle.glob("pagefind.*.pf_meta"))
    meta.write_bytes(gzip.compress(b"not pagefind"))
    with pytest.raises(PagefindFormatError):
        canonicalise_bundle(bundle)
