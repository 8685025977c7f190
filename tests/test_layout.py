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


# -- the speed-ups are a layer (#16): one module each, one switch, no trace elsewhere --------

SPEEDUPS = PACKAGE / "engine" / "speedups"

SPEEDUP_IMPORTERS = {
    "body_cache": "engine/plugin.py",
    "body_exchange": "build/orchestrator.py",
    "layout_memo": "engine/plugin.py",
    "page_shells": "engine/plugin.py",
    "recycled_site": "build/orchestrator.py",
}
"""Each speed-up module and the one module outside the speed-ups that may import it (the
call that uses it). Pagefind reuse lives beside the index it speeds up, and the
language processes beside the orchestrator that starts them: each has one importer too."""

ONE_IMPORTER = {
    "generator.search.reuse": "search/index.py",
    "generator.build.processes": "build/orchestrator.py",
}


def _imported_modules(path: Path) -> set[str]:
    """Dotted names of the modules of `generator` that `path` imports (a `from package
    import module` counts as the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("generator.")}


def _importers(module: str, skip: Path | None = None) -> list[str]:
    return sorted(
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if (skip is None or not path.is_relative_to(skip)) and module in _imported_modules(path)
    )


def test_every_speedup_module_has_one_named_importer() -> None:
    modules = {p.stem for p in SPEEDUPS.glob("*.py") if p.stem != "__init__"}
    assert modules == set(SPEEDUP_IMPORTERS), "name the one importer of each speed-up module"
    for name, importer in SPEEDUP_IMPORTERS.items():
        assert _importers(f"generator.engine.speedups.{name}", skip=SPEEDUPS) == [importer], name


def test_pagefind_reuse_and_the_language_processes_have_one_importer() -> None:
    for module, importer in ONE_IMPORTER.items():
        assert _importers(module) == [importer], module


def test_the_importer_scan_sees_imports() -> None:
    """The scan itself works, both ways of writing an import."""
    plugin = _imported_modules(PACKAGE / "engine" / "plugin.py")
    assert "generator.engine.speedups.page_shells" in plugin
    assert "generator.search.reuse" in _imported_modules(PACKAGE / "search" / "index.py")


def _global_statements(source: str) -> list[str]:
    return [
        name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Global)
        for name in node.names
    ]


def test_no_module_keeps_state_assigned_through_global() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}: global {name}"
        for path in _modules()
        for name in _global_statements(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_global_scan_sees_a_global_statement() -> None:
    assert _global_statements("X = None\ndef adopt():\n    global X\n    X = 1\n") == ["X"]


def _engine_patches(source: str) -> list[str]:
    """Assignments to (or `setattr` on) an attribute of a name imported from MkDocs or
    Material: a module (`utils.write_file = ...`) or a class (`Page.render = ...`)."""
    tree = ast.parse(source)
    engine_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ENGINES:
                    engine_names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ENGINES:
            engine_names.update(alias.asname or alias.name for alias in node.names)

    def root(target: ast.expr) -> str | None:
        while isinstance(target, ast.Attribute):
            target = target.value
        return target.id if isinstance(target, ast.Name) else None

    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr":
            targets = [ast.Attribute(node.args[0], "?", ast.Store())] if node.args else []
        for target in targets:
            for part in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(part, ast.Attribute) and root(part) in engine_names:
                    found.append(f"line {node.lineno}: {ast.unparse(part)}")
    return found


def test_nothing_outside_the_speedups_patches_mkdocs_or_material() -> None:
    found = [
        f"{path.relative_to(PACKAGE)} {patch}"
        for path in _modules()
        if not path.is_relative_to(SPEEDUPS)
        for patch in _engine_patches(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_patch_scan_sees_patches() -> None:
    """The scan itself works: the recycled site does patch MkDocs (inside the layer)."""
    assert _engine_patches((SPEEDUPS / "recycled_site.py").read_text(encoding="utf-8"))
    source = (
        "from mkdocs.structure.pages import Page\nimport mkdocs.utils\n"
        "Page.render = None\nmkdocs.utils.write_file, x = f, 1\nsetattr(Page, 'read_source', g)\n"
        "page = Page()\npage.toc = []\n"
    )
    assert _engine_patches(source) == [
        "line 3: Page.render",
        "line 4: mkdocs.utils.write_file",
        "line 5: Page.?",
    ]
