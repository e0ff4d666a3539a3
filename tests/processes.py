"""Find the processes of one grading run, for the sandbox tests and the grading bench.

A run is started with a unique mark in its environment; every process it starts,
kernels included, inherits it, so /proc tells which of them are still alive.
"""

from __future__ import annotations

import os
from pathlib import Path


def marked(mark: str) -> list[int]:
    """Processes whose environment holds `mark`: the processes of one run."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and mark.encode() in Path(f"/proc/{entry}/environ").read_bytes():
                found.append(int(entry))
        except OSError:
            continue
    return found
