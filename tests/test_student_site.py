"""The site serves the student notebooks, and every exercise page points at them.

* ``student/<name>.ipynb`` in the site are the very notebooks ``vnsmartcity assign``
  writes: no solution, no output, a setup cell first.
* Every exercise page's download offers that notebook (and no source), and its Colab
  and Binder buttons open its published path, derived here from ``_config.yml`` alone.
* ``binder/`` names a Python and pins this course version, and is published beside
  the notebooks. Questions are boxed "Question 3.1", not the book-wide "Exercise 13".
* ``make book SOLUTIONS=hide`` leaves every solution out of the pages and ``_sources``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest
import yaml

from vnsmartcity import __version__
from vnsmartcity.assign import assign, exercise_sources, release_name
from vnsmartcity.check.spec import questions
from vnsmartcity.release import read_source, setup_cell, strip_code

ROOT = Path(__file__).resolve().parent.parent
SOURCES = exercise_sources(ROOT / "exercises")
NAMES = {exercise: release_name(exercise, source) for exercise, source in SOURCES.items()}


@pytest.fixture(scope="session")
def site(built_book) -> Path:
    assert built_book.returncode == 0, built_book.log[-3000:]
    return built_book.html


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


# Each edition's folder in the site (and on the published branch): English at the root,
# Vietnamese in vi/ (the editions' build, `language: vi`).
EDITIONS = {"en": "", "vi": "vi/"}


def _published_urls(name: str, lang: str = "en") -> dict[str, str]:
    """Colab and Binder URLs of a student notebook, from _config.yml alone."""
    config = _config()
    org, repo = config["repository"]["url"].rstrip("/").split("/")[-2:]
    branch = config["sphinx"]["config"]["student_notebooks_branch"]
    launch = config["launch_buttons"]
    ui = "lab/tree" if launch["notebook_interface"] == "jupyterlab" else "tree"
    return {
        "colab": f"{launch['colab_url']}/github/{org}/{repo}/blob/{branch}/"
                 f"{EDITIONS[lang]}student/{name}",
        "binder": f"{launch['binderhub_url']}/v2/gh/{org}/{repo}/{branch}"
                  f"?urlpath={ui}/{EDITIONS[lang]}student/{name}",
    }


@pytest.mark.parametrize("lang", EDITIONS)
def test_site_serves_exactly_what_assign_writes(site, tmp_path, lang):
    """Each edition serves `vnsmartcity assign --lang` of its language (the Vietnamese one
    in vi/student/, from the editions' build)."""
    assign([], tmp_path, ROOT / "exercises", lang=lang, allow_untranslated=True)
    served = site / EDITIONS[lang] / "student"
    released = sorted(p.name for p in (tmp_path / "student").iterdir())
    assert sorted(p.name for p in served.glob("*.ipynb")) == released
    assert released == sorted(NAMES.values())
    for name in released:
        assert (served / name).read_bytes() == (tmp_path / "student" / name).read_bytes(), name


@pytest.mark.parametrize("exercise", SOURCES)
def test_student_notebook_has_no_solution_and_no_output(site, exercise):
    text = (site / "student" / NAMES[exercise]).read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0].source == setup_cell(__version__), "the setup cell comes first"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    for marker in ("SOLUTION", "{solution-start}", "{exercise-start}", ":label:", "{doc}"):
        assert marker not in text, marker
    code_text = "\n".join(cell.source for cell in code)
    for line in solution_lines(exercise):
        assert line not in code_text, f"solution code in the student notebook: {line!r}"
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    headings = re.findall(r"^## (Question \d+\.\d+)", markdown, re.M)
    assert headings == [f"Question {q.qid}" for q in questions(exercise)]


def solution_lines(exercise: str) -> set[str]:
    """Lines of solution code of `exercise`: in its source, but in no released cell."""
    code = [cell.source for cell in read_source(SOURCES[exercise]).cells
            if cell.cell_type == "code"]
    kept = {line.strip() for source in code for line in strip_code(source).splitlines()}
    lines = {line.strip() for source in code for line in source.splitlines()}
    found = {line for line in lines - kept if len(line) > 12 and "SOLUTION" not in line
             and "PROMPT" not in line}
    assert found, f"{exercise}: no solution code found to look for"
    return found


def _page_text(html: str) -> str:
    """The text of a page as a reader sees it (highlighted code becomes plain again)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", html))


def _links(html: str) -> list[str]:
    return re.findall(r'<a[^>]+href="([^"]+)"', html)


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("exercise", SOURCES)
def test_exercise_page_offers_the_student_notebook(site, exercise, lang):
    edition = site / EDITIONS[lang]
    page = edition / SOURCES[exercise].relative_to(ROOT).with_suffix(".html")
    html = page.read_text(encoding="utf-8")
    links = _links(html)
    downloads = [link for link in links if link.endswith(".ipynb") and "://" not in link]
    assert downloads == [f"../student/{NAMES[exercise]}"], downloads
    assert (page.parent / downloads[0]).resolve() == (edition / "student" / NAMES[exercise])
    assert not [link for link in links if "_sources/" in link], "a source is offered"
    launches = [link for link in links if "colab.research" in link or "mybinder" in link]
    assert sorted(launches) == sorted(_published_urls(NAMES[exercise], lang).values()), \
        launches


@pytest.mark.parametrize("exercise", SOURCES)
def test_questions_are_labelled_by_their_number(site, exercise):
    html = (site / SOURCES[exercise].relative_to(ROOT).with_suffix(".html")).read_text()
    boxes = re.findall(r'<p class="admonition-title">(.*?)</p>', html, re.S)
    labels = [re.sub(r"<[^>]+>", "", box).strip() for box in boxes if "Question" in box
              or "Exercise" in box]
    assert labels == [f"Question {q.qid}" for q in questions(exercise)]


def test_binder_names_a_python_and_pins_this_course_version():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.1[0-3]", runtime), runtime
    requirements = (ROOT / "binder" / "requirements.txt").read_text()
    assert f"vnsmartcity=={__version__}" in requirements.split()
    assert "-r" not in requirements.split() and "-e" not in requirements.split()


def test_binder_folder_is_published_beside_the_notebooks(site):
    for name in ("runtime.txt", "requirements.txt"):
        assert (site / "binder" / name).read_bytes() == (ROOT / "binder" / name).read_bytes()


# --- SOLUTIONS=hide ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def hidden_site(built_book, tmp_path_factory) -> Path:
    """The book built again with SOLUTIONS=hide, from the first build's copy and cache."""
    first = built_book.html.parent.parent
    copy_root = tmp_path_factory.mktemp("hidden") / "repo"
    shutil.copytree(first, copy_root, ignore=shutil.ignore_patterns("html", ".doctrees"))
    env = {**os.environ, "VNSC_SOLUTIONS": "hide"}
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jupyter_book), "build", str(copy_root), "-W", "-n",
                             "--keep-going"], capture_output=True, text=True, env=env,
                            timeout=1800)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return copy_root / "_build" / "html"


@pytest.mark.parametrize("exercise", SOURCES)
def test_hide_leaves_no_solution_in_the_site(site, hidden_site, exercise):
    page = SOURCES[exercise].relative_to(ROOT).with_suffix(".html")
    shown, hidden = (site / page).read_text(), (hidden_site / page).read_text()
    assert "solution dropdown" in shown, "the default build shows the solutions"
    assert "solution dropdown" not in hidden
    shown_text, hidden_text = _page_text(shown), _page_text(hidden)
    for line in solution_lines(exercise):
        assert line in shown_text, f"the default build should show {line!r}"
        assert line not in hidden_text, f"solution code in the page: {line!r}"
    assert "correct." not in hidden_text, "a check's output under an answer not shown"
    stem = SOURCES[exercise].stem
    assert not list((hidden_site / "_sources" / "exercises").glob(f"{stem}.*"))
    assert (hidden_site / "student" / NAMES[exercise]).read_bytes() == \
        (site / "student" / NAMES[exercise]).read_bytes()


