"""Write what the grader found: gradebook.csv, scores.csv and feedback per student.

Every file is written atomically (a temporary file, then a rename) and sorted, so
grading the same submissions twice gives byte-identical files. A result is the
plain dict `run.grade_one` returns (and `.results/` caches):
``{"student", "exercise", "source", "rows": [...], "notes": [...]}``.

Written questions keep status ``manual``. Marks given by hand go in
``DIR/manual.csv`` (see `manual`); the next ``vnsmartcity grade`` run (which reuses
its cached results) adds them in. Every CSV is written through `csvfile`, which
neutralises formula-like cells; feedback paths are built from cleaned ids only.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from vnsmartcity.grading import manual, wide
from vnsmartcity.grading.choose import one_per_exercise
from vnsmartcity.grading.csvfile import write_text
from vnsmartcity.grading.lms import clean_id
from vnsmartcity.grading.manual import MANUAL
from vnsmartcity.messages import DEFAULT, _, language

GRADEBOOK = ["student", "name", "exercise", "question", "points", "max_points", "status",
             "message", "late", "file"]
SCORES = ["student", "name", "exercise", "points", "max_points", "manual_questions", "late",
          "file"]
NUMERIC = ["points", "max_points", "manual_questions"]
SKIPPED = "skipped"


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def number(value: float) -> str:
    """Points as text: 2, 0.5, never 2.0000000001."""
    return f"{round(float(value), 6):g}"


def exercise_order(exercise: str) -> tuple:
    match = re.fullmatch(r"ex(\d+)", exercise)
    return (0, int(match.group(1)), "") if match else (1, 0, exercise)


def question_order(question: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in question.split(".")), question


def _sorted(results: list[dict]) -> list[dict]:
    return sorted(results, key=lambda r: (r["student"], exercise_order(r["exercise"])))


def _late(result: dict) -> str:
    return "late" if result.get("late") else ""


def gradebook(results: list[dict], skipped: list[dict]) -> str:
    rows = []
    for result in _sorted(results):
        for row in sorted(result["rows"], key=lambda r: question_order(r["question"])):
            rows.append([result["student"], result.get("name", ""), result["exercise"],
                         row["question"], number(row["points"]), number(row["max_points"]),
                         row["status"], row["message"], _late(result), result["source"]])
    for item in sorted(skipped, key=lambda s: (s["student"], s["label"])):
        rows.append([item["student"], item.get("name", ""), "", "", "0", "0", SKIPPED,
                     f"not graded: {item['reason']}", "", item["label"]])
    return write_text(GRADEBOOK, rows, NUMERIC)


def scores(results: list[dict]) -> str:
    rows = []
    for result in _sorted(results):
        points = sum(r["points"] for r in result["rows"])
        maximum = sum(r["max_points"] for r in result["rows"])
        waiting = sum(1 for r in result["rows"] if r["status"] == MANUAL and not r.get("marked"))
        rows.append([result["student"], result.get("name", ""), result["exercise"],
                     number(points), number(maximum), waiting, _late(result), result["source"]])
    return write_text(SCORES, rows, NUMERIC)


SYMBOL = {"passed": "✅", "failed": "❌", "error": "⚠️", "timeout": "⏱️", "manual": "📝",
          "invalid": "🚫"}


def status_name(status: str) -> str:
    """A row's status as the student reads it (the gradebook keeps the English codes)."""
    return {"passed": _("passed"), "failed": _("failed"), "error": _("error"),
            "timeout": _("timeout"), "manual": _("manual"), "invalid": _("invalid")
            }.get(status, status)


def feedback(result: dict) -> str:
    """The student's page, in the language of the student's notebook (``result["lang"]``)."""
    with language(result.get("lang", DEFAULT)):
        return _feedback(result)


def _feedback(result: dict) -> str:
    """The student's page: what passed, what did not and why; never an expected value."""
    rows = sorted(result["rows"], key=lambda r: question_order(r["question"]))
    auto = [r for r in rows if r["status"] != MANUAL]
    written = [r for r in rows if r["status"] == MANUAL]
    who = result.get("name") or result["student"]
    lines = [_("# Feedback on {exercise} for {who}").format(
               exercise=result['exercise'], who=who), "",
             _("Graded file: `{source}`").format(source=result["source"]), ""]
    earned = sum(r["points"] for r in auto)
    lines.append(_("Automatically checked questions: **{earned} of {total} points**.").format(
        earned=number(earned), total=number(sum(r["max_points"] for r in auto))))
    if written and all(r.get("marked") for r in written):
        marked = number(sum(r["points"] for r in written))
        lines.append(_("Written questions, marked by your instructor: **{marked} of "
                       "{written} points**. In all: **{earned} of {total} points**.").format(
            marked=marked, written=number(sum(r["max_points"] for r in written)),
            earned=number(sum(r["points"] for r in rows)),
            total=number(sum(r["max_points"] for r in rows))))
    elif written:
        lines.append(_("Written questions ({written} points) are graded by your "
                       "instructor.").format(written=number(sum(r["max_points"] for r in written))))
    lines += ["", _("| Question | Points | Result |"), "|---|---|---|"]
    for row in rows:
        lines.append(_("| {question} | {points} of {max_points} | {symbol} {status} |").format(
            question=row["question"], points=number(row["points"]),
            max_points=number(row["max_points"]), symbol=SYMBOL.get(row["status"], ""),
            status=status_name(row["status"])))
    todo = [r for r in rows if r["status"] not in ("passed", MANUAL)]
    if todo:
        lines += ["", _("## What to look at"), ""]
        for row in todo:
            lines.append(_("- **Question {question}**: {message}").format(
                question=row["question"], message=row["message"]))
    done = [r for r in rows if r["status"] == "passed"]
    if done:
        lines += ["", _("## Correct"), "", _("{questions}: well done.").format(
            questions=", ".join(_("Question {question}").format(question=r["question"])
                                for r in done))]
    if result.get("notes"):
        lines += ["", _("## About your notebook's run"), ""]
        lines += [f"- {note}" for note in result["notes"]]
    lines += ["", _("Run the notebook from the top (Kernel > Restart & Run All) before "
                    "handing it in: the grader runs it that way, in a fresh Python."), ""]
    return "\n".join(lines)


def feedback_path(out: Path, student: str, exercise: str) -> Path:
    """DIR/feedback/<student>/<exercise>.md, each part one safe name inside DIR/feedback."""
    folder = (out / "feedback").resolve()
    path = folder / clean_id(student) / f"{clean_id(exercise)}.md"
    if folder not in path.resolve().parents:  # clean_id allows no separator, no "..": belt
        raise ValueError(f"unsafe feedback path for {student!r}, {exercise!r}")
    return path


def write(out: Path, results: list[dict], keep: str = "latest",
          skipped: list[dict] | None = None, extra: list[dict] | None = None) -> list[dict]:
    """Write gradebook.csv, scores.csv, scores-wide.csv and feedback/; the results as written.

    `skipped` are files not graded (rows with status ``skipped``); `extra` results
    without feedback, such as roster students with nothing handed in (``missing``).
    """
    results = one_per_exercise([dict(r, rows=[dict(row) for row in r["rows"]])
                                for r in results], keep)
    manual.merge(results, manual.read(out))
    listed = results + list(extra or [])
    write_atomic(out / "gradebook.csv", gradebook(listed, skipped or []))
    write_atomic(out / "scores.csv", scores(listed))
    write_atomic(out / "scores-wide.csv", wide.scores_wide(listed))
    for result in results:
        write_atomic(feedback_path(out, result["student"], result["exercise"]), feedback(result))
    return listed
