"""`vnsmartcity assign`: the student release of the exercises, and the instructor's copy.

Writes, under the output folder:

* ``student/exNN-slug.ipynb``: solutions removed, outputs cleared, exercise id in
  the metadata (``metadata.vnsmartcity.exercise``), self-checks intact;
* ``instructor/solutions/exNN-slug.ipynb`` and ``instructor/rubrics.md``;
* ``student-release.zip``: the student folder, byte-identical on every run.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from vnsmartcity.check.spec import questions
from vnsmartcity.errors import UsageError
from vnsmartcity.release import NotAnExercise, exercise_id, read_source, student_notebook

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


def student_release(exercise: str, source: Path) -> NotebookNode:
    """The student notebook of `exercise` from its MyST `source`, as `assign` writes it.

    The book's build writes the same notebooks into the site (book/_ext/student_notebooks.py).
    """
    try:
        released = student_notebook(read_source(source))
    except NotAnExercise as error:
        raise UsageError(f"{source}: {error}") from error
    released.metadata["vnsmartcity"] = {"exercise": exercise}
    released.metadata.pop("jupytext", None)
    return released


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


def assign(wanted: list[str], out: Path, source_folder: Path | None = None) -> list[Path]:
    """Write the release of the `wanted` exercises (all when empty) into `out`."""
    sources = exercise_sources(source_folder)
    ids = [_normalise_id(name) for name in wanted] or list(sources)
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise UsageError(f"unknown exercise(s) {unknown}; known: {', '.join(sources)}")
    student, solutions = out / "student", out / "instructor" / "solutions"
    for folder in (student, solutions):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise in ids:
        source = sources[exercise]
        released = student_release(exercise, source)
        name = release_name(exercise, source)
        nbformat.write(released, student / name)
        notebook = read_source(source)
        notebook.metadata.pop("jupytext", None)
        nbformat.write(_with_stable_ids(notebook), solutions / name)
        written.append(student / name)
    (out / "instructor" / "rubrics.md").write_text(rubrics_markdown(ids), encoding="utf-8")
    _write_zip(out / "student-release.zip", student)
    return written
