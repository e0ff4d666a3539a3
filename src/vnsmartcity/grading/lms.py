"""Who handed in a file, read from the names Canvas, Moodle and Blackboard give downloads.

Each rule returns an `Owner`: `key` is what makes two files the same student's (the
LMS user id where there is one, else the exact source name), `student` the id
written in the gradebook (the LMS id, or the cleaned name), `name` the display
name kept beside it. The rules, tried in this order:

* Canvas: ``smithjohn_[LATE_]12345_678901_ex03-provinces[-1].ipynb``: name,
  user id, submission id, then the student's file name; ``-1``, ``-2`` before the
  extension mark re-submissions (a later one has a higher number);
* Moodle folder ``John Smith_12345_assignsubmission_file_/ex03-provinces.ipynb``,
  and the flat form ``John Smith_12345_assignsubmission_file_ex03-provinces.ipynb``:
  full name and participant id;
* Blackboard ``Assignment 3_jsmith_attempt_2026-11-30-14-05-09_ex03-provinces.ipynb``:
  the username, and the attempt's time (a later attempt is the latest);
* a per-student folder: its name; a plain file: its name up to the first ``_``,
  else its stem.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

CANVAS = re.compile(r"^(?P<name>[^_]+)_(?P<late>LATE_)?(?P<id>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_(?:assignsubmission_[a-z]+|onlinetext)_?$")
MOODLE_FLAT = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_(?:assignsubmission_[a-z]+_|onlinetext_)"
                         r"(?P<file>.+)$")
BLACKBOARD = re.compile(r"^(?P<assignment>.+)_(?P<id>[^_]+)_attempt_"
                        r"(?P<time>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<file>.+))?$")
RESUBMISSION = re.compile(r"-(\d+)$")


@dataclass(frozen=True)
class Owner:
    """Whose file it is: `key` identifies the student, `student` is the gradebook id."""

    key: str
    student: str
    name: str
    late: bool = False
    order: tuple = ()
    lms: str = "plain"
    file: str = ""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_id(name: str) -> str:
    """An id safe as one file name: letters (any script), digits, space, ``. - @ +``.

    The result is never ``.``/``..``, holds no separator, and is at most 100 characters.
    """
    name = nfc(name)
    name = "".join(c if c.isalnum() or c in " .-@+" else "_" for c in name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:100] or "unknown"


def _canvas_order(file: str) -> tuple:
    match = RESUBMISSION.search(PurePosixPath(file).stem)
    return (int(match.group(1)) if match else 0,)


def from_file_name(file_name: str) -> Owner | None:
    """The owner an LMS gives a flat file's name, or None when no LMS rule matches."""
    file_name = nfc(file_name)
    if match := CANVAS.match(file_name):
        return Owner(f"canvas:{match['id']}", match["id"], match["name"], bool(match["late"]),
                     _canvas_order(match["file"]), "canvas", match["file"])
    if match := MOODLE_FLAT.match(file_name):
        return Owner(f"moodle:{match['id']}", match["id"], match["name"], lms="moodle",
                     file=match["file"])
    if match := BLACKBOARD.match(PurePosixPath(file_name).stem):
        suffix = PurePosixPath(file_name).suffix
        file = f"{match['file']}{suffix}" if match["file"] else ""
        return Owner(f"blackboard:{match['id']}", clean_id(match["id"]), match["id"],
                     order=(match["time"],), lms="blackboard", file=file)
    return None


def from_folder_name(folder: str) -> Owner:
    """The owner of every file in a per-student folder (Moodle's, or a plain one).

    The key is the folder's exact name: two folders whose names differ only in
    Unicode normalisation (NFC and NFD) were made by two uploads, so they are two
    students with one cleaned id, kept apart by `collect` with a warning.
    """
    if match := MOODLE_FOLDER.match(nfc(folder)):
        return Owner(f"moodle:{match['id']}", match["id"], match["name"], lms="moodle")
    return Owner(f"folder:{folder}", clean_id(folder), nfc(folder))


def from_plain_name(file_name: str) -> Owner:
    """A file no LMS named: the name up to the first ``_``, else the file's stem."""
    head = file_name.split("_", 1)[0] if "_" in file_name else ""
    raw = head or PurePosixPath(file_name).stem
    return Owner(f"file:{raw}", clean_id(raw), nfc(raw), file=nfc(file_name))


def owner_of(parts: tuple[str, ...]) -> Owner:
    """The owner of a file at `parts` below a folder or zip given to the grader."""
    if len(parts) > 1:
        return from_folder_name(parts[0])
    return from_file_name(parts[0]) or from_plain_name(parts[0])


def is_lms_named(name: str) -> bool:
    """True for a Moodle folder or a flat file named by an LMS rule."""
    return bool(MOODLE_FOLDER.match(nfc(name))) or from_file_name(name) is not None


BLACKBOARD_RECEIPT_NAME = re.compile(r"^Name:\s*(?P<name>.+?)\s*\((?P<id>[^()]+)\)\s*$", re.M)


def receipt_name(text: str) -> str | None:
    """The display name on a Blackboard receipt (``Name: John Smith (jsmith)``), if any."""
    match = BLACKBOARD_RECEIPT_NAME.search(text)
    return nfc(match["name"]) if match else None
