"""Project images: resized, compressed copies for the pages, with their sizes known.

A contributor commits a photo as it came off the camera (4,000 px, 5 MB, with the
place it was taken in its EXIF data). Pages show a copy at most `MAX_WIDTH` pixels
wide, as WebP, turned upright by its EXIF orientation and stripped of every other
metadata, and the `<img>` carries its `width` and `height` so the page does not jump
while it loads. The original stays published and the copy links to it.

Two phases, like the rest of the pipeline: `plan` reads only an image's header (cheap,
done by every language's pages), `render` decodes, resizes and encodes (done once,
when the Russian docs tree is written). Same input, same bytes: no timestamps or
metadata go in, and the encoder's settings are fixed.
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.build.writer import Writer
from generator.content import (
    addresses,
    image_check,  # noqa: F401 - sets Pillow's limits
)
from generator.content.load import Content
from generator.content.models import Project

MAX_WIDTH = 800
"""Pixels. The gallery's columns are at most ~400 CSS px wide (theme/ngo.css), so 800
is sharp on a 2× phone or laptop screen; a bigger original is linked."""

QUALITY = 80
"""WebP quality: photographs at 800 px come out around 60-120 KB."""

RESIZED_DIR = f"{addresses.MEDIA}/_resized"
"""Under the site root, beside the originals in `media/`."""

_ORIENTATION = 0x0112
_ROTATED = {5, 6, 7, 8}
"""EXIF orientations that swap width and height."""


@dataclass(frozen=True)
class Resized:
    """One planned copy: which original, where the copy goes, and its size."""

    source: str
    """The media path as content gives it, relative to `content/` (`media/a.jpg`)."""
    path: str
    """The copy's path relative to the site root."""
    width: int
    height: int


def plan(content_dir: Path, media: str) -> Resized | None:
    """The copy an image gets, from its header alone; None if it is no still raster image.

    SVG, PDF, animated GIF or WebP and unreadable files are shown as they are.
    """
    try:
        with Image.open(content_dir / media) as image:
            if getattr(image, "is_animated", False):
                return None
            width, height = image.size
            if image.getexif().get(_ORIENTATION) in _ROTATED:
                width, height = height, width
    # `check` refuses what Pillow cannot read (`image_check.verify`, under the same
    # limits); a build run without it shows such a file as it is rather than failing.
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if width > MAX_WIDTH:
        width, height = MAX_WIDTH, max(1, round(height * MAX_WIDTH / width))
    return Resized(media, resized_path(media, width), width, height)


def resized_path(media: str, width: int) -> str:
    """`media/projects/a.jpg` -> `media/_resized/projects/a.jpg-800.webp`.

    The original's extension stays in the name, so `a.jpg` and `a.png` never collide.
    """
    inside = posixpath.relpath(media, "media")
    return f"{RESIZED_DIR}/{inside}-{width}.webp"


def render(content_dir: Path, resized: Resized) -> bytes:
    """The copy's bytes: upright, resized with Lanczos, WebP, no metadata."""
    with Image.open(content_dir / resized.source) as original:
        # An RGB profile only: on a CMYK or grey original it would not fit the RGB copy.
        profile = original.info.get("icc_profile") if original.mode in ("RGB", "RGBA") else None
        if original.format == "JPEG":
            # Decode a 12-megapixel photo at 1/2, 1/4 or 1/8 scale straight from its DCT,
            # still at least twice the copy's size: three times faster, as sharp.
            size = (resized.width * 2, resized.height * 2)
            if original.getexif().get(_ORIENTATION) in _ROTATED:
                size = size[::-1]
            original.draft(original.mode, size)
        image = ImageOps.exif_transpose(original)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        )
        image = image.convert("RGBA" if has_alpha else "RGB")
        if image.size != (resized.width, resized.height):
            image = image.resize((resized.width, resized.height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        # method=4 (libwebp's default effort): method=6 saves ~7% of bytes at four times
        # the time. The colour profile is kept (without it an Adobe RGB photo looks dull);
        # EXIF and XMP (camera, place, time) are not.
        options = {"icc_profile": profile} if profile else {}
        image.save(out, "WEBP", quality=QUALITY, method=4, **options)
        return out.getvalue()


def write_copies(content: Content, writer: Writer) -> None:
    """Write the copy of every project image into the docs tree (the Russian one: the
    English pages link one level up, as they do for media)."""
    content_dir = content.root / "content"
    planned = {
        image["path"]: plan(content_dir, image["path"])
        for project in content.of(Project)
        for image in project.images
    }
    for resized in sorted(filter(None, planned.values()), key=lambda r: r.path):
        writer.data(resized.path, render(content_dir, resized))
