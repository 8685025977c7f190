"""Feed, sitemap and JSON dates from the repository's history (issue #23).

A copy of `fixtures/feeds` becomes a git repository with commits at set dates; the site
built from it is read back with `feedparser` (what feed readers use) and an XML parser.
The same copy without git, and a shallow clone of it, give the documented fallback: the
dates content declares (news and publications), nothing else, and a warning for the
shallow clone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from generator.build.orchestrator import BuildOptions, build
from generator.content.history import Commits, parse_log, read

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "feeds"
SITE_URL = "https://missions.example.org/"
TODAY = datetime(2026, 4, 1, tzinfo=UTC)
EPOCH = str(int(TODAY.timestamp()))

FIRST = "2025-01-10T09:00:00Z"
"""Everything arrives."""
TRANSLATED = "2025-06-15T12:00:00Z"
"""Only the English text of the Danish news item changes."""
CHANGED = "2026-02-20T08:30:00Z"
"""The Hamburg forum, long past, is edited: that is news."""

FEEDS = ["feed.xml", "news/feed.xml", "en/feed.xml", "en/news/feed.xml"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=e@example.org", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def make_repository(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    danish = root / "content/news/novosti-dk.md"
    # Published before it reached the repository: `published` keeps the declared day.
    danish.write_text(
        danish.read_text("utf-8").replace("date: 2026-02-01", "date: 2024-12-01"), "utf-8"
    )
    (root / "content/news/budushchee.md").write_text(
        "---\ntitle: Новость на будущее\ndate: 2027-01-01\n---\nЕщё не вышла.\n", "utf-8"
    )
    # A project of its own later date, beside the monument (start 2015) edited last.
    (root / "content/projects/shkola.md").write_text(
        "---\ntitle: Школа\nmissions: [dk]\nstart: 2026-01-01\nstatus: active\n---\nТекст.\n",
        "utf-8",
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Everything", when=FIRST)
    english = root / "content/news/novosti-dk.en.md"
    english.write_text(english.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    git(root, "commit", "-qam", "Translation", when=TRANSLATED)
    forum = root / "content/forums/forum-gamburg.md"
    forum.write_text(forum.read_text("utf-8") + "\nИтоги форума.\n", "utf-8")
    monument = root / "content/projects/pamyatnik.md"
    monument.write_text(monument.read_text("utf-8") + "\nФотографии открытия.\n", "utf-8")
    git(root, "commit", "-qam", "Results", when=CHANGED)
    return root


def build_site(root: Path, target: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(BuildOptions(root, target, site_url=SITE_URL, parallel=False, quiet=True))
    return target


@dataclass(frozen=True)
class Built:
    repo: Path
    site: Path
    again: Path
    plain: Path
    """Built from the same files without git (`copy`)."""
    shallow: Path
    """Built from a shallow clone of the repository (`clone`)."""
    copy: Path
    clone: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("history")
    repo = make_repository(base / "repo")
    plain = base / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    shallow = base / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    return Built(
        repo,
        build_site(repo, base / "site"),
        build_site(repo, base / "again"),
        build_site(plain, base / "site-plain"),
        build_site(shallow, base / "site-shallow"),
        plain,
        shallow,
    )


def parsed(site: Path, rel: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site / rel).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def by_slug(feed: feedparser.FeedParserDict) -> dict[str, feedparser.FeedParserDict]:
    return {entry.link.rstrip("/").rsplit("/", 1)[-1]: entry for entry in feed.entries}


def test_a_shallow_clone_and_a_folder_without_git_have_no_history(built: Built) -> None:
    assert read(built.repo).state == "git"
    assert read(built.copy).state == "no-git"
    assert read(built.clone).state == "shallow"
    # A folder inside another repository is not that repository's history.
    assert read(FIXTURE).state == "no-git"


def test_updates_feed_follows_the_history(built: Built) -> None:
    feed = parsed(built.site, "feed.xml")
    entries = by_slug(feed)
    order = [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries]
    # novosti-de declares 1 March 2026, after its commit: it is published (and so
    # changed) then; the edited past forum and project follow; the rest arrived at FIRST.
    assert order[:3] == ["novosti-de", "pamyatnik", "forum-gamburg"]
    assert {entries[slug].updated for slug in order[3:]} == {FIRST}
    assert entries["forum-gamburg"].updated == CHANGED
    assert entries["forum-gamburg"].published == FIRST  # no declared date: the first commit
    assert entries["novosti-dk"].published == "2024-12-01T00:00:00Z"  # declared, kept
    assert entries["novosti-dk"].updated == FIRST  # the Russian entry ignores .en.md
    assert feed.feed.updated == "2026-03-01T00:00:00Z"  # its newest entry
    # Items with no date of their own are listed too: they changed when their file did.
    assert {"berlin-dostupnyi", "berlin-verein", "dk"} <= set(entries)


def test_the_translation_counts_for_the_english_entry(built: Built) -> None:
    english = by_slug(parsed(built.site, "en/feed.xml"))
    assert english["novosti-dk"].updated == TRANSLATED
    assert english["forum-gamburg"].updated == CHANGED


def test_news_feed_orders_by_publication(built: Built) -> None:
    feed = parsed(built.site, "news/feed.xml")
    assert [(e.link.rstrip("/").rsplit("/", 1)[-1], e.published) for e in feed.entries] == [
        ("novosti-de", "2026-03-01T00:00:00Z"),
        ("novosti-dk", "2024-12-01T00:00:00Z"),
    ]


def test_nothing_is_dated_after_today(built: Built) -> None:
    for site in (built.site, built.plain, built.shallow):
        for rel in FEEDS:
            feed = parsed(site, rel)
            stamps = [feed.feed.updated_parsed]
            for entry in feed.entries:
                stamps.append(entry.updated_parsed)
                if "published_parsed" in entry:
                    stamps.append(entry.published_parsed)
            assert max(datetime(*s[:6], tzinfo=UTC) for s in stamps) <= TODAY, (site, rel)
            assert "budushchee" not in (site / rel).read_text("utf-8")  # not published yet


def test_sitemap_lastmod_is_the_last_commit(built: Built) -> None:
    root = ET.parse(built.site / "sitemap.xml").getroot()
    lastmod = {
        url.findtext(f"{SITEMAP}loc", "").removeprefix(SITE_URL): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }
    assert lastmod["forums/forum-gamburg/"] == CHANGED
    assert lastmod["en/forums/forum-gamburg/"] == CHANGED
    assert lastmod["news/novosti-dk/"] == FIRST
    assert lastmod["en/news/novosti-dk/"] == TRANSLATED
    assert lastmod["missions/dk/"] == FIRST
    assert lastmod[""] is None  # the home page is made of many files: no single date


def test_json_updated_is_the_last_commit_of_either_language(built: Built) -> None:
    def updated(collection: str) -> dict[str, str | None]:
        data = json.loads((built.site / f"api/{collection}.json").read_text("utf-8"))
        return {item["slug"]: item.get("updated") for item in data["items"]}

    assert updated("forums")["forum-gamburg"] == CHANGED
    assert updated("news")["novosti-dk"] == TRANSLATED
    assert updated("routes")["berlin-dostupnyi"] == FIRST
    assert updated("news")["budushchee"] is None  # dated after today


def test_the_same_commit_gives_the_same_bytes(built: Built) -> None:
    for rel in [*FEEDS, "sitemap.xml", "api/news.json", "api/forums.json"]:
        assert (built.site / rel).read_bytes() == (built.again / rel).read_bytes(), rel


@pytest.mark.parametrize("folder", ["plain", "shallow"])
def test_without_history_only_declared_dates_remain(built: Built, folder: str) -> None:
    site = getattr(built, folder)
    feed = parsed(site, "feed.xml")
    assert [(e.link.rstrip("/").rsplit("/", 1)[-1], e.updated) for e in feed.entries] == [
        ("novosti-de", "2026-03-01T00:00:00Z"),
        ("novosti-dk", "2024-12-01T00:00:00Z"),
    ]
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<lastmod>") == 4  # the two news pages, in two languages
    forums = json.loads((site / "api/forums.json").read_text("utf-8"))
    assert all("updated" not in item for item in forums["items"])


def test_a_shallow_clone_says_so(
    tmp_path: Path, built: Built, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="generator.history"):
        build_site(built.clone, tmp_path / "site")
    assert any("git fetch --unshallow" in record.getMessage() for record in caplog.records)


def test_parse_log_takes_first_and_last_commit_of_each_file() -> None:
    log = (
        "\x01200\0\ncontent/news/a.md\0content/news/a.en.md\0"
        "\x01100\0\ncontent/news/a.md\0missions/dk.yml\0"
    )
    history = parse_log(log)
    at = lambda seconds: datetime.fromtimestamp(seconds, UTC)  # noqa: E731
    assert history.files["content/news/a.md"] == Commits(at(100), at(200))
    assert history.files["missions/dk.yml"] == Commits(at(100), at(100))
    assert history.of("content/news/a.md", "content/news/a.en.md") == Commits(at(100), at(200))
    assert history.of("content/news/missing.md", None) is None
    assert history.head == at(200)


def home_projects(site: Path) -> list[str]:
    """The slugs of the home page's "latest projects", in their order."""
    html = (site / "index.html").read_text("utf-8")
    start = html.index("Последние проекты")
    block = html[start : html.index("</ul>", start)]
    return re.findall(r'href="projects/([\w-]+)/"', block)


def test_home_page_lists_what_changed_last_first(built: Built) -> None:
    assert home_projects(built.site) == ["pamyatnik", "shkola"]  # edited on CHANGED
    assert home_projects(built.plain) == ["shkola", "pamyatnik"]  # no history: own dates
