"""The grader against hostile notebooks (issue 9): sandbox, cleanup, deadline, fingerprint.

One whole-class run (`hostile`, the real `vnsmartcity grade` command, --jobs 2, the
class as one LMS zip) grades a hostile student per finding class of the December
2026 report (see `hostile`) next to three honest ones: ``aahonestfull`` (the
solution: 6 auto points), ``aahonestzero`` (the release: 0) and ``zzlatefull``
(the solution again, graded last). Each test asserts the exact rows of its
hostile student and of the honest ones, and that the course package, the
virtualenv and the IPython profile are unchanged. Processes are counted by a
MARK the test puts in the grader's environment (the sandbox passes ``VNSC_*``
variables on): every process of a run carries it.

These tests need bubblewrap; they skip without it, and fail instead when
VNSC_REQUIRE_SANDBOX=1 (or VNSC_REQUIRE_BROWSER=1) is set, as `.ci/run` does.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from pathlib import Path

import IPython.paths
import nbformat
import pytest

import vnsmartcity
from vnsmartcity import cli
from vnsmartcity.check.spec import questions
from vnsmartcity.grading import cgroup, fingerprint, run, sandbox, scratch
from vnsmartcity.grading.execute import GROUP_TASKS, Isolation, execute
from vnsmartcity.grading.kernel import Limits

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402
from processes import marked  # noqa: E402
from submissions import Release, inject, save  # noqa: E402
from test_grading import Graded  # noqa: E402

REQUIRED = "1" in (os.environ.get("VNSC_REQUIRE_SANDBOX"), os.environ.get("VNSC_REQUIRE_BROWSER"))
FOUND = sandbox.find()
if isinstance(FOUND, str) and not REQUIRED:
    pytest.skip(f"sandbox tests skipped: {FOUND}", allow_module_level=True)

CELL = 8  # seconds per cell (the notebook's limit is ten times that)
AUTO = ["3.1", "3.2", "3.3", "3.4"]
VNSC = [str(Path(sys.executable).parent / "vnsmartcity")]
PACKAGE = Path(vnsmartcity.__file__).resolve().parent
VENV = Path(sys.prefix)
PROFILE = Path(IPython.paths.get_ipython_dir())
SABOTAGE = """get_ipython().events.register("post_run_cell", lambda *args: [
    get_ipython().user_ns.pop(name, None)
    for name in ("province_counts", "ioc_per_scheme", "nonbudget_range")])
"""


def grader_profile(folder: Path) -> Path:
    """An IPython profile for the grader whose startup file would zero every student."""
    startup = folder / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-sabotage.py").write_text(SABOTAGE)
    return folder


@pytest.fixture(scope="module", autouse=True)
def sandbox_works() -> None:
    if isinstance(FOUND, str):
        pytest.fail(f"VNSC_REQUIRE_SANDBOX=1 but {FOUND}")


# --- what a run leaves behind -------------------------------------------------------------

def _tree(folder: Path, contents: bool) -> dict[str, tuple]:
    """Every entry under `folder` (but __pycache__): mode; for files size, times (and bytes).

    A folder's times are left out: Python may add a __pycache__ to it meanwhile.
    """
    state: dict[str, tuple] = {}
    if not folder.exists():
        return state
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in dirs:
            state[str(Path(root, name))] = (Path(root, name).lstat().st_mode,)
        for name in names:
            path = Path(root, name)
            info = path.lstat()
            data = path.read_bytes() if contents and not path.is_symlink() else None
            state[str(path)] = (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                                data)
    return state


class Untouched:
    """The package (bytes), the virtualenv and the grader's IPython profile, before a run."""

    def __init__(self, profile: Path) -> None:
        self.profile_folder = profile
        self.package = _tree(PACKAGE, contents=True)
        self.venv = _tree(VENV, contents=False)
        self.profile = _tree(profile, contents=True)

    def assert_same(self) -> None:
        try:
            assert _tree(PACKAGE, contents=True) == self.package
            assert _tree(VENV, contents=False) == self.venv
            assert _tree(self.profile_folder, contents=True) == self.profile
            assert fingerprint.strays() == []
        finally:
            self.restore()

    def restore(self) -> None:
        """Should a test fail, put the grader's files back for the tests after it."""
        for before, folder in ((self.package, PACKAGE), (self.venv, VENV),
                               (self.profile, self.profile_folder)):
            for path in set(_tree(folder, contents=False)) - set(before):
                target = Path(path)
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    target.unlink(missing_ok=True)
        for path, state in self.package.items():
            if len(state) > 1 and state[-1] is not None and Path(path).read_bytes() != state[-1]:
                Path(path).write_bytes(state[-1])



class Watched:
    """`vnsmartcity grade` run as a command, with its processes counted as it runs."""

    def __init__(self, arguments: list[str], mark: str, tmp: Path,
                 profile: Path | None = None) -> None:
        self.mark, self.tmp = mark, tmp
        tmp.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, VNSC_TEST_MARK=mark, TMPDIR=str(tmp))
        if profile is not None:
            env["IPYTHONDIR"] = str(profile)
        self.process = subprocess.Popen([*VNSC, "grade", *arguments, "--jobs", "2",
                                         "--timeout", str(CELL)], env=env,
                                        stderr=subprocess.PIPE, text=True)
        self.peak = 0
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        while self.process.poll() is None:
            self.peak = max(self.peak, len(marked(self.mark)))
            time.sleep(0.1)

    def wait(self) -> tuple[int, str]:
        _, stderr = self.process.communicate(timeout=900)
        self.watcher.join()
        time.sleep(0.5)  # a process killed at the very end is gone from /proc a moment later
        return self.process.returncode, stderr

    def left(self) -> list[int]:
        return marked(self.mark)


# --- the class with one hostile student per finding class --------------------------------

HONEST = ["aahonestfull", "aahonestzero", "zzlatefull"]


def _class(release: Release, hostiles: dict) -> dict:
    return {"aahonestfull": release.solution(), "aahonestzero": release.student(),
            **hostiles, "zzlatefull": release.solution()}


def _zip(notebooks: dict, path: Path, name: str) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for student, nb in notebooks.items():
            bundle.writestr(f"{student}_{name}", nbformat.writes(nb))
    return path


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    return Release(tmp_path_factory.mktemp("release"))


class HostileRun:
    def __init__(self, graded: Graded, status: int, stderr: str, left: list[int], peak: int,
                 outside: Path, tmp: Path, stale: Path, live: Path) -> None:
        self.graded, self.status, self.stderr, self.left, self.peak = (graded, status, stderr,
                                                                        left, peak)
        self.outside, self.tmp, self.stale, self.live = outside, tmp, stale, live


@pytest.fixture(scope="module")
def hostile_run(release: Release, tmp_path_factory: pytest.TempPathFactory) -> HostileRun:
    mark = uuid.uuid4().hex
    root = tmp_path_factory.mktemp(f"hostile-{mark}")
    outside = root / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "keep.txt").write_text("keep")
    outside.chmod(0o755)
    tmp = root / "tmp"
    # A crashed run's scratch root (its owner is gone), and a running one's (this process).
    stale, live = tmp / f"{scratch.PREFIX}crashed", tmp / f"{scratch.PREFIX}running"
    for folder, owner in ((stale, "999999999 1"), (live, scratch.owner_tag())):
        (folder / "submissions").mkdir(parents=True)
        (folder / scratch.OWNER).write_text(owner)
    lms = _zip(_class(release, hostile.build(release, outside, mark)), root / "class.zip",
               release.name)
    zipped = lms.read_bytes()
    profile = grader_profile(root / "ipython")
    untouched = Untouched(profile)
    watched = Watched([str(lms), "--out", str(root / "grades")], mark, tmp, profile)
    status, stderr = watched.wait()
    left = watched.left()
    untouched.assert_same()
    assert lms.read_bytes() == zipped
    return HostileRun(Graded(root / "grades"), status, stderr, left, watched.peak, outside, tmp,
                      stale, live)


def _full(graded: Graded, student: str) -> None:
    assert graded.statuses(student) == {**dict.fromkeys(AUTO, "passed"), "3.5": "manual"}
    assert graded.points(student) == 6


def _zero(graded: Graded, student: str) -> None:
    assert graded.statuses(student) == {**dict.fromkeys(AUTO, "failed"), "3.5": "manual"}
    assert graded.points(student) == 0


def _honest_exact(graded: Graded) -> None:
    _full(graded, "aahonestfull")
    _zero(graded, "aahonestzero")
    _full(graded, "zzlatefull")


def test_the_whole_class_is_graded_sandboxed_and_nothing_is_left(hostile_run):
    assert hostile_run.status == 0, hostile_run.stderr
    assert "without a sandbox" not in hostile_run.stderr
    assert hostile_run.left == []
    assert hostile_run.peak >= 2  # the count sees the run's processes while it runs
    students = {r["student"] for r in hostile_run.graded.rows}
    assert students == {*HONEST, "h1tamper", "h2peers", "h3stopper", "h4leaks", "h5symlink"}
    assert not [p for p in hostile_run.tmp.iterdir() if p.name.startswith("vnsc-run-")
                and p not in (hostile_run.stale, hostile_run.live)]


def test_notebook_cannot_change_the_checks_data_or_virtualenv(hostile_run):
    # c03, c04, c05, c40: source edit, planted .pyc, facts.csv, .pth: a blank notebook gets 0,
    # and the package and the virtualenv are byte-identical (checked in the fixture).
    _zero(hostile_run.graded, "h1tamper")
    _honest_exact(hostile_run.graded)


def test_notebook_cannot_reach_its_classmates(hostile_run):
    # c06, c07, c08, c15, c16, c41: no other notebook, kernel or process in sight; the
    # IPython startup file lands in the kernel's own, discarded folder; and the startup file
    # in the grader's profile (which would zero everybody) is not run by any kernel.
    _zero(hostile_run.graded, "h2peers")
    _honest_exact(hostile_run.graded)


def test_notebook_cannot_stop_or_kill_the_grader(hostile_run):
    # c09, c10, c11, c12: SIGSTOP and SIGKILL of everything it sees reach nothing but its
    # own sandbox: it gets what it computed (the solution: 6), the class is graded.
    _full(hostile_run.graded, "h3stopper")
    _honest_exact(hostile_run.graded)


def test_nothing_a_notebook_starts_outlives_it(hostile_run):
    # c22, c34, c38, c42: 30 detached sleepers, CPU hogs, widget messages: all gone.
    _zero(hostile_run.graded, "h4leaks")
    _honest_exact(hostile_run.graded)
    assert hostile_run.peak >= 30  # the sleepers were seen alive during the run
    assert hostile_run.left == []


def test_cleanup_never_follows_a_symlink(hostile_run):
    # c37: the link to a folder outside, next to a folder the kernel locked.
    _zero(hostile_run.graded, "h5symlink")
    _honest_exact(hostile_run.graded)
    assert hostile_run.outside.stat().st_mode & 0o777 == 0o755
    assert (hostile_run.outside / "inner" / "keep.txt").read_text() == "keep"


def test_stale_scratch_of_a_crashed_run_is_removed(hostile_run):
    assert not hostile_run.stale.exists()
    assert (hostile_run.live / scratch.OWNER).is_file()  # a live run's folder is kept


# --- what a kernel sees and may use -------------------------------------------------------

LOOK_AROUND = '''
import os, pathlib, socket, subprocess
def exists(path):
    return os.path.exists(path)
def writable(path):
    try:
        with open(path, "a"):
            return True
    except OSError:
        return False
started = 0
try:
    for _ in range({tasks} + 50):
        subprocess.Popen(["sleep", "30"], start_new_session=True)
        started += 1
except OSError:
    pass
seen = {{
    "pid": os.getpid(), "ppid": os.getppid(),
    "pids": len([p for p in os.listdir("/proc") if p.isdigit()]),
    "started": started,
    "interfaces": sorted(name for _, name in socket.if_nameindex()),
    "capabilities": [line.split()[1] for line in open("/proc/self/status")
                     if line.startswith("CapEff")],
    "hidden": [p for p in {hidden} if exists(p)],
    "scratch": os.listdir({scratch!r}),
    "writable": [p for p in {readonly} if writable(p)],
    "environment": sorted(os.environ),
}}
'''


def test_a_kernel_sees_only_its_sandbox(release, tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_SECRET_TOKEN", "not for students")
    profile = grader_profile(tmp_path / "ipython")
    monkeypatch.setenv("IPYTHONDIR", str(profile))
    submissions, out, scratch_root = tmp_path / "class", tmp_path / "grades", tmp_path / "run"
    for folder in (submissions, out, scratch_root / "other-kernel"):
        folder.mkdir(parents=True)
    (submissions / f"classmate_{release.name}").write_text("{}")
    hidden = [str(submissions), str(out), str(profile), str(PROFILE),
              str(scratch_root / "other-kernel"),
              "/root/.bash_history", "/sys/fs/cgroup", *map(str, Path("/etc/ssh").glob("*"))]
    readonly = [str(PACKAGE / "checks" / "ex3.py"), str(PACKAGE / "data" / "facts.csv"),
                str(Path(fingerprint._site_folders()[0]) / "planted.pth"), sys.executable,
                "/etc/shadow"]
    code = LOOK_AROUND.format(tasks=GROUP_TASKS, hidden=hidden, readonly=readonly,
                              scratch=str(scratch_root))
    nb = inject(release.student(), code)
    groups = cgroup.RunGroup.create()
    untouched = Untouched(profile)
    try:
        ran = execute(nb, {"seen": ("seen", ())}, Limits(timeout=CELL), root=scratch_root,
                      isolation=Isolation(FOUND, groups))
    finally:
        if groups is not None:
            groups.close()
    untouched.assert_same()
    seen = dict(ran.answers["seen"]["__dict__"])  # a dict, as the grader reads answers
    assert (seen["pid"], seen["ppid"]) == (2, 1)  # its own PID namespace, under bwrap's init
    assert seen["interfaces"] == ["lo"]
    assert seen["capabilities"] == ["0000000000000000"]
    assert seen["hidden"] == [] and seen["writable"] == []
    assert len(seen["scratch"]) == 1 and seen["scratch"][0].startswith("vnsc-grade-")
    assert "GRADER_SECRET_TOKEN" not in seen["environment"] and "PATH" in seen["environment"]
    if groups is not None:  # the process cap holds for root: a fork bomb stops at the cap
        assert seen["started"] < GROUP_TASKS
    assert sorted(p.name for p in scratch_root.iterdir()) == ["other-kernel"]


# --- processes of a whole run, Ctrl-C --------------------------------------------------------

def test_grading_20_notebooks_leaves_no_process(release, tmp_path):
    mark = uuid.uuid4().hex
    folder = tmp_path / f"class-{mark}"
    for number in range(20):
        nb = release.solution() if number % 2 else release.student()
        if number == 7:
            nb = inject(nb, hostile.LEAVE_PROCESSES)
        save(nb, folder / f"s{number:02d}_{release.name}")
    watched = Watched([str(folder), "--out", str(tmp_path / "grades")], mark, tmp_path / "tmp")
    status, stderr = watched.wait()
    assert status == 0, stderr
    assert watched.peak >= 30 + 2  # the sleepers and the grader's own processes, seen alive
    # Each kernel is stopped when its notebook ends: never more than two at once (each with
    # its worker, wrapper and sandbox), plus the sleepers while theirs runs.
    assert watched.peak <= 1 + 2 * 5 + 30
    assert watched.left() == []
    graded = Graded(tmp_path / "grades")
    assert [graded.points(f"s{n:02d}") for n in range(20)] == [0, 6] * 10
    assert not list((tmp_path / "tmp").iterdir())  # the scratch root is gone too


def test_ctrl_c_prints_one_line_keeps_work_and_leaves_no_process(release, tmp_path):
    mark = uuid.uuid4().hex
    folder = tmp_path / "class"
    slow = ("import subprocess, time\nfor _ in range(10):\n"
            "    subprocess.Popen(['sleep', '240'], start_new_session=True)\ntime.sleep(6)")
    save(inject(release.solution(), slow), folder / f"s0_{release.name}")
    for number in range(1, 4):  # still running, with processes of their own, at Ctrl-C
        save(inject(inject(inject(release.solution(), slow), slow), slow),
             folder / f"s{number}_{release.name}")
    out = tmp_path / "grades"
    watched = Watched([str(folder), "--out", str(out)], mark, tmp_path / "tmp")
    deadline = time.monotonic() + 300
    while not list((out / ".results").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    watched.process.send_signal(signal.SIGINT)
    status, stderr = watched.wait()
    assert status == 130
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in stderr, stderr
    assert watched.peak >= 10  # the sleepers of a notebook still running were seen
    assert watched.left() == []
    assert list((out / ".results").glob("*.json"))  # finished work is kept
    assert not list((tmp_path / "tmp").iterdir())


# --- the main process's deadline, and grading without a sandbox ---------------------------

def test_stopped_worker_costs_only_its_student(release, tmp_path, monkeypatch, capsys):
    # Without the sandbox a kernel can stop its worker (c11): the deadline kills the worker.
    monkeypatch.setenv(sandbox.OFF, "off")
    monkeypatch.setattr(run, "deadline", lambda limits: 30.0)
    folder = tmp_path / "class"
    save(release.solution(), folder / f"aahonestfull_{release.name}")
    save(inject(release.student(), "import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)"),
         folder / f"stopper_{release.name}")
    save(release.student(), folder / f"zzhonestzero_{release.name}")
    assert run.grade([folder], tmp_path / "grades", jobs=2, timeout=CELL) == 0
    err = capsys.readouterr().err
    assert err.count("graded without a sandbox: the sandbox is turned off") == 1
    graded = Graded(tmp_path / "grades")
    assert graded.statuses("stopper") == {**dict.fromkeys(AUTO, "timeout"), "3.5": "timeout"}
    assert "did not finish within the grader's limit (30 s)" in graded.of("stopper")["3.1"][
        "message"]
    _full(graded, "aahonestfull")
    assert graded.statuses("zzhonestzero") == {**dict.fromkeys(AUTO, "failed"), "3.5": "manual"}
    assert all(r["message"].endswith("(graded without a sandbox)") for r in graded.rows)
    assert "graded without a sandbox" in graded.feedback("aahonestfull")


def test_missing_bubblewrap_is_said_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert sandbox.find().startswith("bubblewrap (bwrap) is not installed")


# --- the grader's own files -----------------------------------------------------------------

def test_planted_pth_file_is_refused(tmp_path, release, capsys):
    planted = Path(fingerprint._site_folders()[0]) / "zzz_vnsc_test_planted.pth"
    save(release.student(), tmp_path / "class" / f"a_{release.name}")
    planted.write_text("# a line Python would run at every start\n")
    try:
        assert cli.main(["grade", str(tmp_path / "class"), "--out", str(tmp_path / "out")]) == 2
    finally:
        planted.unlink()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(planted) in err and "belongs to no installed" in err
    assert not (tmp_path / "out").exists()


def test_planted_pyc_is_found(tmp_path):
    import importlib._bootstrap_external as bootstrap

    copy = tmp_path / "vnsmartcity"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    source = copy / "checks" / "ex3.py"
    cache = copy / "checks" / "__pycache__"
    cache.mkdir()
    tag = sys.implementation.cache_tag
    info = source.stat()
    honest = compile(source.read_bytes(), str(source), "exec", dont_inherit=True)
    (cache / f"ex3.{tag}.pyc").write_bytes(bytes(bootstrap._code_to_timestamp_pyc(
        honest, info.st_mtime, info.st_size)))
    assert fingerprint.strays(copy) == []
    tampered = compile(source.read_text() + "\nx = 1\n", str(source), "exec", dont_inherit=True)
    (cache / f"ex3.{tag}.pyc").write_bytes(bytes(bootstrap._code_to_timestamp_pyc(
        tampered, info.st_mtime, info.st_size)))
    assert fingerprint.strays(copy) == [cache / f"ex3.{tag}.pyc"]
    (cache / f"ex3.{tag}.pyc").write_bytes(bytes(bootstrap._code_to_timestamp_pyc(
        honest, info.st_mtime, info.st_size)))
    (copy / "checks" / "ex9.pyc").write_bytes(b"")  # loaded when there is no ex9.py
    assert fingerprint.strays(copy) == [copy / "checks" / "ex9.pyc"]


def test_grader_files_changed_during_the_run_write_no_results(release, tmp_path, monkeypatch,
                                                              capsys):
    # Without the sandbox a notebook can touch the checks: the run notices and writes nothing.
    monkeypatch.setenv(sandbox.OFF, "off")
    source = PACKAGE / "checks" / "ex3.py"
    before = source.stat()
    toucher = inject(release.student(), f"import os\nos.utime({str(source)!r})")
    save(toucher, tmp_path / "class" / f"toucher_{release.name}")
    try:
        assert run.grade([tmp_path / "class"], tmp_path / "grades", jobs=1, timeout=CELL) == 1
    finally:
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "changed during this run: no results written" in capsys.readouterr().err
    assert not (tmp_path / "grades" / "gradebook.csv").exists()
    assert not list((tmp_path / "grades").rglob("*.json"))


def test_cache_key_holds_the_fingerprint_and_the_sandbox(tmp_path, release):
    item = run.Submission("a", save(release.student(), tmp_path / "a.ipynb"), "a.ipynb")
    limits = Limits()
    keys = {run.Cache(tmp_path, limits, code, boxed).key(item)
            for code in ("code-1", "code-2") for boxed in (True, False)}
    assert len(keys) == 4


def test_every_check_module_and_table_is_loaded_before_grading():
    from vnsmartcity import coursedata
    from vnsmartcity.check.spec import exercises
    from vnsmartcity.schema import TABLES

    coursedata._read.cache_clear()
    run._preload()  # the workers are forks of this process: they never read these again
    assert {f"vnsmartcity.checks.{e}" for e in exercises()} <= set(sys.modules)
    assert coursedata._read.cache_info().currsize == len(TABLES)
    assert len(questions("ex3")) == 5


def test_huge_file_is_refused_without_reading_it_whole(tmp_path):
    # c32: a 1.5 GB entry once cost the grader 1.6 GB of memory before it was refused.
    import tracemalloc

    from vnsmartcity.grading import validate

    huge = tmp_path / "bomb_ex03-provinces.ipynb"
    with open(huge, "wb") as stream:
        stream.truncate(2**30)  # sparse: a gigabyte of zeros on no disk
    tracemalloc.start()
    with pytest.raises(validate.Invalid, match="too large"):
        validate.read(huge)
    item = run.Submission("bomb", huge, huge.name)
    run.Cache(tmp_path, Limits(), "code", True).key(item)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 120 * 2**20
