"""The book's figure style: charts that stay legible on a 375 px phone.

A phone 375 CSS px wide shows a figure about 340 px wide. A chart drawn 5 inches
(360 pt) wide is scaled by about 340/360 there, so text of at least 11 pt comes out
at about 10.4 CSS px, the smallest size the course accepts. Charts are SVG with real
text (not outlines): crisp at any zoom, smaller than a PNG of the same chart, and
measurable by the browser tests (tests/test_browser.py).

Every figure cell of the book starts with ``use_book_style()`` and then draws
without its own ``figsize`` or ``fontsize`` unless it stays within these limits.
"""

from __future__ import annotations

import matplotlib as mpl

FIGURE_WIDTH_IN = 5.0   # the width every chart is drawn at (360 pt)
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
