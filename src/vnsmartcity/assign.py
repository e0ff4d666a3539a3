"""`vnsmartcity assign`: the student release of the exercises, and the instructor's copy.

Writes, under the output folder:

* ``student/exNN-slug.ipynb``: solutions removed, outputs cleared, exercise id in
  the metadata (``metadata.vnsmartcity.exercise``), self-checks intact;
* ``instructor/solutions/exNN-slug.ipynb`` and ``instructor/rubrics.md``;
* ``student-release.zip``: the student folder, byte-identical on every run.

With ``--lang vi`` every markdown block is translated through the exercise page's
catalog, ``locales/vi/LC_MESSAGES/exercises/<name>.po`` (`page_catalog`), the cells
the release writes and the checks speak Vietnamese, and ``metadata.vnsmartcity.lang``
says so, for the grader. A block the catalog does not translate stops the release,
with one line per exercise naming the first such block: a half-English notebook
handed to a class is a mistake to catch, not to ship. ``--allow-untranslated``
keeps those blocks in English and only warns (for drafts, and for the book's build,
whose pages fall back to English the same way).
"""

from __future__ import annotations

import copy
import re
import sys
import zipfile
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from vnsmartcity.check.spec import questions
from vnsmartcity.errors import UsageError
from vnsmartcity.messages import DEFAULT, LANGUAGES
from vnsmartcity.page_catalog import CatalogError, read_catalog, translate_markdown
from vnsmartcity.release import (
    NotAnExercise,
    exercise_id,
    language_lines,
    read_source,
    student_notebook,
)

REPO_EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def exercise_sources(folder: Path | None = None) -> dict[str, Path]:
    """Exercise id -> MyST source, from ./exercises or the repository the package sits in."""
    for candidate in (folder, Path.cwd() / "exercises", REPO_EXERCISES):
        if candidate is not None and candidate.is_dir():
            found = {}
            for path in sorted(candidate.glob("[0-9]*.md")):
                found[exercise_id(read_source(path), path)] = path
            if found:
                return found
    raise UsageError("no exercises found: run the command from the course repository "
                     "(the folder that holds exercises/).")


def _normalise_id(name: str) -> str:
    match = re.fullmatch(r"(?:ex)?0*(\d+)", name.strip().lower())
    if not match:
        raise UsageError(f"{name!r} is not an exercise id; use e.g. ex3 or 3.")
    return f"ex{match.group(1)}"


def release_name(exercise: str, source: Path) -> str:
    """File name of an exercise in the release, e.g. ex03-provinces.ipynb."""
    slug = re.sub(r"^\d+-", "", source.stem)
    return f"ex{int(exercise[2:]):02d}-{slug}.ipynb"


def checked_language(lang: str) -> str:
    """`lang` if the course has it, else a UsageError that names the ones it has."""
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; use one of: {', '.join(LANGUAGES)}")
    return lang


def catalog_path(source: Path, lang: str) -> Path:
    """The page catalog of the exercise `source`: locales/<lang>/LC_MESSAGES/exercises/."""
    return source.parent.parent / "locales" / lang / "LC_MESSAGES" / "exercises" / (
        source.stem + ".po")


def translated_source(exercise: str, source: Path, lang: str = DEFAULT,
                      allow_untranslated: bool = False) -> NotebookNode:
    """The exercise `source` as a notebook with its markdown in `lang`, metadata set.

    Untranslated blocks raise a UsageError (one line), or with `allow_untranslated`
    stay in English after a warning on stderr.
    """
    notebook = read_source(source)
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["vnsmartcity"] = {"exercise": exercise, "lang": checked_language(lang)}
    if lang == DEFAULT:
        return notebook
    path = catalog_path(source, lang)
    if not path.is_file():
        raise UsageError(f"{exercise}: no {LANGUAGES[lang]} catalog {path}; extract the "
                         f"pages for translation (sphinx-intl update -d locales -l {lang}) "
                         f"or use --lang {DEFAULT}.")
    try:
        catalog = read_catalog(path)
    except CatalogError as error:
        raise UsageError(f"{exercise}: {error}") from error
    missing = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            done = translate_markdown(cell.source, catalog)
            cell.source, missing = done.text, missing + done.untranslated
    if missing:
        line = (f"{exercise} ({source.name}): {len(missing)} block(s) not translated in "
                f"{path}, the first: {missing[0][:80]!r}")
        if not allow_untranslated:
            raise UsageError(line + "; translate them, or pass --allow-untranslated.")
        print(f"vnsmartcity assign: warning: {line} (kept in English)", file=sys.stderr)
    return notebook


def student_release(exercise: str, source: Path, lang: str = DEFAULT,
                    allow_untranslated: bool = False) -> NotebookNode:
    """The student notebook of `exercise` from its MyST `source`, as `assign` writes it.

    The book's build writes the same notebooks into the site (book/_ext/student_notebooks.py).
    """
    return _student(translated_source(exercise, source, lang, allow_untranslated), source)


def _student(notebook: NotebookNode, source: Path) -> NotebookNode:
    lang = notebook.metadata["vnsmartcity"]["lang"]
    try:
        released = student_notebook(notebook, lang=lang)
    except NotAnExercise as error:
        raise UsageError(f"{source}: {error}") from error
    released.metadata["vnsmartcity"] = dict(notebook.metadata["vnsmartcity"])
    return released


def solutions_copy(exercise: str, source: Path, lang: str = DEFAULT,
                   allow_untranslated: bool = False) -> NotebookNode:
    """The instructor's copy with the solutions, in `lang`; outputs cleared, ids stable.

    In a language other than English, a first code cell selects it for the checks, as
    the students' setup cell does.
    """
    return _solutions(translated_source(exercise, source, lang, allow_untranslated))


def _solutions(notebook: NotebookNode) -> NotebookNode:
    notebook = copy.deepcopy(notebook)
    lang = notebook.metadata["vnsmartcity"]["lang"]
    if lang != DEFAULT:
        first_code = next((n for n, c in enumerate(notebook.cells) if c.cell_type == "code"),
                          len(notebook.cells))
        notebook.cells.insert(first_code,
                              nbformat.v4.new_code_cell("\n".join(language_lines(lang))))
    return _with_stable_ids(notebook)


def _with_stable_ids(notebook: NotebookNode) -> NotebookNode:
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def rubrics_markdown(exercise_ids: list[str]) -> str:
    """The written questions of `exercise_ids`, with points and rubric, for the instructor."""
    lines = ["# Rubrics of the written questions", "",
             "Written questions are graded by hand; the gradebook lists them with "
             "status `manual`. Points per question are the maximum.", ""]
    for exercise in exercise_ids:
        try:
            listed = questions(exercise)
        except ModuleNotFoundError as error:
            raise UsageError(f"exercise {exercise} has no checks module "
                             f"(vnsmartcity/checks/{exercise}.py)") from error
        for question in listed:
            if question.is_written:
                lines += [f"## Question {question.qid} ({question.points:g} points)", "",
                          question.rubric, ""]
    return "\n".join(lines)


def _write_zip(zip_path: Path, folder: Path) -> None:
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(folder.parent)), ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())


def assign(wanted: list[str], out: Path, source_folder: Path | None = None,
           lang: str = DEFAULT, allow_untranslated: bool = False) -> list[Path]:
    """Write the release of the `wanted` exercises (all when empty) into `out`, in `lang`.

    Every notebook is made before anything is written, so a refused release leaves
    no half-written folder behind.
    """
    checked_language(lang)
    sources = exercise_sources(source_folder)
    ids = [_normalise_id(name) for name in wanted] or list(sources)
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise UsageError(f"unknown exercise(s) {unknown}; known: {', '.join(sources)}")
    made = {}
    for exercise in ids:
        notebook = translated_source(exercise, sources[exercise], lang, allow_untranslated)
        made[exercise] = (_student(notebook, sources[exercise]), _solutions(notebook))
    student, solutions = out / "student", out / "instructor" / "solutions"
    for folder in (student, solutions):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise, (released, solved) in made.items():
        name = release_name(exercise, sources[exercise])
        nbformat.write(released, student / name)
        nbformat.write(solved, solutions / name)
        written.append(student / name)
    (out / "instructor" / "rubrics.md").write_text(rubrics_markdown(ids), encoding="utf-8")
    _write_zip(out / "student-release.zip", student)
    return written
