"""Translate an exercise's markdown through its page catalog, block by block, as Sphinx does.

Why it must match Sphinx exactly: the translators fill one catalog per exercise page
(``locales/vi/LC_MESSAGES/exercises/<name>.po``) from what Sphinx's gettext builder
extracted, and the notebook must use that same catalog, or the Vietnamese notebook
and the Vietnamese page drift apart. Sphinx (``sphinx.util.nodes.extract_messages``)
takes each translatable node's ``rawsource`` with newlines turned into spaces and the
ends stripped; MyST gives a paragraph, a heading and a table cell the content of its
inline token as ``rawsource``, and an admonition title its argument. So the blocks are
found with markdown-it (the parser MyST is built on, configured with the extensions
the book enables), and a block's msgid is its inline content, joined the same way.

A translated block is written back on one line (Markdown joins a paragraph's lines
anyway), after the same prefix its first line had (``## ``, ``- ``, ``> ``...).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

# Directives whose body is prose that MyST parses as Markdown (and Sphinx translates).
PROSE_DIRECTIVES = {"admonition", "note", "tip", "important", "warning", "caution",
                    "attention", "hint", "seealso", "topic", "sidebar"}
DIRECTIVE = re.compile(r"^\{([\w-]+)\}\s*(.*)$")
OPTION = re.compile(r"^:[\w-]+:")


class CatalogError(ValueError):
    """A page catalog that cannot be read; `str()` says which and why."""


@cache
def _parser() -> MarkdownIt:
    return (MarkdownIt("commonmark").enable("table")
            .use(front_matter_plugin).use(myst_block_plugin).use(myst_role_plugin)
            .use(colon_fence_plugin).use(deflist_plugin).use(dollarmath_plugin))


def msgid(content: str) -> str:
    """The msgid Sphinx forms from a node's raw source."""
    return content.replace("\n", " ").strip()


def read_catalog(path: Path) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy messages of the ``.po`` at `path`."""
    from babel.messages.pofile import read_po

    try:
        with open(path, "rb") as stream:
            catalog = read_po(stream, abort_invalid=True)
    except OSError as error:
        raise CatalogError(f"cannot read the catalog {path}: {error.strerror}") from error
    except Exception as error:  # babel's PoFileError and friends: a damaged file
        raise CatalogError(f"the catalog {path} is not a valid .po file ({error})") from error
    return {message.id: message.string for message in catalog
            if message.id and isinstance(message.id, str) and message.string
            and not message.fuzzy}


class _Translation:
    """Edits to the lines of one Markdown text, and the msgids found without a translation."""

    def __init__(self, text: str, catalog: Mapping[str, str]) -> None:
        self.lines = text.split("\n")
        self.catalog = catalog
        self.messages: list[str] = []
        self.untranslated: list[str] = []
        self.edits: list[tuple[int, int, list[str]]] = []  # (first, end, new lines)

    def _lookup(self, message: str) -> str | None:
        self.messages.append(message)
        found = self.catalog.get(message)
        if found is None:
            self.untranslated.append(message)
        return found

    def block(self, content: str, first: int, end: int) -> None:
        """A paragraph or heading over lines [first, end): its translation on one line."""
        message = msgid(content)
        found = self._lookup(message) if message else None
        if found is None:
            return
        head = content.lstrip().split("\n", 1)[0]
        line = self.lines[first]
        prefix = line[: line.find(head)] if head and head in line else ""
        self.edits.append((first, end, [prefix + found]))

    def row(self, contents: list[str], number: int) -> None:
        """A table row: each cell replaced in its line, left to right."""
        line, cursor = self.lines[number], 0
        for content in contents:
            message = msgid(content)
            found = self._lookup(message) if message else None
            at = line.find(message, cursor) if message else -1
            if found is None or at < 0:
                continue
            line, cursor = line[:at] + found + line[at + len(message):], at + len(found)
        self.edits.append((number, number + 1, [line]))

    def math(self, token: Token) -> None:
        """A ``$$`` block: a message too, but formulas read the same in every language,
        so one the translators left empty is kept as it is, not reported."""
        message = token.content.strip()
        self.messages.append(message)
        found = self.catalog.get(message)
        if found and token.map:
            first, end = token.map
            block = "\n".join(self.lines[first:end]).replace(message, found, 1)
            self.edits.append((first, end, block.split("\n")))

    def fence(self, token: Token) -> None:
        """A ``:::{directive}``: an admonition's title, and a prose body, recursively."""
        match = DIRECTIVE.match(token.info.strip())
        if not match or match.group(1) not in PROSE_DIRECTIVES or token.map is None:
            return
        first, end = token.map
        if match.group(1) == "admonition" and match.group(2).strip():
            title = match.group(2).strip()
            found = self._lookup(title)
            if found is not None:
                self.lines[first] = self.lines[first].replace(title, found, 1)
        body = self.lines[first + 1: end - 1]
        options = 0
        while options < len(body) and OPTION.match(body[options]):
            options += 1
        inner = translate_markdown("\n".join(body[options:]), self.catalog)
        self.messages += inner.messages
        self.untranslated += inner.untranslated
        self.edits.append((first + 1 + options, end - 1, inner.text.split("\n")))

    def run(self) -> None:
        tokens = _parser().parse("\n".join(self.lines))
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "colon_fence":
                self.fence(token)
            elif token.type == "math_block":
                self.math(token)
            elif token.type == "tr_open" and token.map:
                cells, index = [], index + 1
                while tokens[index].type != "tr_close":
                    if tokens[index].type == "inline":
                        cells.append(tokens[index].content)
                    index += 1
                self.row(cells, token.map[0])
            elif token.type == "inline" and token.map and index > 0 and \
                    tokens[index - 1].type in ("paragraph_open", "heading_open", "dt_open"):
                self.block(token.content, *token.map)
            index += 1

    @property
    def text(self) -> str:
        lines = list(self.lines)
        for first, end, new in sorted(self.edits, reverse=True):
            lines[first:end] = new
        return "\n".join(lines)


@dataclass(frozen=True)
class Translated:
    """The result of `translate_markdown`: text, every msgid met, those left untranslated."""

    text: str
    messages: list[str]
    untranslated: list[str]


def translate_markdown(text: str, catalog: Mapping[str, str]) -> Translated:
    """`text` with every block that `catalog` translates replaced by its translation."""
    work = _Translation(text, catalog)
    work.run()
    return Translated(work.text, work.messages, work.untranslated)
