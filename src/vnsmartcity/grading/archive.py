"""Extract an LMS zip safely, entry by entry, so one damaged entry costs one student only.

Refused: absolute paths, ``..``, links, and zips too large or with too many files to
be a class's submissions (a zip bomb). An entry that cannot be read (a bad CRC, a
truncated or encrypted entry, one larger than it claims) is reported in
`Extracted.damaged` with the reason, and every other entry is extracted.
"""

from __future__ import annotations

import os
import re
import stat
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from vnsmartcity.errors import UsageError

MAX_ZIP_BYTES = 4 * 2**30
MAX_ZIP_FILES = 100_000
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
           ValueError)


@dataclass
class Extracted:
    """Where the zip went, and the entries (as path parts) that could not be read."""

    folder: Path
    damaged: dict[tuple[str, ...], str] = field(default_factory=dict)
    size: int = 0


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it (UTF-8 even when not flagged so)."""
    name = info.filename
    if not info.flag_bits & 0x800:  # not flagged UTF-8: zipfile read it as cp437
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def safe_parts(name: str) -> tuple[str, ...] | None:
    """The path parts of an entry, or None for an absolute or escaping path."""
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if not parts or ".." in parts:
        return None
    return parts


def _copy(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path) -> None:
    with bundle.open(info) as source, open(destination, "wb") as sink:
        remaining = info.file_size + 1
        while chunk := source.read(min(2**20, remaining)):
            remaining -= len(chunk)
            if remaining <= 0:
                raise ValueError("the entry is larger than the zip says")
            sink.write(chunk)
    try:  # keep the upload's time: "latest" among several files of one student uses it
        stamp = time.mktime((*info.date_time, 0, 0, -1))
        os.utime(destination, (stamp, stamp))
    except (OverflowError, ValueError, OSError):
        pass


def _reason(error: Exception) -> str:
    if isinstance(error, RuntimeError) and "encrypted" in str(error):
        return "the file is password-protected in the zip"
    return f"the file is damaged in the zip ({type(error).__name__}: {str(error)[:80]})"


def extract(archive: Path, target: Path, room: int = MAX_ZIP_BYTES) -> Extracted:
    """Extract `archive` into `target`; a zip that cannot be opened at all is a `UsageError`.

    `room` is how many bytes may still be extracted: zips inside zips share one budget.
    """
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise UsageError(f"{archive}: not a readable zip file ({error}); download it "
                         "again from the LMS") from None
    extracted = Extracted(target)
    with bundle:
        entries = []
        for info in bundle.infolist():
            mode = info.external_attr >> 16
            if info.is_dir() or stat.S_ISLNK(mode):
                continue
            parts = safe_parts(entry_name(info))
            if parts is not None:
                entries.append((parts, info))
        extracted.size = sum(i.file_size for _, i in entries)
        if len(entries) > MAX_ZIP_FILES or extracted.size > room:
            raise UsageError(f"{archive}: too many or too large files to be a class's submissions")
        target.mkdir(parents=True, exist_ok=True)
        root = target.resolve()
        for parts, info in entries:
            destination = root.joinpath(*parts)
            if root not in destination.resolve().parents:
                continue
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                _copy(bundle, info, destination)
            except DAMAGED as error:
                if destination.is_file():
                    destination.unlink()
                extracted.damaged[parts] = _reason(error)
    return extracted
