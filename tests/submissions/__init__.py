"""Build student submissions for the grader's tests from a real release of an exercise.

`Release` runs `vnsmartcity assign` once; `solution()` and `student()` give fresh
copies of the solution notebook (a fully correct submission) and of the student
notebook (nothing answered). The editing helpers find cells by their
``check("Q", ...)`` call, so they work for any exercise with that layout.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from vnsmartcity import __version__
from vnsmartcity.assign import assign
from vnsmartcity.release import setup_cell


class Release:
    """The student and solution notebooks of `exercise`, released into `folder`."""

    def __init__(self, folder: Path, exercise: str = "ex3") -> None:
        (student,) = assign([exercise], folder)
        self.name = student.name
        self._student = nbformat.read(student, as_version=4)
        self._solution = nbformat.read(folder / "instructor" / "solutions" / student.name,
                                       as_version=4)

    def solution(self) -> NotebookNode:
        return copy.deepcopy(self._solution)

    def student(self) -> NotebookNode:
        return copy.deepcopy(self._student)


def check_cell(nb: NotebookNode, qid: str) -> int:
    """Index of the cell that runs the self-check of question `qid`."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.lstrip().startswith(f'check("{qid}"'):
            return index
    raise LookupError(f"no check cell for question {qid}")


def answer_cell(nb: NotebookNode, qid: str) -> int:
    """Index of the code cell just before the self-check of `qid`: its answer."""
    index = check_cell(nb, qid) - 1
    while nb.cells[index].cell_type != "code":
        index -= 1
    return index


def inject(nb: NotebookNode, code: str, after: str | None = None) -> NotebookNode:
    """Insert a code cell after the check of question `after` (None: after the imports).

    The imports are the first code cell but for the student notebook's setup cell.
    """
    if after is None:
        index = next(i for i, c in enumerate(nb.cells)
                     if c.cell_type == "code" and c.source != setup_cell(__version__))
    else:
        index = check_cell(nb, after)
    cell = nbformat.v4.new_code_cell(code)
    cell["id"] = f"injected-{len(nb.cells):03d}"
    nb.cells.insert(index + 1, cell)
    return nb


def replace_answer(nb: NotebookNode, qid: str, code: str) -> NotebookNode:
    """Replace the answer cell of question `qid` with `code`."""
    nb.cells[answer_cell(nb, qid)].source = code
    return nb


def save(nb: NotebookNode | dict, path: Path) -> Path:
    """Write a notebook (or any JSON-able dict, valid or not) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(nb, NotebookNode):
        nbformat.write(nb, path)
    else:
        path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path
