"""Share cards drawn at build time (#17): size, weight, names, reuse."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image

from generator.content.load import Content
from generator.pages.share_cards import HEIGHT, WIDTH, Card, CardStore, draw, write_cards
from generator.pages.structured_data import Head, head_meta

SITE = "Зарубежные миссии Союза НКО"
LONG = "Памятник Юрию Гагарину в Копенгагене, изготовленный и установленный НКО " * 4


def test_a_card_is_a_1200_by_630_png_under_100_kb_even_for_a_long_title() -> None:
    for card in (Card(SITE, "Проекты", "Дания"), Card(SITE, "Проекты", LONG)):
        data = draw(card)
        assert len(data) < 100_000
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))


def test_a_card_is_named_by_everything_drawn_on_it() -> None:
    card = Card(SITE, "Проекты", "Дания")
    assert card.name == Card(SITE, "Проекты", "Дания").name
    assert card.name != Card(SITE, "Миссии", "Дания").name
    assert card.name != Card(SITE, "Проекты", "Дания ").name
    assert draw(card) == draw(Card(SITE, "Проекты", "Дания"))  # same bytes: builds repeat


def test_a_kept_card_is_reused_not_drawn_again(tmp_path: Path) -> None:
    store = CardStore(tmp_path / "kept")
    card = Card(SITE, "Проекты", "Дания")
    assert store.png(card) == draw(card)
    (tmp_path / "kept" / card.name).write_bytes(b"kept")  # a redraw would replace it
    docs = tmp_path / "docs"
    assert write_cards([card, card], docs, store) == 1
    assert (docs / card.url).read_bytes() == b"kept"


def test_cards_no_page_uses_any_more_are_forgotten(tmp_path: Path) -> None:
    store = CardStore(tmp_path / "kept")
    old, new = Card(SITE, "", "Было"), Card(SITE, "", "Стало")
    write_cards([old], tmp_path / "docs1", store)
    write_cards([new], tmp_path / "docs2", store)
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [new.name]


def test_og_image_is_the_card_only_when_the_site_address_is_known(tmp_path: Path) -> None:
    content = Content(tmp_path)
    with_url = head_meta(Head(content, "en", date(2030, 1, 1), "https://x.org/", "en/"), "Home")
    card = Card(*with_url["ngo_card"])
    properties = {name: value for _, name, value in with_url["ngo_meta"]}
    assert properties["og:image"] == f"https://x.org/en/{card.url}"
    assert properties["twitter:card"] == "summary_large_image"
    without = head_meta(Head(content, "en", date(2030, 1, 1), "", "en/"), "Home")
    assert "ngo_card" not in without
    assert "og:image" not in {name for _, name, _ in without["ngo_meta"]}
