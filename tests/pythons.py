"""Find the Pythons that students may have (3.10, 3.12, 3.13) on this machine.

Used by tests/test_students.py and by ``make student-wheels``. A pyenv shim such as
``python3.12`` exists even when that version is not selected (and then fails), so
each candidate is run once; pyenv's versions folder is searched as well.

    python tests/pythons.py 3.10 3.12 3.13   # prints "3.12 /path/to/python3.12" lines
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

STUDENT_PYTHONS = ("3.10", "3.12", "3.13")


def _candidates(version: str) -> list[str]:
    found = [shutil.which(f"python{version}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found += sorted(str(p) for p in pyenv.glob(f"{version}.*/bin/python{version}"))
    return [c for c in found if c]


def find_python(version: str) -> str | None:
    """The path of a working Python `version` (e.g. "3.12"), or None."""
    for candidate in _candidates(version):
        try:
            result = subprocess.run(
                [candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0 and result.stdout.strip() == version:
            return candidate
    return None


def find_pythons(versions: tuple[str, ...] = STUDENT_PYTHONS) -> dict[str, str]:
    """Version -> path, for those of `versions` that this machine has."""
    found = {version: find_python(version) for version in versions}
    return {version: path for version, path in found.items() if path}


if __name__ == "__main__":
    for version, path in find_pythons(tuple(sys.argv[1:]) or STUDENT_PYTHONS).items():
        print(version, path)
