"""Write what the grader found: gradebook.csv, scores.csv and feedback per student.

Every file is written atomically (a temporary file, then a rename) and sorted, so
grading the same submissions twice gives byte-identical files. A result is the
plain dict `run.grade_one` returns (and `.results/` caches):
``{"student", "exercise", "source", "rows": [...], "notes": [...]}``.

Written questions keep status ``manual``. Marks given by hand go in
``DIR/manual.csv`` (columns ``student, exercise, question, points``); the next
``vnsmartcity grade`` run (which reuses its cached results) adds them in.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

GRADEBOOK = ["student", "exercise", "question", "points", "max_points", "status", "message"]
SCORES = ["student", "exercise", "points", "max_points", "manual_questions"]
MANUAL = "manual"


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


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def read_manual(out: Path) -> dict[tuple[str, str, str], float]:
    """Hand-given points from DIR/manual.csv, keyed by (student, exercise, question)."""
    path = out / "manual.csv"
    if not path.is_file():
        return {}
    marks = {}
    with open(path, encoding="utf-8-sig", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), start=2):
            try:
                key = (row["student"].strip(), row["exercise"].strip(), row["question"].strip())
                if str(row.get("points") or "").strip():
                    marks[key] = float(row["points"])
            except (KeyError, ValueError, AttributeError):
                print(f"vnsmartcity grade: {path} line {line}: expected student, exercise, "
                      "question and points (a number); line skipped", file=sys.stderr)
    return marks


def merge_manual(results: list[dict], marks: dict) -> None:
    """Put hand-given points into the rows of written questions (capped at their maximum)."""
    used = set()
    for result in results:
        for row in result["rows"]:
            key = (result["student"], result["exercise"], row["question"])
            if row["status"] == MANUAL and key in marks:
                row["points"] = max(0.0, min(marks[key], row["max_points"]))
                row["message"] = "written answer: graded by your instructor"
                row["marked"] = True
                used.add(key)
    for key in sorted(set(marks) - used):
        print(f"vnsmartcity grade: manual.csv: no written question {key[2]} of {key[1]} "
              f"for {key[0]} in this run; mark ignored", file=sys.stderr)


def _sorted(results: list[dict]) -> list[dict]:
    return sorted(results, key=lambda r: (r["student"], exercise_order(r["exercise"])))


def gradebook(results: list[dict]) -> str:
    rows = []
    for result in _sorted(results):
        for row in sorted(result["rows"], key=lambda r: question_order(r["question"])):
            rows.append([result["student"], result["exercise"], row["question"],
                         number(row["points"]), number(row["max_points"]), row["status"],
                         row["message"]])
    return _csv(GRADEBOOK, rows)


def scores(results: list[dict]) -> str:
    rows = []
    for result in _sorted(results):
        points = sum(r["points"] for r in result["rows"])
        maximum = sum(r["max_points"] for r in result["rows"])
        manual = sum(1 for r in result["rows"] if r["status"] == MANUAL and not r.get("marked"))
        rows.append([result["student"], result["exercise"], number(points), number(maximum),
                     manual])
    return _csv(SCORES, rows)


SYMBOL = {"passed": "✅", "failed": "❌", "error": "⚠️", "timeout": "⏱️", "manual": "📝",
          "invalid": "🚫"}


def feedback(result: dict) -> str:
    """The student's page: what passed, what did not and why; never an expected value."""
    rows = sorted(result["rows"], key=lambda r: question_order(r["question"]))
    auto = [r for r in rows if r["status"] != MANUAL]
    written = [r for r in rows if r["status"] == MANUAL]
    lines = [f"# Feedback on {result['exercise']} for {result['student']}", "",
             f"Graded file: `{result['source']}`", ""]
    earned = sum(r["points"] for r in auto)
    lines.append(f"Automatically checked questions: **{number(earned)} of "
                 f"{number(sum(r['max_points'] for r in auto))} points**.")
    if written:
        lines.append(f"Written questions ({number(sum(r['max_points'] for r in written))} "
                     "points) are graded by your instructor.")
    lines += ["", "| Question | Points | Result |", "|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['question']} | {number(row['points'])} of "
                     f"{number(row['max_points'])} | {SYMBOL.get(row['status'], '')} "
                     f"{row['status']} |")
    todo = [r for r in rows if r["status"] not in ("passed", MANUAL)]
    if todo:
        lines += ["", "## What to look at", ""]
        for row in todo:
            lines.append(f"- **Question {row['question']}**: {row['message']}")
    done = [r for r in rows if r["status"] == "passed"]
    if done:
        lines += ["", "## Correct", "", ", ".join(f"Question {r['question']}" for r in done)
                  + ": well done."]
    if result.get("notes"):
        lines += ["", "## About your notebook's run", ""]
        lines += [f"- {note}" for note in result["notes"]]
    lines += ["", "Run the notebook from the top (Kernel > Restart & Run All) before handing it "
              "in: the grader runs it that way, in a fresh Python.", ""]
    return "\n".join(lines)


def best_of_duplicates(results: list[dict]) -> list[dict]:
    """One result per student and exercise: the best-scoring of several handed-in files."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for result in results:
        groups[(result["student"], result["exercise"])].append(result)
    kept = []
    for (student, exercise), group in groups.items():
        group = sorted(group, key=lambda r: r["source"])
        if exercise == "unknown":  # files that are no exercise: keep a row for each
            kept.append({"student": student, "exercise": exercise, "source": group[0]["source"],
                         "rows": [row for r in group for row in r["rows"]],
                         "notes": [note for r in group for note in r.get("notes", [])]})
            continue
        best = max(group, key=lambda r: sum(row["points"] for row in r["rows"]))
        if len(group) > 1:
            best = dict(best, notes=[*best.get("notes", []),
                                     f"{len(group)} files were handed in for this exercise; "
                                     f"the best-scoring one, `{best['source']}`, counts."])
        kept.append(best)
    return kept


def write(out: Path, results: list[dict]) -> list[dict]:
    """Write gradebook.csv, scores.csv and feedback/ into `out`; the results as written."""
    results = best_of_duplicates([dict(r, rows=[dict(row) for row in r["rows"]])
                                  for r in results])
    merge_manual(results, read_manual(out))
    write_atomic(out / "gradebook.csv", gradebook(results))
    write_atomic(out / "scores.csv", scores(results))
    for result in results:
        write_atomic(out / "feedback" / result["student"] / f"{result['exercise']}.md",
                     feedback(result))
    return results
