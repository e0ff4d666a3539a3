"""The Jupyter Book configuration of one PDF edition (book/_tools/pdf.py writes it).

It is the edition's HTML configuration (book/_tools/editions.py: language, title,
catalogs) plus the LaTeX settings: babel, fonts, title page with the licence, the PDF's
own extensions (book/_pdf/), and the edition's execution cache, shared with its HTML
build since the notebooks run the same way for both.

The PDF is the student edition: `make pdf` runs with VNSC_SOLUTIONS=hide, so
book/_ext/student_notebooks.py leaves the solutions out, as it does for the HTML.
Settings that matter, checked against TeX Live 2022 (Debian 12):

- XeLaTeX with `use_jupyterbook_latex: false`: jupyterBook.cls needs bbm.sty, which only
  texlive-fonts-extra (1.4 GB) has.
- Babel, not polyglossia: Sphinx's polyglossia setting for Vietnamese loads
  gloss-vietnamese, which TeX Live does not ship; babel's vietnamese does exist.
- Charts are SVG in the HTML: sphinxcontrib.rsvgconverter turns them into PDF (vector)
  with rsvg-convert.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editions import ROOT, build_dir, edition_config  # book/_tools/editions.py

LATEX = ROOT / "book" / "_pdf"
TARGET = "smart-cities-in-vietnam"
BABEL = {"en": "english", "vi": "vietnamese"}
LICENCE = {
    "en": "Text: CC BY 4.0. Code: MIT. Student edition, without the solutions.",
    "vi": "Văn bản: CC BY 4.0. Mã nguồn: MIT. Bản dành cho sinh viên, không kèm lời giải.",
}
INSTRUCTOR = {
    "en": "Text: CC BY 4.0. Code: MIT. Instructor edition, with the solutions.",
    "vi": "Văn bản: CC BY 4.0. Mã nguồn: MIT. Bản dành cho giảng viên, kèm lời giải.",
}


def title_page(licence: str) -> str:
    """Sphinx's own title page, with the licence under the author."""
    return (r"\sphinxmaketitle" "\n"
            r"\thispagestyle{empty}\vspace*{\fill}\begin{center}\small "
            + licence + r"\end{center}\clearpage")


def execution_cache(root: Path, language: str) -> Path:
    """The edition's execution cache, where its HTML build keeps it."""
    return build_dir(root, language) / "_build" / ".jupyter_cache"


def pdf_config(language: str, solutions: str) -> dict[str, Any]:
    """The configuration of the PDF of `language`, solutions "hide" or "show"."""
    config = edition_config(ROOT, language)
    sphinx = config["sphinx"]
    sphinx["local_extensions"].update(structure=str(LATEX), hidden_code=str(LATEX),
                                      html_tables=str(LATEX))
    sphinx["extra_extensions"] = [*sphinx["extra_extensions"], "sphinxcontrib.rsvgconverter"]
    config.setdefault("execute", {})["cache"] = str(execution_cache(ROOT, language))
    config["latex"] = {"latex_engine": "xelatex", "use_jupyterbook_latex": False,
                       "latex_documents": {"targetname": f"{TARGET}.{language}.tex"}}
    settings = sphinx["config"]
    licence = (LICENCE if solutions == "hide" else INSTRUCTOR)[language]
    settings["latex_elements"] = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "polyglossia": "",
        "babel": rf"\usepackage[{BABEL[language]}]{{babel}}",
        "fontpkg": (LATEX / "preamble.tex").read_text(encoding="utf-8"),
        "maketitle": title_page(licence),
        "sphinxsetup": "hmargin={2.2cm,2.2cm}, vmargin={2.4cm,2.4cm}",
    }
    settings["latex_show_urls"] = "footnote"
    # myst-nb's LaTeX priorities skip SVG, the only format the charts are drawn in, and
    # HTML, the only one of the tables (book/_pdf/html_tables.py makes them LaTeX tables).
    settings["nb_mime_priority_overrides"] = [["latex", "image/svg+xml", 15],
                                              ["latex", "text/html", 45]]
    return config
