"""The grader's scratch folders: made with an owner tag, removed safely, stale ones swept.

A run's scratch root (``$TMPDIR/vnsc-run-*``) holds the extracted zips and the
kernels' folders. It is removed at the end of the run; a run that was killed
(SIGKILL, a power cut) cannot remove it, so every run first removes the roots of
runs whose process is gone (the ``owner`` file names its pid and start time).

Removal never follows a symbolic link: a notebook may leave links to folders
outside its own in its work folder, and the grader must not touch those.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

PREFIX = "vnsc-run-"
OWNER = "owner"


def process_start(pid: int) -> str | None:
    """The start time of process `pid` (clock ticks since boot), or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[-1].split()[19]


def owner_tag() -> str:
    """This process, as "pid start-time": unique even after the pid is reused."""
    return f"{os.getpid()} {process_start(os.getpid())}"


def is_alive(tag: str) -> bool:
    """Whether the process named by an `owner_tag` still runs."""
    try:
        pid, start = tag.split()
        return process_start(int(pid)) == start
    except ValueError:
        return False


def remove(folder: Path) -> None:
    """Delete `folder` and everything in it, whatever the modes; never through a link."""
    def unlock(function: object, path: str, _: object) -> None:
        try:
            if not stat.S_ISLNK(os.lstat(path).st_mode):
                parent = os.path.dirname(path)
                os.chmod(parent, 0o700)  # a folder the notebook made unreadable
                if os.path.isdir(path) and not os.path.islink(path):
                    os.chmod(path, 0o700)
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) \
                else os.unlink(path)
        except OSError:
            pass

    try:
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            folder.unlink()
            return
    except FileNotFoundError:
        return
    for root, dirs, _ in os.walk(folder):  # os.walk does not descend into links
        for name in dirs:
            path = os.path.join(root, name)
            try:
                if not stat.S_ISLNK(os.lstat(path).st_mode):
                    os.chmod(path, 0o700)
            except OSError:
                pass
    shutil.rmtree(folder, onerror=unlock)


def make_root() -> Path:
    """A new scratch root for this run, tagged with its owner."""
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / OWNER).write_text(owner_tag(), encoding="utf-8")
    return root


def sweep_stale(parent: Path | None = None) -> int:
    """Remove the scratch roots of runs that are no longer running; how many."""
    parent = Path(parent or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            tag = (Path(entry.path) / OWNER).read_text(encoding="utf-8")
        except OSError:
            continue
        if not is_alive(tag):
            remove(Path(entry.path))
            removed += 1
    return removed
