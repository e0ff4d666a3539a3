"""The `vnsmartcity` command: release exercises to students and grade what they hand in."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vnsmartcity.errors import UsageError

__all__ = ["UsageError", "main"]

GRADE_HELP = """\
Grade notebooks, folders of notebooks or LMS .zip downloads (zips inside zips are read).

Who is who, from the names the LMS gives (the id is the LMS user id where there is one,
the display name is kept beside it, and lateness is a column):
  Canvas      smithjohn_12345_678901_ex03-provinces.ipynb  -> id 12345, name smithjohn
              smithjohn_LATE_12345_678901_ex03-provinces-1.ipynb  (late; -1: re-submission)
  Moodle      John Smith_12345_assignsubmission_file_/ex03-provinces.ipynb  -> id 12345
              John Smith_12345_assignsubmission_file_ex03-provinces.ipynb   (flat form)
  Blackboard  Assignment 3_jsmith_attempt_2026-11-30-14-05-09_ex03-provinces.ipynb -> jsmith
              (display name from the attempt's receipt .txt; a later attempt is a later file)
  folders     class/alice/ex03-provinces.ipynb  -> alice (a sub-folder of a folder or zip)
  plain files alice_ex03-provinces.ipynb -> alice (the name up to the first '_'),
              else alice.ipynb -> alice (the file name without extension)
Two students are never merged: different names that clean to the same id are kept apart
and named in a warning. The exercise comes from the notebook metadata, else the file name,
else --exercise. Every file that is not graded is named in a warning and in the gradebook.
"""


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
    assign.add_argument("--lang", default="en", metavar="LANG",
                        help="language of the notebooks: en (default) or vi, translated "
                             "through locales/vi/LC_MESSAGES/exercises/*.po")
    assign.add_argument("--allow-untranslated", action="store_true",
                        help="keep blocks the catalog does not translate in English (with a "
                             "warning) instead of refusing the release")

    grade = commands.add_parser(
        "grade", help="grade submissions into a gradebook with feedback per student",
        description=GRADE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                       help=".ipynb file, folder or .zip")
    grade.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="folder for gradebook.csv, scores.csv, scores-wide.csv, feedback/ "
                            "(and lms-import.csv with --roster)")
    grade.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="submissions graded in parallel (default: number of CPUs)")
    grade.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                       help="time limit per cell (default 60); a notebook gets at most "
                            "ten times this in all")
    grade.add_argument("--exercise", metavar="EXERCISE",
                       help="exercise (e.g. ex3 or 3) of files whose metadata and name give "
                            "none: an LMS assignment is one exercise")
    grade.add_argument("--keep", choices=("latest", "best"), default="latest",
                       help="which of several files from one student for one exercise "
                            "counts: the latest handed in (default, what the LMS shows as "
                            "the submission) or the best-scoring")
    grade.add_argument("--roster", type=Path, metavar="FILE",
                       help="class list: a Canvas gradebook export, a Moodle grades export "
                            "or grading worksheet, or a CSV with id,name[,login,email]; "
                            "adds 'missing' rows and writes DIR/lms-import.csv in its format")
    grade.add_argument("--checks", type=Path, metavar="DIR",
                       help="folder of instructor-private check modules (the @auto API of "
                            "vnsmartcity.check.spec) that replace or add to the public checks")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 usage error)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "assign":
            from vnsmartcity.assign import assign

            written = assign(args.exercises, args.out, lang=args.lang,
                             allow_untranslated=args.allow_untranslated)
            print(f"Wrote the release of {len(written)} exercise(s) to {args.out}")
            return 0
        from vnsmartcity.grading.run import grade

        return grade(args.submissions, args.out, jobs=args.jobs, timeout=args.timeout,
                     exercise=args.exercise, keep=args.keep, roster=args.roster,
                     checks=args.checks)
    except UsageError as error:
        print(f"vnsmartcity {args.command}: {error}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as error:  # a student install lacks the instructor tools
        if error.name is None or error.name.split(".")[0] == "vnsmartcity":
            raise
        print(f"vnsmartcity {args.command}: needs {error.name}, which comes with the "
              "instructor tools: pip install \"vnsmartcity[instructor]\"", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
