"""Build times: a clean build, a no-op rebuild, and a rebuild after touching one chapter.

Works on a temporary copy of the repository (the working tree's _build is left
alone), runs each case --runs times (3 by default) with the same command as
``make book`` and prints the medians. Not part of ``make test``.

    .venv/bin/python bench/build.py [--runs 3] [--chapter book/03-provinces.md]

"clean" removes _build, the execution cache included, so every notebook runs;
"touch" changes the chapter's modification time only, as saving it in an editor
would, so its cells come from the cache. Goals on the 2-core machine: no-op
under 2 s, one chapter under 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def timed_build(repo: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(repo), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chapter", default="book/03-provinces.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vnsc-build-bench-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", "__pycache__", "node_modules", "*.egg-info"))
        times: dict[str, list[float]] = {"clean": [], "no-op": [], "touch one chapter": []}
        for run in range(args.runs):
            shutil.rmtree(repo / "_build", ignore_errors=True)
            times["clean"].append(timed_build(repo))
            print(f"run {run + 1}: clean {times['clean'][-1]:.1f} s", file=sys.stderr)
        for _ in range(args.runs):
            times["no-op"].append(timed_build(repo))
        chapter = repo / args.chapter
        for _ in range(args.runs):
            os.utime(chapter)
            times["touch one chapter"].append(timed_build(repo))
    print(f"jupyter-book build, median of {args.runs} runs ({os.cpu_count()} cores)")
    for case, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{case:<18} {statistics.median(values):7.2f} s   ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
