"""Problems found in content, and the one exception that carries them.

Every stage appends problems instead of raising on the first one, so an editor
sees all that is wrong with a pull request in a single run. The message text is
looked up in `messages` only when rendered, so the same run can be reported in
Russian to editors and in English to tools or translators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.messages import render_message
from generator.errors import GeneratorError

MAX_QUOTE_CHARS = 200
"""Characters of a value a message may quote: a 50,000-character value, or an alias
of it used 10,000 times, would otherwise print megabytes that no one reads."""


def _quote(value: object) -> str:
    text = str(value)
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    return text[: MAX_QUOTE_CHARS - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line (1-based; 0 when the file as a whole)."""

    path: str
    line: int
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "ru") -> str:
        return render_message(self.code, dict(self.params), lang)

    def render(self, lang: str = "ru") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message(lang)}"

    def as_dict(self, lang: str = "ru") -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "message": self.message(lang),
            "params": dict(self.params),
        }


@dataclass
class Problems:
    """An append-only collection of problems, one for all the stages of a run."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, code: str, /, **params: object) -> None:
        # Positional-only: messages may name a parameter `code` or `path` themselves
        # (`bad_mission_code` does), which once raised TypeError instead of reporting.
        frozen = tuple(sorted((k, _quote(v)) for k, v in params.items()))
        self.items.append(Problem(path, line, code, frozen))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class ContentError(GeneratorError):
    """Raised at the edge (CLI, MkDocs plugin) when a run found problems.

    Library code collects `Problems`; only the outermost caller turns them into
    this exception, whose text is already fit for an editor to read.
    """

    def __init__(self, problems: list[Problem], lang: str = "ru") -> None:
        self.problems = problems
        super().__init__("\n".join(p.render(lang) for p in problems))

    def message(self, lang: str) -> str:
        return "\n".join(p.render(lang) for p in self.problems)
