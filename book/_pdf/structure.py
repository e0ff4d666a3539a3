"""The PDF's structure: the book's parts as LaTeX parts, and chapters numbered as online.

Why. Sphinx's LaTeX writer makes every top-level section of the root page a chapter and
ignores the captions of the table of contents, so the introduction's four sections came out
as chapters 1-4 and "Learning from India", Chapter 4 online, as Chapter 8: every "see
Chapter 4" of the text pointed at the wrong chapter. jupyterBook.cls (sphinx-jupyterbook-
latex) fixes this, but it needs texlive-fonts-extra (1.4 GB, for bbm.sty).

So, in the LaTeX build only, this extension puts raw LaTeX into the root page: its sections
unnumbered, then before each part of the table of contents a ``\\part`` with the part's
caption (translated, in the Vietnamese edition), the chapter counter reset, and numbering on
for the part that is numbered online (the chapters) and off for the others (exercises,
appendices), as in the HTML.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def _latex(text: str) -> nodes.raw:
    return nodes.raw("", text, format="latex")


def _part(caption: str, numbered: bool) -> str:
    depth = 1 if numbered else -1
    title = caption.replace("\\", "").replace("{", "").replace("}", "")
    return (f"\\part{{{title}}}\n\\setcounter{{chapter}}{{0}}\n"
            f"\\setcounter{{secnumdepth}}{{{depth}}}\n")


def mark_parts(app: Sphinx, doctree: nodes.document) -> None:
    """In the root page's doctree (LaTeX only): unnumbered intro, then one part per toctree."""
    if app.builder.name != "latex" or app.env.docname != app.config.root_doc:
        return
    toctrees = list(doctree.findall(addnodes.toctree))
    if not toctrees:
        return
    first_section = next(iter(doctree.findall(nodes.section)), None)
    if first_section is not None:
        first_section.insert(0, _latex("\\setcounter{secnumdepth}{-1}\n"))
    for toctree in toctrees:
        caption = toctree.get("caption")
        if not caption:
            continue
        holder = toctree.parent if isinstance(toctree.parent, nodes.compound) else toctree
        holder.parent.insert(holder.parent.index(holder),
                             _latex(_part(caption, bool(toctree.get("numbered")))))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", mark_parts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
