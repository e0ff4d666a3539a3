"""The grading kernel's sandbox: bubblewrap (`bwrap`), the tool Flatpak uses.

A notebook is code the grader did not write, run on the grader's machine, often
as root. Inside the sandbox a kernel sees only what it needs, read-only: the
system's programs and libraries, the Python that runs the grader and the
folders on that Python's import path (the course package). It has its own
writable work folder and ``/tmp``, its own PID namespace (it cannot see or
signal the grader, the workers or other kernels), no network (the grader talks
to it over ZMQ ``ipc://`` sockets in its private folder), no capabilities, and
none of the grader's environment variables. It cannot see the scratch root, the
other submissions, ``--out`` or the grader's IPython profile, because they are
not mounted. ``--die-with-parent`` and the PID namespace make sure that nothing
it started outlives it: when the kernel ends, the namespace ends.

`find` says whether the sandbox works here (it needs user namespaces; there is
no bubblewrap on macOS) and, if not, why, in one line for the grader to print.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
# Secrets root can read, inside the read-only /etc: covered by empty stand-ins.
MASKED_FILES = ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-",
                "/etc/sudoers")
MASKED_FOLDERS = ("/etc/ssh", "/etc/sudoers.d", "/etc/ssl/private")
PASSED_VARIABLES = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH")
OFF = "VNSC_SANDBOX"  # VNSC_SANDBOX=off: grade without the sandbox (for tests, or on purpose)


@dataclass(frozen=True)
class Sandbox:
    """A bubblewrap that works here, and the folders a kernel may read."""

    bwrap: str
    readable: tuple[str, ...]

    def command(self, kernel: list[str], work: Path, private: Path,
                env: dict[str, str]) -> list[str]:
        """`kernel` wrapped in bwrap: `work` and `private` writable, `env` its only variables."""
        args = [self.bwrap, "--unshare-all", "--unshare-user", "--cap-drop", "ALL",
                "--die-with-parent", "--hostname", "grader"]
        # /tmp first: Python or the course package may live under it (a clone in
        # /tmp), and bwrap mounts in order, so their read-only binds go on top.
        args += ["--tmpfs", "/tmp"]
        for path in self.readable:
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
            else:
                args += ["--ro-bind", path, path]
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += [a for f in MASKED_FILES if os.path.isfile(f)
                 for a in ("--ro-bind", "/dev/null", f)]
        args += [a for d in MASKED_FOLDERS if os.path.isdir(d) for a in ("--tmpfs", d)]
        args += ["--bind", str(private), str(private), "--bind", str(work), str(work),
                 "--chdir", str(work), "--clearenv"]
        for name, value in sorted(env.items()):
            args += ["--setenv", name, value]
        return [*args, "--", *kernel]


def kernel_variables(env: dict[str, str]) -> dict[str, str]:
    """The variables a sandboxed kernel gets: `env`'s own settings, locale, VNSC_*; no secrets."""
    passed = {k: v for k, v in os.environ.items()
              if k in PASSED_VARIABLES or k.startswith("VNSC_")}
    bin_folder = str(Path(sys.executable).parent)
    return {**passed, **env, "PATH": f"{bin_folder}:/usr/local/bin:/usr/bin:/bin",
            "HOME": "/tmp"}


@functools.cache
def font_caches() -> tuple[Path, ...]:
    """Matplotlib's font list, built outside the sandbox: building it takes seconds.

    A sandboxed kernel gets a copy in its own matplotlib folder (`prepare`), so
    that ``import matplotlib.pyplot`` is as quick as outside.
    """
    try:
        import matplotlib
        from matplotlib import font_manager  # noqa: F401  (builds the list if missing)
    except Exception:
        return ()
    return tuple(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))


def prepare(private: Path) -> dict[str, str]:
    """Fill a kernel's private folder; the variables that point the kernel to it."""
    folder = private / "matplotlib"
    folder.mkdir(exist_ok=True)
    for cache in font_caches():
        shutil.copyfile(cache, folder / cache.name)
    return {"MPLCONFIGDIR": str(folder)}


def _import_path() -> list[str]:
    """The folders the kernel's Python imports from (the venv, an editable src/, ...)."""
    probe = "import json, sys; print(json.dumps(sys.path))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, check=True, cwd="/")
    return [p for p in json.loads(result.stdout) if p and os.path.isabs(p)]


def _readable() -> tuple[str, ...]:
    """System folders, then Python's prefixes and import path, without nested repeats."""
    wanted = [p for p in SYSTEM if os.path.lexists(p)]
    python = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              str(Path(os.path.realpath(sys.executable)).parent), *_import_path()]
    folders = []
    for path in python:
        real = os.path.realpath(path)
        target = real if os.path.isdir(real) else str(Path(real).parent)
        if os.path.isdir(target):
            folders.append(target)
        if path != real and os.path.isdir(path) and not os.path.islink(path):
            folders.append(path)
    chosen: list[str] = list(wanted)
    for folder in sorted(set(folders), key=len):
        covered = any(folder == c or folder.startswith(c.rstrip("/") + "/")
                      for c in chosen if not os.path.islink(c))
        if not covered:
            chosen.append(folder)
    return tuple(chosen)


def find() -> Sandbox | str:
    """A working sandbox, or one line that says why there is none."""
    if os.environ.get(OFF, "").lower() in ("off", "0", "no"):
        return f"the sandbox is turned off ({OFF}=off)"
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    try:
        sandbox = Sandbox(bwrap, _readable())
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        return f"the kernel's Python could not be inspected ({type(error).__name__})"
    try:
        with tempfile.TemporaryDirectory(prefix="vnsc-probe-") as folder:
            probe = Path(folder)
            command = sandbox.command([sys.executable, "-c", "import vnsmartcity"],
                                      probe, probe, kernel_variables({}))
            result = subprocess.run(command, capture_output=True, text=True, timeout=60,
                                    stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as error:
        return f"bubblewrap could not start ({type(error).__name__})"
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        return f"bubblewrap cannot start a sandbox here ({lines[-1][:160]})"
    return sandbox
