"""Write the Jupyter Book configuration of one PDF edition (`make pdf` calls this).

Why a generated file: Jupyter Book 1 takes no `-D` overrides, so each edition's LaTeX
settings (language, babel, fonts, title page, where its execution cache lives) go into a
copy of `_config.yml` written under `_build/`. Paths in `_config.yml` are relative to the
repository, so the copy makes them absolute.

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

import argparse
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TARGET = "smart-cities-in-vietnam"
BABEL = {"en": "english", "vi": "vietnamese"}
TITLE = {"vi": ("Đô thị thông minh ở Việt Nam",
                "Nhóm biên soạn khóa học Đô thị thông minh ở Việt Nam")}
LICENCE = {
    "en": "Text: CC BY 4.0. Code: MIT. Student edition, without the solutions.",
    "vi": "Văn bản: CC BY 4.0. Mã nguồn: MIT. Bản dành cho sinh viên, không kèm lời giải.",
}
INSTRUCTOR = {
    "en": "Text: CC BY 4.0. Code: MIT. Instructor edition, with the solutions.",
    "vi": "Văn bản: CC BY 4.0. Mã nguồn: MIT. Bản dành cho giảng viên, kèm lời giải.",
}


def _absolute(value: str) -> str:
    return str(ROOT / value)


def title_page(licence: str) -> str:
    """Sphinx's own title page, with the licence under the author."""
    return (r"\sphinxmaketitle" "\n"
            r"\thispagestyle{empty}\vspace*{\fill}\begin{center}\small "
            + licence + r"\end{center}\clearpage")


def pdf_config(language: str, solutions: str, cache: Path | None) -> dict[str, Any]:
    """The configuration of the PDF of `language`, solutions "hide" or "show"."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]
    sphinx["local_extensions"] = {name: _absolute(path)
                                  for name, path in sphinx["local_extensions"].items()}
    sphinx["local_extensions"]["structure"] = str(HERE)
    sphinx["local_extensions"]["hidden_code"] = str(HERE)
    sphinx["extra_extensions"] = [*sphinx["extra_extensions"], "sphinxcontrib.rsvgconverter"]
    settings = sphinx["config"]
    settings["language"] = language
    settings["locale_dirs"] = [_absolute("locales")]
    settings["gettext_compact"] = False
    settings["html_static_path"] = [_absolute(p) for p in settings["html_static_path"]]
    config["html"]["favicon"] = _absolute(config["html"]["favicon"])
    config["bibtex_bibfiles"] = [_absolute(p) for p in config["bibtex_bibfiles"]]
    if cache is not None:
        config["execute"]["cache"] = str(cache)
    if language in TITLE:
        config["title"], config["author"] = TITLE[language]
    config["latex"] = {"latex_engine": "xelatex", "use_jupyterbook_latex": False,
                       "latex_documents": {"targetname": f"{TARGET}.{language}.tex"}}
    licence = (LICENCE if solutions == "hide" else INSTRUCTOR)[language]
    settings["latex_elements"] = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "polyglossia": "",
        "babel": rf"\usepackage[{BABEL[language]}]{{babel}}",
        "fontpkg": (HERE / "preamble.tex").read_text(encoding="utf-8"),
        "maketitle": title_page(licence),
        "sphinxsetup": "hmargin={2.2cm,2.2cm}, vmargin={2.4cm,2.4cm}",
    }
    settings["latex_show_urls"] = "footnote"
    # myst-nb's LaTeX priorities skip SVG, the only format the charts are drawn in.
    settings["nb_mime_priority_overrides"] = [["latex", "image/svg+xml", 15]]
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(BABEL), required=True)
    parser.add_argument("--solutions", choices=("hide", "show"), default="hide")
    parser.add_argument("--cache", type=Path, help="the execution cache to use")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    config = pdf_config(args.lang, args.solutions, args.cache)
    args.out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


if __name__ == "__main__":
    main()
