"""`/api/*.json`: every collection, validated against the schemas the site publishes.

The steps run without MkDocs (they only need the checked content and a folder), on
the complete `valid` fixture (every field of the content model) and on `feeds`.
"""

from __future__ import annotations

import json
import posixpath
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.build.stages import checked_content
from generator.build.writer import Writer
from generator.content.models import COLLECTIONS
from generator.content.values import LocalText, Year
from generator.outputs.api_json import (
    collection_document,
    collection_text,
    indented_json,
    write_api,
)
from generator.outputs.published import json_text, json_value
from generator.outputs.registry import SiteContext
from generator.outputs.schemas import publish_schemas

FIXTURES = Path(__file__).parent / "fixtures"
SITE_URL = "https://missions.example.org/"
TODAY = date(2026, 4, 1)


def publish(root: Path, site: Path, site_url: str = SITE_URL) -> Path:
    context = SiteContext(checked_content(root), site, TODAY, site_url)
    writer = Writer(site)
    write_api(context, writer)
    publish_schemas(context, writer)
    return site


@pytest.fixture(scope="module", params=["valid", "feeds"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish(FIXTURES / request.param, tmp_path_factory.mktemp(request.param))


def load(site: Path, rel: str) -> Any:
    return json.loads((site / rel).read_text("utf-8"))


def validate(site: Path, document: str, schema: str) -> None:
    Draft202012Validator(load(site, schema)).validate(load(site, document))


@pytest.mark.parametrize("name", [*COLLECTIONS, "themes", "index"])
def test_api_file_validates_against_its_published_schema(site: Path, name: str) -> None:
    validate(site, f"api/{name}.json", f"schemas/api/{name}.schema.json")


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_items_use_the_content_models_field_names(site: Path, name: str) -> None:
    fields = set(COLLECTIONS[name].model.fields())
    document = load(site, f"api/{name}.json")
    assert document["collection"] == name and document["count"] == len(document["items"])
    for item in document["items"]:
        assert set(item) - {"slug", "page_url", "updated"} <= fields


def test_index_lists_every_collection_with_its_file_and_schema(site: Path) -> None:
    index = load(site, "api/index.json")
    assert [c["name"] for c in index["collections"]] == list(COLLECTIONS)
    for entry in [*index["collections"], index["themes"]]:
        for key in ("url", "schema"):
            assert entry[key].startswith(SITE_URL)
            assert (site / entry[key].removeprefix(SITE_URL)).is_file()
    counts = {c["name"]: c["count"] for c in index["collections"]}
    assert all(counts[n] == load(site, f"api/{n}.json")["count"] for n in COLLECTIONS)


def item(site: Path, collection: str, slug: str) -> dict[str, Any]:
    return next(i for i in load(site, f"api/{collection}.json")["items"] if i["slug"] == slug)


@pytest.fixture(scope="module")
def feeds_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish(FIXTURES / "feeds", tmp_path_factory.mktemp("feeds-api"))


def test_text_fields_are_ru_en_objects(feeds_site: Path) -> None:
    forum = item(feeds_site, "forums", "forum-berlin")
    assert forum["title"] == {"ru": "Неделя НКО в Берлине"}  # no English: no `en` key
    assert forum["city"] == {"ru": "Берлин", "en": "Berlin"}


def test_dates_are_iso_and_keep_their_offset(feeds_site: Path) -> None:
    forum = item(feeds_site, "forums", "forum-kopengagen")
    assert (forum["start"], forum["end"]) == (
        "2026-05-14T10:00:00+02:00",
        "2026-05-14T17:30:00+02:00",
    )
    assert item(feeds_site, "forums", "forum-berlin")["start"] == "2026-06-01"
    assert item(feeds_site, "news", "novosti-dk")["date"] == "2026-02-01"


def test_a_year_alone_stays_a_year(feeds_site: Path) -> None:
    project = item(feeds_site, "projects", "pamyatnik")
    assert (project["start"], project["end"]) == ("2015", "2018")


def test_one_or_many_fields_are_always_lists(feeds_site: Path) -> None:
    """`accessibility: wheelchair` was written as one value; JSON readers get a list."""
    assert item(feeds_site, "routes", "berlin-dostupnyi")["accessibility"] == ["wheelchair"]


def test_item_urls_in_both_languages(feeds_site: Path) -> None:
    assert item(feeds_site, "news", "novosti-de")["page_url"] == {
        "ru": SITE_URL + "news/novosti-de/",
        "en": SITE_URL + "en/news/novosti-de/",
    }


def test_without_a_site_url_urls_resolve_against_the_json_file(tmp_path: Path) -> None:
    site = publish(FIXTURES / "feeds", tmp_path, site_url="")
    urls = item(site, "missions", "dk")["page_url"]
    assert urls == {"ru": "../missions/dk/", "en": "../en/missions/dk/"}
    assert posixpath.normpath(posixpath.join("api", urls["en"])) == "en/missions/dk"
    index = load(site, "api/index.json")
    assert index["collections"][0]["url"] == "missions.json"
    assert index["collections"][0]["schema"] == "../schemas/api/missions.schema.json"


def test_a_publications_own_url_is_not_its_page(tmp_path: Path) -> None:
    """`url` is a field of publications (the work's address): pages go in `page_url`."""
    site = publish(FIXTURES / "valid", tmp_path)
    works = [i for i in load(site, "api/publications.json")["items"] if "url" in i]
    assert works and all(w["url"].startswith("https://") for w in works)
    assert all(w["page_url"]["ru"].startswith(SITE_URL + "publications/") for w in works)


def test_themes_are_published_with_their_labels(feeds_site: Path) -> None:
    assert load(feeds_site, "api/themes.json") == {
        "themes": {
            "culture": {"ru": "Культура", "en": "Culture"},
            "public-diplomacy": {"ru": "Общественная дипломатия"},
        }
    }


@pytest.mark.parametrize("fixture", ["valid", "feeds"])
@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_collection_files_are_what_json_dumps_writes(fixture: str, site_url: str) -> None:
    """`collection_text` writes the JSON itself (json's indent=2 mode is pure Python):
    the bytes must be those of `json.dumps(..., ensure_ascii=False, indent=2)`."""
    context = SiteContext(checked_content(FIXTURES / fixture), Path("."), TODAY, site_url)
    for name in COLLECTIONS:
        assert collection_text(name, context) == json_text(collection_document(name, context))


ODD_VALUES: list[Any] = [
    {},
    [],
    "",
    'кавычки " и \\ и \n и \u2028 и \x01',
    0,
    -7,
    10**30,
    1.5,
    1e300,
    -0.0,
    float("nan"),
    float("inf"),
    float("-inf"),
    True,
    False,
    None,
    {
        "пусто": {},
        "ничего": [],
        "n": None,
        3: "int key",
        2.5: "float key",
        True: "bool key",
        None: "none key",
    },
    [[], [{}], [[1, [2, {"a": [LocalText("да")]}]]]],
    (1, "two", (3,)),
    {"when": [date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, tzinfo=UTC), Year(15)]},
    LocalText("только ru"),
    LocalText("ru", "en"),
]


@pytest.mark.parametrize("value", ODD_VALUES, ids=range(len(ODD_VALUES)))
def test_indented_json_matches_json_dumps_for_any_value(value: Any) -> None:
    assert indented_json(value, "") + "\n" == json_text(json_value(value))
    assert indented_json({"k": [value]}, "") + "\n" == json_text(json_value({"k": [value]}))


def test_indented_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        indented_json({"k": object()}, "")
