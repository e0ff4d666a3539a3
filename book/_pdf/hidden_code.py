"""In the PDF, the code of cells tagged ``hide-input`` is left out; its output stays.

Why. Online, a chapter's chart or table comes with its code folded under a "Show code"
button; paper has no button, so the folded code would be printed in full, pages of it,
between the text and the chart it draws. The exercises' code cells are not tagged and
stay: they are what the student works in.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class DropHiddenInputs(SphinxPostTransform):
    """Remove the source of every code cell tagged hide-input (LaTeX builder only)."""

    default_priority = 199
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") == "cell_code" and "tag_hide-input" in cell["classes"]:
                for source in [c for c in cell.children
                               if c.get("nb_element") == "cell_code_source"]:
                    cell.remove(source)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(DropHiddenInputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
