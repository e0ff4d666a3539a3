"""Find the submissions in the grader's arguments: notebooks, folders and LMS zips.

The student id rule (also in the CLI help and the instructor guide):

1. a file inside a per-student folder (a first-level sub-folder of a folder or
   zip given to the grader) belongs to that folder's name:
   ``submissions/alice/ex03-provinces.ipynb`` -> ``alice``;
2. otherwise the file name up to the first ``_`` (as LMS bulk downloads name
   files): ``alice_ex03-provinces.ipynb`` -> ``alice``;
3. otherwise the file name without extension: ``alice.ipynb`` -> ``alice``.

In folders and zips every ``.ipynb`` counts, and so does any other file whose
name names an exercise (``alice_ex03.pdf``: it is then graded as not a notebook);
hidden files, ``__MACOSX`` and ``.ipynb_checkpoints`` are skipped. A file named
on the command line always counts. A zip whose entries all sit in one top folder
is read as if that folder were the zip. Zips are extracted into a private
temporary folder, refusing absolute paths, ``..``, links and zip bombs.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from vnsmartcity.cli import UsageError
from vnsmartcity.grading.validate import name_exercise

SKIPPED = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}
MAX_ZIP_BYTES = 4 * 2**30
MAX_ZIP_FILES = 100_000


@dataclass(frozen=True)
class Submission:
    """One handed-in file: whose it is, where it is, and how to name it in messages."""

    student: str
    path: Path
    label: str


def clean_id(name: str) -> str:
    """A student id safe as a file name: letters (any script), digits, space, . - @ +."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(c if c.isalnum() or c in " .-@+" else "_" for c in name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:100] or "unknown"


def student_from_name(file_name: str) -> str:
    """Rules 2 and 3: the file name up to the first "_", else its stem."""
    head = file_name.split("_", 1)[0] if "_" in file_name else ""
    return clean_id(head or Path(file_name).stem)


def _wanted(path: Path, rel: PurePosixPath) -> bool:
    if any(part in SKIPPED or part.startswith(".") for part in rel.parts):
        return False
    return path.suffix.lower() == ".ipynb" or name_exercise(path.name) is not None


def _from_folder(root: Path, label: str, exclude: Path | None = None) -> list[Submission]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if exclude is not None and exclude in path.resolve().parents:
            continue
        rel = PurePosixPath(path.relative_to(root).as_posix())
        if not _wanted(path, rel):
            continue
        student = clean_id(rel.parts[0]) if len(rel.parts) > 1 else student_from_name(rel.name)
        found.append(Submission(student, path, f"{label}{rel}"))
    return found


def _entry_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # not flagged UTF-8: zipfile read it as cp437
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _safe_parts(name: str) -> tuple[str, ...] | None:
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if not parts or ".." in parts:
        return None
    return parts


def extract_zip(archive: Path, target: Path) -> Path:
    """Extract `archive` safely into `target`; the folder to read submissions from."""
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise UsageError(f"{archive}: not a readable zip file ({error})") from None
    with bundle:
        entries = []
        for info in bundle.infolist():
            mode = info.external_attr >> 16
            if info.is_dir() or stat.S_ISLNK(mode):
                continue
            parts = _safe_parts(_entry_name(info))
            if parts is not None:
                entries.append((parts, info))
        if len(entries) > MAX_ZIP_FILES or sum(i.file_size for _, i in entries) > MAX_ZIP_BYTES:
            raise UsageError(f"{archive}: too many or too large files to be a class's submissions")
        tops = {parts[0] for parts, _ in entries}
        strip = 1 if len(tops) == 1 and all(len(parts) > 1 for parts, _ in entries) else 0
        target.mkdir(parents=True, exist_ok=True)
        root = target.resolve()
        for parts, info in entries:
            destination = root.joinpath(*parts[strip:])
            if root not in destination.resolve().parents:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(info) as source, open(destination, "wb") as sink:
                remaining = info.file_size + 1
                while chunk := source.read(min(2**20, remaining)):
                    remaining -= len(chunk)
                    if remaining <= 0:
                        raise UsageError(f"{archive}: an entry is larger than it claims")
                    sink.write(chunk)
    return target


def collect(arguments: list[Path], scratch: Path,
            exclude: Path | None = None) -> list[Submission]:
    """Every submission in `arguments` (nothing under `exclude`); zips go under `scratch`."""
    found: list[Submission] = []
    exclude = exclude.resolve() if exclude is not None else None
    for number, argument in enumerate(arguments):
        if not argument.exists():
            raise UsageError(f"no such file or folder: {argument}")
        if argument.is_dir():
            found += _from_folder(argument, f"{argument.resolve().name}/", exclude)
        elif argument.suffix.lower() == ".zip":
            folder = extract_zip(argument, scratch / f"zip-{number}")
            found += _from_folder(folder, f"{argument.name}:")
        else:
            found.append(Submission(student_from_name(argument.name), argument, argument.name))
    if not found:
        raise UsageError("no submissions found in "
                         f"{', '.join(str(a) for a in arguments)}: give .ipynb files, "
                         "folders of them, or an LMS .zip")
    return found
