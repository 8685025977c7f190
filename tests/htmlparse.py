"""A small element tree over the standard library's `html.parser`, for tests.

Enough to read built pages as a browser's parser would for well-formed output
(MkDocs + Material): find elements by tag, class and id, read text and
attributes. Void elements never take children; an end tag closes the nearest
open element of its name; a stray end tag is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    def iter(self) -> Iterator[Element]:
        """This element and all below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(
        self, tag: str | None = None, *, cls: str | None = None, id: str | None = None
    ) -> list[Element]:
        """Elements below this one (not itself) matching every condition given."""
        return [e for e in self.iter() if e is not self and _matches(e, tag, cls, id)]

    def find(
        self, tag: str | None = None, *, cls: str | None = None, id: str | None = None
    ) -> Element:
        """The first match; a missing element fails the test with what was looked for."""
        found = self.find_all(tag, cls=cls, id=id)
        if not found:
            raise LookupError(f"no <{tag or '*'} class={cls!r} id={id!r}> in <{self.tag}>")
        return found[0]

    @property
    def text(self) -> str:
        """The text below this element, whitespace collapsed as a reader sees it."""
        return re.sub(r"\s+", " ", "".join(self._texts())).strip()

    def _texts(self) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag not in ("script", "style"):
                yield from child._texts()


def _matches(element: Element, tag: str | None, cls: str | None, id: str | None) -> bool:
    return (
        (tag is None or element.tag == tag)
        and (cls is None or cls in element.classes)
        and (id is None or element.get("id") == id)
    )


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    """The document's tree; its root is a `#document` element holding `<html>`."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
