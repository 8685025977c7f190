"""Writes the hostile images of this folder: `python tests/hostile/round2/make_images.py`.

Each is a few KB that Pillow refuses only when it reads the header or decodes the data:
headers claiming huge sizes (no pixel data is needed for that) and PNG chunks that
decompress to tens of megabytes.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

HERE = Path(__file__).parent / "media"


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *extra: bytes) -> bytes:
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    rows = zlib.compress(b"\0" * (width + 1) * min(height, 1))
    return (
        b"\x89PNG\r\n\x1a\n" + header + b"".join(extra) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def small(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, fmt, **({"lossless": True} if fmt == "WEBP" else {}))
    return out.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(small("JPEG"))
    at = data.index(b"\xff\xc0") + 5  # SOF0: length (2), precision (1), height, width
    data[at : at + 4] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_claiming(width: int, height: int) -> bytes:
    data = bytearray(small("WEBP"))
    at = data.index(b"VP8L") + 9  # chunk size (4), signature 0x2f (1), then 14+14 bits
    bits = (
        (width - 1)
        | (height - 1) << 14
        | (int.from_bytes(data[at : at + 4], "little") & ~((1 << 28) - 1))
    )
    data[at : at + 4] = bits.to_bytes(4, "little")
    return bytes(data)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    ztxt = chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"a" * 50_000_000, 9))
    iccp = chunk(b"iCCP", b"icc\0\0" + zlib.compress(b"\0" * 64_000_000, 9))
    files = {
        "bomb-20000x20000.png": png(20_000, 20_000),
        "claims-65000x65000.jpg": jpeg_claiming(65_000, 65_000),
        "claims-16383x16383.webp": webp_claiming(16_383, 16_383),
        "ztxt-50mb.png": png(8, 8, ztxt),
        "iccp-64mb.png": png(8, 8, iccp),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
