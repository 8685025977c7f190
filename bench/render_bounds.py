"""The render bounds' speed promises, measured (the tests assert behaviour only).

`generator.content.bounded_render.is_ordinary` lets a body skip the bounded render, which
is safe only if every body it lets through renders quickly; and the longest front matter
the loader accepts must parse quickly. Tests pin which bodies are ordinary and that the
limits fire; this script measures the CPU time, on this machine, of:

- the worst ordinary body there is (every allowed `[` in one paragraph);
- `--samples` random ordinary bodies built from the pieces that start Python-Markdown's
  slow paths (the same pieces as tests/test_properties.py);
- `check` of a repository holding the longest front matter allowed.

    python bench/render_bounds.py                # exits 1 when a figure is over its limit
    python bench/render_bounds.py --samples 200

Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO_ROOT))
    sys.path.insert(0, str(REPO_ROOT / "tests"))

from content_repo import front_matter, make_repo  # noqa: E402 - needs the path set above
from test_properties import SLOW_PIECES  # noqa: E402 - the pieces the property test uses

from generator.content import load  # noqa: E402
from generator.content.bounded_render import (  # noqa: E402
    ORDINARY_CHARS,
    ORDINARY_COST,
    is_ordinary,
)
from generator.content.check import load_and_check  # noqa: E402
from generator.content.markdown_config import render  # noqa: E402

LIMITS = {"worst ordinary body": 0.5, "slowest random ordinary body": 0.5, "front matter": 2.0}


def cpu(action: object) -> float:
    start = time.process_time()
    action()  # type: ignore[operator]
    return time.process_time() - start


def worst_ordinary() -> float:
    openers = ORDINARY_COST // ORDINARY_CHARS
    worst = "[" * openers + "x" * (ORDINARY_CHARS - openers)
    assert is_ordinary(worst)
    return cpu(lambda: render(worst))


def slowest_random(samples: int, seed: int) -> float:
    """The slowest of `samples` random bodies that `is_ordinary` lets through."""
    rng = random.Random(seed)
    slowest, ordinary = 0.0, 0
    while ordinary < samples:
        pieces = rng.choices(SLOW_PIECES, k=rng.randint(100, 4_000))
        text = "".join(pieces)[: rng.randint(1_000, ORDINARY_CHARS)]
        if is_ordinary(text):
            ordinary += 1
            slowest = max(slowest, cpu(lambda text=text: render(text)))
    return slowest


def longest_front_matter() -> float:
    keys = "".join(f"k{i}: [v]\n" for i in range(load.MAX_YAML_CHARS // 12))
    with tempfile.TemporaryDirectory() as folder:
        root = make_repo(Path(folder), {"content/news/wide.md": front_matter(keys)})
        return cpu(lambda: load_and_check(root))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    figures = {
        "worst ordinary body": worst_ordinary(),
        "slowest random ordinary body": slowest_random(args.samples, args.seed),
        "front matter": longest_front_matter(),
    }
    over = 0
    for name, seconds in figures.items():
        verdict = "ok" if seconds < LIMITS[name] else "OVER"
        over += verdict == "OVER"
        print(f"{name:32} {seconds:6.3f} CPU-s  (limit {LIMITS[name]} s)  {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
