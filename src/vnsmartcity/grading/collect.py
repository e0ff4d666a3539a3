"""Find the submissions in the grader's arguments: notebooks, folders and LMS zips.

Whose a file is comes from `lms` (Canvas, Moodle and Blackboard names, per-student
folders, plain files). In folders and zips every ``.ipynb`` counts, and so does any
other file whose name names an exercise (``alice_ex03.pdf``: graded as not a
notebook). A Blackboard receipt is read for the student's name. A zip inside is
read too (up to three levels): as that student's upload when its name or folder
names a student, else as one more class zip. Every other file is *skipped*: it is
named in one warning and in the gradebook. A file named on the command line always
counts. A zip whose entries all sit in one top folder that is not a student's is
read as if that folder were the zip. An entry of a zip that cannot be read becomes
an ``invalid`` submission of its student.

Two students are never merged: files are the same student's only when their
`Owner.key` is the same (the same LMS user id, or the same source name, compared
as written); when different keys clean to one id (``a#b`` and ``a$b``, or a name
in NFC and in NFD), each gets that id plus a short tag of its own, and the run warns.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from vnsmartcity.errors import UsageError
from vnsmartcity.grading import archive, lms
from vnsmartcity.grading.validate import name_exercise

SYSTEM = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".DS_Store", "Thumbs.db",
          "desktop.ini"}
MAX_DEPTH = 3


@dataclass(frozen=True)
class Submission:
    """One handed-in file: whose it is, where it is, and how to name it in messages.

    `problem` is set for a file that could not even be read out of its zip: it is
    graded ``invalid`` with that message. `order` sorts a student's files for one
    exercise from first to latest handed in. `exercise` is ``--exercise``: the
    exercise of a notebook whose metadata and name give none.
    """

    student: str
    path: Path
    label: str
    name: str = ""
    late: bool = False
    order: tuple = ()
    problem: str | None = None
    key: str = field(default="", compare=False)
    exercise: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file that is not graded, with the student it seems to belong to (if any)."""

    student: str
    label: str
    reason: str


@dataclass
class Collected:
    submissions: list[Submission] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    system_files: int = 0
    warnings: list[str] = field(default_factory=list)


def clean_id(name: str) -> str:
    """A student id safe as a file name (see `lms.clean_id`)."""
    return lms.clean_id(name)


def _is_system(parts: tuple[str, ...]) -> bool:
    return any(part in SYSTEM or part.startswith(".") for part in parts)


def _wanted(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() == ".ipynb" or name_exercise(name) is not None


def _strip_top(parts_list: list[tuple[str, ...]]) -> bool:
    """Read a zip's single top folder as the zip, unless it is one student's folder."""
    tops = {parts[0] for parts in parts_list}
    if len(tops) != 1 or any(len(parts) < 2 for parts in parts_list):
        return False
    if lms.MOODLE_FOLDER.match(lms.nfc(next(iter(tops)))):
        return False
    inner = [parts[1:] for parts in parts_list]
    if any(len(parts) > 1 for parts in inner):
        return True
    for (name,) in inner:
        head = name.split("_", 1)[0] if "_" in name else ""
        if lms.is_lms_named(name) or (head and name_exercise(head) is None):
            return True
    return False


class _Walker:
    """Walks folders and zips, turning files into submissions and skipped files."""

    def __init__(self, scratch: Path, exclude: Path | None) -> None:
        self.scratch = scratch
        self.exclude = exclude
        self.found = Collected()
        self.owners: list[tuple[Submission | Skipped, lms.Owner]] = []
        self.receipts: dict[str, str] = {}
        self.zips = 0
        self.room = archive.MAX_ZIP_BYTES  # bytes all zips, nested ones too, may extract

    def _files(self, root: Path) -> list[tuple[Path, tuple[str, ...]]]:
        files = []
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            if self.exclude is not None and self.exclude in path.resolve().parents:
                continue
            files.append((path, tuple(path.relative_to(root).parts)))
        return files

    def tree(self, root: Path, label: str, owner: lms.Owner | None, depth: int,
             damaged: dict | None = None, is_zip: bool = False) -> None:
        files = self._files(root)
        entries = [parts for _, parts in files] + list(damaged or {})
        strip = 1 if is_zip and owner is None and _strip_top(entries) else 0
        for parts, reason in (damaged or {}).items():
            rel = parts[strip:]
            whose = owner or lms.owner_of(rel)
            self._add(Submission(whose.student, root.joinpath(*parts), f"{label}{'/'.join(parts)}",
                                 problem=f"not graded: {reason}; upload it again."), whose)
        for path, parts in files:
            rel = parts[strip:]
            text = f"{label}{'/'.join(parts)}"
            if _is_system(parts):
                self.found.system_files += 1
                continue
            whose = owner or lms.owner_of(rel)
            self.file(path, text, whose, depth,
                      owned=owner is not None or len(rel) > 1 or lms.is_lms_named(rel[0]))

    def file(self, path: Path, label: str, whose: lms.Owner, depth: int, owned: bool) -> None:
        if path.suffix.lower() == ".zip":
            self.nested(path, label, whose if owned else None, depth)
        elif lms.BLACKBOARD.match(path.stem) and not whose.file and path.suffix == ".txt":
            self.receipt(path, label, whose)
        elif _wanted(path.name):
            stamp = path.stat().st_mtime
            self._add(Submission(whose.student, path, label, whose.name, whose.late,
                                 (*whose.order, stamp)), whose)
        else:
            self._add(Skipped(whose.student, label, "not a notebook, and its name names no "
                                                    "exercise"), whose)

    def nested(self, path: Path, label: str, whose: lms.Owner | None, depth: int) -> None:
        if depth >= MAX_DEPTH:
            self._add(Skipped(whose.student if whose else "", label,
                              "a zip nested too deep"), whose)
            return
        try:
            extracted = self.extract(path)
        except UsageError as error:
            item = Submission(whose.student if whose else "", path, label,
                              problem=f"not graded: {str(error).split(': ', 1)[-1]}")
            if whose is None:
                self.found.skipped.append(Skipped("", label, "an unreadable zip"))
            else:
                self._add(item, whose)
            return
        self.tree(extracted.folder, f"{label}:", whose, depth + 1, extracted.damaged,
                  is_zip=True)

    def extract(self, path: Path) -> archive.Extracted:
        self.zips += 1
        extracted = archive.extract(path, self.scratch / f"zip-{self.zips}", self.room)
        self.room -= extracted.size
        return extracted

    def receipt(self, path: Path, label: str, whose: lms.Owner) -> None:
        """A Blackboard receipt is read for the student's display name, not graded."""
        try:
            name = lms.receipt_name(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            name = None
        if name:
            self.receipts[whose.key] = name
        else:
            self._add(Skipped(whose.student, label, "a Blackboard receipt without a name"),
                      whose)

    def _add(self, item: Submission | Skipped, whose: lms.Owner | None) -> None:
        if whose is None:
            whose = lms.Owner(f"skipped:{item.label}", "", "")
        self.owners.append((item, whose))


def _distinct_ids(owners: list[tuple[object, lms.Owner]]) -> tuple[dict[str, str], list[str]]:
    """A gradebook id per owner key: its own id, or id + tag where different keys collide."""
    keys_of: dict[str, set[str]] = defaultdict(set)
    for _, owner in owners:
        if owner.student:
            keys_of[owner.student].add(owner.key)
    ids, warnings = {}, []
    for student, keys in sorted(keys_of.items()):
        if len(keys) == 1:
            ids[next(iter(keys))] = student
            continue
        tagged = {key: f"{student}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"
                  for key in sorted(keys)}
        ids.update(tagged)
        names = ", ".join(f"{key.split(':', 1)[1]!r} as {tagged[key]}" for key in sorted(keys))
        warnings.append(f"{len(keys)} different students would all have the id {student!r}; "
                        f"they are kept apart: {names}")
    return ids, warnings


def collect(arguments: list[Path], scratch: Path, exclude: Path | None = None) -> Collected:
    """Every submission and skipped file in `arguments` (nothing under `exclude`)."""
    walker = _Walker(scratch, exclude.resolve() if exclude is not None else None)
    for argument in arguments:
        if not argument.exists():
            raise UsageError(f"no such file or folder: {argument}")
        if argument.is_dir():
            walker.tree(argument, f"{argument.resolve().name}/", None, 0)
        elif argument.suffix.lower() == ".zip":
            extracted = walker.extract(argument)
            walker.tree(extracted.folder, f"{argument.name}:", None, 1, extracted.damaged,
                        is_zip=True)
        else:
            whose = lms.from_file_name(argument.name) or lms.from_plain_name(argument.name)
            stamp = argument.stat().st_mtime
            walker.owners.append((Submission(whose.student, argument, argument.name, whose.name,
                                             whose.late, (*whose.order, stamp)), whose))
    ids, warnings = _distinct_ids(walker.owners)
    found = walker.found
    found.warnings += warnings
    for item, owner in walker.owners:
        student = ids.get(owner.key, item.student)
        if isinstance(item, Submission):
            name = walker.receipts.get(owner.key) or item.name or student
            found.submissions.append(replace(item, student=student, name=name, key=owner.key))
        else:
            found.skipped.append(replace(item, student=student))
    if not found.submissions:
        raise UsageError("no submissions found in "
                         f"{', '.join(str(a) for a in arguments)}: give .ipynb files, "
                         "folders of them, or an LMS .zip")
    return found
