"""``DIR/lms-import.csv``: the scores in the roster's own format, for the LMS's import.

* **Canvas** (*Grades > Import*): ``Student, ID, SIS User ID, SIS Login ID,
  Section`` copied from the export, then one column per exercise: the export's
  assignment column (``Title (id)``) where its title names the exercise, so Canvas
  updates that assignment, else ``Exercise N``, which Canvas offers to create as a
  new assignment. The second row is ``Points Possible`` with each exercise's maximum.
* **Moodle** (*Grades > Import > CSV file*): the identifier column (``Email
  address``, else ``ID number``), mapped to the user on import, then one column
  per exercise (the export's grade item column where its title names it).
* **plain**: ``id, name`` and one column per exercise.

One row per roster student, in roster order; an empty cell where nothing was handed
in, so the import leaves that grade as it is.
"""

from __future__ import annotations

from vnsmartcity.grading import roster as rosters
from vnsmartcity.grading.csvfile import write_text
from vnsmartcity.grading.wide import Table, _number


def _columns(roster: rosters.Roster, exercises: list[str]) -> list[str]:
    columns = []
    for exercise in exercises:
        column = roster.assignment_column(exercise)
        columns.append(column or f"Exercise {exercise[2:]}")
    return columns


def lms_import(roster: rosters.Roster, wide: Table) -> str:
    """The text of lms-import.csv for `roster` and the wide table of scores."""
    exercises = wide.exercises
    grades = _columns(roster, exercises)
    rows: list[list[str]] = []
    if roster.kind == rosters.CANVAS:
        header = [*rosters.CANVAS_FIRST, *grades]
        rows.append(["Points Possible", "", "", "", "",
                     *(_number(wide.maximum[e]) for e in exercises)])
        for student in roster.students:
            rows.append([student.cells.get(c, "") for c in rosters.CANVAS_FIRST]
                        + [wide.cell(student.id, e) for e in exercises])
    elif roster.kind == rosters.MOODLE:
        header = [roster.id_column, *grades]
        for student in roster.students:
            identifier = student.email if roster.id_column == "Email address" else student.login
            rows.append([identifier or student.id, *(wide.cell(student.id, e) for e in exercises)])
    else:
        header = ["id", "name", *grades]
        for student in roster.students:
            rows.append([student.id, student.name, *(wide.cell(student.id, e) for e in exercises)])
    return write_text(header, rows, grades)
