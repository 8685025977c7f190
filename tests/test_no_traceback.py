"""Issue #18, no traceback from content: generated repositories are checked and built.

Hypothesis writes whole content repositories (missions, items of several collections,
slugs that include the site's reserved words, fields right and wrong, links to real and
missing pages and anchors, translations) and runs `check` and `build` as an editor does.
Each run ends in exit 0 with a complete site, or exit 1 with `file:line: message` lines;
an exception anywhere fails the test.

CI runs a bounded number of examples with a fixed seed (the `ci` profile, the default).
The unbounded search is the `deep` profile, a documented command (README):

    NGO_MISSIONS_HYPOTHESIS=deep .venv/bin/python -m pytest tests/test_no_traceback.py -m slow

(an environment variable, not `--hypothesis-profile`: that would change every other
property test's settings too).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.content.addresses import reserved_names

settings.register_profile(
    "ci",
    max_examples=16,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "deep", max_examples=100_000, deadline=None, suppress_health_check=list(HealthCheck)
)
BOUNDS = settings.get_profile(os.environ.get("NGO_MISSIONS_HYPOTHESIS", "ci"))

MISSIONS = ["dk", "no", "de", "rs"]
GOOD = {
    "slug": ["o-soiuze", "itogi", "a", "forum-oslo"],
    "text": ["Итоги года", '"Форум: итоги"', "{ru: Форум, en: Forum}"],
    "date": ["2026-05-14", "2025-12-30"],
    "moment": ["2026-05-14", "2026-05-14 10:00+02:00", "2026-05-14T10:00Z"],
    "status": ["active", "forming", "closed"],
    "start": ["2015", "2015-06-01"],
    "project": ["completed", "active"],
    "link": ["/missions/dk.md", "#раздел", "/forums/index.md"],
    "extra": ["summary"],
    "english": ["", "title: In English\n"],
}
BAD = {
    "slug": [*reserved_names("pages"), "archive", "Forums", "форум"],
    "text": ["Форум: итоги", "", "{de: x}"],
    "date": ["2026-05-14 10:00+02:00", "14.05.2026", "2026", ""],
    "moment": ["2026-05-14T10:00", "14.05.2026", "2026", ""],
    "status": ["formin"],
    "start": ["x", "2015-13"],
    "project": ["done"],
    "link": ["/news/nowhere.md", "/missions/dk.md#нет", "/search/", "../../etc/passwd"],
    "extra": ["stat", "themes"],
    "english": ["date: 2026-01-01\n", "title: [x]\n"],
}


@st.composite
def repositories(draw: st.DrawFn) -> tuple[dict[str, str], list[tuple[str, str, str, str | None]]]:
    """Missions by status, and items as (collection, slug, text, English text or None).

    Half the repositories are drawn from right values only, so that many reach the build;
    the others mix in wrong ones, so that every kind of mistake meets every other.
    """
    clean = draw(st.booleans())

    def pick(kind: str) -> str:
        pool = GOOD[kind] if clean else GOOD[kind] + BAD[kind]
        return draw(st.sampled_from(pool))

    codes = draw(st.lists(st.sampled_from(MISSIONS), min_size=1, max_size=3, unique=True))
    if clean and "dk" not in codes:
        codes.append("dk")
    mission_status = {code: pick("status") for code in codes}
    written = []
    for _ in range(draw(st.integers(1, 5))):
        collection = draw(st.sampled_from(["news", "pages", "forums", "projects"]))
        slug = pick("slug")
        if clean and any(w[0] == collection and w[1] == slug for w in written):
            continue
        fields = {"title": pick("text")}
        if collection == "news":
            fields["date"] = pick("date")
        if collection == "forums":
            fields["start"] = pick("moment")
            fields["missions"] = f"[{draw(st.sampled_from(codes if clean else MISSIONS))}]"
        if collection == "projects":
            fields["start"] = pick("start")
            fields["status"] = pick("project")
            fields["missions"] = f"[{draw(st.sampled_from(codes if clean else MISSIONS))}]"
        if collection != "forums" and draw(st.booleans()):
            fields[pick("extra")] = "x"
        head = "".join(f"{key}: {value}\n" for key, value in fields.items())
        body = f"Текст со [ссылкой]({pick('link')}).\n\n## Раздел\n"
        english = None
        if draw(st.booleans()):
            english = f"---\n{pick('english')}---\nText [link]({pick('link')}).\n\n## Раздел\n"
        written.append((collection, slug, f"---\n{head}---\n{body}", english))
    return mission_status, written


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="ngo-no-traceback-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_repo(root: Path, mission_status: dict[str, str], written: list[Any]) -> None:
    (root / "missions").mkdir(parents=True)
    (root / "content").mkdir()
    for code, status in mission_status.items():
        (root / "missions" / f"{code}.yml").write_text(f"status: {status}\n", "utf-8")
    for collection, slug, text, english in written:
        folder = root / "content" / collection
        folder.mkdir(exist_ok=True)
        (folder / f"{slug}.md").write_text(text, "utf-8")
        if english is not None:
            (folder / f"{slug}.en.md").write_text(english, "utf-8")


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(list(args))
    return code, out.getvalue()


PROBLEM = re.compile(r"^(missions|content)/[^:\s]+(:\d+)?: .+")


def assert_problems_name_files(output: str, root: Path) -> None:
    lines = [line for line in output.splitlines() if line and not line.startswith(" ")]
    problems = [line for line in lines if not line.startswith("Найдено ошибок")]
    assert problems, output
    for line in problems:
        assert PROBLEM.match(line), line
        assert (root / line.split(":", 1)[0]).exists(), line


@pytest.mark.slow
@given(repositories())
@BOUNDS
def test_check_and_build_answer_every_repository_without_a_traceback(
    repository: tuple[dict[str, str], list[Any]],
) -> None:
    mission_status, written = repository
    with scratch() as folder:
        root = folder / "repo"
        write_repo(root, mission_status, written)
        code, output = run("check", "--root", str(root), "--lang", "ru")
        assert code in (0, 1), output
        if code == 1:
            assert_problems_name_files(output, root)
            return
        site = folder / "site"
        code, output = run("build", "--root", str(root), "--site-dir", str(site), "--lang", "ru")
        assert code == 0, output
        assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
        for collection, slug, _, _ in written:
            page = slug if collection == "pages" else f"{collection}/{slug}"
            if (root / "content" / collection / f"{slug}.md").exists():
                assert (site / page / "index.html").is_file(), page
