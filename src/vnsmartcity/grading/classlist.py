"""The class around the grading: options, who each result belongs to, and the files out.

`run.grade` grades notebooks; this module holds what a class needs besides:
checking ``--exercise``, ``--keep``, ``--roster`` and ``--checks`` before anything
runs, putting each submission's identity (LMS id, display name, lateness, file)
on its result, and at the end writing the gradebook with skipped files and
roster students who handed in nothing, ``scores-wide.csv`` and ``lms-import.csv``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from vnsmartcity.check.spec import exercises
from vnsmartcity.errors import UsageError
from vnsmartcity.grading import lms_import, private_checks, report, wide
from vnsmartcity.grading import roster as rosters
from vnsmartcity.grading.choose import POLICIES
from vnsmartcity.grading.collect import Collected, Submission
from vnsmartcity.grading.manual import exercise_id


@dataclass(frozen=True)
class Options:
    exercise: str | None
    keep: str
    roster: rosters.Roster | None
    checks_fingerprint: str


def options(exercise: str | None, keep: str, roster: Path | None,
            checks: Path | None) -> Options:
    """The class options, checked: a mistake is a `UsageError` before any grading."""
    if exercise is not None:
        exercise = exercise_id(exercise)
        if exercise not in exercises():
            raise UsageError(f"--exercise {exercise!r} is not an exercise of the course; "
                             f"known: {', '.join(exercises())}")
    if keep not in POLICIES:
        raise UsageError(f"--keep must be one of {', '.join(POLICIES)}")
    if roster is not None and not roster.is_file():
        raise UsageError(f"--roster {roster}: no such file")
    loaded = rosters.read(roster) if roster is not None else None
    fingerprint = private_checks.load(checks) if checks is not None else ""
    return Options(exercise, keep, loaded, fingerprint)


def with_exercise(item: Submission, exercise: str | None) -> Submission:
    return item if exercise is None else replace(item, exercise=exercise)


def identity(item: Submission, result: dict) -> dict:
    """`result` (perhaps from the cache) with the identity of this run's `item`."""
    return dict(result, student=item.student, name=item.name or item.student, late=item.late,
                order=list(item.order), source=item.label)


def warn(message: str) -> None:
    print(f"vnsmartcity grade: warning: {message}", file=sys.stderr)


def _skipped_warning(found: Collected) -> None:
    named = [f"{s.label} ({s.reason})" for s in found.skipped]
    system = (f"{found.system_files} system file(s) such as __MACOSX or .DS_Store"
              if found.system_files else "")
    if named:
        warn(f"{len(named)} file(s) not graded (listed in gradebook.csv with status "
             f"skipped): {'; '.join(named)}" + (f"; also {system}" if system else ""))


def finish(out: Path, found: Collected, results: list[dict], chosen: Options) -> list[dict]:
    """Write every output file of the run into `out`; the results as written."""
    for message in found.warnings:
        warn(message)
    _skipped_warning(found)
    maximum: dict[str, float] = {}
    for r in results:  # every result of an exercise lists all its questions and maxima
        if re.fullmatch(r"ex\d+", r["exercise"]):
            maximum.setdefault(r["exercise"], sum(row["max_points"] for row in r["rows"]))
    missing: list[dict] = []
    if chosen.roster is not None:
        results, missing, warnings = rosters.apply(chosen.roster, results, maximum)
        for message in warnings:
            warn(message)
    names = {r["student"]: r.get("name", "") for r in results}
    skipped = [{"student": s.student, "name": names.get(s.student, ""), "label": s.label,
                "reason": s.reason} for s in found.skipped]
    written = report.write(out, results, chosen.keep, skipped, missing)
    if chosen.roster is not None:
        report.write_atomic(out / "lms-import.csv",
                            lms_import.lms_import(chosen.roster, wide.table(written)))
    return written
