"""Shared fixtures: the repository root and one book build per test session.

The book is built once, from a temporary copy of the repository, with warnings
as errors, both editions as `make book` builds them (book/_tools/editions.py:
English at html/, Vietnamese at html/vi/), so every test that reads the HTML reads
the same fresh build.
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
EDITIONS = ("en", "vi")  # as the Makefile's EDITIONS: the source first
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", "*.egg-info",
                                     ".pytest_cache", ".ruff_cache", "release", "grades")


@dataclass(frozen=True)
class Build:
    """A finished book build: where its HTML is and what it printed."""

    html: Path
    log: str
    returncode: int

    def edition(self, language: str) -> Path:
        """The HTML of one edition: the site root for English, vi/ under it."""
        return self.html if language == EDITIONS[0] else self.html / language


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build both editions from a temporary copy of the repository (-W -n --keep-going)."""
    copy = tmp_path_factory.mktemp("book") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    log, returncode = "", 0
    for edition in EDITIONS:
        result = subprocess.run(
            [sys.executable, str(copy / "book" / "_tools" / "editions.py"), edition,
             "--", "-W", "-n", "--keep-going"],
            capture_output=True, text=True, timeout=1800, cwd=copy,
        )
        log += f"--- {edition} edition\n{result.stdout}{result.stderr}"
        returncode = returncode or result.returncode
    return Build(copy / "_build" / "html", log, returncode)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which Pythons the students' notebooks ran on (tests/test_students.py)."""
    used = terminalreporter.config.stash.get(PYTHONS_USED, {})
    if used:
        terminalreporter.write_sep("-", "student notebooks ran on")
        for version, line in sorted(used.items()):
            terminalreporter.write_line(f"Python {version}: {line}")
