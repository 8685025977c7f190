"""Make Pagefind's output byte-identical from run to run, after Pagefind ran.

Pagefind 1.5.2 leaves two things to chance (Pagefind/pagefind#638):

* Filters. `build_indexes` (pagefind/src/index/mod.rs) gathers them in a
  `hashbrown::HashMap`, so the values inside each `filter/<lang>_<hash>.pf_filter` and
  the filter list in `pagefind.<lang>_<hash>.pf_meta` come out in a new order every
  run. The files are named after a hash of their bytes, so the names change, and
  with them pf_meta's bytes, its name and `pagefind-entry.json`.
* Page numbers, which follow the order Pagefind first meets each URL. The build's feed
  (`search.index.SearchFeed`) registers every URL in URL order before any page, so
  pages are numbered by URL whatever order they render in, and the page lists in
  pf_meta, the filters and the index chunks need no renumbering.

Fragments (`fragment/*.pf_fragment`) are named after their content, and index chunks
hold only page numbers and words: both are stable. This module rewrites the filters
(values sorted by value, filters by name) and pf_meta, each file named the way
Pagefind names it (see `pagefind_name`). The browser finds every file only by the
names written in `pagefind-entry.json` and pf_meta and never checks a hash
(pagefind_web_js: loadMeta, loadChunk, loadFilterChunk), but reproducing Pagefind's
names keeps the bundle indistinguishable from one that Pagefind would write.

Files are `gzip(b"pagefind_dcd" + CBOR)`; the CBOR is minicbor's encoding of Rust
structs as fixed-length arrays, using only integers, text strings and arrays.
"""

from __future__ import annotations

import gzip
import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
"""zlib's default. Pagefind asks flate2 for its best; zlib's 9 takes several times longer
on index chunks for a few per cent of their size (docs/performance.md)."""


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


def canonical_filter(payload: bytes) -> bytes:
    """A pf_filter (index_filter.rs `FilterIndex`) with values by value, pages ascending.

    Python orders str by code point, as Rust orders String by UTF-8 bytes.
    """
    value = cbor_decode(payload)
    _check(value, (str, [(str, [int])]), "pf_filter")
    name, values = cast(list[Any], value)
    values = [[text, sorted(pages)] for text, pages in values]
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


def canonicalise_language(bundle: Path, language: str, old_meta: str) -> str:
    """Rewrite one language's pf_meta and pf_filter files; return pf_meta's new hash.

    The pages are numbered by URL already (`search.index.SearchFeed` registers them in
    URL order), so the index chunks, whose bytes depend on nothing else, stay as Pagefind
    wrote them. Everything is read before anything is written, so a new name that equals
    an old one never clobbers a file still to be read; every rewritten file is re-gzipped,
    even when its content was already canonical, so its bytes never depend on Pagefind's luck.
    """
    metas = _Files(bundle, "pf_meta")
    meta = Meta.decode(metas.load([f"pagefind.{old_meta}"])[0])
    filters = _Files(bundle / "filter", "pf_filter")
    by_name = dict(sorted(meta.filters))
    payloads = filters.load(list(by_name.values()))
    new_filters = _named(language, [canonical_filter(p) for p in payloads])
    meta.filters = [list(pair) for pair in zip(by_name, new_filters, strict=True)]
    payload = meta.encode()
    new_meta = meta_name(language, payload)
    filters.replace(list(by_name.values()), new_filters)
    metas.replace([f"pagefind.{old_meta}"], {f"pagefind.{new_meta}": payload})
    return new_meta
