"""Issue #20, hostile content round two: each case of `tests/hostile/round2/` (its
README lists them) with the rule that refuses it, so a fix cannot be undone unseen.

Round one (#8) showed nothing runs in a page; round two found what still costs time,
memory or data: a YAML document that expands to gigabytes, a character that breaks XML,
a URL that leaves the origin, a body or image that passes `check` and kills the build.
"""

from __future__ import annotations

import time
from pathlib import Path

from content_repo import make_repo, messages

from generator.content.check import load_and_check
from generator.content.problems import MAX_QUOTE_CHARS
from generator.content.yamlread import MAX_EXPANDED_CHARS

ROUND2 = Path(__file__).parent / "hostile" / "round2"
PUBLICATION = "content/publications/otchet-o-stazhirovke.md"
PROJECT = "content/projects/gagarin-kopengagen.md"


def case(name: str) -> str:
    return (ROUND2 / name).read_text(encoding="utf-8")


# -- 1. YAML size bomb -----------------------------------------------------------------


def test_yaml_size_bomb_is_refused_by_its_expanded_size(tmp_path: Path) -> None:
    """6,000 aliases of a 20,000-character string: 44 KB that expand to 120 million
    characters, 6,002 nodes (under the node limit), refused in well under a second."""
    root = make_repo(tmp_path, {PUBLICATION: case("yaml_size_bomb.md")})
    began = time.process_time()
    found = messages(root, "en")
    assert time.process_time() - began < 1
    assert found == [
        f"{PUBLICATION}:3: the document expands to too much text (more than "
        f"{MAX_EXPANDED_CHARS} characters); YAML anchors and aliases (&a, *a) are not "
        "needed here"
    ]


def test_a_message_quotes_at_most_a_bounded_part_of_a_value(tmp_path: Path) -> None:
    slug = "z" * 50_000
    root = make_repo(tmp_path, {PROJECT: ("themes: [culture]", f"themes: [culture, {slug}]")})
    _, problems = load_and_check(root)
    [problem] = problems.sorted()
    assert problem.code == "unknown_theme"
    assert dict(problem.params)["value"] == "z" * (MAX_QUOTE_CHARS - 1) + "…"
    assert len(problem.render("en")) < 2 * MAX_QUOTE_CHARS
