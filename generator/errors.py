"""The project's one exception base: a failure the person running it can act on.

The CLI prints `message(lang)` and exits 1; the MkDocs plugin turns it into MkDocs'
`PluginError`, which MkDocs prints without a traceback. Any other exception is a bug
and keeps its traceback.
"""

from __future__ import annotations

from typing import Any


class PicklableError(Exception):
    """An exception that crosses a process boundary whole.

    A spawned language process (Windows, macOS) has its exception pickled and raised
    again in the parent. Pickle rebuilds an exception as `cls(*args)`, which fails or
    loses fields where `__init__` takes other arguments than it hands `Exception`
    (`ContentError`'s problems, `OutputFolderError`'s code). Rebuilt here without
    `__init__`: the same `args` and attributes, whatever the subclass's signature.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restored, (type(self), self.args, dict(vars(self))))


def _restored(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls, *args)
    error.args = args
    vars(error).update(state)
    return error


class GeneratorError(PicklableError):
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
