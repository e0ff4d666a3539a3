"""Shared fixtures: the repository root and one book build per test session.

The book is built once, from a temporary copy of the repository, with warnings
as errors, so every test that reads the HTML reads the same fresh build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.student_envs import PYTHONS_USED

ROOT = Path(__file__).resolve().parent.parent
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", "*.egg-info",
                                     ".pytest_cache", ".ruff_cache", "release", "grades")


@dataclass(frozen=True)
class Build:
    """A finished book build: where its HTML is and what it printed."""

    html: Path
    log: str
    returncode: int


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the book from a temporary copy of the repository (-W -n --keep-going)."""
    copy = tmp_path_factory.mktemp("book") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(copy), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=1800,
    )
    return Build(copy / "_build" / "html", result.stdout + result.stderr, result.returncode)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which Pythons the students' notebooks ran on (tests/test_students.py)."""
    used = terminalreporter.config.stash.get(PYTHONS_USED, {})
    if used:
        terminalreporter.write_sep("-", "student notebooks ran on")
        for version, line in sorted(used.items()):
            terminalreporter.write_line(f"Python {version}: {line}")
