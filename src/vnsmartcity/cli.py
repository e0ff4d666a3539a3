"""The `vnsmartcity` command: release exercises to students and grade what they hand in."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


class UsageError(Exception):
    """A mistake in how the command was called; printed as one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnsmartcity",
        description="Tools for the course book Smart Cities in Vietnam.",
        epilog="Run 'vnsmartcity COMMAND --help' for the options of a command.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    assign = commands.add_parser(
        "assign", help="make the student release of exercises (solutions removed)",
        description="Write one student notebook per exercise (solutions removed, outputs "
                    "cleared), an instructor folder with solutions and rubrics, and a zip.")
    assign.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help="exercise ids such as ex3 or 3 (default: every exercise)")
    assign.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write the release into")

    grade = commands.add_parser(
        "grade", help="grade submissions into a gradebook with feedback per student",
        description="Grade notebooks, folders of notebooks or LMS .zip downloads. The student "
                    "id is the name of the student's folder (a sub-folder of a folder or zip "
                    "given here), else the file name up to the first '_' (LMS style, "
                    "alice_ex03-provinces.ipynb), else the file name without extension. The "
                    "exercise comes from the notebook metadata, else the file name.")
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                       help=".ipynb file, folder or .zip")
    grade.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="folder for gradebook.csv, scores.csv and feedback/")
    grade.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="submissions graded in parallel (default: number of CPUs)")
    grade.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                       help="time limit per cell (default 60); a notebook gets at most "
                            "ten times this in all")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 usage error)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "assign":
            from vnsmartcity.assign import assign

            written = assign(args.exercises, args.out)
            print(f"Wrote the release of {len(written)} exercise(s) to {args.out}")
            return 0
        from vnsmartcity.grading.run import grade

        return grade(args.submissions, args.out, jobs=args.jobs, timeout=args.timeout)
    except UsageError as error:
        print(f"vnsmartcity {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
