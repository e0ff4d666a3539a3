"""Fresh student environments: a venv of some Python, what a notebook service has, and
a way to "Run all" notebooks in it, as a student would.

Shared by tests/test_students.py and bench/student_run_all.py. Nothing here needs the
network: the venv's packages come from a wheelhouse that ``make student-wheels``
filled (VNSC_WHEELHOUSE, default ~/.cache/vnsmartcity/wheelhouse/pyX.Y), and pip
in the notebooks sees only PIP_FIND_LINKS (the folder of the course wheel), with
the index and the machine's pip configuration switched off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV_REQUIREMENTS = ROOT / "tests" / "student-env.txt"
WHEELHOUSE = Path(os.environ.get("VNSC_WHEELHOUSE",
                                  Path.home() / ".cache" / "vnsmartcity" / "wheelhouse"))
LEAKY = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR",
         "JUPYTER_DATA_DIR", "IPYTHONDIR", "MPLBACKEND")

# Runs inside the student venv (its own Python, its nbclient): executes each notebook
# from the top as "Run all" does, one kernel per notebook, and records when each cell
# finished. Errors are recorded, not raised, so the test can name the cell.
DRIVER = r"""
import json, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient
out = Path(sys.argv[1])
timings = {}
for name in sys.argv[2:]:
    path = Path(name)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        ready = time.perf_counter() - start
        cells = []
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
            cells.append(time.perf_counter() - start)
    timings[path.name] = {"kernel_ready": ready, "cells": cells}
    nbformat.write(notebook, out / path.name)
(out / "timings.json").write_text(json.dumps(timings))
"""


# Which Pythons the student tests ran on, for the end of pytest's report (conftest.py).
PYTHONS_USED = pytest.StashKey[dict]()


class EnvironmentMissing(RuntimeError):
    """The wheels of a student environment are not on this machine (run make student-wheels)."""


@dataclass(frozen=True)
class StudentEnv:
    """A venv of one Python with a notebook runner, pandas and matplotlib."""

    version: str
    folder: Path
    seconds_to_create: float

    @property
    def python(self) -> Path:
        return self.folder / "bin" / "python"

    def environ(self, find_links: Path) -> dict[str, str]:
        """The environment of a student's kernel: offline pip that sees `find_links` only."""
        env = {key: value for key, value in os.environ.items()
               if key not in LEAKY and not key.startswith("PIP_")}
        env.update(PATH=f"{self.folder / 'bin'}{os.pathsep}{env.get('PATH', '')}",
                   PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1",
                   PIP_FIND_LINKS=str(find_links), PIP_DISABLE_PIP_VERSION_CHECK="1")
        return env

    def has_package(self, name: str) -> bool:
        result = subprocess.run([str(self.python), "-m", "pip", "show", "-q", name],
                                capture_output=True, env=self.environ(Path(os.devnull)))
        return result.returncode == 0

    def run_all(self, notebooks: list[Path], out: Path, find_links: Path) -> dict:
        """Execute `notebooks` in order into `out`; return the cell timings by file name."""
        out.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([str(self.python), "-c", DRIVER, str(out), *map(str, notebooks)],
                                capture_output=True, text=True, timeout=1800,
                                env=self.environ(find_links))
        if result.returncode:
            raise AssertionError(f"Python {self.version}: the notebook runner failed:\n"
                                 f"{result.stdout[-3000:]}{result.stderr[-3000:]}")
        return json.loads((out / "timings.json").read_text())


def create(version: str, python: str, folder: Path) -> StudentEnv:
    """A fresh venv of `python` with tests/student-env.txt installed from the wheelhouse."""
    wheels = WHEELHOUSE / f"py{version}"
    if not wheels.is_dir() or not any(wheels.iterdir()):
        raise EnvironmentMissing(f"no wheels for Python {version} in {wheels}: run "
                                 "`make student-wheels` once (it needs PyPI)")
    start = time.perf_counter()
    subprocess.run([python, "-m", "venv", str(folder)], check=True, capture_output=True)
    env = StudentEnv(version, folder, 0.0)
    result = subprocess.run(
        [str(env.python), "-m", "pip", "install", "-q", "--no-index", "--find-links", str(wheels),
         "-r", str(ENV_REQUIREMENTS)],
        capture_output=True, text=True, env=env.environ(wheels))
    if result.returncode:
        raise EnvironmentMissing(f"the wheels in {wheels} do not install on Python {version} "
                                 f"(run `make student-wheels`): {result.stderr.strip()[-500:]}")
    return StudentEnv(version, folder, time.perf_counter() - start)


def build_wheel(out: Path, source: Path = ROOT) -> Path:
    """Build the course wheel from `source` into `out` with this Python (offline)."""
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--outdir", str(out), str(source)], check=True, capture_output=True)
    return next(out.glob("vnsmartcity-*.whl"))
