"""Build the PDF of each edition: `make pdf` and tests/test_pdf.py both run this.

For each language: write the edition's PDF configuration (book/_tools/pdf_config.py), run
Jupyter Book's `pdflatex` builder (XeLaTeX through latexmk) into `_build/pdf/<lang>/`,
and copy the PDF and its LaTeX log to `_build/pdf/`:

    _build/pdf/smart-cities-in-vietnam.en.pdf      (student edition: no solutions)
    _build/pdf/smart-cities-in-vietnam.vi.pdf
    _build/pdf/smart-cities-in-vietnam.en.instructor.pdf   (--solutions show)

The log is kept because a missing glyph is only a warning of XeLaTeX's: the PDF is made
with a blank where the letter should be, and only the log says so (the tests read it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from pdf_config import ROOT, TARGET, pdf_config  # book/_tools/pdf_config.py

LANGUAGES = ("en", "vi")


def output_name(language: str, solutions: str) -> str:
    edition = "" if solutions == "hide" else ".instructor"
    return f"{TARGET}.{language}{edition}"


def build(language: str, solutions: str, out: Path) -> Path:
    """Build one PDF; return its path under `out`. Raises SystemExit with one line on failure."""
    work = out / (language if solutions == "hide" else f"{language}-instructor")
    work.mkdir(parents=True, exist_ok=True)
    config = work / "_config.yml"
    config.write_text(yaml.safe_dump(pdf_config(language, solutions), allow_unicode=True,
                                     sort_keys=False), encoding="utf-8")
    env = {**os.environ, "VNSC_LANG": language, "VNSC_SOLUTIONS": solutions}
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    log = work / "build.log"
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run(
            [str(jupyter_book), "build", str(ROOT), "--builder", "pdflatex", "--config",
             str(config), "--path-output", str(work), "-W", "-n", "--keep-going"],
            stdout=handle, stderr=subprocess.STDOUT, env=env, check=False)
    latex = work / "_build" / "latex"
    pdf = latex / f"{TARGET}.{language}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        raise SystemExit(f"The {language} PDF did not build: see {log}")
    name = output_name(language, solutions)
    shutil.copyfile(pdf, out / f"{name}.pdf")
    shutil.copyfile(latex / f"{TARGET}.{language}.log", out / f"{name}.log")
    return out / f"{name}.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append",
                        help="an edition to build (default: all)")
    parser.add_argument("--solutions", choices=("hide", "show"), default="hide")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    args = parser.parse_args()
    for language in args.lang or LANGUAGES:
        print(f"PDF ({language}): {build(language, args.solutions, args.out.resolve())}")


if __name__ == "__main__":
    main()
