"""Smoke tests of the benchmark's inputs: the synthetic repository and the bare baseline.

A benchmark is only worth its input: these pin that the synthetic repository follows the
content model (fields, references, quoting), is deterministic, and that the baseline builds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import pytest
import yaml

# pytest puts tests/ on sys.path, not the repository root where `bench/` lives.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.baseline import SECTIONS, html_stats, make_bare_site, time_bare_build
from bench.synth import make_repo

ITEMS = 60

# content-model.md, transcribed: (required fields, optional fields) per collection.
CONTRACT: dict[str, tuple[set[str], set[str]]] = {
    "missions": (
        {"status"},
        {"name", "city", "founded", "leader", "contacts", "maintainers", "languages", "summary"},
    ),
    "forums": (
        {"title", "start", "missions"},
        {"end", "city", "venue", "format", "status", "registration", "themes"},
    ),
    "internships": (
        {"title", "host", "start"},
        {"end", "participants", "regions", "organizations", "status", "apply_by", "themes"},
    ),
    "projects": (
        {"title", "missions", "start", "status"},
        {"end", "themes", "funding", "partners", "location", "images", "summary"},
    ),
    "proposals": (
        {"title", "organization", "looking_for", "expires"},
        {"countries", "themes", "contact"},
    ),
    "routes": (
        {"title", "countries", "audience"},
        {"accessibility", "duration_days", "season", "status", "partners"},
    ),
    "publications": ({"title", "authors", "date"}, {"themes", "file", "url"}),
    "news": ({"title", "date"}, {"missions", "themes", "summary"}),
    "organizations": ({"name", "country"}, {"city", "kind", "website", "themes", "missions"}),
}
ITEM_COLLECTIONS = (
    "forums",
    "internships",
    "projects",
    "proposals",
    "routes",
    "publications",
    "news",
)
# Fields that hold references, by what they refer to.
MISSION_REFS = {"missions", "host", "countries", "country"}
ORGANIZATION_REFS = {"organizations", "partners", "organization"}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "repo"
    make_repo(root, ITEMS)
    return root


def front_matter(path: Path) -> dict[str, object]:
    """The YAML between the `---` lines of an item file."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text[4 : text.index("\n---\n")])


def load(path: Path) -> dict[str, object]:
    return front_matter(path) if path.suffix == ".md" else yaml.safe_load(path.read_text("utf-8"))


def entries(repo: Path, collection: str) -> list[Path]:
    """The Russian files of a collection (translations are checked separately)."""
    if collection == "missions":
        return sorted((repo / "missions").glob("*.yml"))
    pattern = "*.yml" if collection == "organizations" else "*.md"
    return sorted(
        p for p in (repo / "content" / collection).glob(pattern) if not p.name.endswith(".en.md")
    )


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_every_collection_has_files(repo: Path) -> None:
    for collection in (*CONTRACT, "pages"):
        assert entries(repo, collection), collection
    assert (repo / "content" / "themes.yml").is_file()
    assert list((repo / "content").rglob("*.en.md")), "some items are translated"


def test_make_repo_counts_match_files(repo: Path, tmp_path: Path) -> None:
    counts = make_repo(tmp_path / "again", ITEMS)
    assert sum(counts[c] for c in (*ITEM_COLLECTIONS, "organizations")) == ITEMS
    for collection in (*ITEM_COLLECTIONS, "organizations", "missions", "pages"):
        assert counts[collection] == len(entries(repo, collection)), collection


def test_same_arguments_give_byte_identical_trees(repo: Path, tmp_path: Path) -> None:
    make_repo(tmp_path / "second", ITEMS)
    assert digest(repo) == digest(tmp_path / "second")


def test_another_seed_gives_another_tree(repo: Path, tmp_path: Path) -> None:
    make_repo(tmp_path / "other", ITEMS, seed=1)
    assert digest(repo) != digest(tmp_path / "other")


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "stale.md").write_text("old")
    with pytest.raises(FileExistsError):
        make_repo(tmp_path, ITEMS)


def test_fields_follow_the_content_model(repo: Path) -> None:
    for collection, (required, optional) in CONTRACT.items():
        for path in entries(repo, collection):
            fields = set(load(path))
            assert required <= fields, (path, required - fields)
            assert fields <= required | optional, (path, fields - required - optional)


def test_every_field_but_media_is_used(repo: Path) -> None:
    for collection, (required, optional) in CONTRACT.items():
        used = set().union(*(load(path) for path in entries(repo, collection)))
        assert used == (required | optional) - {"images", "file"}, collection


def test_translations_override_text_fields_only(repo: Path) -> None:
    for path in (repo / "content").rglob("*.en.md"):
        assert set(front_matter(path)) <= {"title", "summary"}, path
        assert path.with_name(path.name.replace(".en.md", ".md")).is_file(), path


def references(fields: dict[str, object]) -> list[tuple[str, object]]:
    """(kind, value) of every reference in an entry: missions, organizations, themes."""
    found: list[tuple[str, object]] = []
    for field, value in fields.items():
        values = value if isinstance(value, list) else [value]
        if field in MISSION_REFS:
            found += [("missions", v) for v in values]
        elif field in ORGANIZATION_REFS:
            found += [("organizations", v) for v in values]
        elif field == "themes":
            found += [("themes", v) for v in values]
        elif field == "location":
            found.append(("missions", value["country"]))
    return found


def test_references_resolve(repo: Path) -> None:
    known = {
        "missions": {p.stem for p in entries(repo, "missions")},
        "organizations": {p.stem for p in entries(repo, "organizations")},
        "themes": set(yaml.safe_load((repo / "content/themes.yml").read_text("utf-8"))),
    }
    checked = 0
    for collection in ("organizations", *ITEM_COLLECTIONS):
        for path in entries(repo, collection):
            for kind, value in references(load(path)):
                assert value in known[kind], (path, kind, value)
                checked += 1
    assert checked > ITEMS


def test_end_is_never_before_start(repo: Path) -> None:
    for collection in ("forums", "internships", "projects"):
        for path in entries(repo, collection):
            fields = load(path)
            if "end" in fields:
                assert str(fields["start"]) <= str(fields["end"]), path


def test_some_forums_carry_date_times_with_offsets(repo: Path) -> None:
    starts = [str(load(p)["start"]) for p in entries(repo, "forums")]
    assert any(s[10:11] == "T" and s[-6] in "+-" for s in starts), starts
    assert any(isinstance(load(p)["start"], dt.date) for p in entries(repo, "forums"))


def test_norway_code_stays_a_string(repo: Path) -> None:
    norway = load(repo / "missions" / "no.yml")
    assert "no" in norway["languages"]
    used = [load(p) for c in ITEM_COLLECTIONS for p in entries(repo, c)]
    assert any("no" in (f.get("missions") or f.get("countries") or [f.get("host")]) for f in used)
    for path in sorted(repo.rglob("*.yml")) + sorted(repo.rglob("*.md")):
        if path.parent.name != "missions" or path.suffix == ".yml":
            assert not contains_bool(load(path)), path


def contains_bool(value: object) -> bool:
    """True where PyYAML read a boolean: an unquoted `no` (or `yes`, `on`, `off`)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, dict):
        return any(contains_bool(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_bool(v) for v in value)
    return False


@pytest.mark.slow
def test_bare_baseline_builds_one_html_page_per_markdown_page(tmp_path: Path) -> None:
    root = make_bare_site(tmp_path / "bare", 20)
    assert len(list((root / "docs").rglob("*.md"))) == 20
    assert time_bare_build(root) > 0
    pages, size = html_stats(root / "site")
    assert pages == 20
    assert size > 0
    assert not (root / "site" / "search").exists(), "plugins: [] builds no search index"


def test_bare_baseline_nav_lists_sections_only(tmp_path: Path) -> None:
    root = make_bare_site(tmp_path / "bare", 50)
    nav = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))["nav"]
    assert nav == ["index.md", *(f"{s}/index.md" for s in SECTIONS)]  # never the pages


@pytest.mark.slow
def test_timeline_counts_the_cores_of_a_process_tree() -> None:
    """bench/timeline.py: a grandchild that burns a core is counted, in the lines and total."""
    import subprocess

    burn = "import time\nend = time.time() + 2.5\nwhile time.time() < end: pass"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}])"
    result = subprocess.run(
        [sys.executable, "bench/timeline.py", "--", sys.executable, "-c", child],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    seconds = [line for line in lines if " cores " in line]
    assert len(seconds) >= 2
    # Behaviour, not speed: the busy grandchild shows as cores in use and as a process of
    # its own with CPU time, however loaded the machine is.
    assert max(float(line.split(" cores ")[1].split()[0]) for line in seconds) > 0
    assert lines[-1].strip().startswith("all ")
    table = lines[next(i for i, line in enumerate(lines) if "by process" in line) + 1 : -1]
    per_process = [line.split() for line in table]
    assert len(per_process) == 2, lines  # the child and the grandchild, each counted
    assert max(float(cpu) for _, cpu in per_process) > 0
    assert float(lines[-1].split()[1]) > 0  # the grandchild's CPU is counted in the total
