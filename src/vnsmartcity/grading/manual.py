"""Marks given by hand in ``DIR/manual.csv``, merged into the written questions' rows.

Columns ``student, exercise, question, points`` (any order, any case), separated by
``,`` or by ``;`` as Excel saves in many locales (then ``2,5`` is 2.5); UTF-8 with or
without a byte-order mark. ``student`` is the id of the gradebook's ``student``
column; ``exercise`` may be ``ex3``, ``ex03`` or ``3``. A mark is *not used*, with a
warning naming its line, when it is above the question's maximum or below 0 (a
typo such as 5 for 0.5 must not pass as the maximum), for a question that is not a
written one, or for a student or exercise not in this run.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from vnsmartcity.grading.csvfile import CsvProblem, parse_number, read_rows
from vnsmartcity.messages import DEFAULT, _, language

MANUAL = "manual"
COLUMNS = ("student", "exercise", "question", "points")


@dataclass(frozen=True)
class Mark:
    line: int
    student: str
    exercise: str
    question: str
    points: float


def warn(message: str) -> None:
    print(f"vnsmartcity grade: {message}", file=sys.stderr)


def exercise_id(text: str) -> str:
    """``ex3``, ``ex03``, ``EX3`` and ``3`` all name exercise ex3."""
    match = re.fullmatch(r"(?:ex)?0*(\d+)", text.strip(), re.IGNORECASE)
    return f"ex{int(match.group(1))}" if match else text.strip()


def read(out: Path) -> list[Mark]:
    """The marks in DIR/manual.csv; a line that cannot be read is skipped with a warning."""
    path = out / "manual.csv"
    if not path.is_file():
        return []
    try:
        header, rows, delimiter = read_rows(path)
    except CsvProblem as problem:
        warn(f"{problem}; no hand marks used")
        return []
    columns = {name.lower(): index for index, name in enumerate(header)}
    missing = [name for name in COLUMNS if name not in columns]
    if missing:
        warn(f"{path}: the first line must name the columns student, exercise, question, "
             f"points (separated by ',' or ';'); missing {', '.join(missing)}; no hand marks used")
        return []
    marks = []
    for line, row in enumerate(rows, start=2):
        cells = {name: row[columns[name]].strip() if columns[name] < len(row) else ""
                 for name in COLUMNS}
        if not cells["points"]:
            continue
        try:
            points = parse_number(cells["points"], delimiter)
        except ValueError:
            decimal = " (use '.' or, in a ';'-separated file, ',' as the decimal mark)"
            warn(f"{path} line {line}: points {cells['points']!r} is not a number{decimal}; "
                 "line skipped")
            continue
        marks.append(Mark(line, cells["student"], exercise_id(cells["exercise"]),
                          cells["question"], points))
    return marks


def merge(results: list[dict], marks: list[Mark]) -> None:
    """Put each usable mark into its written question's row; warn about the others."""
    rows, languages = {}, {}
    for result in results:
        for row in result["rows"]:
            rows[(result["student"], result["exercise"], row["question"])] = row
            languages[id(row)] = result.get("lang", DEFAULT)
    for mark in marks:
        where = f"manual.csv line {mark.line} ({mark.student}, {mark.exercise}, {mark.question})"
        row = rows.get((mark.student, mark.exercise, mark.question))
        if row is None:
            known = {key[:2] for key in rows}
            what = ("no such question in this exercise" if (mark.student, mark.exercise) in known
                    else "no such student and exercise in this run")
            warn(f"{where}: {what}; mark not used")
        elif row["status"] != MANUAL:
            warn(f"{where}: question {mark.question} is checked automatically, not by hand; "
                 "mark not used")
        elif not 0 <= mark.points <= row["max_points"]:
            warn(f"{where}: {mark.points:g} points is outside 0 to {row['max_points']:g}, "
                 "the question's maximum; correct the mark (it is not used)")
        else:
            row["points"] = mark.points
            with language(languages[id(row)]):
                row["message"] = _("written answer: marked by your instructor")
            row["marked"] = True
