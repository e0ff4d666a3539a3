"""The book's figure style: charts that stay legible on a 375 px phone.

A phone 375 CSS px wide shows a chapter's chart 327 px wide, and a chart inside an
exercise's solution box 275 px wide (both measured by tests/test_browser.py). A chart
drawn 4.8 inches (346 pt) wide is scaled by 327/350 there, so text of 11 pt comes out
at about 10.3 CSS px, just above the 10 px the course accepts; solution charts are
drawn 4 inches wide for their narrower box. Charts are SVG with real
text (not outlines): crisp at any zoom, smaller than a PNG of the same chart, and
measurable by the browser tests (tests/test_browser.py).

Every figure cell of the book starts with ``use_book_style()`` and then draws
without its own ``figsize`` or ``fontsize`` unless it stays within these limits.
"""

from __future__ import annotations

import matplotlib as mpl

FIGURE_WIDTH_IN = 4.8   # the width a chapter's chart is drawn at (346 pt)
MIN_FONT_PT = 11        # the smallest text on a chart, in points of that 5-inch figure

STYLE = {
    "figure.figsize": (FIGURE_WIDTH_IN, 3.6),
    "figure.constrained_layout.use": True,
    "font.size": MIN_FONT_PT,
    "font.family": "sans-serif",  # the SVG names DejaVu Sans, then fallbacks, then sans-serif
    "axes.titlesize": MIN_FONT_PT,
    "axes.titleweight": "bold",
    "axes.labelsize": MIN_FONT_PT,
    "xtick.labelsize": MIN_FONT_PT,
    "ytick.labelsize": MIN_FONT_PT,
    "legend.fontsize": MIN_FONT_PT,
    "legend.title_fontsize": MIN_FONT_PT,
    "figure.titlesize": MIN_FONT_PT + 1,
    "savefig.pad_inches": 0.03,  # the inline backend crops to the content: keep it tight
    "svg.fonttype": "none",  # <text> elements, not glyph outlines: smaller and testable
    "svg.hashsalt": "vnsmartcity",  # stable ids, so a rebuilt page does not change
}


def use_book_style() -> None:
    """Set the phone-legible style and, inside a notebook, SVG output for charts."""
    mpl.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python (a script or a test): only the style applies
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg")
