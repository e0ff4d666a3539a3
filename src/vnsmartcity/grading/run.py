"""`vnsmartcity grade`: grade every submission in a pool of processes, then report.

Each submission is graded in a worker process (`grade_one`): read and validate
the notebook, run it in a kernel of its own (`execute`), check the extracted
answers (`score`). A result is cached in ``DIR/.results/`` as soon as it is in,
keyed by the notebook's bytes and the grader's code and settings, so a run that
was interrupted finishes on the next call without grading anything twice.
Failing work is a result: the exit status is 0 once every submission has its
rows, and 2 (`UsageError`) only when the command was called wrongly.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import signal
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict
from importlib.resources import files
from pathlib import Path

from tqdm import tqdm

import vnsmartcity
from vnsmartcity.check.spec import questions
from vnsmartcity.errors import UsageError
from vnsmartcity.grading import classlist, report, score, validate
from vnsmartcity.grading.collect import Submission, collect
from vnsmartcity.grading.execute import execute
from vnsmartcity.grading.kernel import Limits

UNKNOWN = "unknown"


def _rows(outcomes: list) -> list[dict]:
    return [{"question": o.qid, "points": float(o.points), "max_points": float(o.max_points),
             "status": o.status, "message": o.message} for o in outcomes]


def _invalid_result(item: Submission, exercise: str | None, message: str) -> dict:
    if exercise is not None and re.fullmatch(r"ex\d+", exercise):
        try:
            rows = _rows(score.invalid(questions(exercise), message))
            return {"student": item.student, "exercise": exercise, "source": item.label,
                    "rows": rows, "notes": []}
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


def _failed(item: Submission, message: str) -> dict:
    """Rows with status error for a submission the grader could not finish."""
    result = _invalid_result(item, _exercise_of(item), message)
    for row in result["rows"]:
        row["status"] = score.ERROR
    return result


def grade_one(item: Submission, limits: Limits, root: Path | None = None) -> dict:
    """Grade one submission (kernel folders under `root`); never raises."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    try:
        try:
            nb, exercise, notes = validate.read(item.path, item.exercise)
        except validate.Invalid as invalid:
            return _invalid_result(item, invalid.exercise, str(invalid))
        listed = questions(exercise)
        wanted = {q.qid: (q.variable, q.probes) for q in listed if not q.is_written}
        run = execute(nb, wanted, limits, name=item.path.name, root=root)
        outcomes = score.outcomes(listed, run, limits.timeout, limits.wall)
        events = [*run.events, *([run.stopped] if run.stopped else [])]
        notes += [score.describe(e, limits.wall if e.detail == "notebook time limit"
                                 else limits.timeout) + "." for e in events]
        return {"student": item.student, "exercise": exercise, "source": item.label,
                "rows": _rows(outcomes), "notes": notes}
    except Exception as error:  # a bug in the grader must not cost the class its grades
        return _failed(item, f"not graded: the grader failed on this notebook "
                             f"({type(error).__name__}); ask your instructor.")


def _code_fingerprint() -> str:
    digest = hashlib.sha256(vnsmartcity.__version__.encode())
    package = files("vnsmartcity")
    for folder in ("check", "checks", "grading"):
        for entry in sorted(package.joinpath(folder).iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".py"):
                digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()


class Cache:
    """Finished results under DIR/.results, one JSON file per submission."""

    def __init__(self, out: Path, limits: Limits) -> None:
        self.folder = out / ".results"
        self.settings = json.dumps([_code_fingerprint(), asdict(limits)], sort_keys=True)

    def path(self, key: str) -> Path:
        return self.folder / f"{key[:32]}.json"

    def key(self, item: Submission) -> str:
        """The notebook's bytes, whose it is and the settings: not where it was found,
        so a renamed zip (``submissions (1).zip``) is not graded again."""
        digest = hashlib.sha256(self.settings.encode())
        digest.update(f"{item.student}\0{item.exercise}\0".encode())
        digest.update(item.path.read_bytes())
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


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _pool_round(items: list[Submission], workers: int, limits: Limits, root: Path,
                done) -> list[Submission]:
    """Grade `items` in one pool; those lost to a crashed worker are returned."""
    lost = []
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        futures = {pool.submit(grade_one, item, limits, root): item for item in items}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                lost.append(futures[future])
                continue
            done(futures[future], result)
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            if process.is_alive():
                process.terminate()  # its kernel is stopped by nbclient's signal handler
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return lost


def _grade_all(todo: list[Submission], jobs: int, limits: Limits, root: Path, done) -> None:
    lost = _pool_round(todo, min(jobs, len(todo)), limits, root, done)
    for item in lost:  # alone this time, so one bad notebook cannot take others with it
        if _pool_round([item], 1, limits, root, done):
            done(item, _failed(item, "not graded: the grading process was killed while "
                                     "running this notebook (twice): does it stop other "
                                     "programs?"))


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
    # Zips are extracted and kernels run under one scratch folder, removed at the end
    # even if a worker was killed before it could clean up after itself.
    with tempfile.TemporaryDirectory(prefix="vnsc-", ignore_cleanup_errors=True) as scratch:
        found = collect(submissions, Path(scratch) / "submissions", exclude=out)
        items = [classlist.with_exercise(item, options.exercise) for item in found.submissions]
        out.mkdir(parents=True, exist_ok=True)
        cache = Cache(out, limits)
        cache.settings += options.checks_fingerprint  # loaded now: the workers inherit them
        keys = {item: cache.key(item) for item in items if item.problem is None}
        results = {item: cache.load(item, keys[item]) if item.problem is None else
                   _invalid_result(item, validate.name_exercise(item.path.name) or item.exercise,
                                   item.problem) for item in items}
        todo = [item for item in items if results[item] is None]
        bar = tqdm(total=len(items), initial=len(items) - len(todo), unit="notebook",
                   desc="Grading", file=sys.stderr, disable=None)

        def done(item: Submission, result: dict) -> None:
            cache.save(item, keys[item], result)
            results[item] = result
            bar.update()

        try:
            with bar:
                if todo:
                    _grade_all(todo, jobs, limits, Path(scratch), done)
        except KeyboardInterrupt:
            finished = sum(r is not None for r in results.values())
            print(f"\nvnsmartcity grade: interrupted; {finished} of {len(items)} submissions "
                  "are graded and kept. Run the same command again to finish.", file=sys.stderr)
            return 130
    written = classlist.finish(out, found, [classlist.identity(item, results[item])
                                            for item in items], options)
    students = len({r["student"] for r in written})
    print(f"Graded {len(items)} submission(s) of {students} student(s): "
          f"{out / 'gradebook.csv'}, {out / 'scores.csv'}, {out / 'feedback'}/",
          file=sys.stderr)
    return 0
