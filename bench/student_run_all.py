"""A student's first answer: a fresh Python 3.12, "Run all" on a student notebook.

Stands in for Colab (Python 3.12, pandas and matplotlib there, the course package
not): a new venv with tests/student-env.txt from the wheelhouse, then the site's
student notebook of exercise 3 run from the top with the course wheel local
(PIP_FIND_LINKS, no index), timed to the output of its first ``check(...)`` cell.
The setup cell's ``%pip install`` is part of that time, as it is for a student.

    .venv/bin/python bench/student_run_all.py [--python 3.12] [--runs 3]
        [--notebook _build/html/student/ex03-provinces.ipynb]

Needs ``make book`` (the notebook) and ``make student-wheels`` (the wheels, once).
Each run uses a new venv; prints each run and the median.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pythons import find_python  # noqa: E402
from tests.student_envs import build_wheel, create  # noqa: E402

CHECK = re.compile(r"^\s*check\(", re.M)


def one_run(python: str, version: str, notebook: Path, wheel: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="student-bench-") as folder:
        env = create(version, python, Path(folder) / "venv")
        work = Path(folder) / notebook.name
        work.write_bytes(notebook.read_bytes())
        start = time.perf_counter()
        timings = env.run_all([work], Path(folder) / "out", wheel.parent)[notebook.name]
        wall = time.perf_counter() - start
        executed = nbformat.read(Path(folder) / "out" / notebook.name, as_version=4)
        first_check = next(n for n, c in enumerate(executed.cells)
                           if c.cell_type == "code" and CHECK.match(c.source))
        printed = "".join(o.get("text", "") for o in executed.cells[first_check].outputs)
        if "Question" not in printed:
            sys.exit(f"the first check printed no verdict: {printed!r}")
        setup = next(n for n, c in enumerate(executed.cells) if c.cell_type == "code")
        return {"venv": env.seconds_to_create, "kernel": timings["kernel_ready"],
                "setup": timings["cells"][setup],
                "first_check": timings["cells"][first_check], "notebook": timings["cells"][-1],
                "process": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default="3.12")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notebook", type=Path,
                        default=ROOT / "_build" / "html" / "student" / "ex03-provinces.ipynb")
    args = parser.parse_args()
    python = find_python(args.python)
    if python is None:
        sys.exit(f"no Python {args.python} on this machine")
    if not args.notebook.is_file():
        sys.exit(f"{args.notebook} is missing: run `make book` first")
    with tempfile.TemporaryDirectory(prefix="student-wheel-") as dist:
        wheel = build_wheel(Path(dist))
        runs = []
        for number in range(1, args.runs + 1):
            run = one_run(python, args.python, args.notebook, wheel)
            runs.append(run)
            print(f"run {number}: venv {run['venv']:.1f} s; from Run all: kernel ready "
                  f"{run['kernel']:.1f} s, setup cell done {run['setup']:.1f} s, first check "
                  f"answered {run['first_check']:.1f} s, whole notebook {run['notebook']:.1f} s",
                  flush=True)
    print(f"Python {args.python} ({python}), {args.notebook.name}, median of {len(runs)}:")
    for key, label in (("venv", "fresh venv with the student packages (offline)"),
                       ("kernel", "Run all -> kernel ready"),
                       ("setup", "Run all -> setup cell done (pip install)"),
                       ("first_check", "Run all -> first check's answer"),
                       ("notebook", "Run all -> whole notebook")):
        print(f"  {label:48s} {statistics.median(r[key] for r in runs):6.1f} s")


if __name__ == "__main__":
    main()
