"""The package's layout is its architecture (issue #16): rules a move would break."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
ENGINES = ("mkdocs", "material")


def _imports(path: Path) -> set[str]:
    """Top-level package names a module imports, anywhere in it (functions included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


def test_only_the_engine_package_imports_mkdocs_or_material() -> None:
    outside = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules()
        if "engine" not in path.relative_to(PACKAGE).parts
        for name in sorted(_imports(path) & set(ENGINES))
    ]
    assert outside == []


def test_the_scan_sees_the_engine_imports() -> None:
    """The scan itself works: the plugin does import MkDocs."""
    assert "mkdocs" in _imports(PACKAGE / "engine" / "plugin.py")


def test_the_content_core_imports_no_later_stage() -> None:
    """files -> checked items knows nothing of pages, outputs, builds or engines."""
    later = ("pages", "outputs", "build", "engine", "search", "contrib")
    found = []
    for path in sorted((PACKAGE / "content").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
                stage = (node.module or "").split(".")[1]
                if stage in later:
                    found.append(f"{path.name}: {node.module}")
    assert found == []


def test_the_top_holds_the_command_line_and_shared_vocabulary_only() -> None:
    """Every stage lives in its sub-package; the top keeps what all of them share."""
    allowed = {"__init__.py", "__main__.py", "cli.py", "urls.py", "errors.py"}
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top <= allowed, sorted(top - allowed)
