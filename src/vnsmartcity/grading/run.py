"""`vnsmartcity grade`: grade every submission in worker processes, then report.

Each submission is graded in a worker process of its own (`grade_one`, run by
`pool`): read and validate the notebook, run it in a sandboxed kernel
(`execute`, `sandbox`), check the extracted answers (`score`). Before any kernel
starts, the main process loads every check module and course table (the
workers are forks of it and never read them from disk again) and fingerprints
the grader's own files (`fingerprint`); it refuses planted files, and refuses
to cache or write results when those files changed during the run.

A result is cached in ``DIR/.results/`` as soon as it is in, keyed by the
notebook's bytes, the grader's fingerprint and settings, so a run that was
interrupted finishes on the next call without grading anything twice. Failing
work is a result: the exit status is 0 once every submission has its rows, 1
when the grader's own files changed during the run, 2 (`UsageError`) when the
command was called wrongly or the grader's files hold planted ones, 130 after
Ctrl-C.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sys
from dataclasses import asdict
from pathlib import Path

from tqdm import tqdm

from vnsmartcity import coursedata
from vnsmartcity.check.spec import exercises, questions
from vnsmartcity.errors import UsageError
from vnsmartcity.grading import (
    cgroup,
    classlist,
    fingerprint,
    report,
    sandbox,
    score,
    scratch,
    validate,
)
from vnsmartcity.grading.collect import Submission, collect
from vnsmartcity.grading.execute import KERNEL_STARTUP, UNISOLATED, Isolation, execute
from vnsmartcity.grading.kernel import Limits
from vnsmartcity.grading.language import submission_language
from vnsmartcity.grading.pool import Pool
from vnsmartcity.messages import DEFAULT, _, language

UNKNOWN = "unknown"
WORKER_MEMORY = 4 * 2**30  # address space of a worker (a notebook's messages live there)
DEADLINE_MARGIN = 120  # seconds a worker gets beyond the notebook's own limits
UNSANDBOXED = "graded without a sandbox"


def _rows(outcomes: list) -> list[dict]:
    return [{"question": o.qid, "points": float(o.points), "max_points": float(o.max_points),
             "status": o.status, "message": o.message} for o in outcomes]


def _invalid_result(item: Submission, exercise: str | None, message: str,
                    lang: str = DEFAULT) -> dict:
    if exercise is not None and re.fullmatch(r"ex\d+", exercise):
        try:
            rows = _rows(score.invalid(questions(exercise), message))
            return {"student": item.student, "exercise": exercise, "source": item.label,
                    "rows": rows, "notes": [], "lang": lang}
        except ModuleNotFoundError:
            pass
    row = {"question": item.path.name, "points": 0.0, "max_points": 0.0,
           "status": score.INVALID, "message": message}
    return {"student": item.student, "exercise": UNKNOWN, "source": item.label, "rows": [row],
            "notes": []}


def _exercise_of(item: Submission) -> str | None:
    try:
        return validate.read(item.path)[1]
    except Exception:
        return validate.name_exercise(item.path.name)


def _failed(item: Submission, message: str, status: str = score.ERROR) -> dict:
    """Rows with status `status` for a submission the grader could not finish."""
    result = _invalid_result(item, _exercise_of(item), message)
    for row in result["rows"]:
        row["status"] = status
    return result


def grade_one(item: Submission, limits: Limits, root: Path | None = None,
              isolation: Isolation = UNISOLATED) -> dict:
    """Grade one submission (kernel folders under `root`); never raises."""
    try:
        try:
            nb, exercise, notes = validate.read(item.path, item.exercise)
        except validate.Invalid as invalid:
            return _invalid_result(item, invalid.exercise, str(invalid), invalid.lang)
        listed = questions(exercise)
        wanted = {q.qid: (q.variable, q.probes) for q in listed if not q.is_written}
        lang = submission_language(nb)
        run = execute(nb, wanted, limits, name=item.path.name, root=root, isolation=isolation)
        with language(lang):
            outcomes = score.outcomes(listed, run, limits.timeout, limits.wall)
            events = [*run.events, *([run.stopped] if run.stopped else [])]
            notes += [score.describe(e, limits.wall if e.detail == "notebook time limit"
                                     else limits.timeout) + "." for e in events]
        return {"student": item.student, "exercise": exercise, "source": item.label,
                "rows": _rows(outcomes), "notes": notes, "lang": lang}
    except Exception as error:  # a bug in the grader must not cost the class its grades
        return _failed(item, f"not graded: the grader failed on this notebook "
                             f"({type(error).__name__}); ask your instructor.")


def deadline(limits: Limits) -> float:
    """Seconds the main process gives one worker before it kills it."""
    return limits.wall + KERNEL_STARTUP + 60 + DEADLINE_MARGIN


class Cache:
    """Finished results under DIR/.results, one JSON file per submission."""

    def __init__(self, out: Path, limits: Limits, code: str, sandboxed: bool) -> None:
        self.folder = out / ".results"
        self.settings = json.dumps([code, sandboxed, asdict(limits)], sort_keys=True)

    def path(self, key: str) -> Path:
        return self.folder / f"{key[:32]}.json"

    def key(self, item: Submission) -> str:
        """The notebook's bytes, whose it is and the settings: not where it was found,
        so a renamed zip (``submissions (1).zip``) is not graded again."""
        digest = hashlib.sha256(self.settings.encode())
        digest.update(f"{item.student}\0{item.exercise}\0".encode())
        with open(item.path, "rb") as stream:  # in chunks: a huge file costs no memory
            digest.update(hashlib.file_digest(stream, "sha256").digest())
        return digest.hexdigest()

    def load(self, item: Submission, key: str) -> dict | None:
        try:
            stored = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return stored.get("result") if isinstance(stored, dict) and stored.get("key") == key \
            else None

    def save(self, item: Submission, key: str, result: dict) -> None:
        report.write_atomic(self.path(key), json.dumps({"key": key, "result": result},
                                                        ensure_ascii=False, sort_keys=True))


def _preload() -> None:
    """Every check module and course table, in this process, before any kernel starts."""
    for exercise in exercises():
        questions(exercise)
    coursedata.load_all()
    sandbox.font_caches()


def _refuse_planted() -> None:
    planted = fingerprint.strays()
    if planted:
        what = ("was not compiled from the source next to it" if planted[0].suffix == ".pyc"
                else "is run by Python at start-up but belongs to no installed package")
        raise UsageError(f"{planted[0]} {what}: it may have been planted by a notebook. "
                         "Delete it (or reinstall the course package) and run again.")


def _isolation() -> Isolation:
    found = sandbox.find()
    if isinstance(found, str):
        print(f"vnsmartcity grade: {UNSANDBOXED}: {found}; notebooks run with your "
              "account's rights (see the instructor guide).", file=sys.stderr)
    return Isolation(None if isinstance(found, str) else found, cgroup.RunGroup.create())


def _mark_unsandboxed(result: dict) -> dict:
    """Say in the gradebook and the feedback that this result was not sandboxed."""
    with language(result.get("lang", DEFAULT)):
        said = _("graded without a sandbox")
        note = _("This notebook was graded without a sandbox.")
    rows = [dict(row, message=f"{row['message']} ({said})") for row in result["rows"]]
    return dict(result, rows=rows, notes=[*result.get("notes", []), note])


def grade(submissions: list[Path], out: Path, jobs: int = os.cpu_count() or 1,
          timeout: float = 60, notebook_timeout: float | None = None,
          memory_mb: int = 2048, exercise: str | None = None, keep: str = "latest",
          roster: Path | None = None, checks: Path | None = None) -> int:
    """Grade `submissions` into `out`; 0 when every submission has its rows."""
    options = classlist.options(exercise, keep, roster, checks)
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if not timeout > 0 or (notebook_timeout is not None and not notebook_timeout > 0):
        raise UsageError("--timeout must be a positive number of seconds")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    limits = Limits(timeout=float(timeout), notebook_timeout=notebook_timeout,
                    memory_mb=memory_mb)
    results: dict[Submission, dict | None] = {}
    changed = False
    isolation = UNISOLATED
    root = None
    try:
        _preload()
        _refuse_planted()
        code, stamp = fingerprint.digest(), fingerprint.stamp()
        scratch.sweep_stale()
        tqdm.monitor_interval = 0  # no monitor thread in a process that forks workers
        isolation = _isolation()
        root = scratch.make_root()  # extracted zips and kernel folders; removed at the end
        found = collect(submissions, root / "submissions", exclude=out)
        items = [classlist.with_exercise(item, options.exercise) for item in found.submissions]
        out.mkdir(parents=True, exist_ok=True)
        cache = Cache(out, limits, code + options.checks_fingerprint, isolation.sandboxed)
        keys = {item: cache.key(item) for item in items if item.problem is None}
        results = {item: cache.load(item, keys[item]) if item.problem is None else
                   _invalid_result(item, validate.name_exercise(item.path.name) or item.exercise,
                                   item.problem) for item in items}
        todo = [item for item in items if results[item] is None]
        bar = tqdm(total=len(items), initial=len(items) - len(todo), unit="notebook",
                   desc="Grading", file=sys.stderr, disable=None)

        def done(item: Submission, result: dict) -> None:
            nonlocal changed
            result = result if isolation.sandboxed else _mark_unsandboxed(result)
            changed = changed or fingerprint.stamp() != stamp
            if not changed:
                cache.save(item, keys[item], result)
            results[item] = result
            bar.update()

        def lost(item: Submission, why: str) -> None:
            if why == "timeout":
                done(item, _failed(item, "not graded: the notebook did not finish within the "
                                         f"grader's limit ({deadline(limits):.0f} s) and was "
                                         "stopped.", score.TIMEOUT))
            else:
                done(item, _failed(item, "not graded: the grading process was killed while "
                                         "running this notebook (twice): does it stop other "
                                         "programs?"))

        def task(item: Submission) -> dict:
            return grade_one(item, limits, root, isolation)

        with bar:
            Pool(task, min(jobs, max(1, len(todo))), deadline(limits), WORKER_MEMORY).run(
                todo, done, lost)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop cleanup
        finished = sum(r is not None for r in results.values())
        print(f"\nvnsmartcity grade: interrupted; {finished} of {len(results)} submissions "
              "are graded and kept. Run the same command again to finish.", file=sys.stderr)
        return 130
    finally:
        if isolation.groups is not None:
            isolation.groups.close()  # kills whatever a kernel may have left behind
        if root is not None:
            scratch.remove(root)
    if changed or fingerprint.stamp() != stamp or fingerprint.digest() != code \
            or fingerprint.strays():
        print("vnsmartcity grade: the grader's own files (check/, checks/, grading/, data/ or "
              "a .pth file) changed during this run: no results written. Reinstall the course "
              "package and run again.", file=sys.stderr)
        return 1
    written = classlist.finish(out, found, [classlist.identity(item, results[item])
                                            for item in items], options)
    students = len({r["student"] for r in written})
    print(f"Graded {len(items)} submission(s) of {students} student(s): "
          f"{out / 'gradebook.csv'}, {out / 'scores.csv'}, {out / 'feedback'}/",
          file=sys.stderr)
    return 0
