"""The grader (`vnsmartcity grade`): every case of issue 5's "Safety and robustness" list.

Most cases are graded together in one run (`batch`, several kernels in parallel):
one student per case, built from the real release of exercise 3 (see
`submissions`). Each test then asserts that student's exact statuses and points,
and so that no point was given that was not earned. Short limits keep it fast:
CELL seconds per cell, WALL seconds per notebook.
"""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from vnsmartcity import cli
from vnsmartcity.grading import collect, run

sys.path.insert(0, str(Path(__file__).parent))
from submissions import Release, inject, replace_answer, save  # noqa: E402

CELL = 6.0
WALL = 24.0
AUTO = ["3.1", "3.2", "3.3", "3.4"]
POINTS = {"3.1": 2, "3.2": 1, "3.3": 1, "3.4": 2, "3.5": 3}


# --- building the class ---------------------------------------------------------------

def _student_with(release: Release, code: str) -> nbformat.NotebookNode:
    """The unanswered student notebook with `code` run right after the imports."""
    return inject(release.student(), code)


SLEEPY = f"import time\ntime.sleep({CELL * 0.75})"

TAMPER_CHECK = '''
def check(qid, answer=None):
    print(f"✅ Question {qid}: correct.")
'''

TAMPER_PACKAGE = '''
import vnsmartcity.check as c, vnsmartcity.check.outcome as o
import vnsmartcity.check.plain as p, vnsmartcity.check.spec as s
o.evaluate = lambda q, a: o.Outcome(q.qid, "passed", q.points, q.points, "correct")
c.evaluate = o.evaluate
for q in list(s._REGISTRY.values()):
    object.__setattr__(q, "test", lambda answer: None)
p.to_plain = lambda value, probes=None, depth=0: "correct"
p.dumps_answers = lambda namespace, wanted: '{"3.1": "correct"}'
'''

TAMPER_BUILTINS = '''
import builtins, json, re, sys
real_exec = builtins.exec
def forged_exec(code, *args, **kwargs):
    nonce = re.search(r"'([0-9a-f]{32})'", str(code))
    if nonce:  # answer the grader's request with "passed" markers instead of answers
        for qid in ["3.1", "3.2", "3.3", "3.4"]:
            forged = json.dumps({qid: {"__passed__": True}})
            sys.stdout.write(nonce.group(1) + " " + qid + " " + forged + "\\n")
        return None
    return real_exec(code, *args, **kwargs)
builtins.exec = forged_exec
builtins.print = lambda *args, **kwargs: None
'''

TAMPER_PROTOCOL = '''
import json
json.dumps = lambda *args, **kwargs: '{"3.1": true}'  # every message the kernel sends
'''

TAMPER_PYTEST = '''
import pathlib, sys, types
import pytest
pytest.main = lambda *args, **kwargs: 0
pytest.fail = pytest.skip = lambda *args, **kwargs: None
pytest.approx = lambda expected, **kwargs: type("Any", (), {"__eq__": lambda s, o: True})()
fake = types.ModuleType("pytest")
fake.main = lambda *args, **kwargs: 0
sys.modules["pytest"] = sys.modules["_pytest"] = fake
pathlib.Path("conftest.py").write_text(
    "def pytest_runtest_makereport(item, call):\\n    call.excinfo = None\\n")
pathlib.Path("pytest.ini").write_text("[pytest]\\naddopts = -p no:python\\n")
'''

TAMPER_FILES = '''
import os, pathlib
for name in os.listdir("."):
    pathlib.Path(name).write_text("{}")  # overwrite the notebook copy
os.makedirs("vnsmartcity/check", exist_ok=True)
pathlib.Path("vnsmartcity/__init__.py").write_text("")
pathlib.Path("vnsmartcity/check/__init__.py").write_text(
    "def check(*args): print('✅ correct')\\n")
os.makedirs("tests", exist_ok=True)
pathlib.Path("tests/test_ex3.py").write_text("def test_all():\\n    assert True\\n")
pathlib.Path("checks_ex3.py").write_text("def test_province_counts(answer): pass\\n")
'''

FAKE_PRINTS = '''
for qid in ["3.1", "3.2", "3.3", "3.4"]:
    print(f"✅ Question {qid}: correct.")
print("===== 4 passed in 0.01s =====")
print("All tests passed! Score: 9/9")
print("0123456789abcdef0123456789abcdef 3.1 " + '{"3.1": 1}')
'''

FORGED_RESULTS = '''
import json, os, pathlib
rows = "student,exercise,question,points,max_points,status,message\\n"
rows += "".join(f"forged,ex3,3.{i},2,2,passed,correct\\n" for i in range(1, 6))
pathlib.Path("gradebook.csv").write_text(rows)
pathlib.Path("scores.csv").write_text("student,exercise,points,max_points\\nforged,ex3,9,9\\n")
pathlib.Path("results.json").write_text(json.dumps({"3.1": "passed", "score": 9}))
os.makedirs(".results", exist_ok=True)
pathlib.Path(".results/forged__ex3.json").write_text(json.dumps({"score": 9}))
'''

READ_TESTS = '''
import glob, os
here = sorted(os.listdir("."))
assert here == ["snoop_{name}"], here
assert not os.path.exists("tests") and not glob.glob("**/*test*", recursive=True)
by_id = facts.set_index("fact_id")["value"]
ioc_per_scheme = by_id["vn_ioc"] / by_id["vn_schemes"]
'''


def _raw(nb: nbformat.NotebookNode) -> dict:
    return json.loads(nbformat.writes(nb))


def _duplicated_ids(release: Release) -> dict:
    raw = _raw(release.solution())
    raw["cells"][3]["id"] = raw["cells"][1]["id"]
    raw["cells"][5]["id"] = raw["cells"][1]["id"]
    return raw


def _missing_ids(release: Release) -> dict:
    raw = _raw(release.solution())
    for cell in raw["cells"][::2]:
        del cell["id"]
    return raw


def _other_exercise(release: Release) -> dict:
    raw = _raw(release.student())
    raw["metadata"]["vnsmartcity"]["exercise"] = "ex5"
    return raw


def _bad_format(release: Release) -> dict:
    raw = _raw(release.solution())
    del raw["cells"][1]["source"]
    raw["cells"][2]["cell_type"] = "spreadsheet"
    return raw


def flat_class(release: Release) -> dict[str, object]:
    """Student id -> what that student hands in (a notebook, a dict as JSON, or bytes)."""
    solution, student = release.solution, release.student
    return {
        "correct": solution(),
        "unanswered": student(),
        "notanotebook": b"import pandas as pd\nprint('my answers are in here')\n",
        "empty": b"",
        "badjson": nbformat.writes(solution()).encode()[:3000],
        "badformat": _bad_format(release),
        "otherexercise": _other_exercise(release),
        "dupids": _duplicated_ids(release),
        "noids": _missing_ids(release),
        "exception": replace_answer(solution(), "3.2", "ioc_per_scheme = 1 / 0"),
        "loop": replace_answer(solution(), "3.3", "while True:\n    pass"),
        "stuck": replace_answer(solution(), "3.3", "import signal\n"
                                "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                "while True:\n    pass"),
        "wallclock": _many(solution(), SLEEPY, 7, after="3.2"),
        "sysexit": replace_answer(solution(), "3.3", "import sys\nsys.exit()"),
        "exit": inject(solution(), "exit()", after="3.2"),
        "osexit": inject(solution(), "import os\nos._exit(0)", after="3.2"),
        "kill": inject(solution(), "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
                       after="3.2"),
        "flood": inject(inject(solution(), 'print("y" * 50_000_000)', after="3.2"),
                        'print("\\n".join(map(str, range(300_000))))', after="3.2"),
        "memory": replace_answer(solution(), "3.2", "def eat():\n    hoard = []\n"
                                 "    while True:\n        hoard.append(bytearray(100 * 2**20))\n"
                                 "eat()\nioc_per_scheme = 0.5"),
        "hangingfunction": replace_answer(solution(), "3.4", "def nonbudget_range(budget):\n"
                                          "    while True:\n        pass"),
        "hugeanswer": replace_answer(solution(), "3.2", 'ioc_per_scheme = "x" * 5_000_000'),
        "redefinecheck": _student_with(release, TAMPER_CHECK),
        "patchpackage": _student_with(release, TAMPER_PACKAGE),
        "patchbuiltins": _student_with(release, TAMPER_BUILTINS),
        "patchpytest": _student_with(release, TAMPER_PYTEST),
        "patchjson": _student_with(release, TAMPER_PROTOCOL),
        "overwrite": _student_with(release, TAMPER_FILES),
        "snoop": replace_answer(solution(), "3.2", READ_TESTS.replace("{name}", release.name)),
        "fakeprints": _student_with(release, FAKE_PRINTS),
        "forged": _student_with(release, FORGED_RESULTS),
    }


def _many(nb: nbformat.NotebookNode, code: str, times: int, after: str) -> nbformat.NotebookNode:
    for _ in range(times):
        inject(nb, code, after=after)
    return nb


def _write(content: object, path: Path) -> Path:
    if isinstance(content, bytes):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path
    return save(content, path)


def _lms_zip(release: Release, path: Path) -> Path:
    """A Canvas-style bulk download, with junk and two path-traversal entries."""
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("zipalice_1234_5678_ex03-provinces.ipynb",
                        nbformat.writes(release.solution()))
        bundle.writestr("zipbob_2345_6789_ex03-provinces.ipynb",
                        nbformat.writes(release.student()))
        bundle.writestr("__MACOSX/._zipalice_1234_5678_ex03-provinces.ipynb", b"\0\0junk")
        bundle.writestr("../escapee_ex03-provinces.ipynb", nbformat.writes(release.solution()))
        bundle.writestr("/tmp/absolute_ex03-provinces.ipynb", nbformat.writes(release.solution()))
    return path


class Graded:
    """The files of one grading run, read back."""

    def __init__(self, out: Path) -> None:
        self.out = out
        with open(out / "gradebook.csv", encoding="utf-8", newline="") as stream:
            self.rows = list(csv.DictReader(stream))
        with open(out / "scores.csv", encoding="utf-8", newline="") as stream:
            self.scores = {(r["student"], r["exercise"]): r for r in csv.DictReader(stream)}

    def of(self, student: str) -> dict[str, dict]:
        return {r["question"]: r for r in self.rows if r["student"] == student}

    def statuses(self, student: str) -> dict[str, str]:
        return {q: r["status"] for q, r in self.of(student).items()}

    def points(self, student: str) -> float:
        return sum(float(r["points"]) for r in self.of(student).values())

    def feedback(self, student: str, exercise: str = "ex3") -> str:
        return (self.out / "feedback" / student / f"{exercise}.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    return Release(tmp_path_factory.mktemp("release"))


@pytest.fixture(scope="module")
def batch(release: Release, tmp_path_factory: pytest.TempPathFactory) -> Graded:
    """The whole class graded at once: a flat folder, an LMS zip and per-student folders."""
    root = tmp_path_factory.mktemp("class")
    for student, content in flat_class(release).items():
        suffix = ".pdf" if student == "notanotebook" else ""
        name = f"{student}_{release.name}{suffix}".replace(".ipynb.pdf", ".pdf")
        _write(content, root / "flat" / name)
    lms = _lms_zip(release, root / "lms.zip")
    save(release.solution(), root / "perstudent" / "folderalice" / release.name)
    save(release.student(), root / "perstudent" / "folderbob" / "work" / release.name)
    out = root / "grades"
    status = run.grade([root / "flat", lms, root / "perstudent"], out, jobs=3, timeout=CELL,
                       notebook_timeout=WALL)
    assert status == 0
    return Graded(out)


def _full(graded: Graded, student: str) -> None:
    assert graded.statuses(student) == {**dict.fromkeys(AUTO, "passed"), "3.5": "manual"}
    assert graded.points(student) == 6


def _zero(graded: Graded, student: str, status: str = "failed") -> None:
    assert graded.statuses(student) == {**dict.fromkeys(AUTO, status), "3.5": "manual"}
    assert graded.points(student) == 0


def _tampered(graded: Graded, student: str) -> None:
    """Zero points for an unanswered notebook, though its tampering cell ran without error."""
    _zero(graded, student)
    assert " raised " not in graded.feedback(student)


def _invalid(graded: Graded, student: str, words: str) -> None:
    rows = graded.of(student)
    assert {q: r["status"] for q, r in rows.items()} == dict.fromkeys(POINTS, "invalid")
    assert graded.points(student) == 0
    assert all(words in r["message"] for r in rows.values()), rows


# --- what a correct and an empty submission get -----------------------------------------

def test_fully_correct_submission_gets_full_auto_points(batch):
    _full(batch, "correct")
    assert batch.scores[("correct", "ex3")] == {
        "student": "correct", "name": "correct", "exercise": "ex3", "points": "6",
        "max_points": "9", "manual_questions": "1", "late": "",
        "file": "flat/correct_ex03-provinces.ipynb"}
    assert "Automatically checked questions: **6 of 6 points**" in batch.feedback("correct")


def test_student_release_unanswered_gets_zero(batch):
    _zero(batch, "unanswered")
    assert "replace the `...`" in batch.of("unanswered")["3.1"]["message"]


def test_gradebook_has_exact_columns_and_one_row_per_question(batch):
    header = (batch.out / "gradebook.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ("student,name,exercise,question,points,max_points,status,message,"
                      "late,file")
    keys = [(r["student"], r["exercise"], r["question"]) for r in batch.rows]
    assert len(keys) == len(set(keys))
    assert {r["status"] for r in batch.rows} <= {"passed", "failed", "error", "timeout",
                                                 "manual", "invalid"}
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], [int(p) for p in k[2].split(".")]))


def test_feedback_never_shows_an_expected_value(batch):
    texts = [p.read_text(encoding="utf-8") for p in (batch.out / "feedback").rglob("*.md")]
    texts.append((batch.out / "gradebook.csv").read_text(encoding="utf-8"))
    assert len(texts) > 20
    for secret in ("0.414", "0.4146", "41 / 63", "1250", "2250"):
        assert not any(secret in text for text in texts), secret


# --- files that are not a gradable notebook ----------------------------------------------

def test_not_a_notebook(batch):
    _invalid(batch, "notanotebook", "not a notebook")


def test_empty_file(batch):
    _invalid(batch, "empty", "the file is empty")


def test_invalid_json(batch):
    _invalid(batch, "badjson", "not valid JSON")


def test_notebook_that_breaks_the_nbformat_schema(batch):
    _invalid(batch, "badformat", "not a valid notebook")


def test_notebook_of_another_exercise(batch):
    _invalid(batch, "otherexercise", "holds the notebook of exercise ex5")


def test_notebook_of_an_unknown_exercise(tmp_path, release):
    raw = _raw(release.solution())
    raw["metadata"]["vnsmartcity"]["exercise"] = "ex99"
    save(raw, tmp_path / "nobody.ipynb")
    assert run.grade([tmp_path / "nobody.ipynb"], tmp_path / "out", jobs=1, timeout=CELL) == 0
    graded = Graded(tmp_path / "out")
    (row,) = graded.rows
    assert (row["student"], row["exercise"], row["status"], row["points"]) == (
        "nobody", "unknown", "invalid", "0")
    assert "exercise ex99, which the course does not have" in row["message"]


def test_duplicated_cell_ids_are_repaired_and_graded(batch):
    _full(batch, "dupids")
    assert "repeated the id of another cell" in batch.feedback("dupids")


def test_missing_cell_ids_are_repaired_and_graded(batch):
    _full(batch, "noids")
    assert "had no valid cell id" in batch.feedback("noids")


# --- code that fails, loops, exits or eats resources --------------------------------------

def test_exception_in_a_cell_and_the_rest_is_still_graded(batch):
    assert batch.statuses("exception") == {"3.1": "passed", "3.2": "error", "3.3": "passed",
                                           "3.4": "passed", "3.5": "manual"}
    assert batch.points("exception") == 5
    assert "ZeroDivisionError" in batch.of("exception")["3.2"]["message"]


def test_endless_loop_is_interrupted_and_the_run_carries_on(batch):
    assert batch.statuses("loop") == {"3.1": "passed", "3.2": "passed", "3.3": "timeout",
                                      "3.4": "passed", "3.5": "manual"}
    assert batch.points("loop") == 5
    assert "interrupted" in batch.of("loop")["3.3"]["message"]


def test_endless_loop_that_ignores_the_interrupt_stops_the_run(batch):
    assert batch.statuses("stuck") == {"3.1": "passed", "3.2": "passed", "3.3": "timeout",
                                       "3.4": "timeout", "3.5": "manual"}
    assert batch.points("stuck") == 3


def test_notebook_wall_clock_limit(batch):
    assert batch.statuses("wallclock") == {"3.1": "passed", "3.2": "passed",
                                           "3.3": "timeout", "3.4": "timeout", "3.5": "manual"}
    assert batch.points("wallclock") == 3
    assert "total time limit (24 s)" in batch.of("wallclock")["3.3"]["message"]


def test_sys_exit_is_an_error_in_its_cell(batch):
    # IPython turns SystemExit into an error in that cell; the kernel lives on.
    assert batch.statuses("sysexit") == {"3.1": "passed", "3.2": "passed", "3.3": "error",
                                         "3.4": "passed", "3.5": "manual"}
    assert batch.points("sysexit") == 5
    assert "SystemExit" in batch.of("sysexit")["3.3"]["message"]


@pytest.mark.parametrize("student", ["exit", "osexit", "kill"])
def test_exit_or_killed_kernel_gives_no_credit_after_it(batch, student):
    assert batch.statuses(student) == {"3.1": "passed", "3.2": "passed", "3.3": "error",
                                       "3.4": "error", "3.5": "manual"}
    assert batch.points(student) == 3
    assert "stopped" in batch.of(student)["3.4"]["message"]


def test_output_flood_is_capped_and_grading_goes_on(batch):
    _full(batch, "flood")
    assert "its output was cut short" in batch.feedback("flood")


def test_memory_eater_hits_the_memory_limit(batch):
    assert batch.statuses("memory") == {"3.1": "passed", "3.2": "error", "3.3": "passed",
                                        "3.4": "passed", "3.5": "manual"}
    assert "MemoryError" in batch.of("memory")["3.2"]["message"]


def test_function_answer_that_never_returns(batch):
    assert batch.statuses("hangingfunction") == {"3.1": "passed", "3.2": "passed",
                                                 "3.3": "passed", "3.4": "timeout",
                                                 "3.5": "manual"}
    assert "did not return within" in batch.of("hangingfunction")["3.4"]["message"]


def test_answer_too_large_to_read_is_capped(batch):
    assert batch.statuses("hugeanswer") == {"3.1": "passed", "3.2": "failed", "3.3": "passed",
                                            "3.4": "passed", "3.5": "manual"}
    assert "far too large" in batch.of("hugeanswer")["3.2"]["message"]


# --- tampering: none of it changes a grade -------------------------------------------------

def test_redefining_check_changes_nothing(batch):
    _tampered(batch, "redefinecheck")


def test_monkeypatching_vnsmartcity_changes_nothing(batch):
    _tampered(batch, "patchpackage")


def test_monkeypatching_builtins_changes_nothing(batch):
    _tampered(batch, "patchbuiltins")


def test_kernel_that_garbles_its_messages_gets_nothing(batch):
    _zero(batch, "patchjson", "error")
    assert "stopped answering the grader properly" in batch.of("patchjson")["3.1"]["message"]


def test_monkeypatching_pytest_changes_nothing(batch):
    _tampered(batch, "patchpytest")


def test_overwriting_files_in_the_working_folder_changes_nothing(batch):
    _tampered(batch, "overwrite")


def test_the_working_folder_holds_no_tests_to_read(batch):
    # The 3.2 answer asserts that the folder holds the notebook and nothing else.
    _full(batch, "snoop")


def test_fake_passed_prints_change_nothing(batch):
    _tampered(batch, "fakeprints")


def test_forged_results_file_changes_nothing(batch):
    _tampered(batch, "forged")
    assert not (batch.out / "results.json").exists()
    assert "forged,ex3,3.1,2" not in (batch.out / "gradebook.csv").read_text(encoding="utf-8")


# --- where submissions come from ----------------------------------------------------------

def test_zip_from_an_lms(batch):
    _full(batch, "1234")  # zipalice's Canvas user id
    _zero(batch, "2345")
    students = {r["student"] for r in batch.rows}
    assert not students & {"escapee", "absolute", "._zipalice"}
    assert not (batch.out.parent / "escapee_ex03-provinces.ipynb").exists()


def test_folder_per_student(batch):
    _full(batch, "folderalice")
    _zero(batch, "folderbob")


def test_student_id_rule(tmp_path):
    (tmp_path / "class" / "an").mkdir(parents=True)
    for name in ("class/an/ex03-provinces.ipynb", "class/binh_12_ex03-provinces.ipynb",
                 "class/chi.ipynb", "class/.hidden.ipynb", "class/notes.txt"):
        (tmp_path / name).write_text("{}")
    found = collect.collect([tmp_path / "class"], tmp_path / "scratch").submissions
    assert [s.student for s in found] == ["an", "binh", "chi"]


def test_unsafe_zip_entries_stay_inside(tmp_path):
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as bundle:
        bundle.writestr("../../outside_ex03.ipynb", "{}")
        bundle.writestr("/etc/absolute_ex03.ipynb", "{}")
        bundle.writestr("ok_ex03.ipynb", "{}")
    found = collect.collect([tmp_path / "evil.zip"], tmp_path / "scratch" / "deep").submissions
    assert [s.student for s in found] == ["ok"]
    assert not list(tmp_path.rglob("outside_ex03.ipynb"))
    assert not list(tmp_path.rglob("absolute_ex03.ipynb"))


# --- a grader that can be trusted run after run --------------------------------------------

SMALL = ["correct", "unanswered", "exception"]


@pytest.fixture(scope="module")
def small_class(release: Release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small") / "class"
    everyone = flat_class(release)
    for student in SMALL:
        save(everyone[student], folder / f"{student}_{release.name}")
    return folder


@pytest.fixture(scope="module")
def graded_twice(small_class: Path) -> tuple[Path, Path]:
    first, second = small_class.parent / "first", small_class.parent / "second"
    for out in (first, second):
        assert run.grade([small_class], out, jobs=2, timeout=CELL) == 0
    return first, second


def test_grading_twice_gives_identical_files(graded_twice):
    first, second = graded_twice
    for name in ("gradebook.csv", "scores.csv", "feedback/exception/ex3.md"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert len(Graded(first).rows) == 5 * len(SMALL)


def test_interrupted_run_finishes_on_rerun(small_class, graded_twice, tmp_path):
    out = tmp_path / "grades"
    command = [str(Path(sys.executable).parent / "vnsmartcity"), "grade", str(small_class),
               "--out", str(out), "--jobs", "1", "--timeout", str(CELL)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((out / ".results").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Run the same command again to finish" in stderr
    kept = {p: p.stat().st_mtime_ns for p in (out / ".results").glob("*.json")}
    assert 1 <= len(kept) < len(SMALL)
    assert not (out / "gradebook.csv").exists()

    assert run.grade([small_class], out, jobs=2, timeout=CELL) == 0
    assert all(p.stat().st_mtime_ns == mtime for p, mtime in kept.items())  # not regraded
    assert len(list((out / ".results").glob("*.json"))) == len(SMALL)
    assert (out / "gradebook.csv").read_bytes() == (graded_twice[0] / "gradebook.csv").read_bytes()


def test_hand_marks_in_manual_csv_are_merged(graded_twice, small_class):
    out = graded_twice[0]
    (out / "manual.csv").write_text("student,exercise,question,points\ncorrect,ex3,3.5,2.5\n"
                                    "unanswered,ex3,3.5,7\n", encoding="utf-8")
    try:
        assert run.grade([small_class], out, jobs=1, timeout=CELL) == 0  # all cached: quick
        graded = Graded(out)
        assert graded.of("correct")["3.5"]["points"] == "2.5"
        assert graded.of("unanswered")["3.5"]["points"] == "0"  # above the maximum: not used
        assert graded.scores[("correct", "ex3")]["points"] == "8.5"
        assert graded.scores[("correct", "ex3")]["manual_questions"] == "0"
        assert graded.scores[("exception", "ex3")]["manual_questions"] == "1"
    finally:
        (out / "manual.csv").unlink()
        assert run.grade([small_class], out, jobs=1, timeout=CELL) == 0


def test_notebook_that_kills_the_grading_process(release, tmp_path, monkeypatch):
    # Without the sandbox (in it the kernel cannot see its worker: see test_sandbox.py).
    nb = inject(release.solution(), "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
                after="3.1")
    save(nb, tmp_path / f"killer_{release.name}")
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setenv("VNSC_SANDBOX", "off")
    assert run.grade([tmp_path / f"killer_{release.name}"], tmp_path / "out", jobs=1,
                     timeout=CELL) == 0
    assert not list((tmp_path / "tmp").iterdir())  # the killed worker's folder is gone too
    graded = Graded(tmp_path / "out")
    assert set(graded.statuses("killer").values()) == {"error"}
    assert graded.points("killer") == 0
    assert "grading process was killed" in graded.of("killer")["3.1"]["message"]


def test_kernel_wrapper_sets_resource_limits():
    from vnsmartcity.grading.kernel import LIMITS_SCRIPT

    probe = ("import resource as r; print([r.getrlimit(x)[0] for x in "
             "(r.RLIMIT_AS, r.RLIMIT_CPU, r.RLIMIT_FSIZE, r.RLIMIT_CORE)])")
    result = subprocess.run([sys.executable, "-S", LIMITS_SCRIPT, str(2**31), "40", str(2**28),
                             "--", sys.executable, "-c", probe],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"[{2**31}, 40, {2**28}, 0]", result.stderr


# --- the command line -------------------------------------------------------------------

@pytest.mark.parametrize("arguments, words", [
    (["grade", "/no/such/folder", "--out", "OUT"], "no such file or folder"),
    (["grade", "EMPTY", "--out", "OUT"], "no submissions found"),
    (["grade", "EMPTY", "--out", "OUT", "--jobs", "0"], "--jobs must be at least 1"),
    (["grade", "EMPTY", "--out", "OUT", "--timeout", "0"], "--timeout must be a positive"),
])
def test_cli_usage_errors_exit_2_with_one_line(arguments, words, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    arguments = [a.replace("OUT", str(tmp_path / "out")).replace("EMPTY", str(tmp_path / "empty"))
                 for a in arguments]
    assert cli.main(arguments) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("vnsmartcity grade: ") and words in err


def test_cli_help_states_the_student_id_rule(capsys):
    with pytest.raises(SystemExit):
        cli.main(["grade", "--help"])
    assert "first '_'" in capsys.readouterr().out
