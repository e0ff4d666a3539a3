"""The grader's own files: refuse planted ones, fingerprint them, notice any change.

What decides a grade is the code in ``check/``, ``checks/`` and ``grading/`` and
the course data in ``data/``. A notebook that could write there (no sandbox, or
an earlier run without one) could pass everybody, invisibly: by editing a
file, by planting a ``.pyc`` stamped with the real source's time and size
(Python then loads it instead of the unchanged ``.py``), or by adding a ``.pth``
file to the virtualenv (Python runs it at every start). So:

* `strays` lists ``.pyc`` files in those folders that were not compiled from the
  source next to them, and ``.pth``/``sitecustomize`` files on the import path
  that no installed distribution's RECORD vouches for (but those of the system's
  package manager): the grader refuses to run;
* `digest` hashes every file of those folders (but ``__pycache__``) and the
  ``.pth`` files: it is part
  of the result cache's key, and is taken again at the end of the run;
* `stamp` is a cheap check (inode, size, modification and change time of every
  one of those files) made before each result is cached: a change time cannot be
  set back, so an edit that restores the bytes and the modification time shows.
"""

from __future__ import annotations

import base64
import hashlib
import marshal
import os
import site
import sys
from importlib.metadata import distributions
from pathlib import Path

import vnsmartcity

FOLDERS = ("check", "checks", "grading", "data", "locale")
STARTUP_NAMES = ("sitecustomize.py", "usercustomize.py")
SYSTEM_SITE = "/usr/lib/python3"
PACKAGE = Path(vnsmartcity.__file__).resolve().parent


def _files(package: Path, bytecode: bool = False) -> list[Path]:
    """Every file under the grader's folders, links included (as links), sorted.

    Without `bytecode`, ``__pycache__`` is left out: Python may add to it while
    the grader runs; `strays` checks what is in it.
    """
    found = []
    for folder in FOLDERS:
        for root, dirs, names in os.walk(package / folder):
            dirs[:] = sorted(d for d in dirs if bytecode or d != "__pycache__")
            found += [Path(root) / name for name in sorted(names)]
    return found


def _site_folders() -> list[Path]:
    folders = [*site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    return [Path(f) for f in dict.fromkeys(folders) if Path(f).is_dir()]


def _startup_files(managed: bool = True) -> list[Path]:
    """The .pth and sitecustomize files Python runs at start-up, from every site folder.

    Without `managed`, those of the system's package manager (``/usr/lib/python3*``,
    where Debian installs them without a RECORD) are left out.
    """
    folders = [f for f in _site_folders() if managed or not str(f).startswith(SYSTEM_SITE)]
    return sorted(p for folder in folders for p in folder.iterdir()
                  if p.suffix == ".pth" or p.name in STARTUP_NAMES)


def _vouched() -> dict[Path, str]:
    """Start-up files that installed distributions list in their RECORD, with their hash."""
    known = {}
    for distribution in distributions():
        for entry in distribution.files or []:
            if (entry.name.endswith(".pth") or entry.name in STARTUP_NAMES) and entry.hash:
                known[Path(str(entry.locate())).resolve()] = entry.hash.value
    return known


def _same_code(pyc: Path, source: Path) -> bool:
    """Whether `pyc` holds exactly the code compiled from `source`."""
    level = 1 if ".opt-1." in pyc.name else 2 if ".opt-2." in pyc.name else 0
    try:
        stored = marshal.loads(pyc.read_bytes()[16:])
        return stored == compile(source.read_bytes(), str(source), "exec", dont_inherit=True,
                                 optimize=level)
    except (ValueError, EOFError, TypeError, SyntaxError, OSError):
        return False


def strays(package: Path = PACKAGE) -> list[Path]:
    """Planted files: bytecode not from its source, start-up files no RECORD vouches for."""
    found = []
    tag = sys.implementation.cache_tag
    for path in _files(package, bytecode=True):
        if path.suffix != ".pyc":
            continue
        if path.parent.name != "__pycache__":  # loaded when there is no .py beside it
            found.append(path)
            continue
        stem, _, rest = path.name.partition(".")
        source = path.parent.parent / f"{stem}.py"
        if rest.startswith(tag + ".") and source.is_file() and not _same_code(path, source):
            found.append(path)
    known = _vouched()
    for path in _startup_files(managed=False):
        digest = base64.urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest())
        if known.get(path.resolve()) != digest.decode().rstrip("="):
            found.append(path)
    return found


def digest(package: Path = PACKAGE) -> str:
    """A hash of the version, every file of the grader's folders, and the start-up files."""
    hashed = hashlib.sha256(vnsmartcity.__version__.encode())
    for path in [*_files(package), *_startup_files()]:
        hashed.update(str(path).encode() + b"\0")
        hashed.update(os.readlink(path).encode() if path.is_symlink() else path.read_bytes())
    return hashed.hexdigest()


def stamp(package: Path = PACKAGE) -> tuple:
    """Inode, size and times of every one of those files: any change alters it."""
    entries = []
    for path in [*_files(package), *_startup_files()]:
        try:
            info = path.lstat()
        except OSError:
            continue
        entries.append((str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(entries)
