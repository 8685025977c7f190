"""Content repositories for tests: the valid fixture, copied and changed in one place.

Each failing scenario is the valid repository plus one small edit, written next to the
test that names the rule, so the reader sees input and expected message together and
every other file is known to be valid.
"""

from __future__ import annotations

import io
import itertools
import shutil
from collections.abc import Mapping
from pathlib import Path

from PIL import Image

from generator.content.check import load_and_check
from generator.content.load import Content
from generator.content.problems import Problems

VALID = Path(__file__).parent / "fixtures" / "valid"
REPO_ROOT = Path(__file__).parent.parent

Replace = tuple[str, str]
"""`(old, new)`: replace the one occurrence of `old` in the existing file."""

Edit = str | bytes | Replace | None
"""New text, new bytes, a replacement, or None to delete the file or folder."""


def make_repo(tmp_path: Path, edits: Mapping[str, Edit] | None = None) -> Path:
    """Copy `fixtures/valid` into `tmp_path/repo` and apply `edits` (path -> change)."""
    root = tmp_path / "repo"
    shutil.copytree(VALID, root, symlinks=True)
    (root / "README.md").unlink()  # describes the fixture; not content
    for rel, edit in (edits or {}).items():
        apply_edit(root / rel, edit)
    return root


def apply_edit(path: Path, edit: Edit) -> None:
    if edit is None:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(edit, tuple):
        old, new = edit
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {path}"
        edit = text.replace(old, new)
    # Bytes, not `write_text`: tests of line ends and encodings need the exact bytes.
    path.write_bytes(edit if isinstance(edit, bytes) else edit.encode("utf-8"))


def check_repo(root: Path) -> tuple[Content, Problems]:
    return load_and_check(root)


def messages(root: Path, lang: str = "ru") -> list[str]:
    """Every problem of the repository as the CLI prints it, sorted."""
    _, problems = load_and_check(root)
    return [problem.render(lang) for problem in problems.sorted()]


def problems_of(tmp_path: Path, edits: Mapping[str, Edit], lang: str = "ru") -> list[str]:
    """The rendered problems of the valid repository after `edits`."""
    return messages(make_repo(tmp_path, edits), lang)


def image_bytes(ext: str) -> bytes:
    """A real 4×4 image in the format its extension names: `check` decodes raster
    images as the build will (`image_check.verify`), so a magic number is not enough."""
    fmt = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, fmt[ext.lower()])
    return out.getvalue()


def front_matter(fields: str, body: str = "Текст.\n") -> str:
    """A Markdown item file: `fields` are YAML lines (line 2 onwards of the file)."""
    return f"---\n{fields}---\n{body}"


def billion_laughs() -> str:
    """Nine aliases of nine aliases...: a few hundred bytes that expand to 9**9 strings."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in itertools.pairwise("abcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    lines.append("title: *i")
    return "\n".join(lines) + "\n"
