"""Make Pagefind's output byte-identical from run to run, after Pagefind ran.

Pagefind 1.5.2 leaves two things to chance (Pagefind/pagefind#638):

* Filters. `build_indexes` (pagefind/src/index/mod.rs) gathers them in a
  `hashbrown::HashMap`, so the values inside each `filter/<lang>_<hash>.pf_filter` and
  the filter list in `pagefind.<lang>_<hash>.pf_meta` come out in a new order every
  run. The files are named after a hash of their bytes, so the names change, and
  with them pf_meta's bytes, its name and `pagefind-entry.json`.
* Page numbers. Pages are numbered in the order the glob walk meets the files, which
  is the file system's directory order: ext4 lists by a hash seeded per file system,
  tmpfs newest first, so the same site gets other numbers on another machine or
  disk. The numbers appear in pf_meta's page list and sorts, in every filter's page
  lists and in every `index/*.pf_index` posting.

Fragments (`fragment/*.pf_fragment`) hold no page numbers and are named after their
content, so they are already stable. This module rewrites the rest per language:
pages are numbered by URL, filter values sorted by value, filters by name, and each
file is named the way Pagefind names it (see `pagefind_name`). The browser finds
every file only by the names written in `pagefind-entry.json` and pf_meta and never
checks a hash (pagefind_web_js: loadMeta, loadChunk, loadFilterChunk), but
reproducing Pagefind's names keeps the bundle indistinguishable from one that Pagefind
would write if its walk happened to meet the pages in URL order.

Left alone: sorts (`data-pagefind-sort`, unused by this site) are renumbered, but pages
that tie on a sort value stay in walk order, as their values are not in the bundle; and
a fragment whose 7-digit name collides with another's gets a longer name in walk order.

Files are `gzip(b"pagefind_dcd" + CBOR)`; the CBOR is minicbor's encoding of Rust
structs as fixed-length arrays, using only integers, text strings and arrays.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain, repeat
from operator import sub
from pathlib import Path
from typing import Any, TypeAlias, cast

SIGNATURE = b"pagefind_dcd"
"""Pagefind puts this before every compressed file's content (output/mod.rs `write`)."""

CborValue: TypeAlias = "int | str | bytes | bool | list[CborValue] | None"

_SIMPLE: dict[int, bool | None] = {20: False, 21: True, 22: None}
_SIMPLE_BYTES: dict[bool | None, bytes] = {False: b"\xf4", True: b"\xf5", None: b"\xf6"}


class PagefindFormatError(RuntimeError):
    """Pagefind wrote something this module does not know; a new Pagefind version?"""


# --- CBOR: the subset minicbor writes for Pagefind (RFC 8949, definite lengths) ---


class _Reader:
    """Decodes one CBOR item at a time from `data`; no floats, maps, tags or streaming."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def argument(self, info: int) -> int:
        if info < 24:
            return info
        if info > 27:
            raise PagefindFormatError(f"unsupported CBOR head at byte {self.pos - 1}")
        size = 1 << (info - 24)
        end = self.pos + size
        if end > len(self.data):
            raise PagefindFormatError("truncated CBOR")
        value = int.from_bytes(self.data[self.pos : end], "big")
        self.pos = end
        return value

    def item(self) -> CborValue:
        if self.pos >= len(self.data):
            raise PagefindFormatError("truncated CBOR")
        initial = self.data[self.pos]
        self.pos += 1
        major, info = initial >> 5, initial & 31
        if major == 7 and info in _SIMPLE:
            return _SIMPLE[info]
        if major > 4:
            raise PagefindFormatError(f"unsupported CBOR type {initial:#04x}")
        arg = self.argument(info)
        if major == 0:
            return arg
        if major == 1:
            return -1 - arg
        if major == 4:
            return [self.item() for _ in range(arg)]
        return self.string(major, arg)

    def array(self) -> int:
        """Read an array head; return its length."""
        if self.pos >= len(self.data) or self.data[self.pos] >> 5 != 4:
            raise PagefindFormatError(f"expected a CBOR array at byte {self.pos}")
        self.pos += 1
        return self.argument(self.data[self.pos - 1] & 31)

    def expect_array(self, length: int) -> None:
        if self.array() != length:
            raise PagefindFormatError(f"expected an array of {length} before byte {self.pos}")

    def string(self, major: int, length: int) -> str | bytes:
        end = self.pos + length
        if end > len(self.data):
            raise PagefindFormatError("truncated CBOR")
        raw = self.data[self.pos : end]
        self.pos = end
        return raw.decode("utf-8") if major == 3 else raw


def cbor_decode(data: bytes) -> CborValue:
    """Decode exactly one item; trailing bytes mean we misread the format."""
    reader = _Reader(data)
    value = reader.item()
    if reader.pos != len(data):
        raise PagefindFormatError(f"{len(data) - reader.pos} bytes after the CBOR item")
    return value


def _head(major: int, argument: int) -> bytes:
    """The shortest head, as minicbor (and RFC 8949's preferred encoding) writes it."""
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise PagefindFormatError(f"integer too large for CBOR: {argument}")


def _encode_into(value: CborValue, out: bytearray) -> None:
    if value is None or isinstance(value, bool):  # bool before int: True is an int
        out += _SIMPLE_BYTES[value]
    elif isinstance(value, int):
        out += _head(0, value) if value >= 0 else _head(1, -1 - value)
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        out += _head(3, len(raw)) + raw
    elif isinstance(value, bytes):
        out += _head(2, len(value)) + value
    elif isinstance(value, list):
        out += _head(4, len(value))
        for item in value:
            _encode_into(item, out)
    else:
        raise PagefindFormatError(f"cannot encode {type(value).__name__} as CBOR")


def cbor_encode(value: CborValue) -> bytes:
    """Encode with shortest heads, so decode-then-encode returns Pagefind's own bytes."""
    out = bytearray()
    _encode_into(value, out)
    return bytes(out)


# --- Files and names ---


def read_payload(path: Path) -> bytes:
    """The CBOR (or JSON, for fragments) inside one of Pagefind's compressed files."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path} lacks the {SIGNATURE!r} signature")
    return data[len(SIGNATURE) :]


COMPRESS_LEVEL = 6
"""zlib's default. Pagefind asks flate2 for its best; zlib's 9 takes 4-5 times longer on
index chunks (10 s more for 10,000 items) to save under 3 % of their size."""


def write_payload(path: Path, payload: bytes) -> None:
    """Gzip like Pagefind (no name, mtime 0, same signature) but with Python's zlib.

    Pagefind's flate2 writes other deflate bytes for the same input; every file we
    rewrite goes through here, so equal content always gives equal bytes. The browser
    inflates any valid gzip member (fflate's gunzipSync in pagefind.js).
    """
    data = gzip.compress(SIGNATURE + payload, compresslevel=COMPRESS_LEVEL, mtime=0)
    path.write_bytes(data)


def pagefind_hash(payload: bytes) -> str:
    """Pagefind's `full_hash` (utils.rs): SHA-1 as hex with `{:x?}` per byte, unpadded."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(payload).digest())


def pagefind_name(language: str, payload: bytes, taken: set[str]) -> str:
    """`<lang>_` and 7 hex digits, lengthened past a name already `taken` (index/mod.rs)."""
    full = f"{language}_{pagefind_hash(payload)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 2  # Pagefind's loop: `short_hash = &hash[0..=short_hash.len() + 1]`
    taken.add(full[:length])
    return full[:length]


def meta_name(language: str, payload: bytes) -> str:
    """pf_meta's hash: `<lang>_` and the first len(lang) + 8 digits of the full hash."""
    return f"{language}_{pagefind_hash(payload)[: len(language) + 8]}"


# --- One language's bundle ---
# Values below are decoded CBOR whose layout `_matches` has checked, hence `Any`.


@dataclass
class Meta:
    """pf_meta (index/index_metadata.rs `MetaIndex`; read by pagefind_web/src/metadata.rs)."""

    version: str
    pages: list[Any]  # [fragment hash, word count], by page number
    chunks: list[Any]  # [from word, to word, pf_index hash], by word
    filters: list[Any]  # [filter name, pf_filter hash]
    sorts: list[Any]  # [sort key, [page number, ...] in that key's order]
    meta_fields: list[Any]  # names of data-pagefind-meta fields, sorted

    @classmethod
    def decode(cls, payload: bytes) -> Meta:
        value = cbor_decode(payload)
        shape = (str, [(str, int)], [(str, str, str)], [(str, str)], [(str, [int])], [str])
        _check(value, shape, "pf_meta")
        return cls(*cast(list[Any], value))

    def encode(self) -> bytes:
        return cbor_encode(
            [self.version, self.pages, self.chunks, self.filters, self.sorts, self.meta_fields]
        )


def _matches(value: CborValue, shape: object) -> bool:
    """Whether `value` has `shape`: a type, a tuple (fixed array) or [shape] (any length)."""
    if isinstance(shape, type):
        return isinstance(value, shape) and not (shape is int and isinstance(value, bool))
    if not isinstance(value, list):
        return False
    if isinstance(shape, list):
        return all(_matches(item, shape[0]) for item in value)
    fixed = cast(tuple[object, ...], shape)
    return len(value) == len(fixed) and all(map(_matches, value, fixed))


def _check(value: CborValue, shape: object, what: str) -> None:
    """Refuse to rewrite what we do not understand rather than corrupt the index."""
    if not _matches(value, shape):
        raise PagefindFormatError(f"{what} is not laid out as in Pagefind 1.5")


def page_order(bundle: Path, pages: list[Any]) -> list[int]:
    """Old page numbers in URL order: the file system's walk order must not matter.

    Search results that tie (every result of a filter-only search) come back in page
    order, so URL order is also a stable order for visitors.
    """
    keys = [(_url(bundle, hash_), hash_) for hash_, _word_count in pages]
    return sorted(range(len(pages)), key=keys.__getitem__)


def _url(bundle: Path, fragment_hash: str) -> str:
    fragment = json.loads(read_payload(bundle / "fragment" / f"{fragment_hash}.pf_fragment"))
    return str(fragment["url"])


# A pf_index can hold millions of positions; renumbering touches only each posting's
# page delta, so postings are cut out by regular expressions (run in C) and their
# `locs` and `meta_locs` copied as bytes. An array of ints is always followed by a byte
# that cannot start an int (an array head, or the end), so `_INT*` stops where it ends.
_UINT = rb"(?:[\x00-\x17]|\x18[\x00-\xff]|\x19[\x00-\xff]{2}|\x1a[\x00-\xff]{4}|\x1b[\x00-\xff]{8})"
_INT = (
    rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38][\x00-\xff]|[\x19\x39][\x00-\xff]{2}"
    rb"|[\x1a\x3a][\x00-\xff]{4}|[\x1b\x3b][\x00-\xff]{8})"
)
_ARRAY = (
    rb"(?:[\x80-\x97]|\x98[\x00-\xff]|\x99[\x00-\xff]{2}"
    rb"|\x9a[\x00-\xff]{4}|\x9b[\x00-\xff]{8})"
)
_LOCATIONS = _ARRAY + _INT + rb"*" + _ARRAY + _INT + rb"*"  # locs, then meta_locs
_POSTING = re.compile(rb"\x83(" + _UINT + rb")(" + _LOCATIONS + rb")")
_POSTINGS = re.compile(_ARRAY + rb"(?:\x83" + _UINT + _LOCATIONS + rb")*")
_EMPTY_ARRAY = 0x80


@dataclass
class _Postings:
    """One word's (or form's) postings, renumbered and re-encoded."""

    encoded: bytes
    first_page: int  # the lowest new page number, -1 when there is none
    first_has_locs: bool  # whether that page has the word in its body, not only in meta


@cache
def _uint(encoded: bytes) -> int:
    """A page delta's value; cached, as the same few encodings recur millions of times."""
    return encoded[0] if len(encoded) == 1 else int.from_bytes(encoded[1:], "big")


@cache
def _uint_bytes(value: int) -> bytes:
    return _head(0, value)


def _read_postings(reader: _Reader, renumber: list[int]) -> _Postings:
    """Renumber the `[[page delta, locs, meta_locs], ...]` array at the reader's position."""
    match = _POSTINGS.match(reader.data, reader.pos)
    if match is None:
        raise PagefindFormatError(f"pf_index: no postings at byte {reader.pos}")
    count = reader.array()
    head = reader.data[match.start() : reader.pos]
    found = _POSTING.findall(reader.data, reader.pos, match.end())
    if len(found) != count:
        raise PagefindFormatError(f"pf_index: {len(found)} of {count} postings understood")
    reader.pos = match.end()
    if not found:
        return _Postings(head, -1, False)
    pages = map(renumber.__getitem__, accumulate(map(_uint, [delta for delta, _ in found])))
    # A page appears once per list, so the tuples never compare their bytes.
    pairs = sorted(zip(pages, [locations for _, locations in found], strict=True))
    new_pages = [page for page, _ in pairs]
    deltas = map(_uint_bytes, map(sub, new_pages, [0, *new_pages[:-1]]))
    body = chain.from_iterable(zip(repeat(b"\x83"), deltas, [loc for _, loc in pairs]))
    first_page, first_locations = pairs[0]
    return _Postings(b"".join([head, *body]), first_page, first_locations[0] != _EMPTY_ARRAY)


def _read_text(reader: _Reader) -> tuple[str, bytes]:
    start = reader.pos
    text = reader.item()
    if not isinstance(text, str):
        raise PagefindFormatError(f"pf_index: expected text at byte {start}")
    return text, reader.data[start : reader.pos]


def _read_word(reader: _Reader, renumber: list[int]) -> bytes:
    """`[word, postings, [[form, postings], ...]]` (index_words.rs `PackedWord`).

    Forms with diacritics keep Pagefind's own order, recomputed for the new numbers:
    by first page, and on that page forms in the body before forms only in meta.
    """
    reader.expect_array(3)
    _word, word = _read_text(reader)
    postings = _read_postings(reader, renumber)
    variants = []
    for _ in range(reader.array()):
        reader.expect_array(2)
        form, encoded_form = _read_text(reader)
        found = _read_postings(reader, renumber)
        key = (found.first_page, 0 if found.first_has_locs else 1, form)
        variants.append((key, encoded_form + found.encoded))
    variants.sort(key=lambda pair: pair[0])
    return b"".join(
        [
            b"\x83",
            word,
            postings.encoded,
            _head(4, len(variants)),
            *(b"\x82" + encoded for _key, encoded in variants),
        ]
    )


def renumber_index(payload: bytes, renumber: list[int]) -> bytes:
    """A pf_index chunk (index_words.rs `WordIndex`: `[[word, ...]]`) with pages renumbered."""
    reader = _Reader(payload)
    reader.expect_array(1)
    words = [_read_word(reader, renumber) for _ in range(reader.array())]
    if reader.pos != len(payload):
        raise PagefindFormatError("pf_index: bytes after the last word")
    return b"".join([b"\x81", _head(4, len(words)), *words])


def canonical_filter(payload: bytes, renumber: list[int]) -> bytes:
    """A pf_filter (index_filter.rs `FilterIndex`) with values by value, pages ascending.

    Python orders str by code point, as Rust orders String by UTF-8 bytes.
    """
    value = cbor_decode(payload)
    _check(value, (str, [(str, [int])]), "pf_filter")
    name, values = cast(list[Any], value)
    values = [[text, sorted(renumber[page] for page in pages)] for text, pages in values]
    return cbor_encode([name, sorted(values, key=lambda item: cast(str, cast(list[Any], item)[0]))])


@dataclass
class _Files:
    """One kind of hashed file of one language: where, and the payloads by name."""

    folder: Path
    suffix: str

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.{self.suffix}"

    def load(self, names: list[str]) -> list[bytes]:
        return [read_payload(self.path(name)) for name in names]

    def replace(self, old: list[str], new: dict[str, bytes]) -> None:
        """Write every new file, then delete the old ones no new name reuses."""
        with ThreadPoolExecutor() as pool:  # zlib lets go of the GIL while compressing
            list(pool.map(write_payload, map(self.path, new), new.values()))
        for name in set(old) - set(new):
            self.path(name).unlink()


def _named(language: str, payloads: list[bytes]) -> dict[str, bytes]:
    """Payloads by Pagefind name, in the given order (collisions lengthen later names)."""
    taken: set[str] = set()
    return {pagefind_name(language, payload, taken): payload for payload in payloads}


def _inverse(order: list[int]) -> list[int]:
    renumber = [0] * len(order)
    for new, old in enumerate(order):
        renumber[old] = new
    return renumber


def canonicalise_language(
    bundle: Path, language: str, old_meta: str, numbered_by_url: bool = False
) -> str:
    """Rewrite one language's pf_meta, pf_index and pf_filter files; return pf_meta's hash.

    Everything is read before anything is written, so a new name that equals an old
    one never clobbers a file still to be read. Every file is re-gzipped, even when
    its content was already canonical, so its bytes never depend on Pagefind's luck.

    `numbered_by_url`: the caller made Pagefind number the pages by URL already (as
    `search_feed` does), so the page order is not read from the fragments and the index
    chunks, whose bytes then depend on nothing else, are left as Pagefind wrote them.
    """
    metas = _Files(bundle, "pf_meta")
    meta = Meta.decode(metas.load([f"pagefind.{old_meta}"])[0])
    order = list(range(len(meta.pages))) if numbered_by_url else page_order(bundle, meta.pages)
    renumber = _inverse(order)

    indexes = _Files(bundle / "index", "pf_index")
    old_chunks = [hash_ for _from, _to, hash_ in meta.chunks]
    if numbered_by_url:  # Pagefind's own names are hashes of these same payloads
        new_chunks = dict.fromkeys(old_chunks, b"")
    else:
        chunks = indexes.load(old_chunks)
        if order != list(range(len(order))):  # decoding big chunks is the slow part
            chunks = [renumber_index(chunk, renumber) for chunk in chunks]
        new_chunks = _named(language, chunks)

    filters = _Files(bundle / "filter", "pf_filter")
    by_name = dict(sorted(meta.filters))
    payloads = filters.load(list(by_name.values()))
    new_filters = _named(language, [canonical_filter(p, renumber) for p in payloads])

    meta.pages = [meta.pages[old] for old in order]
    meta.sorts = [[key, [renumber[page] for page in pages]] for key, pages in meta.sorts]
    meta.chunks = [
        [start, end, name] for (start, end, _old), name in zip(meta.chunks, new_chunks, strict=True)
    ]
    meta.filters = [list(pair) for pair in zip(by_name, new_filters, strict=True)]
    payload = meta.encode()
    new_meta = meta_name(language, payload)

    if not numbered_by_url:
        indexes.replace(old_chunks, new_chunks)
    filters.replace(list(by_name.values()), new_filters)
    metas.replace([f"pagefind.{old_meta}"], {f"pagefind.{new_meta}": payload})
    return new_meta


def canonicalise_bundle(bundle: Path) -> None:
    """Canonicalise every language of the Pagefind bundle in `bundle` (the pagefind/ folder).

    `pagefind-entry.json` is written anew too: Pagefind 1.5.2 lists its languages in
    hash-map order (output/mod.rs), so they are sorted here, as newer Pagefinds do.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_bytes())
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        raise PagefindFormatError("pagefind-entry.json has no languages")
    for language, info in languages.items():
        if not str(info["hash"]).startswith(f"{language}_"):
            raise PagefindFormatError(f"pf_meta {info['hash']!r} is not named after {language!r}")
        info["hash"] = canonicalise_language(bundle, language, str(info["hash"]))
    entry["languages"] = dict(sorted(languages.items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))  # serde_json's form
    entry_path.write_bytes(text.encode("utf-8"))
