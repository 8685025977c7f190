"""The engine's own failure, named for code outside the engine.

`generator/engine/` is the only code that imports MkDocs or Material (a test scans the
imports), so the CLI catches the engine's exception under this name.
"""

from __future__ import annotations

from mkdocs.exceptions import MkDocsException as EngineFailure

__all__ = ["EngineFailure"]
