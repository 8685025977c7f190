"""Raster images read in `check` as the build will read them, within bounds.

The build decodes project images with Pillow to make their resized copies
(`generator/pages/images.py`). Pillow refuses some files only when it decodes them: a
389 KB PNG of 20,000 × 20,000 pixels (`DecompressionBombError`), a JPEG header claiming
65,000 × 65,000, a 50 MB zTXt or 64 MB iCCP chunk packed into a few KB (`ValueError`).
Each of those once passed `check` and ended the build in a traceback. Here every raster
image is opened, measured and decoded under the same limits, so a file Pillow refuses
is a `check` error naming the file, and the build never meets one.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from PIL import Image, PngImagePlugin

MAX_SIDE = 12_000
"""Pixels on either side: a 48-megapixel camera's photo is 8,000 wide."""

MAX_PIXELS = 50_000_000
"""Pixels in all, width times height: 50 MP decode to 200 MB of RGBA at most."""

MAX_CHUNK_BYTES = 1_000_000
"""Bytes a PNG text or colour-profile chunk may decompress to (Pillow's own default,
pinned here so an upgrade cannot raise it): a profile is a few KB, a caption less."""

RASTER_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".gif")

# Pillow's limits are module settings: set once, here, for `check` and the build alike
# (`pages/images.py` imports this module). Past MAX_PIXELS Pillow warns, past twice
# that it raises; `verify` turns the warning into a refusal too.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
PngImagePlugin.MAX_TEXT_CHUNK = MAX_CHUNK_BYTES
PngImagePlugin.MAX_TEXT_MEMORY = 8 * MAX_CHUNK_BYTES


def verify(path: Path) -> tuple[str, dict[str, object]] | None:
    """`(message code, parameters)` when the build could not read `path`, else None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                    return "image_too_large", {"size": f"{width}×{height}", **_limits()}
                image.getexif()  # the build reads the orientation
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        return "image_too_large", {"size": f"{found.group(1) if found else '?'} px", **_limits()}
    # Pillow parses untrusted bytes with many decoders, each with its own exception
    # (OSError, ValueError, SyntaxError, EOFError, struct.error, ZeroDivisionError…):
    # whichever it raises, the build would have raised it too.
    except Exception as exc:
        return "image_unreadable", {"detail": f"{type(exc).__name__}: {exc}"}
    return None


def _limits() -> dict[str, object]:
    return {"side": MAX_SIDE, "pixels": MAX_PIXELS}
