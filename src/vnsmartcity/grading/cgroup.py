"""Memory and process caps that hold for root: a cgroup per kernel (cgroup v1).

Resource limits (`limits.py`) are per process, and the process-count limit is
ignored for root. A cgroup caps the kernel *and everything it starts* together:
its total memory and its number of processes and threads (a fork bomb stops at
the cap), and it lists every one of them, so the grader can kill them all.

One run owns ``vnsmartcity-<pid>-<start>`` under its own cgroup in the
``memory`` and ``pids`` hierarchies, with one child per kernel. The run removes
its groups at the end, killing what is left in them; a later run removes the
groups of runs whose process is gone. Where the v1 ``memory`` and ``pids``
controllers cannot be written (not root, cgroup v2 only), `RunGroup.create`
gives None and the per-process limits are all there is.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from vnsmartcity.grading.scratch import is_alive, owner_tag

MOUNT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "pids")
PREFIX = "vnsmartcity-"


def _own_folder(controller: str) -> Path | None:
    """This process's cgroup folder in the v1 hierarchy of `controller`, if mounted."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, names, path = line.split(":", 2)
        if controller in names.split(","):
            folder = MOUNT / controller / path.lstrip("/")
            return folder if (folder / "cgroup.procs").is_file() else None
    return None


def _kill_members(folder: Path) -> None:
    """SIGKILL every process in `folder` until it is empty (new ones may appear at first)."""
    for _ in range(200):
        try:
            pids = [int(p) for p in (folder / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.02)


def _remove_tree(folder: Path) -> None:
    """Kill the processes of `folder` and its children, then remove the groups."""
    if not folder.is_dir():
        return
    for child in [p for p in folder.iterdir() if p.is_dir()]:
        _remove_tree(child)
    _kill_members(folder)
    for _ in range(50):  # a killed process leaves its group a moment after the signal
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


class KernelGroup:
    """The cgroups of one kernel: join them before exec, kill and remove them after."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    @property
    def procs_files(self) -> list[str]:
        return [str(f / "cgroup.procs") for f in self.folders]

    def close(self) -> None:
        for folder in self.folders:
            _remove_tree(folder)


class RunGroup:
    """The cgroups of one grading run."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    @classmethod
    def create(cls) -> RunGroup | None:
        """The run's groups, after removing stale ones; None where cgroups cannot be used."""
        parents = [_own_folder(c) for c in CONTROLLERS]
        if None in parents:
            return None
        name = PREFIX + owner_tag().replace(" ", "-")
        folders = []
        try:
            for parent in parents:
                assert parent is not None
                _sweep(parent)
                (parent / name).mkdir()
                folders.append(parent / name)
        except OSError:
            for folder in folders:
                _remove_tree(folder)
            return None
        return cls(folders)

    def kernel(self, name: str, memory_bytes: int, tasks: int) -> KernelGroup | None:
        """A new group for one kernel, capped at `memory_bytes` and `tasks` processes."""
        memory, pids = (folder / name for folder in self.folders)
        try:
            memory.mkdir()
            pids.mkdir()
            (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
            (pids / "pids.max").write_text(str(tasks))
        except OSError:
            _remove_tree(memory)
            _remove_tree(pids)
            return None
        return KernelGroup([memory, pids])

    def close(self) -> None:
        """Kill every process still in the run's groups and remove them."""
        for folder in self.folders:
            _remove_tree(folder)


def _sweep(parent: Path) -> None:
    """Remove the groups of runs whose process is gone."""
    for folder in parent.glob(PREFIX + "*"):
        tag = folder.name[len(PREFIX):].replace("-", " ", 1)
        if folder.is_dir() and not is_alive(tag):
            _remove_tree(folder)
