"""In the PDF, a table that a code cell prints (a pandas Styler) is a real LaTeX table.

Why. Online, the chapters' tables are pandas Stylers, shown from their text/html output.
A Styler has no other representation but its Python repr, so the LaTeX build printed
"<pandas.io.formats.style.Styler at 0x7f...>" where each table should be. The PDF's
configuration therefore lets myst-nb choose text/html for LaTeX (book/_tools/pdf_config.py),
which it emits as raw HTML that the LaTeX writer drops; this post-transform replaces each
raw HTML table by a docutils table of the same cells (parsed with BeautifulSoup), which
Sphinx's LaTeX writer typesets like any table of the book. Raw HTML without a table is
removed, as the LaTeX writer would have done. A table inside a box (a solution of the
instructor's edition, an admonition) becomes plain rows of text instead: a LaTeX table
that long cannot sit in a box (XeLaTeX stops, "TeX capacity exceeded").
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def _cells(row: Any) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def _row(texts: list[str]) -> nodes.row:
    row = nodes.row()
    for text in texts:
        row += nodes.entry("", nodes.paragraph(text, text))
    return row


def _weights(rows: list[list[str]], width: int) -> list[int]:
    """Each column's share of the line: its typical cell length, its longest word."""
    weights = []
    for column in range(width):
        cells = [row[column] for row in rows if column < len(row) and row[column]]
        mean = sum(map(len, cells)) / len(cells) if cells else 1
        word = max((len(w) for cell in cells for w in cell.split()), default=1)
        weights.append(round(min(max(mean, 1.4 * word, 3), 40)))  # a word does not break
    return weights


def table_node(markup: str) -> nodes.table | None:
    """The first HTML table of `markup` as a docutils table, or None if it has none."""
    table = BeautifulSoup(markup, "html.parser").find("table")
    if table is None:
        return None
    head = [_cells(row) for row in table.select("thead tr")]
    body = [_cells(row) for row in table.select("tbody tr")] or \
        [_cells(row) for row in table.find_all("tr") if row.find_parent("thead") is None]
    width = max(len(row) for row in head + body)
    group = nodes.tgroup(cols=width)
    group += [nodes.colspec(colwidth=weight) for weight in _weights(head + body, width)]
    if head:
        group += nodes.thead("", *[_row(row + [""] * (width - len(row))) for row in head])
    group += nodes.tbody("", *[_row(row + [""] * (width - len(row))) for row in body])
    # Widths from the cells (LaTeX cannot size a long table's columns by itself).
    return nodes.table("", group, classes=["colwidths-given"])


def text_rows(markup: str) -> nodes.literal_block | None:
    """The rows of the first HTML table of `markup`, cells separated by " | "."""
    table = BeautifulSoup(markup, "html.parser").find("table")
    if table is None:
        return None
    text = "\n".join(" | ".join(_cells(row)) for row in table.find_all("tr"))
    return nodes.literal_block(text, text)


def _in_a_box(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Admonition) or "solution" in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


class HtmlTablesToLatex(SphinxPostTransform):
    """Replace raw HTML outputs by their tables (LaTeX builder only)."""

    default_priority = 198
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            table = (text_rows if _in_a_box(raw) else table_node)(raw.astext())
            if table is None:
                raw.parent.remove(raw)
            else:
                raw.replace_self(table)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(HtmlTablesToLatex)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
