"""Project images (generator/images.py): resized, compressed, upright, without metadata,
and the same bytes on every build; and how the gallery shows them."""

from __future__ import annotations

import io
import random
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from generator.content.check import load_and_check
from generator.pages.generate import generate
from generator.pages.images import MAX_WIDTH, plan, render

pytestmark = pytest.mark.slow  # builds sites or runs for seconds: `-m 'not slow'`

FIXTURE = Path(__file__).parent / "fixtures" / "a11y"


def photo(width: int, height: int, seed: int = 1) -> Image.Image:
    """Noise compresses badly, like a real photograph."""
    rng = random.Random(seed)
    return Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))


@pytest.fixture
def media(tmp_path: Path) -> Path:
    (tmp_path / "media").mkdir()
    return tmp_path


def test_a_wide_image_is_planned_at_the_maximum_width(media: Path) -> None:
    photo(2000, 1500).save(media / "media" / "big.jpg", quality=90)
    resized = plan(media, "media/big.jpg")
    assert resized is not None
    assert (resized.path, resized.width, resized.height) == (
        "media/_resized/big.jpg-800.webp",
        MAX_WIDTH,
        600,
    )


def test_a_narrow_image_is_never_enlarged(media: Path) -> None:
    photo(300, 200).save(media / "media" / "small.png")
    resized = plan(media, "media/small.png")
    assert resized is not None and (resized.width, resized.height) == (300, 200)
    with Image.open(io.BytesIO(render(media, resized))) as copy:
        assert (copy.format, copy.size) == ("WEBP", (300, 200))


def test_the_copy_is_much_smaller_than_a_large_original(media: Path) -> None:
    photo(2000, 1500).save(media / "media" / "big.jpg", quality=95)
    resized = plan(media, "media/big.jpg")
    assert resized is not None
    data = render(media, resized)
    assert len(data) < (media / "media" / "big.jpg").stat().st_size / 4
    with Image.open(io.BytesIO(data)) as copy:
        assert copy.size == (resized.width, resized.height)


def test_same_original_same_bytes(media: Path) -> None:
    photo(1200, 900).save(media / "media" / "a.jpg", quality=85)
    resized = plan(media, "media/a.jpg")
    assert resized is not None
    assert render(media, resized) == render(media, resized)


def test_exif_rotation_is_applied_and_all_metadata_dropped(media: Path) -> None:
    """A phone photo stored sideways (orientation 6) with the place it was taken."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 30.0)}  # GPS latitude
    photo(1600, 1200).save(media / "media" / "phone.jpg", exif=exif)
    resized = plan(media, "media/phone.jpg")
    assert resized is not None and (resized.width, resized.height) == (800, 1067)
    data = render(media, resized)
    with Image.open(io.BytesIO(data)) as copy:
        assert copy.size == (800, 1067)
        assert not copy.getexif()
    assert b"EXIF" not in data and b"Camera maker" not in data


def test_transparency_is_kept(media: Path) -> None:
    Image.new("RGBA", (100, 50), (200, 0, 0, 0)).save(media / "media" / "logo.png")
    resized = plan(media, "media/logo.png")
    assert resized is not None
    with Image.open(io.BytesIO(render(media, resized))) as copy:
        assert copy.mode == "RGBA" and copy.getpixel((0, 0))[3] == 0


def test_what_is_not_a_still_image_is_shown_as_it_is(media: Path) -> None:
    (media / "media" / "report.pdf").write_bytes(b"%PDF-1.4\n")
    frames = [Image.new("RGB", (10, 10), (80 * i, 0, 0)) for i in range(3)]
    frames[0].save(media / "media" / "anim.gif", save_all=True, append_images=frames[1:])
    assert plan(media, "media/report.pdf") is None
    assert plan(media, "media/anim.gif") is None


def test_gallery_images_carry_size_lazy_loading_alt_and_a_link_to_the_original() -> None:
    content, problems = load_and_check(FIXTURE)
    assert not problems.sorted()
    pages = {
        lang: {o.path: o for o in generate(content, lang, date(2030, 1, 15))}
        for lang in ("ru", "en")
    }
    ru = pages["ru"]["projects/pamyatnik.md"].html
    assert (
        '<li><a href="../../media/pamyatnik.jpg"><img '
        'src="../../media/_resized/pamyatnik.jpg-800.webp" '
        'alt="Памятник в сквере, вид спереди" width="800" height="533" loading="lazy">'
        "</a></li>"
    ) in ru
    assert (
        'src="../../media/_resized/otkrytie.png-600.webp" alt="Открытие памятника" '
        'width="600" height="400" loading="lazy"' in ru
    )
    en = pages["en"]["projects/pamyatnik.md"].html
    assert 'alt="The monument in the square, front view" width="800"' in en
    # No English alt text written: the Russian one is marked as Russian for screen readers.
    assert re.search(r'alt="Открытие памятника" lang="ru" width="600"', en)
