"""generator/search/stable.py: the build's Pagefind bundle is canonical, and means what
Pagefind's own bundle over the same site means.

The build feeds `pagefind --service` as it renders, with every URL registered first in
URL order, so its pages come out numbered by URL; `canonicalise_language` then sorts
the filters. Pagefind's CLI is run over a copy of the built site as the reference. The
browser half (the same answers to the same searches) is in
tests/browser/test_pagefind_stable.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
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
    canonicalise_language,
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


def metas(bundle: Path) -> dict[str, Meta]:
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    return {
        language: Meta.decode(read_payload(bundle / f"pagefind.{info['hash']}.pf_meta"))
        for language, info in entry["languages"].items()
    }


def fragment(bundle: Path, hash_: str) -> dict[str, Any]:
    return json.loads(read_payload(bundle / "fragment" / f"{hash_}.pf_fragment"))


# --- The build's bundle ---


def canonicalise(bundle: Path) -> None:
    """`canonicalise_language` for every language of a bundle, its entry updated."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_bytes())
    for language, info in entry["languages"].items():
        info["hash"] = canonicalise_language(bundle, language, str(info["hash"]))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_bytes(text.encode("utf-8"))


def test_the_builds_bundle_is_canonical_already(built_site: Path, tmp_path: Path) -> None:
    """Canonicalising it again changes no byte: the build leaves nothing to chance."""
    bundle = Path(shutil.copytree(built_site / "pagefind", tmp_path / "pagefind"))
    canonicalise(bundle)
    assert site_files(bundle) == site_files(built_site / "pagefind")


def test_no_file_is_left_behind_or_missing(built_site: Path, raw_bundle: Path) -> None:
    bundle = built_site / "pagefind"
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


def test_entry_lists_languages_in_order_in_serde_json_form(built_site: Path) -> None:
    text = (built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    entry = json.loads(text)
    assert list(entry["languages"]) == sorted(entry["languages"])
    assert text == json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    assert text.startswith('{"version":"1.5.2","languages":{"en":{"hash":"en_')


def test_pages_are_numbered_by_url_and_filters_sorted(built_site: Path) -> None:
    bundle = built_site / "pagefind"
    for meta in metas(bundle).values():
        urls = [fragment(bundle, hash_)["url"] for hash_, _ in meta.pages]
        assert urls == sorted(urls)
        assert [name for name, _ in meta.filters] == sorted(name for name, _ in meta.filters)
        for _, hash_ in meta.filters:
            _name, values = cbor_decode(read_payload(bundle / "filter" / f"{hash_}.pf_filter"))
            assert [value for value, _ in values] == sorted(value for value, _ in values)
            assert all(pages == sorted(pages) for _, pages in values)


def test_filters_list_the_pages_whose_fragments_carry_them(built_site: Path) -> None:
    """Each fragment repeats its page's filters: an independent check of the page numbers."""
    bundle = built_site / "pagefind"
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


def test_index_and_meta_say_what_pagefinds_own_said(built_site: Path, raw_bundle: Path) -> None:
    """The build's index against Pagefind's CLI over the finished site: the same pages,
    and every word on the same pages at the same places, whatever their numbers."""
    bundle = built_site / "pagefind"
    before, after = metas(raw_bundle), metas(bundle)
    assert before.keys() == after.keys()
    for language in before:
        old, new = before[language], after[language]
        assert sorted(map(tuple, old.pages)) == sorted(map(tuple, new.pages))
        assert (old.version, old.meta_fields) == (new.version, new.meta_fields)
        assert index_by_page(raw_bundle, old) == index_by_page(bundle, new)


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


def test_a_bundle_without_the_signature_is_refused(built_site: Path, tmp_path: Path) -> None:
    bundle = Path(shutil.copytree(built_site / "pagefind", tmp_path / "pagefind"))
    meta = next(bundle.glob("pagefind.ru_*.pf_meta"))
    meta.write_bytes(gzip.compress(b"not pagefind"))
    name = meta.name.removeprefix("pagefind.").removesuffix(".pf_meta")
    with pytest.raises(PagefindFormatError):
        canonicalise_language(bundle, "ru", name)
