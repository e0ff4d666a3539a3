"""Math as MathML, written at build time: no MathJax, nothing fetched to show it.

Why. Sphinx shows math with MathJax, which it loads from a CDN (jsdelivr) on
every page with math (and, through a sphinx-exercise bug, on some without). A
page of this book must load nothing from outside the site, and a local MathJax
(``tex-mml-chtml.js``, 1.2 MB, and its fonts) would be twice the whole budget of
a page for a formula or two. Every browser students use (Chrome and Edge since
109, Firefox, Safari) draws MathML itself, and screen readers read it.

How. docutils, which Sphinx is built on, has a LaTeX-to-MathML converter
(``docutils.utils.math.latex2mathml``, the one behind docutils' own
``math_output: MathML``). This extension registers it as Sphinx's HTML math
renderer ``mathml`` (``html_math_renderer: mathml`` in ``_config.yml``): ``$x$``
and ``$$...$$`` become ``<math>`` elements in the page. A formula the converter
does not know is a build warning (so an error under ``-W``) naming the formula,
and the page shows its LaTeX source meanwhile.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.utils.math import latex2mathml
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

# docutils keeps the backslash of \_ \% \& \# \$ inside \text{...}: drop it first.
_TEXT = re.compile(r"\\(text|textrm|textit|textbf|mathrm|operatorname)\{([^{}]*)\}")


def _unescape_text(latex: str) -> str:
    return _TEXT.sub(lambda m: "\\" + m.group(1) + "{"
                     + re.sub(r"\\([_%&#$])", r"\1", m.group(2)) + "}", latex)


def to_mathml(latex: str, *, block: bool) -> str:
    """LaTeX to a MathML ``<math>`` element; SyntaxError if docutils can't."""
    return latex2mathml.tex2mathml(_unescape_text(latex.strip()), as_block=block)


def _convert(self: Any, node: nodes.Element, latex: str, *, block: bool) -> str:
    try:
        return to_mathml(latex, block=block)
    except SyntaxError as error:
        logger.warning("cannot write this formula as MathML (%s): %s", error, latex,
                       location=node, type="mathml")
        return f"<code>{self.encode(latex)}</code>"


def visit_math(self: Any, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_convert(self, node, node.astext(), block=False) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self: Any, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    for part in (p for p in node.astext().split("\n\n") if p.strip()):
        if r"\\" in part and r"\begin" not in part:
            part = r"\begin{aligned}" + part + r"\end{aligned}"
        self.body.append(_convert(self, node, part, block=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("mathml", inline_renderers=(visit_math, None),
                               block_renderers=(visit_displaymath, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
