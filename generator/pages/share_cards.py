"""Share cards: the picture a messenger or social site shows beside a shared link.

Every page gets one (`og:image`, 1200 × 630, the size Open Graph readers crop least),
drawn at build time with Pillow: the site's mark and name, the page's section and its
title. Open Graph wants an absolute address, so cards exist only when the build knows the
site's address (`--site-url`). A card's file name is a hash of everything drawn on it, so
a card whose text did not change keeps its name and bytes; with a folder to keep them in
(`CardStore`), the next build copies it instead of drawing it again.

The font is DejaVu Sans, subset to Latin and Cyrillic and kept in the package
(`generator/data/fonts/`, see its README): nothing is looked up on the build machine.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/cards"
"""Where cards are published, from each language's site root."""
VERSION = "1"
"""Part of every card's name: change it when the drawing changes, so no old card is reused."""

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
INK = (23, 23, 23)
BRAND = (31, 63, 143)  # --md-primary-fg-color (theme/assets/stylesheets/extra.css)
WHITE = (255, 255, 255)
MARGIN = 64
BAR = 128
TITLE_SIZES = (68, 58, 50, 44)
"""Title sizes tried in turn until the title fits in `TITLE_LINES` lines."""
TITLE_LINES = 4


@dataclass(frozen=True)
class Card:
    """Everything drawn on one card."""

    site_name: str
    section: str
    title: str

    @property
    def name(self) -> str:
        text = "\0".join((VERSION, self.site_name, self.section, self.title))
        return hashlib.sha256(text.encode()).hexdigest()[:20] + ".png"

    @property
    def url(self) -> str:
        """The card's URL from its language's site root."""
        return f"{FOLDER}/{self.name}"


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line stays whole."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits; else the smallest, cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(True, size)
        lines = _wrap(title, font, width)
        if len(lines) <= TITLE_LINES:
            return font, lines
    lines = lines[:TITLE_LINES]
    while font.getlength(lines[-1] + " …") > width and " " in lines[-1]:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    lines[-1] += " …"
    return font, lines


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float) -> None:
    """The site's mark (theme/partials/logo.html), drawn in its 24-unit box at (x, y)."""

    def at(px: float, py: float) -> tuple[float, float]:
        return x + px * scale, y + py * scale

    line = round(1.75 * scale)
    draw.ellipse([at(2.5, 2.5), at(21.5, 21.5)], outline=255, width=line)
    # The curve from (6.75, 15.5) to (17.25, 8.5), a cubic Bézier as in the SVG path.
    p0, p1, p2, p3 = (6.75, 15.5), (9.5, 10.0), (14.5, 14.0), (17.25, 8.5)
    points = []
    for step in range(33):
        u = step / 32
        weights = ((1 - u) ** 3, 3 * (1 - u) ** 2 * u, 3 * (1 - u) * u**2, u**3)
        points.append(
            at(
                sum(w * p[0] for w, p in zip(weights, (p0, p1, p2, p3), strict=True)),
                sum(w * p[1] for w, p in zip(weights, (p0, p1, p2, p3), strict=True)),
            )
        )
    draw.line(points, fill=255, width=line, joint="curve")
    for cx, cy in (p0, p3):
        draw.ellipse([at(cx - 2.25, cy - 2.25), at(cx + 2.25, cy + 2.25)], fill=255)


STEPS = 16
"""Shades of each colour pair: enough for smooth letter edges, few enough for a small PNG."""


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> list[int]:
    return [
        round(a + (b - a) * i / (STEPS - 1))
        for i in range(STEPS)
        for a, b in zip(start, end, strict=True)
    ]


PALETTE = _ramp(WHITE, INK) + _ramp(BRAND, WHITE) + _ramp(WHITE, BRAND)
"""Three ramps: ink on white (title), white on the brand colour (the bar), the brand
colour on white (section). Each layer is drawn as coverage in greyscale and mapped onto
its ramp: no colour quantizing, which took 70 % of a card's time."""


def _shades(coverage: Image.Image, ramp: int) -> Image.Image:
    """Coverage 0–255 as indices into ramp number `ramp` of `PALETTE`."""
    first = ramp * STEPS
    return coverage.point([first + v * (STEPS - 1) // 255 for v in range(256)])


def draw(card: Card) -> bytes:
    """The card as a PNG of 48 colours (some 20 KB, well under 100 KB)."""
    body = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(body)
    y = BAR + 56
    section = None
    if card.section:
        section = Image.new("L", (WIDTH - 2 * MARGIN, 56), 0)
        ImageDraw.Draw(section).text((0, 0), card.section, font=_font(False, 36), fill=255)
        y += 64
    font, lines = _title_lines(card.title, WIDTH - 2 * MARGIN)
    step = round(font.size * 1.22)
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=255, anchor="la")
        y += step
    indices = _shades(body, 0)
    if section is not None:
        indices.paste(_shades(section, 2), (MARGIN, BAR + 56), section)
    bar = Image.new("L", (WIDTH, BAR), 0)
    bar_pen = ImageDraw.Draw(bar)
    _mark(bar_pen, MARGIN, (BAR - 72) // 2, 3.0)
    bar_pen.text(
        (MARGIN + 96, BAR // 2), card.site_name, font=_font(True, 34), fill=255, anchor="lm"
    )
    indices.paste(_shades(bar, 1), (0, 0))
    indices.paste(STEPS, (0, HEIGHT - 12, WIDTH, HEIGHT))
    image = Image.frombytes("P", indices.size, indices.tobytes())
    image.putpalette(PALETTE)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=9)
    return out.getvalue()


@dataclass(frozen=True)
class CardStore:
    """Cards drawn by earlier builds, by name; `None` folder: draw every card."""

    folder: Path | None

    def png(self, card: Card) -> bytes:
        kept = self.folder / card.name if self.folder is not None else None
        if kept is not None and kept.is_file():
            return kept.read_bytes()
        data = draw(card)
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_bytes(data)
        return data

    def forget_others(self, used: Iterable[Card]) -> None:
        """Remove kept cards no page of this build uses (titles changed or gone)."""
        if self.folder is None or not self.folder.is_dir():
            return
        names = {card.name for card in used}
        for path in self.folder.glob("*.png"):
            if path.name not in names:
                path.unlink()


def write_cards(cards: Iterable[Card], docs: Path, store: CardStore) -> int:
    """Write each card into `docs` (MkDocs publishes it); returns how many were written."""
    unique = {card.name: card for card in cards}
    if not unique:
        return 0
    folder = docs / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, card in unique.items():
        (folder / name).write_bytes(store.png(card))
    store.forget_others(unique.values())
    return len(unique)
