"""A strict YAML reader that keeps every scalar as written, with its line.

PyYAML's `safe_load` resolves YAML 1.1 types: `no` becomes False, `0123` the
number 83, `+4530123456` an int, and the last of two duplicate keys silently
wins. Here libyaml (the C parser, for speed) only *composes* the document with
a resolver that knows no implicit types, so every plain scalar arrives as the
text the editor typed. Field types in `fields` decide what the text means. The
walk that turns composed nodes into our `Node` tree refuses duplicate keys,
object-constructing tags, and alias expansion beyond a small budget (a
"billion laughs" document fails after `MAX_NODES` nodes, in milliseconds).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from generator.errors import PicklableError

try:  # libyaml is ~20x faster; the pure-Python parser is kept for what libyaml cannot do
    # `yaml` itself does not re-export CParser (cyaml's __all__ lists loaders only):
    # importing it from there failed quietly and every run fell back to pure Python.
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - the pinned PyYAML wheels ship libyaml
    CParser = None  # type: ignore[misc, assignment]  # the fallback below checks for it

MAX_NODES = 20_000
"""Nodes one document may expand to, aliases counted at every use."""

MAX_EXPANDED_CHARS = 200_000
"""Characters of keys and scalars one document may expand to, aliases counted at every
use: twice `load.MAX_YAML_CHARS`, so a document without aliases never meets it.
Counting nodes is not enough: 12,000 aliases of one 45,000-character string are 12,001
nodes and 540 million characters, which the build then writes into every page."""

MAX_DEPTH = 40
"""Nesting depth of maps and lists; content never needs more than four."""

C_SAFE_DEPTH = 1_000
"""Deepest nesting handed to libyaml's composer.

PyYAML's C composer recurses in C, without Python's recursion limit: 100,000
nested `[` (200 KB, well under the file size limit) overflow the stack and kill
the process. A document that *might* nest deeper than this goes to the
pure-Python composer instead, whose recursion ends in a `RecursionError`.
"""

# Every nested list or map starts with one of these indicators of its own, so
# their count bounds the nesting depth from above (dates' and slugs' hyphens
# are no indicators: `-` counts only before a blank, as YAML reads it).
_OPENERS = re.compile(r"[\[{?:]|-(?=[ \t\r\n\x85\u2028\u2029\0]|\Z)")

_ALLOWED_TAGS = {
    BaseResolver.DEFAULT_SCALAR_TAG,
    BaseResolver.DEFAULT_SEQUENCE_TAG,
    BaseResolver.DEFAULT_MAPPING_TAG,
}

_DEFAULT_TAGS = {
    yaml.ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}


class _NoTypes(BaseResolver):
    """A resolver that has no implicit types at all: every scalar is a string."""

    # With no implicit or path resolvers registered, BaseResolver's answer is always the
    # default tag of the node's kind; saying so directly skips its lookups for each of the
    # ~230,000 nodes of a 10,000-item repository.
    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _PyComposer(Reader, Scanner, Parser, Composer, _NoTypes):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        # Stop at the walker's own limit instead of letting a hostile document recurse
        # until Python's limit: that costs hundreds of frames and most of a second.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
                raise YamlProblem(line, "yaml_too_deep", limit=MAX_DEPTH)
            node: yaml.Node = super().compose_node(parent, index)  # type: ignore[arg-type, assignment]
            return node
        finally:
            self.depth -= 1


if CParser is not None:

    class _CComposer(CParser, _NoTypes):
        pass


def _composer(text: str) -> _PyComposer | _CComposer:
    if CParser is not None and (
        len(text) <= C_SAFE_DEPTH or len(_OPENERS.findall(text)) <= C_SAFE_DEPTH
    ):
        return _CComposer(text)
    return _PyComposer(text)


@dataclass
class Scalar:
    value: str
    line: int
    plain: bool = True

    @property
    def is_null(self) -> bool:
        """YAML 1.2 core schema nulls, only when written unquoted."""
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass
class Mapping:
    line: int
    entries: dict[str, tuple[int, Node]] = field(default_factory=dict)
    """key -> (line of the key, value)"""


@dataclass
class Sequence:
    line: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


class YamlProblem(PicklableError):
    """A document that cannot be read; `line` is 1-based within the text given."""

    def __init__(self, line: int, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.line = line
        self.code = code
        self.params = params


def read_yaml(text: str) -> Node | None:
    """Parse one YAML document into `Node`s, or raise `YamlProblem`.

    Returns None for an empty document.
    """
    try:
        composer = _composer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        line, params = syntax_cause(text, exc)
        raise YamlProblem(line, "yaml_syntax", **params) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, "yaml_syntax", detail=str(exc)) from None
    except RecursionError:
        raise YamlProblem(1, "yaml_too_deep", limit=MAX_DEPTH) from None
    if root is None:
        return None
    return _Walker().convert(root, 0)


class _Walker:
    """Converts composed nodes, counting every visit so aliases cannot explode."""

    def __init__(self) -> None:
        self.visited = 0
        self.chars = 0
        self.top_key_line = 0
        """Line of the top-level key being read: an alias's expansion carries the lines
        of the anchored nodes, which point away from the field that expands too far."""

    def convert(self, node: yaml.Node, depth: int) -> Node:
        line = node.start_mark.line + 1
        self.visited += 1
        if self.visited > MAX_NODES:
            raise YamlProblem(self.top_key_line or line, "yaml_too_big", limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise YamlProblem(line, "yaml_too_deep", limit=MAX_DEPTH)
        if node.tag not in _ALLOWED_TAGS:
            raise YamlProblem(line, "yaml_tag", tag=node.tag)
        if isinstance(node, yaml.ScalarNode):
            self._count(len(node.value), line)
            # libyaml marks a plain scalar with style "", the Python parser with None.
            return Scalar(node.value, line, plain=not node.style)
        if isinstance(node, yaml.SequenceNode):
            return Sequence(line, [self.convert(item, depth + 1) for item in node.value])
        assert isinstance(node, yaml.MappingNode)  # the three node kinds YAML has
        return self._mapping(node, line, depth)

    def _count(self, chars: int, line: int) -> None:
        self.chars += chars
        if self.chars > MAX_EXPANDED_CHARS:
            limit = MAX_EXPANDED_CHARS
            raise YamlProblem(self.top_key_line or line, "yaml_too_large", limit=limit)

    def _mapping(self, node: yaml.MappingNode, line: int, depth: int) -> Mapping:
        result = Mapping(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise YamlProblem(key_line, "yaml_complex_key")
            key = key_node.value
            self._count(len(key), key_line)
            if key in result.entries:
                first = result.entries[key][0]
                raise YamlProblem(key_line, "duplicate_key", key=key, first=first)
            if depth == 0:
                self.top_key_line = key_line
            result.entries[key] = (key_line, self.convert(value_node, depth + 1))
        return result


def to_plain(node: Node | None) -> object:
    """Plain dicts, lists and strings, for places that want data, not positions."""
    if node is None:
        return None
    if isinstance(node, Mapping):
        return {k: to_plain(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, Sequence):
        return [to_plain(v) for v in node.items]
    return node.value


EXCERPT_CHARS = 80
"""Characters of the faulty line shown around the column in a syntax error."""


def syntax_cause(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, dict[str, str]]:
    """The line of a syntax error, its likely cause (a message key), the line with a caret.

    PyYAML says "found character that cannot start any token" for a tab and "mapping
    values are not allowed here" for a colon inside a value: true, and no help to an
    editor. The usual slips are few (a tab, a colon, indentation, an unclosed quote or
    bracket, a line with no colon), and the text around the column tells them apart.
    An unclosed quote or bracket and a line without a colon are noticed lines later:
    those point where the value began (the "context" mark), not where reading stopped.
    """
    detail, context = exc.problem or str(exc), exc.context or ""
    cause = _cause(text, exc.problem_mark, detail, context)
    mark = exc.problem_mark or exc.context_mark
    if cause in ("yaml_cause_quote", "yaml_cause_bracket", "yaml_cause_no_colon"):
        mark = exc.context_mark or mark
    line, column = (mark.line + 1, mark.column) if mark else (1, 0)
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    params = {"cause": cause, "column": str(column + 1), "detail": detail}
    params["excerpt"] = _excerpt(source, column)
    if cause == "yaml_cause_colon":
        key, _, value = source.strip().partition(": ")
        # A JSON string is a YAML double-quoted one: quotes and backslashes escaped.
        params["fixed"] = f"{key}: {json.dumps(value, ensure_ascii=False)}"
    return line, params


def _cause(text: str, mark: yaml.Mark | None, detail: str, context: str) -> str:
    lines = text.split("\n")
    line, column = (mark.line, mark.column) if mark else (0, 0)
    source = lines[line] if line < len(lines) else ""
    if "\t" in source[: column + 1] or "'\\t'" in detail:
        return "yaml_cause_tab"
    if "mapping values are not allowed" in detail and ": " in source[:column].lstrip("- "):
        return "yaml_cause_colon"
    if "quoted scalar" in context:
        return "yaml_cause_quote"
    if "flow" in context:
        return "yaml_cause_bracket"
    if "could not find expected ':'" in detail:
        return "yaml_cause_no_colon"
    if any(word in detail for word in ("mapping values", "block end", "expected key", "indicator")):
        return "yaml_cause_indent"
    return "yaml_cause_other"


def _excerpt(source: str, column: int) -> str:
    """The line (tabs shown as one space, so the caret stays under its column)."""
    start = max(0, column - EXCERPT_CHARS // 2)
    shown = source.replace("\t", " ")[start : start + EXCERPT_CHARS]
    return f"\n    {shown}\n    {' ' * (column - start)}^"
