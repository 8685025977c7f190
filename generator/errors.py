"""The project's one exception base: a failure the person running it can act on.

The CLI prints `message(lang)` and exits 1; the MkDocs plugin turns it into MkDocs'
`PluginError`, which MkDocs prints without a traceback. Any other exception is a bug
and keeps its traceback.
"""

from __future__ import annotations


class GeneratorError(Exception):
    """Base of every error meant for a reader rather than a developer."""

    def message(self, lang: str) -> str:
        """The text to show, in `lang` where the error knows more than one."""
        return str(self)


class CodedError(GeneratorError):
    """An error told by a key of `messages.CATALOGUE` and its parameters."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}

    def message(self, lang: str) -> str:
        from generator.content.messages import render_message

        return render_message(self.code, self.params, lang)
