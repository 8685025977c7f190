"""The web form for member organizations, /submit/ (issue #22), in Chromium.

The repository's own content is built with a GitHub edit base and served over HTTP.
Every collection's form is filled with valid values, in Russian and in English; the
file it shows must be byte for byte what `new` writes with the same values
(`scaffold.render`), the GitHub address it opens must carry that file, and `check`
on a copy of the repository with the file added must find nothing. Invalid values
show `check`'s messages inline and open nothing. `window.open` is replaced by a
recorder, so no test reaches GitHub; a second recorder fails on any request that
leaves the site's origin.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.content.check import load_and_check
from generator.content.fields import ListOf, Struct
from generator.content.models import COLLECTIONS
from generator.contrib.forms import FORM_COLLECTIONS
from generator.contrib.scaffold import FormValue, Request, render
from tests.browser.test_theme import _axe_violations as axe_violations
from tests.conftest import run_build

REPO = Path(__file__).resolve().parents[2]
EDIT_BASE = "https://github.com/example/missions/edit/main/"
NEW_BASE = "https://github.com/example/missions/new/main/"

VALID: dict[str, tuple[dict[str, FormValue], str]] = {
    "proposals": (
        {
            "title": "Партнёры для социальных проектов в Дании",
            "organization": "soyuz-nko",
            "looking_for": "НКО, работающие с пожилыми людьми",
            "countries": ["dk", "no"],
            "themes": ["social-projects", "culture"],
            "expires": "2027-06-30",
            "contact": "partners@example.org",
        },
        "Ищем партнёров: «опыт» и 10 лет работы.\n\n- пункт один\n- пункт два",
    ),
    "forums": (
        {
            "title": "Форум: НКО и общественная дипломатия",
            "start": "2027-05-14T10:00+02:00",
            "end": "2027-05-15",
            "missions": ["dk"],
            "city": "Копенгаген",
            "venue": "Дом культуры",
            "format": "hybrid",
            "status": "planned",
            "registration": "https://example.org/forum?id=1&lang=ru",
            "themes": ["public-diplomacy"],
        },
        "Программа форума.",
    ),
    "internships": (
        {
            "title": "Стажировка в Копенгагене",
            "host": "dk",
            "start": "2027-06-01",
            "end": "2027-06-30",
            "participants": "12",
            "regions": ["RU-MOW", "Республика Татарстан"],
            "organizations": ["soyuz-nko"],
            "status": "open",
            "apply_by": "2027-05-01",
            "themes": ["internships"],
        },
        "",
    ),
    "projects": (
        {
            "title": "Памятник, часть 2",
            "missions": ["dk"],
            "start": "2015",
            "end": "2018-06-01",
            "status": "completed",
            "themes": ["culture"],
            "funding": [
                {"source": "Спонсорские средства", "kind": "sponsor"},
                {"source": "Грант Союза", "kind": "grant"},
            ],
            "partners": ["soyuz-nko"],
            "location": {"city": "Копенгаген", "country": "dk"},
            "summary": "Кратко о проекте",
        },
        "Текст проекта.",
    ),
    "news": (
        {
            "title": "Открытие миссии",
            "date": "2026-11-30",
            "missions": ["dk"],
            "themes": ["international-cooperation"],
            "summary": "Миссия открыта; приглашаем всех",
        },
        "Новость.",
    ),
    "routes": (
        {
            "title": "Маршрут без барьеров",
            "countries": ["dk"],
            "audience": ["pensioners", "families"],
            "accessibility": ["wheelchair", "hearing"],
            "duration_days": "7",
            "season": "лето",
            "status": "planned",
            "partners": ["soyuz-nko"],
        },
        "Маршрут.",
    ),
    "publications": (
        {
            "title": "Отчёт о работе миссий, 2026",
            "authors": ["Иванов И. И.", "Петрова А., Сидоров Б."],
            "date": "2026-10-01",
            "themes": ["experience-exchange"],
            "url": "https://example.org/report.pdf",
        },
        "Аннотация.",
    ),
    "organizations": (
        {
            "name": "Ассоциация «Пример»",
            "country": "dk",
            "city": "Орхус",
            "kind": "member",
            "website": "https://example.org",
            "themes": ["culture"],
            "missions": ["dk"],
        },
        "",
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("submit") / "site"
    result = run_build(REPO, site, "--today", "2026-12-01", "--edit-base", EDIT_BASE)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def base_url(site: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(site)


@pytest.fixture
def page(
    chromium_browser: Browser, base_url: str, outside_requests: Callable[[Page, str], list[str]]
) -> Iterator[Page]:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    # Record what the form opens instead of opening it: nothing reaches GitHub.
    context.add_init_script(
        "window.__opened = []; window.open = (url) => { window.__opened.push(url); return null; };"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    outside = outside_requests(page, base_url)
    try:
        yield page
    finally:
        context.close()
    assert errors == []
    assert outside == []


def open_form(page: Page, base_url: str, lang: str, query: str = "") -> None:
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{base_url}{prefix}submit/{query}")
    page.wait_for_selector("#ngo-submit-form")


def choose(page: Page, collection: str) -> None:
    page.select_option("#ngo-submit-collection", collection)
    page.wait_for_selector(f"#ngo-f-{next(iter(COLLECTIONS[collection].model.fields()))}")


def fill(page: Page, name: str, value: FormValue, separator: str = ", ") -> None:
    """Enter a form value the way a person does, whatever control the form chose."""
    control = f"ngo-f-{name}"
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        for index, row in enumerate(value):
            if index:
                page.click(f"#{control} .ngo-submit__add")
            for sub, text in row.items():
                fill(page, f"{name}-{index}-{sub}", text)  # type: ignore[arg-type]
        return
    tag = page.eval_on_selector(f"#{control}", "e => e.tagName")
    if tag == "FIELDSET":
        for item in value:
            page.check(f'#{control} input[value="{item}"]')
        # A list of boxes is written in the order the boxes are shown.
        shown = page.eval_on_selector_all(f"#{control} input", "boxes => boxes.map(b => b.value)")
        value.sort(key=shown.index)  # type: ignore[union-attr, arg-type]
    elif tag == "SELECT":
        page.select_option(f"#{control}", str(value))
    elif isinstance(value, list):
        page.fill(f"#{control}", separator.join(value))  # type: ignore[arg-type]
    else:
        page.fill(f"#{control}", value)


def separator(collection: str, name: str) -> str:
    """Several values in one field: as its help says, `;` between texts, else `,`."""
    spec = COLLECTIONS[collection].model.fields()[name]
    return "; " if isinstance(spec, ListOf) and spec.item.kind == "text" else ", "


def produced(page: Page) -> str:
    return page.eval_on_selector("#ngo-submit-text", "e => e.value")


def opened(page: Page) -> list[str]:
    return page.evaluate("window.__opened")


def repo_with(tmp_path: Path, rel: str, text: str) -> Path:
    root = tmp_path / "repo"
    for folder in ("missions", "content"):
        shutil.copytree(REPO / folder, root / folder)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    return root


def test_every_model_collection_but_missions_and_pages_has_a_form() -> None:
    assert set(FORM_COLLECTIONS) == set(COLLECTIONS) - {"missions", "pages"}
    assert set(VALID) == set(FORM_COLLECTIONS)


def test_form_shows_a_control_for_every_field_of_every_model(page: Page, base_url: str) -> None:
    """A field added to a model appears in the form, or this fails."""
    missing = []
    for collection in FORM_COLLECTIONS:
        open_form(page, base_url, "ru", f"?collection={collection}")
        for name, spec in COLLECTIONS[collection].model.fields().items():
            inner = spec.item if isinstance(spec, ListOf) else spec
            names = (
                [f"{name}-0-{sub}" for sub in inner.fields] if isinstance(inner, Struct) else [name]
            )
            missing += [
                f"{collection}.{n}" for n in names if not page.locator(f"#ngo-f-{n}").count()
            ]
    assert missing == []


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("collection", FORM_COLLECTIONS)
def test_valid_form_writes_what_new_writes_and_check_accepts_it(
    page: Page, base_url: str, tmp_path: Path, collection: str, lang: str
) -> None:
    values, body = copy.deepcopy(VALID[collection])
    submit_and_check(page, base_url, tmp_path, collection, lang, values, body)


@pytest.mark.parametrize(
    ("collection", "values"),
    [
        # What is over may leave out its dates; "where" is one of two fields.
        (
            "projects",
            {
                "title": "Памятник Гагарину",
                "status": "completed",
                "location": {"city": "Копенгаген", "country": "dk"},
            },
        ),
        (
            "internships",
            {"title": "Стажировка в Норвегии", "country": "no", "start": "2027-06"},
        ),
    ],
)
def test_other_valid_shapes_pass_check_too(
    page: Page, base_url: str, tmp_path: Path, collection: str, values: dict[str, FormValue]
) -> None:
    submit_and_check(page, base_url, tmp_path, collection, "ru", values, "")


def submit_and_check(
    page: Page,
    base_url: str,
    tmp_path: Path,
    collection: str,
    lang: str,
    values: dict[str, FormValue],
    body: str,
) -> None:
    open_form(page, base_url, lang)
    choose(page, collection)
    for name, value in values.items():
        fill(page, name, value, separator(collection, name))
    slug = page.input_value("#ngo-submit-slug")
    assert slug, "the slug is proposed from the title"
    if body:
        page.fill("#ngo-submit-body", body)
    assert opened(page) == [], "nothing is opened before a button is pressed"

    page.click("#ngo-submit-open")

    text = produced(page)
    assert text == render(Request(collection, slug=slug, lang=lang, values=values, body=body))
    [url] = opened(page)
    folder = COLLECTIONS[collection].folder
    assert url.split("?")[0] == NEW_BASE + folder
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    assert query["filename"] == [slug + COLLECTIONS[collection].extension]
    assert query["value"] == [text]
    rel = f"{folder}/{query['filename'][0]}"
    content, problems = load_and_check(repo_with(tmp_path, rel, query["value"][0]))
    assert [p.render() for p in problems.sorted()] == []
    assert content.items[collection][slug].slug == slug
    assert page.text_content("#ngo-submit-status")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            {
                "ngo-f-title": "поле «title» пустое",
                "ngo-f-contact": "поле «contact»: «nobody-at-example» не адрес почты и не адрес сайта",
                "ngo-f-expires": "поле «expires»: «2027-02-30» не дата",
            },
        ),
        (
            "en",
            {
                "ngo-f-title": 'field "title" is empty',
                "ngo-f-contact": 'field "contact": "nobody-at-example" is neither an email address',
                "ngo-f-expires": 'field "expires": "2027-02-30" is not a date',
            },
        ),
    ],
)
def test_invalid_values_show_checks_messages_inline_and_open_nothing(
    page: Page, base_url: str, lang: str, expected: dict[str, str]
) -> None:
    open_form(page, base_url, lang, "?collection=proposals")
    page.select_option("#ngo-f-organization", "soyuz-nko")
    page.fill("#ngo-f-looking_for", "партнёры")
    page.fill("#ngo-f-contact", "nobody-at-example")
    page.fill("#ngo-f-expires", "2027-02-30")
    page.fill("#ngo-submit-slug", "proba")
    for button in ("#ngo-submit-open", "#ngo-submit-download", "#ngo-submit-copy"):
        page.click(button)
        for control, message in expected.items():
            assert message in page.text_content(f"#{control}-error"), control
            assert page.get_attribute(f"#{control}", "aria-invalid") == "true"
    assert opened(page) == []
    assert page.evaluate("document.activeElement.id") == "ngo-f-title"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("ru", "окончание (2027-05-01) раньше начала (2027-05-14)"),
        ("en", "the end (2027-05-01) is before the start (2027-05-14)"),
    ],
)
def test_end_before_start_is_said_as_the_user_types(
    page: Page, base_url: str, lang: str, message: str
) -> None:
    open_form(page, base_url, lang, "?collection=forums")
    page.fill("#ngo-f-start", "2027-05-14")
    page.fill("#ngo-f-end", "2027-05-01")
    assert page.text_content("#ngo-f-end-error") == message
    page.fill("#ngo-f-end", "2027-05-16")
    assert page.text_content("#ngo-f-end-error") == ""


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("ru", "поле «missions»: нет миссии «xx» (файла missions/xx.yml)"),
        ("en", 'field "missions": there is no mission "xx" (no missions/xx.yml)'),
    ],
)
def test_unknown_mission_from_the_address_is_named_and_nothing_opens(
    page: Page, base_url: str, lang: str, message: str
) -> None:
    open_form(page, base_url, lang, "?collection=news&missions=xx&title=Test")
    assert page.is_checked('#ngo-f-missions input[value="xx"]')
    page.fill("#ngo-f-date", "2026-12-01")
    page.click("#ngo-submit-open")
    assert page.text_content("#ngo-f-missions-error") == message
    assert opened(page) == []
    page.uncheck('#ngo-f-missions input[value="xx"]')
    page.check('#ngo-f-missions input[value="dk"]')
    page.click("#ngo-submit-open")
    assert len(opened(page)) == 1


@pytest.mark.parametrize(
    ("lang", "host", "start"),
    [
        ("ru", "нужно хотя бы одно из полей: host, country", "нет поля «start»"),
        ("en", "at least one of these fields is required: host, country", 'the field "start"'),
    ],
)
def test_where_and_when_rules_of_check_are_said_inline(
    page: Page, base_url: str, lang: str, host: str, start: str
) -> None:
    open_form(page, base_url, lang, "?collection=internships&title=X&status=open")
    page.click("#ngo-submit-open")
    assert host in page.text_content("#ngo-f-host-error")
    assert start in page.text_content("#ngo-f-start-error")
    assert opened(page) == []
    page.fill("#ngo-f-country", "no")
    page.select_option("#ngo-f-status", "completed")
    assert page.text_content("#ngo-f-host-error") == ""
    assert page.text_content("#ngo-f-start-error") == ""


def test_slug_is_transliterated_as_new_does(page: Page, base_url: str) -> None:
    from generator.content.slugs import propose_slug

    titles = [
        "Памятник Юрию Гагарину в Копенгагене",
        "Ёлка, щи и объём: съезд НКО",
        "Øresund — Åbo & Straße",
        "Forum 2027: «НКО» / Day 1",
        "  ---  ",
        "Экскурсия в Цюрих, Хельсинки и Йёнчёпинг",
        "Łódź, Þingvellir, Æbeltoft, Œuvre, Đakovo",
        "Café déjà vu — naïve",
        "ЪЫЬ эюя ЖЧШЩ",
        "100% НКО #1",
    ]
    open_form(page, base_url, "ru")
    for title in titles:
        assert page.evaluate("t => window.ngoSubmit.proposeSlug(t)", title) == propose_slug(title)
    page.fill("#ngo-f-title", titles[1])
    assert page.input_value("#ngo-submit-slug") == propose_slug(titles[1])


def test_values_are_quoted_as_new_quotes_them(page: Page, base_url: str) -> None:
    from generator.contrib.scaffold import yaml_scalar

    values = [
        "Null",
        "null",
        "no",
        "0123",
        "Форум: итоги",
        "# не комментарий",
        "[в скобках]",
        'Цитата «в кавычках» и "прямых"',
        "Петрова А., Сидоров Б.",
        "https://example.org/a?b=c#d",
        "info@example.org",
        "2026-05-14T10:00+02:00",
        "табуляция\tи\nперевод строки",
        "emoji 🙂 и \u2028",
        "  пробелы  ",
        "Øresund",
    ]
    open_form(page, base_url, "ru")
    for value in values:
        for flow in (False, True):
            got = page.evaluate("([v, f]) => window.ngoSubmit.yamlScalar(v, f)", [value, flow])
            assert got == yaml_scalar(value, flow), (value, flow)


def test_too_long_a_file_offers_copy_and_an_empty_new_file_page(page: Page, base_url: str) -> None:
    open_form(page, base_url, "ru", "?collection=news")
    page.fill("#ngo-f-title", "Длинная новость")
    page.fill("#ngo-f-date", "2026-12-01")
    page.fill("#ngo-submit-body", "Очень длинный текст. " * 400)
    page.click("#ngo-submit-open")
    assert "слишком длинный" in page.text_content("#ngo-submit-status")
    assert opened(page) == []
    assert page.is_visible("#ngo-submit-empty")
    page.click("#ngo-submit-empty")
    [url] = opened(page)
    assert url == NEW_BASE + "content/news?filename=dlinnaia-novost.md"


def test_download_gives_the_file(page: Page, base_url: str) -> None:
    open_form(page, base_url, "ru", "?collection=news")
    page.fill("#ngo-f-title", "Новость")
    page.fill("#ngo-f-date", "2026-12-01")
    with page.expect_download() as info:
        page.click("#ngo-submit-download")
    download = info.value
    assert download.suggested_filename == "novost.md"
    assert Path(download.path()).read_text(encoding="utf-8") == produced(page)


def test_section_pages_link_to_their_form(page: Page, base_url: str) -> None:
    for prefix, label in (("", "Предложить"), ("en/", "Submit")):
        page.goto(f"{base_url}{prefix}projects/")
        page.click(f"a.md-button:text-is('{label}')")
        page.wait_for_selector("#ngo-submit-form")
        assert page.input_value("#ngo-submit-collection") == "projects"


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus by Tab")


def test_keyboard_only_fills_and_opens_the_english_form(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    open_form(page, base_url, "en", "?collection=news")
    tab_to(page, "#ngo-f-title")
    page.keyboard.type("Mission opened")
    tab_to(page, "#ngo-f-date")
    page.keyboard.type("2026-11-30")
    tab_to(page, '#ngo-f-missions input[value="dk"]')
    page.keyboard.press("Space")
    tab_to(page, "#ngo-submit-open")
    page.keyboard.press("Enter")
    [url] = opened(page)
    query = parse_qs(urlsplit(url).query)
    assert query["filename"] == ["mission-opened.md"]
    _, problems = load_and_check(
        repo_with(tmp_path, "content/news/mission-opened.md", query["value"][0])
    )
    assert [p.render() for p in problems.sorted()] == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_form_passes_axe_before_and_after_errors(
    page: Page, base_url: str, lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    violations: list[str] = []
    for collection in FORM_COLLECTIONS:
        open_form(page, base_url, lang, f"?collection={collection}")
        violations += [f"{collection}: {v}" for v in axe_violations(page)]
    page.click("#ngo-submit-open")
    # The messages shown: the form again, alone. Focusing the first wrong field scrolls
    # the page, and Material's header then fades its title in: a blend on the way that
    # axe would read as a colour (the header was checked above, at rest).
    violations += [f"errors shown: {v}" for v in axe_violations(page, "#ngo-submit")]
    assert violations == []


def test_nothing_is_requested_before_a_button_but_the_sites_own_files(
    chromium_browser: Browser, base_url: str
) -> None:
    """Without the recorder: a real click reaches GitHub, and only the click does."""
    context = chromium_browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("https://github.com/**", lambda route: route.fulfill(body="ok"))
    try:
        page = context.new_page()
        open_form(page, base_url, "ru", "?collection=news")
        page.fill("#ngo-f-title", "Новость")
        page.fill("#ngo-f-date", "2026-12-01")
        assert [u for u in requests if not u.startswith(base_url)] == []
        with context.expect_page() as popup:
            page.click("#ngo-submit-open")
        popup.value.wait_for_load_state()
        outside = [u for u in requests if not u.startswith(base_url)]
        assert len(outside) == 1 and outside[0].startswith(NEW_BASE + "content/news?")
    finally:
        context.close()
