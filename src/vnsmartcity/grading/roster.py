"""The class list (``--roster FILE``): who should have handed in, under which LMS id.

The format is told by the header (``,`` or ``;``, UTF-8 with or without BOM):

* **Canvas** gradebook export (*Grades > Export*): ``Student, ID, SIS User ID,
  SIS Login ID, Section``, then one column per assignment titled ``Title (id)``;
  the ``Points Possible`` row and Canvas's ``Student, Test`` are not students;
* **Moodle** grading worksheet (assignment > *Download grading worksheet*):
  ``Identifier`` (``Participant 12345``, the id in the submission download),
  ``Full name``, ``Email address``, and ``Status``, which says when work was late;
* **Moodle** grades export (*Grades > Export > Plain text file*): ``First name``,
  ``Last name``, ``ID number``, ``Email address``, and the grade items;
* **plain**: a column ``id`` (or ``student``), and ``name``, ``login``, ``email``
  where known.

A submission is matched to a roster student by LMS id, then login or email, then
exact name (after NFC; only when one roster student and one submitter have it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from vnsmartcity.errors import UsageError
from vnsmartcity.grading.csvfile import CsvProblem, read_rows
from vnsmartcity.grading.lms import nfc

CANVAS, MOODLE, PLAIN = "canvas", "moodle", "plain"
CANVAS_FIRST = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
EXERCISE_TITLE = re.compile(r"(?<![^\W\d_])(?:ex(?:ercise)?|bài(?:\s+tập)?)\s*0*(\d+)(?!\d)",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Student:
    """One roster row: `id` is what the LMS import identifies the student by."""

    id: str
    name: str
    login: str = ""
    email: str = ""
    cells: dict = field(default_factory=dict, compare=False)
    late: bool = False
    other_name: str = ""  # the name in the other order (Moodle shows either, by site setting)


@dataclass
class Roster:
    kind: str
    path: Path
    header: list[str]
    students: list[Student]
    id_column: str = ""

    def assignment_column(self, exercise: str) -> str | None:
        """The roster's grade column whose title names `exercise` ("ex3"), if any."""
        for column in self.header:
            match = EXERCISE_TITLE.search(column)
            if match and f"ex{int(match.group(1))}" == exercise:
                return column
        return None


def plain_name(text: str) -> str:
    return re.sub(r"\s+", " ", nfc(text)).strip()


def _kind(columns: set[str]) -> str:
    if {"Student", "ID", "Section"} <= columns:
        return CANVAS
    if {"Identifier", "Full name"} <= columns or {"First name", "Email address"} <= columns:
        return MOODLE
    lower = {c.lower() for c in columns}
    if lower & {"id", "student"}:
        return PLAIN
    raise UsageError("--roster: the header names no known format; give a Canvas gradebook "
                     "export (Student, ID, ... Section), a Moodle grades export or grading "
                     "worksheet, or a CSV with a column id (and name, login, email)")


def _canvas(cells: dict) -> Student | None:
    name, lms_id = cells.get("Student", ""), cells.get("ID", "")
    if not lms_id.isdigit() or name.strip() in ("Points Possible", "Student, Test"):
        return None
    return Student(lms_id, plain_name(name), cells.get("SIS Login ID", "").strip(),
                   "", cells)


def _moodle(cells: dict) -> tuple[Student | None, str]:
    if "Identifier" in cells:
        participant = re.sub(r"^\D+", "", cells["Identifier"].strip())
        if not participant:
            return None, "Email address"
        late = "late" in cells.get("Status", "").lower()  # "... submitted 2 hours late"
        return Student(participant, plain_name(cells.get("Full name", "")), "",
                       cells.get("Email address", "").strip(), cells, late), "Email address"
    email = cells.get("Email address", "").strip()
    number = cells.get("ID number", "").strip()
    first, last = cells.get("First name", ""), cells.get("Last name", cells.get("Surname", ""))
    if not (email or number):
        return None, "Email address"
    return Student(email or number, plain_name(f"{first} {last}"),
                   number or cells.get("Username", "").strip(), email, cells,
                   other_name=plain_name(f"{last} {first}")), \
        "Email address" if email else "ID number"


def _plain(cells: dict) -> Student | None:
    lower = {k.lower(): v.strip() for k, v in cells.items()}
    lms_id = lower.get("id") or lower.get("student") or ""
    if not lms_id:
        return None
    return Student(nfc(lms_id), plain_name(lower.get("name", "")),
                   lower.get("login") or lower.get("username") or "", lower.get("email", ""),
                   cells)


def read(path: Path) -> Roster:
    """The roster in `path`, or a `UsageError` that says what is wrong with it."""
    try:
        header, rows, _ = read_rows(path)
    except CsvProblem as problem:
        raise UsageError(f"--roster {problem}") from None
    kind = _kind(set(header))
    students, id_column = [], {CANVAS: "ID", PLAIN: "id"}.get(kind, "")
    for row in rows:
        cells = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)}
        if kind == CANVAS:
            student = _canvas(cells)
        elif kind == MOODLE:
            student, id_column = _moodle(cells)
        else:
            student = _plain(cells)
        if student is not None:
            students.append(student)
    if not students:
        raise UsageError(f"--roster {path}: no students found in it")
    return Roster(kind, path, header, students, id_column)


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """key -> value for the keys that occur once (ambiguous names match nobody)."""
    seen: dict[str, list] = {}
    for key, value in pairs:
        if key:
            seen.setdefault(key, []).append(value)
    return {key: values[0] for key, values in seen.items() if len(values) == 1}


def match(roster: Roster, submitters: dict[str, str]) -> tuple[dict[str, Student], list[str]]:
    """Roster student per submitter id (`submitters`: id -> display name), and warnings."""
    by_id = {nfc(s.id): s for s in roster.students}
    by_login = {nfc(s.login).casefold(): s for s in roster.students if s.login}
    by_login.update({nfc(s.email).casefold(): s for s in roster.students if s.email})
    by_name = _unique([(plain_name(name), s) for s in roster.students
                       for name in {s.name, s.other_name} if name])
    names = _unique([(plain_name(name), sid) for sid, name in submitters.items()])
    found, warnings, unmatched = {}, [], []
    for sid, name in sorted(submitters.items()):
        student = by_id.get(nfc(sid)) or by_login.get(nfc(sid).casefold())
        if student is None and names.get(plain_name(name)) == sid:
            student = by_name.get(plain_name(name))
        if student is None:
            unmatched.append(f"{sid} ({name})" if name and name != sid else sid)
        else:
            found[sid] = student
    taken: dict[str, list[str]] = {}
    for sid, student in found.items():
        taken.setdefault(student.id, []).append(sid)
    for sids in taken.values():
        if len(sids) > 1:  # two submitters matched one roster row: neither is trusted
            for sid in sids:
                del found[sid]
            unmatched += sids
    if unmatched:
        warnings.append(f"{len(unmatched)} submitter(s) not on the roster {roster.path.name} "
                        f"(kept under their own ids, not in lms-import.csv): "
                        f"{', '.join(sorted(unmatched))}")
    return found, warnings


def apply(roster: Roster, results: list[dict], maximum: dict[str, float]
          ) -> tuple[list[dict], list[dict], list[str]]:
    """Results under roster ids and names, ``missing`` results, and warnings.

    `maximum` gives each exercise of the run its points; a roster student with no
    result for one of them gets a result with status ``missing``.
    """
    found, warnings = match(roster, {r["student"]: r.get("name", "") for r in results})
    relabelled = []
    for result in results:
        student = found.get(result["student"])
        relabelled.append(result if student is None else
                          dict(result, student=student.id, name=student.name or student.id,
                               late=result.get("late") or student.late))
    have = {(r["student"], r["exercise"]) for r in relabelled}
    missing = []
    for student in roster.students:
        for exercise, points in sorted(maximum.items()):
            if (student.id, exercise) not in have:
                missing.append({"student": student.id, "name": student.name, "exercise": exercise,
                                "source": "", "notes": [], "rows": [{
                                    "question": "", "points": 0.0, "max_points": points,
                                    "status": "missing",
                                    "message": "nothing handed in for this exercise"}]})
    return relabelled, missing, warnings
