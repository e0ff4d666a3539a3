"""Read a handed-in file as an exercise notebook, or say plainly why it is not one.

`read` returns the notebook, its exercise id and notes on what was repaired, or
raises `Invalid` (every question of the exercise then gets status ``invalid``).
Decisions:

* missing, duplicated or malformed cell ids are repaired (renumbered) and the
  notebook is graded, with a note: ids do not change what the code computes;
* the exercise comes from the notebook metadata (``vnsmartcity.exercise``), else
  the file name; a file explicitly named for one exercise that holds another
  (``alice_ex03-provinces.ipynb`` with the notebook of ex5) is invalid, as is a
  notebook of an exercise the course does not have;
* anything that is not a readable nbformat-4 notebook is invalid.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from vnsmartcity.check.spec import exercises
from vnsmartcity.grading.language import submission_language
from vnsmartcity.messages import DEFAULT, _, language
from vnsmartcity.release import NotAnExercise, exercise_id

CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
MAX_NOTEBOOK_BYTES = 50 * 2**20


class Invalid(Exception):
    """Not a gradable notebook; `str()` is the message, `exercise` the id if known."""

    def __init__(self, message: str, exercise: str | None = None) -> None:
        super().__init__(message)
        self.exercise = exercise
        self.lang = DEFAULT  # of the message: the notebook's, once it could be read


EXPLICIT = re.compile(r"(?<![A-Za-z0-9])ex0*(\d+)(?!\d)", re.IGNORECASE)


def name_exercise(name: str) -> str | None:
    """The exercise a file name points to ("alice_ex03-provinces.ipynb" -> "ex3"), if any.

    An explicit ``exN`` anywhere counts; otherwise a part after a ``_`` that starts
    with the number of a known exercise (``alice_03-provinces.ipynb``).
    """
    stem = Path(name).stem
    match = EXPLICIT.search(stem)
    if match:
        return f"ex{int(match.group(1))}"
    parts = stem.split("_")
    for start in range(len(parts)):
        try:
            found = exercise_id(nbformat.v4.new_notebook(), Path("_".join(parts[start:])))
        except NotAnExercise:
            continue
        if found in exercises():
            return found
    return None


def _repair_ids(nb: NotebookNode) -> list[str]:
    notes = []
    if nb.nbformat_minor < 5:
        nb.nbformat_minor = 5
        for number, cell in enumerate(nb.cells):
            cell["id"] = f"cell-{number:03d}"
        return notes
    seen: set[str] = set()
    missing = duplicated = 0
    for cell in nb.cells:
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or not CELL_ID.match(cell_id):
            missing += 1
            cell["id"] = ""
        elif cell_id in seen:
            duplicated += 1
            cell["id"] = ""
        seen.add(cell["id"])
    number = 0
    for cell in nb.cells:
        while not cell["id"]:
            candidate = f"repaired-{number:03d}"
            number += 1
            if candidate not in seen:
                cell["id"] = candidate
                seen.add(candidate)
    if missing:
        notes.append(_("{missing} cell(s) had no valid cell id; the grader gave them one "
                       "and graded the notebook.").format(missing=missing))
    if duplicated:
        notes.append(_("{duplicated} cell(s) repeated the id of another cell; the grader "
                       "renumbered them and graded the notebook.").format(duplicated=duplicated))
    return notes


def _parse(data: bytes, path: Path) -> dict:
    if not data.strip():
        raise Invalid("the file is empty: hand in the notebook (.ipynb) saved from Jupyter.")
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise Invalid("the file is too large to be an exercise notebook (over "
                      f"{MAX_NOTEBOOK_BYTES // 2**20} MB): clear the outputs and save it again.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(f"not a notebook: {path.name} is not a text file. Hand in the "
                      ".ipynb file saved from Jupyter (File > Download > .ipynb).") from None
    if not text.lstrip().startswith("{"):
        raise Invalid(f"not a notebook: {path.name} is not a Jupyter notebook file. Hand in "
                      "the .ipynb file saved from Jupyter (File > Download > .ipynb).")
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if hasattr(error, "lineno") else ""
        raise Invalid(f"the notebook file is damaged: it is not valid JSON{where}. Open it in "
                      "Jupyter; if it does not open, hand in an earlier copy.") from None
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        raise Invalid("not a notebook: the file is JSON but not a Jupyter notebook.")
    return raw


def read(path: Path, default: str | None = None) -> tuple[NotebookNode, str, list[str]]:
    """(notebook as nbformat 4.5, exercise id, repair notes) or `Invalid`.

    `default` (``--exercise``) is the exercise when neither metadata nor name gives one.
    """
    named = name_exercise(path.name) or default
    try:
        with open(path, "rb") as stream:  # no more than the cap: a huge file costs no memory
            raw = _parse(stream.read(MAX_NOTEBOOK_BYTES + 1), path)
        try:
            major, minor = nbformat.reader.get_version(raw)
            nb = nbformat.versions[major].to_notebook_json(raw, minor=minor)
            if major != 4:
                nb = nbformat.convert(nb, 4)
        except Exception as error:
            raise Invalid("not a valid notebook: its format could not be read "
                          f"({type(error).__name__}).") from None
        if not isinstance(nb.get("cells"), list) or not isinstance(nb.get("metadata"), dict):
            raise Invalid("not a valid notebook: it has no list of cells.")
        lang = submission_language(nb)
        with language(lang):
            try:
                return _checked(nb, path, named)
            except Invalid as error:
                error.lang = lang
                raise
    except Invalid as error:
        error.exercise = error.exercise or named
        raise


def _checked(nb: NotebookNode, path: Path, named: str | None) -> tuple[NotebookNode, str,
                                                                        list[str]]:
    """The checks of a readable notebook, in its own language (messages and notes)."""
    notes = _repair_ids(nb)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        message = str(error.message) if hasattr(error, "message") else str(error)
        raise Invalid(_("not a valid notebook: {message}. Open it in Jupyter, save it, "
                        "and hand it in again.").format(message=message[:200])) from None
    meta = nb.metadata.get("vnsmartcity")
    exercise = meta.get("exercise") if isinstance(meta, dict) else None
    exercise = exercise if isinstance(exercise, str) else named
    if exercise is None:
        raise Invalid(_("could not tell which exercise this notebook is: it has no "
                        "exercise id in its metadata and its file name does not name "
                        "one (keep the release's name, e.g. ex03-provinces.ipynb)."))
    explicit = EXPLICIT.search(Path(path.name).stem)
    if explicit and named != exercise:
        raise Invalid(_("this file is named for exercise {named} but holds the notebook "
                        "of exercise {exercise}: hand in the {named} notebook.").format(
            named=named, exercise=exercise), named)
    if exercise not in exercises():
        raise Invalid(_("this notebook is for exercise {exercise}, which the course does "
                        "not have (or the grader does not know yet).").format(
            exercise=exercise), exercise)
    return nb, exercise, notes
