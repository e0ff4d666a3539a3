"""The PDF of each edition, as `make pdf` builds it and a reader opens it.

Built once per session from a copy of the repository (book/_tools/pdf.py, as `make pdf`
runs it). Needs XeLaTeX and the fonts: skipped with one line where TeX is missing, a failure
instead when VNSC_REQUIRE_PDF=1 (.ci/run sets it after installing TeX).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.catalogs import read_catalog
from tests.conftest import COPY_IGNORE

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "vi")
TOOLS = ("xelatex", "latexmk", "rsvg-convert", "pdfinfo", "pdffonts", "pdftotext")
CHECK_OUTPUT = re.compile(r"(Question|Câu hỏi) \d+\.\d+: (correct|đúng)")
MARKERS = re.compile(r"#\s*(BEGIN|END) (SOLUTION|PROMPT)|#\s*SOLUTION\b")


def _need_tex() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = (f"PDF tests skipped: {', '.join(missing)} not installed "
                   "(run `make pdf` as root, or see book/_pdf/tools.sh)")
        if os.environ.get("VNSC_REQUIRE_PDF") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both student PDFs, built from a copy of the repository."""
    _need_tex()
    copy = tmp_path_factory.mktemp("pdf") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    out = copy / "_build" / "pdf"
    result = subprocess.run([sys.executable, str(copy / "book" / "_tools" / "pdf.py"),
                             "--out", str(out)], capture_output=True, text=True, timeout=2400)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    # `make pdf SOLUTIONS=show`: the instructor's edition, from the same copy and caches.
    result = subprocess.run([sys.executable, str(copy / "book" / "_tools" / "pdf.py"),
                             "--lang", "en", "--solutions", "show", "--out", str(out)],
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    found = {lang: out / f"smart-cities-in-vietnam.{lang}.pdf" for lang in LANGUAGES}
    return {**found, "instructor": out / "smart-cities-in-vietnam.en.instructor.pdf"}


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _plain(title: str) -> str:
    """A title as the outline prints it: LaTeX turns ' into ’."""
    return title.replace("’", "'")


def _outline_titles(pdf: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(PdfReader(pdf).outline)
    return titles


def _page_titles(language: str) -> list[str]:
    """The title (first heading) of every page of the book, in `language`."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    titles = []
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            source = (ROOT / f"{chapter['file']}.md").read_text(encoding="utf-8")
            english = re.search(r"^# (.+)$", source, flags=re.M).group(1).strip()
            if language == "en":
                titles.append(english)
                continue
            catalog = read_catalog(ROOT / "locales" / "vi" / "LC_MESSAGES" /
                                   f"{chapter['file']}.po")
            titles.append(catalog.get(english).string)
    return titles


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_opens_and_has_every_page_in_its_outline(pdfs: dict[str, Path],
                                                      language: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdfs[language])], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    assert pages > 150, info
    outline = [_plain(entry) for entry in _outline_titles(pdfs[language])]
    missing = [title for title in _page_titles(language)
               if not any(_plain(title) in entry for entry in outline)]
    assert not missing, f"not in the outline: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_embeds_every_font_and_lacks_no_glyph(pdfs: dict[str, Path], language: str) -> None:
    fonts = subprocess.run(["pdffonts", str(pdfs[language])], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts
    not_embedded = [line for line in fonts if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded
    log = pdfs[language].with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (\S+)", log)))
    assert not missing, f"glyphs missing from the fonts: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_student_pdf_has_no_solution(pdfs: dict[str, Path], language: str) -> None:
    text = _text(pdfs[language])
    assert not MARKERS.search(text)
    solution_lines = set()
    for source in sorted((ROOT / "exercises").glob("[0-9]*.md")):
        inside = False
        for line in source.read_text(encoding="utf-8").splitlines():
            code = line.split("#")[0].strip()
            if "# BEGIN SOLUTION" in line or "# END SOLUTION" in line:
                inside = "# BEGIN SOLUTION" in line
            elif (inside or "# SOLUTION" in line) and len(code) > 20:
                solution_lines.add(code)
    assert len(solution_lines) > 30
    found = [line for line in solution_lines if line in text]
    assert not found, f"solution code in the {language} PDF: {found[:5]}"
    assert not CHECK_OUTPUT.search(text), "a check's output says an answer is right"


def test_instructor_pdf_has_the_solutions(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["instructor"])
    assert "Instructor edition, with the solutions" in text
    assert CHECK_OUTPUT.search(text), "the solutions' checks say correct"
    assert "Student edition" in _text(pdfs["en"])
    log = pdfs["instructor"].with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_vietnamese_pdf_keeps_its_diacritics(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["vi"])
    for phrase in ("Quyết định 950/QĐ-TTg", "đô thị thông minh", "Mục lục", "Bài tập 3"):
        assert phrase in text, phrase
    assert "Quyết định 950/QĐ-TTg" in _text(pdfs["en"])


def test_pdf_charts_are_vector_graphics(pdfs: dict[str, Path]) -> None:
    """Charts are drawn as PDF paths and text, not pasted in as pictures: the only raster
    images are the few hundred bytes of a chart's own grid of cells (chapter 4's)."""
    for language in LANGUAGES:
        images = subprocess.run(["pdfimages", "-list", str(pdfs[language])],
                                capture_output=True, text=True, check=True).stdout
        sizes = [line.split()[-2] for line in images.splitlines()[2:]]
        assert all(size.endswith("B") and not size.endswith(("K", "M")) for size in sizes), \
            images
        reader = PdfReader(pdfs[language])
        forms = sum(1 for page in reader.pages
                    for obj in (page.get("/Resources") or {}).get("/XObject", {}).values()
                    if obj.get_object().get("/Subtype") == "/Form")
        assert forms >= 10, f"{language}: {forms} vector figures"


@pytest.mark.parametrize("language", LANGUAGES)
def test_front_page_links_the_pdfs_the_site_publishes(built_book, language: str) -> None:
    """Each edition's front page links both PDFs where the Pages workflow puts them."""
    site = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    workflow = (ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8")
    page = (built_book.edition(language) / "book" / "intro.html").read_text(encoding="utf-8")
    for edition in LANGUAGES:
        name = f"smart-cities-in-vietnam.{edition}.pdf"
        assert f'href="{site}{name}"' in page, f"{language} front page: no link to {name}"
        assert f"_build/pdf/{name}" in workflow and "make pdf" in workflow
    assert re.search(r"cp [^\n]*_build/pdf/[^\n]* _build/html/", workflow)
