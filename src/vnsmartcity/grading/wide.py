"""One row per student and one column per exercise: ``DIR/scores-wide.csv``.

This is the shape every gradebook and spreadsheet wants; `lms_import` writes the
same numbers in an LMS's own import format. A student with nothing handed in for
an exercise (status ``missing``) has an empty cell there, not a 0, so an import
never overwrites a grade the instructor entered by hand (an excused student).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vnsmartcity.grading.csvfile import write_text

MISSING = "missing"


def _order(exercise: str) -> tuple:
    match = re.fullmatch(r"ex(\d+)", exercise)
    return (0, int(match.group(1)), "") if match else (1, 0, exercise)


def _number(value: float) -> str:
    return f"{round(float(value), 6):g}"


@dataclass
class Table:
    """Points per (student, exercise); None where nothing was handed in."""

    exercises: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    points: dict[tuple[str, str], float | None] = field(default_factory=dict)
    maximum: dict[str, float] = field(default_factory=dict)
    late: dict[tuple[str, str], bool] = field(default_factory=dict)

    def cell(self, student: str, exercise: str) -> str:
        value = self.points.get((student, exercise))
        return "" if value is None else _number(value)


def table(results: list[dict]) -> Table:
    """The wide table of `results` (one per student and exercise, as `report` writes them)."""
    found = Table()
    for result in results:
        exercise = result["exercise"]
        if not re.fullmatch(r"ex\d+", exercise):
            continue
        student = result["student"]
        found.names.setdefault(student, result.get("name", ""))
        missing = all(row["status"] == MISSING for row in result["rows"])
        found.points[(student, exercise)] = None if missing else sum(
            row["points"] for row in result["rows"])
        found.maximum[exercise] = sum(row["max_points"] for row in result["rows"])
        found.late[(student, exercise)] = bool(result.get("late"))
    found.exercises = sorted({e for _, e in found.points}, key=_order)
    return found


def scores_wide(results: list[dict]) -> str:
    """CSV text: student, name, one column per exercise, total (and which were late)."""
    wide = table(results)
    rows = []
    for student in sorted(wide.names):
        cells = [wide.cell(student, e) for e in wide.exercises]
        total = sum(wide.points.get((student, e)) or 0 for e in wide.exercises)
        late = " ".join(e for e in wide.exercises if wide.late.get((student, e)))
        rows.append([student, wide.names[student], *cells, _number(total), late])
    return write_text(["student", "name", *wide.exercises, "total", "late"], rows,
                      [*wide.exercises, "total"])
