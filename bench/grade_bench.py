"""Benchmark of `vnsmartcity grade` against bare notebook execution (issue 5).

Builds N submissions of exercise 3 from its real release (correct, partly wrong
and broken, in turn), then, in the same run and in alternating rounds:

* bare: executes each notebook with nbclient, one after the other, as
  ``jupyter execute --allow-errors`` does (a kernel per notebook, no grading);
* grade --jobs 1 (sandboxed, and without the sandbox) and grade --jobs 2, each
  into a fresh output folder (no cache);
* the grader's own `execute` with and without answer extraction, to show what
  extracting after every code cell costs.

Prints the per-submission overhead of grading with one job (goal <= 1.15x of
bare execution, with the sandbox on) and the speed-up of two jobs over one
(goal >= 1.7x on 2 cores). The best of the rounds is reported for each, as
other load on the machine only ever slows a round down.

With ``--class-size N`` it then grades a whole class of N such notebooks with
``vnsmartcity grade --jobs 2`` (the command, sandboxed) and reports its wall
time, the peak memory of the grader's whole process tree (every process that
carries the run's mark in its environment: main process, workers, sandboxes,
kernels and whatever they start; sampled every 0.2 s, as the sum of RSS and of
PSS) and the processes of the run still alive after it (goals: peak <= 2.5 GB,
none left).

    .venv/bin/python bench/grade_bench.py [--copies 8] [--rounds 3] [--class-size 200]
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
import uuid
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from vnsmartcity.assign import assign
from vnsmartcity.check.spec import questions
from vnsmartcity.grading.execute import execute
from vnsmartcity.grading.kernel import Limits
from vnsmartcity.grading.run import grade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from processes import marked  # noqa: E402
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


def graded(paths: list[Path], jobs: int, sandboxed: bool = True) -> float:
    """Seconds for `vnsmartcity grade --jobs JOBS` on a fresh output folder."""
    if not sandboxed:
        os.environ["VNSC_SANDBOX"] = "off"
    try:
        with tempfile.TemporaryDirectory() as out, contextlib.redirect_stderr(io.StringIO()):
            start = time.perf_counter()
            status = grade([paths[0].parent], Path(out), jobs=jobs, timeout=60)
            elapsed = time.perf_counter() - start
    finally:
        os.environ.pop("VNSC_SANDBOX", None)
    assert status == 0
    return elapsed



def _memory(pids: list[int]) -> tuple[int, int]:
    """Sum of RSS and of PSS (bytes) of `pids`."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith(("Rss:", "Pss:")):
                    value = int(line.split()[1]) * 1024
                    rss, pss = (rss + value, pss) if line.startswith("Rss:") else (rss, pss + value)
        except (OSError, ValueError):
            continue
    return rss, pss


def whole_class(folder: Path) -> dict[str, float]:
    """`vnsmartcity grade FOLDER --jobs 2` as a command: wall, peak memory, processes left."""
    mark = uuid.uuid4().hex
    command = [str(Path(sys.executable).parent / "vnsmartcity"), "grade", str(folder),
               "--out", str(folder.parent / "class-grades"), "--jobs", "2", "--timeout", "60"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=dict(os.environ, VNSC_BENCH_MARK=mark),
                               stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = most = 0
    while process.poll() is None:
        pids = marked(mark)
        rss, pss = _memory(pids)
        peak_rss, peak_pss, most = max(peak_rss, rss), max(peak_pss, pss), max(most, len(pids))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    stderr = process.stderr.read() if process.stderr else ""
    assert process.returncode == 0, stderr
    time.sleep(1)
    return {"wall": wall, "peak_rss": peak_rss, "peak_pss": peak_pss, "most": most,
            "left": len(marked(mark)), "sandboxed": "without a sandbox" not in stderr}


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
    parser.add_argument("--class-size", type=int, default=0,
                        help="then grade a whole class of this many notebooks (e.g. 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = build(Path(folder), args.copies)
        times: dict[str, list[float]] = {"bare": [], "bare_kill": [], "jobs1": [],
                                         "jobs1_unsandboxed": [], "jobs2": [],
                                         "extract": [], "no_extract": []}
        for round_number in range(args.rounds):
            times["bare"].append(bare(paths))
            times["bare_kill"].append(bare(paths, "immediate"))
            times["jobs1"].append(graded(paths, 1))
            times["jobs1_unsandboxed"].append(graded(paths, 1, sandboxed=False))
            times["jobs2"].append(graded(paths, 2))
            with_x, without_x = extraction_cost(paths[0])
            times["extract"].append(with_x)
            times["no_extract"].append(without_x)
            print(f"round {round_number + 1}: " + ", ".join(
                f"{k} {v[-1]:.2f}s" for k, v in times.items()), file=sys.stderr)
        big = whole_class(build(Path(folder) / "big", args.class_size)[0].parent) \
            if args.class_size else None
    best = {k: min(v) for k, v in times.items()}
    n = args.copies
    print(f"machine: {os.cpu_count()} CPUs; {n} submissions of ex3 (correct, partly wrong, "
          f"broken); best of {args.rounds} rounds")
    print(f"bare nbclient execution : {best['bare']:6.2f} s  ({best['bare'] / n:.2f} s/notebook)"
          "  [jupyter execute: graceful kernel shutdown]")
    print(f"bare, kernel killed     : {best['bare_kill']:6.2f} s  "
          f"({best['bare_kill'] / n:.2f} s/notebook)  [shutdown as the grader does it]")
    print(f"grade --jobs 1          : {best['jobs1']:6.2f} s  ({best['jobs1'] / n:.2f} s/notebook)"
          "  [sandboxed]")
    print(f"grade --jobs 1, no box  : {best['jobs1_unsandboxed']:6.2f} s  "
          f"({best['jobs1_unsandboxed'] / n:.2f} s/notebook)  [VNSC_SANDBOX=off]")
    print(f"grade --jobs 2          : {best['jobs2']:6.2f} s  ({best['jobs2'] / n:.2f} s/notebook)")
    print(f"overhead, --jobs 1      : {best['jobs1'] / best['bare']:.2f}x of bare (goal <= 1.15x); "
          f"{best['jobs1'] / best['bare_kill']:.2f}x of bare with the kernel killed")
    print(f"speed-up, --jobs 2      : {best['jobs1'] / best['jobs2']:.2f}x over --jobs 1 "
          "(goal >= 1.7x)")
    print(f"one notebook, grader's executor: {best['extract']:.2f} s with answer extraction "
          f"after every code cell, {best['no_extract']:.2f} s without")
    print(f"sandbox cost, --jobs 1  : {best['jobs1'] / best['jobs1_unsandboxed']:.2f}x of "
          "grading without it")
    if big:
        print(f"class of {args.class_size}, --jobs 2   : {big['wall']:.1f} s "
              f"({big['wall'] / args.class_size:.2f} s/notebook), "
              f"{'sandboxed' if big['sandboxed'] else 'NOT sandboxed'}; peak memory of the "
              f"process tree {big['peak_pss'] / 2**30:.2f} GB PSS, "
              f"{big['peak_rss'] / 2**30:.2f} GB RSS (goal <= 2.5 GB), at most "
              f"{big['most']:.0f} processes at once; {big['left']:.0f} processes left "
              "(goal 0)")


if __name__ == "__main__":
    main()
