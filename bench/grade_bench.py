"""Benchmark of `vnsmartcity grade` against bare notebook execution (issue 5).

Builds N submissions of exercise 3 from its real release (correct, partly wrong
and broken, in turn), then, in the same run and in alternating rounds:

* bare: executes each notebook with nbclient, one after the other, as
  ``jupyter execute --allow-errors`` does (a kernel per notebook, no grading);
* grade --jobs 1 and grade --jobs 2, each into a fresh output folder (no cache);
* the grader's own `execute` with and without answer extraction, to show what
  extracting after every code cell costs.

Prints the per-submission overhead of grading with one job (goal <= 1.15x of
bare execution) and the speed-up of two jobs over one (goal >= 1.7x on 2 cores).
The best of the rounds is reported for each, as other load on the machine only
ever slows a round down.

    .venv/bin/python bench/grade_bench.py [--copies 8] [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from vnsmartcity.assign import assign
from vnsmartcity.check.spec import questions
from vnsmartcity.grading.execute import execute
from vnsmartcity.grading.kernel import Limits
from vnsmartcity.grading.run import grade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from submissions import replace_answer  # noqa: E402


def build(folder: Path, copies: int) -> list[Path]:
    """`copies` submissions: correct, partly wrong and broken, in turn."""
    (student,) = assign(["ex3"], folder / "release")
    solution = nbformat.read(folder / "release" / "instructor" / "solutions" / student.name, 4)
    partly = replace_answer(replace_answer(nbformat.from_dict(solution), "3.2",
                                           "ioc_per_scheme = 41 / 63"),
                            "3.4", "def nonbudget_range(budget):\n    return (0, budget)")
    broken = replace_answer(nbformat.from_dict(solution), "3.1",
                            "province_counts = facts[facts['no such column'] > 0]")
    kinds = [("correct", solution), ("partly", partly), ("broken", broken)]
    paths = []
    for number in range(copies):
        kind, nb = kinds[number % len(kinds)]
        path = folder / "class" / f"s{number:02d}{kind}_{student.name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def bare(paths: list[Path], shutdown: str = "graceful") -> float:
    """Seconds to execute every notebook with nbclient, one after the other.

    With the default graceful shutdown this is what ``jupyter execute`` does; the
    grader kills its kernels ("immediate"), so that variant is timed as well.
    """
    start = time.perf_counter()
    for path in paths:
        nb = nbformat.read(path, 4)
        with tempfile.TemporaryDirectory() as work:
            NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                           shutdown_kernel=shutdown,
                           resources={"metadata": {"path": work}}).execute(
                               stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def graded(paths: list[Path], jobs: int) -> float:
    """Seconds for `vnsmartcity grade --jobs JOBS` on a fresh output folder."""
    with tempfile.TemporaryDirectory() as out, contextlib.redirect_stderr(io.StringIO()):
        start = time.perf_counter()
        status = grade([paths[0].parent], Path(out), jobs=jobs, timeout=60)
        elapsed = time.perf_counter() - start
    assert status == 0
    return elapsed


def extraction_cost(path: Path) -> tuple[float, float]:
    """Seconds to run one notebook with the grader's executor, with and without extraction."""
    nb = nbformat.read(path, 4)
    wanted = {q.qid: (q.variable, q.probes) for q in questions("ex3") if not q.is_written}
    limits = Limits(timeout=60)
    start = time.perf_counter()
    execute(nb, wanted, limits)
    with_extraction = time.perf_counter() - start
    start = time.perf_counter()
    execute(nb, {}, limits)
    return with_extraction, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = build(Path(folder), args.copies)
        times: dict[str, list[float]] = {"bare": [], "bare_kill": [], "jobs1": [], "jobs2": [],
                                         "extract": [], "no_extract": []}
        for round_number in range(args.rounds):
            times["bare"].append(bare(paths))
            times["bare_kill"].append(bare(paths, "immediate"))
            times["jobs1"].append(graded(paths, 1))
            times["jobs2"].append(graded(paths, 2))
            with_x, without_x = extraction_cost(paths[0])
            times["extract"].append(with_x)
            times["no_extract"].append(without_x)
            print(f"round {round_number + 1}: " + ", ".join(
                f"{k} {v[-1]:.2f}s" for k, v in times.items()), file=sys.stderr)
    best = {k: min(v) for k, v in times.items()}
    n = args.copies
    print(f"machine: {os.cpu_count()} CPUs; {n} submissions of ex3 (correct, partly wrong, "
          f"broken); best of {args.rounds} rounds")
    print(f"bare nbclient execution : {best['bare']:6.2f} s  ({best['bare'] / n:.2f} s/notebook)"
          "  [jupyter execute: graceful kernel shutdown]")
    print(f"bare, kernel killed     : {best['bare_kill']:6.2f} s  "
          f"({best['bare_kill'] / n:.2f} s/notebook)  [shutdown as the grader does it]")
    print(f"grade --jobs 1          : {best['jobs1']:6.2f} s  ({best['jobs1'] / n:.2f} s/notebook)")
    print(f"grade --jobs 2          : {best['jobs2']:6.2f} s  ({best['jobs2'] / n:.2f} s/notebook)")
    print(f"overhead, --jobs 1      : {best['jobs1'] / best['bare']:.2f}x of bare (goal <= 1.15x); "
          f"{best['jobs1'] / best['bare_kill']:.2f}x of bare with the kernel killed")
    print(f"speed-up, --jobs 2      : {best['jobs1'] / best['jobs2']:.2f}x over --jobs 1 "
          "(goal >= 1.7x)")
    print(f"one notebook, grader's executor: {best['extract']:.2f} s with answer extraction "
          f"after every code cell, {best['no_extract']:.2f} s without")


if __name__ == "__main__":
    main()
