"""Build times: a clean build, a no-op rebuild, and a rebuild after touching one chapter.

Works on a temporary copy of the repository (the working tree's _build is left
alone), runs each case --runs times (3 by default) with the same commands as
``make book`` (book/_tools/editions.py, once per edition) and prints the medians,
for the editions given (``--editions en vi``, both, by default; ``--editions en``
for English alone). Not part of ``make test``.

    .venv/bin/python bench/build.py [--runs 3] [--editions en vi] [--chapter book/03-provinces.md]

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


def timed_build(repo: Path, editions: list[str]) -> float:
    start = time.perf_counter()
    for edition in editions:
        result = subprocess.run([sys.executable, str(repo / "book" / "_tools" / "editions.py"),
                                 edition, "--", "-W", "-n", "--keep-going"],
                                capture_output=True, text=True, cwd=repo)
        if result.returncode:
            sys.exit(f"{edition} build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chapter", default="book/03-provinces.md")
    parser.add_argument("--editions", nargs="+", default=["en", "vi"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vnsc-build-bench-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", "__pycache__", "node_modules", "*.egg-info"))
        times: dict[str, list[float]] = {"clean": [], "no-op": [], "touch one chapter": []}
        for run in range(args.runs):
            shutil.rmtree(repo / "_build", ignore_errors=True)
            times["clean"].append(timed_build(repo, args.editions))
            print(f"run {run + 1}: clean {times['clean'][-1]:.1f} s", file=sys.stderr)
        for _ in range(args.runs):
            times["no-op"].append(timed_build(repo, args.editions))
        chapter = repo / args.chapter
        for _ in range(args.runs):
            os.utime(chapter)
            times["touch one chapter"].append(timed_build(repo, args.editions))
    print(f"editions {' + '.join(args.editions)}, median of {args.runs} runs "
          f"({os.cpu_count()} cores)")
    for case, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{case:<18} {statistics.median(values):7.2f} s   ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
