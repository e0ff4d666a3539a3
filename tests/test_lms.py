"""From an LMS download to the LMS's gradebook import, through the real `vnsmartcity grade`.

Two small classes, one downloaded from Canvas and one from Moodle, each with two
students called Nguyễn Văn An (in Moodle one name in NFC and one in NFD, as two
operating systems save it), late work, a zip inside the zip, a renamed notebook
that lost its metadata (``--exercise ex3``) and, for Canvas, a damaged entry, a
file that is not a notebook and a file named like a spreadsheet formula. Each is
graded by the command line, with the class list the LMS exports as ``--roster``.

The rules of the importers are written into the tests (from Canvas's guide "How
do I import grades in the Gradebook?" and Moodle's "Grade import" page):

Canvas: the first columns are Student, ID, SIS User ID, SIS Login ID, Section;
students are matched by ID; a column titled ``Title (id)`` updates that
assignment, any other title creates a new assignment; an optional second row
``Points Possible`` gives the maxima; a score is a number, an empty cell leaves
the grade unchanged.
Moodle (Grades > Import > CSV file): a column of user identifiers mapped to
``email`` (or ``idnumber``, ``username``), each value one enrolled user; one column
per grade item, numbers or empty; column names unique.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from submissions import Release  # noqa: E402

NFC_AN = unicodedata.normalize("NFC", "Nguyễn Văn An")
NFD_AN = unicodedata.normalize("NFD", "Nguyễn Văn An")
FULL = 6.0  # the automatic points of a correct ex3 (3.5 is written, 3 points)
MAXIMUM = "9"
CANVAS_FIRST = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
FORMULA = '=2+5+HYPERLINK("http:evil.example","x")'
GRADER = str(Path(sys.executable).parent / "vnsmartcity")


def grade(*arguments: object) -> subprocess.CompletedProcess:
    return subprocess.run([GRADER, "grade", *map(str, arguments), "--jobs", "2",
                           "--timeout", "30"], capture_output=True, text=True, timeout=600)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def read_table(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    return Release(tmp_path_factory.mktemp("release"))


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb)


def _renamed(release: Release) -> str:
    """A correct notebook whose metadata was lost (saved by another tool)."""
    nb = release.solution()
    nb.metadata.pop("vnsmartcity", None)
    return _text(nb)


def _inner_zip(content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("ex03-provinces.ipynb", content)
    return buffer.getvalue()


def _damage(archive: Path, entry: str) -> None:
    """Flip one byte inside `entry`'s data: its CRC no longer matches."""
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo(entry)
    data = bytearray(archive.read_bytes())
    data[info.header_offset + 30 + len(info.filename.encode()) + info.compress_size // 2] ^= 1
    archive.write_bytes(bytes(data))


CANVAS_EXPORT = """\
Student,ID,SIS User ID,SIS Login ID,Section,Exercise 3: Provinces (77003),Current Score,Final Score
    Points Possible,,,,,9,(read only),(read only)
"Nguyen, Van An",10001,SV001,an.nv1,Smart Cities 01,,,
"Nguyen, Van An",10002,SV002,an.nv2,Smart Cities 01,,,
"Tran, Thi Binh",10003,SV003,binh.tt,Smart Cities 01,,,
"Hoang, Em",10004,SV004,em.h,Smart Cities 01,,,
"Le, Chi",10005,SV005,chi.l,Smart Cities 01,,,
"Pham, Dung",10006,SV006,dung.p,Smart Cities 01,,,
"Vo, Giang",10007,SV007,giang.v,Smart Cities 01,,,
"Student, Test",10099,,,Smart Cities 01,,,
"""


@pytest.fixture(scope="module")
def canvas(release: Release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Canvas class graded by the CLI; the output folder (stderr in DIR/stderr.txt)."""
    root = tmp_path_factory.mktemp("canvas")
    archive = root / "submissions.zip"
    name = release.name
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"nguyenvanan_10001_500001_{name}", _text(release.solution()))
        bundle.writestr("nguyenvanan_10001_500001_notes.txt", "my notes")
        bundle.writestr(f"nguyenvanan_10002_500002_{name}", _text(release.student()))
        bundle.writestr(f"tranthibinh_LATE_10003_500003_{name}", _text(release.solution()))
        bundle.writestr("hoangem_10004_500004_homework.zip", _inner_zip(_text(release.solution())))
        bundle.writestr("lechi_10005_500005_Exercise 3.ipynb", _renamed(release))
        bundle.writestr(f"phamdung_10006_500006_{name}", _text(release.solution()))
        bundle.writestr(f"{FORMULA}_{name}", "{not json")
        bundle.writestr("__MACOSX/._x", b"\0")
    _damage(archive, f"phamdung_10006_500006_{name}")
    (root / "export.csv").write_text(CANVAS_EXPORT, encoding="utf-8")
    out = root / "grades"
    result = grade(archive, "--out", out, "--exercise", "ex3", "--roster", root / "export.csv")
    assert result.returncode == 0, result.stderr
    (root / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return out


def _scores(out: Path) -> dict[str, dict]:
    return {r["student"]: r for r in read_csv(out / "scores.csv")}


def test_canvas_every_student_has_a_row_under_their_canvas_id(canvas):
    scores = _scores(canvas)
    assert float(scores["10001"]["points"]) == FULL
    assert float(scores["10002"]["points"]) == 0  # the other An: not merged, not credited
    assert float(scores["10003"]["points"]) == FULL and scores["10003"]["late"] == "late"
    assert scores["10001"]["late"] == ""
    assert float(scores["10004"]["points"]) == FULL  # inside the zip in the zip
    assert float(scores["10005"]["points"]) == FULL  # renamed: --exercise ex3
    assert scores["10006"]["points"] == "0"  # the damaged entry
    statuses = {r["status"] for r in read_csv(canvas / "gradebook.csv") if r["student"] == "10006"}
    assert statuses == {"invalid"}
    assert scores["10007"]["points"] == "0"
    assert {r["status"] for r in read_csv(canvas / "gradebook.csv")
            if r["student"] == "10007"} == {"missing"}
    assert scores["10001"]["name"] == "Nguyen, Van An"  # the roster's name


def test_canvas_files_not_graded_are_named_in_one_warning_and_the_gradebook(canvas):
    stderr = (canvas.parent / "stderr.txt").read_text(encoding="utf-8")
    warning = [line for line in stderr.splitlines() if "not graded" in line]
    assert len(warning) == 1 and "nguyenvanan_10001_500001_notes.txt" in warning[0]
    skipped = [r for r in read_csv(canvas / "gradebook.csv") if r["status"] == "skipped"]
    assert [(r["student"], r["file"]) for r in skipped] == [
        ("10001", "submissions.zip:nguyenvanan_10001_500001_notes.txt")]
    assert "not on the roster" in stderr and "HYPERLINK" in stderr


def test_canvas_no_csv_cell_is_a_formula(canvas):
    """The grader review's c36: a file name became a formula in the gradebook."""
    for name in ("gradebook.csv", "scores.csv", "scores-wide.csv", "lms-import.csv"):
        for row in read_table(canvas / name):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                assert not cell.startswith("-") or re.fullmatch(r"-\d+(\.\d+)?", cell)
    names = [r["name"] for r in read_csv(canvas / "scores.csv")]
    assert "'" + FORMULA in names  # shown as text, not run as a formula


def test_canvas_lms_import_follows_the_canvas_import_rules(canvas):
    table = read_table(canvas / "lms-import.csv")
    header, points, students = table[0], table[1], table[2:]
    assert header[:5] == CANVAS_FIRST
    assert header[5:] == ["Exercise 3: Provinces (77003)"]  # the export's column: updates it
    assert points[0] == "Points Possible" and points[5:] == [MAXIMUM]
    assert all(len(row) == len(header) for row in table)
    ids = [row[1] for row in students]
    assert ids == ["10001", "10002", "10003", "10004", "10005", "10006", "10007"]  # Test Student
    by_id = {row[1]: row for row in students}
    assert by_id["10001"][:5] == ["Nguyen, Van An", "10001", "SV001", "an.nv1", "Smart Cities 01"]
    assert [by_id[i][5] for i in ids] == ["6", "0", "6", "6", "6", "0", ""]  # 10007: unchanged


def test_scores_wide_has_one_row_per_student(canvas):
    rows = {r["student"]: r for r in read_csv(canvas / "scores-wide.csv")}
    assert rows["10003"]["ex3"] == "6" and rows["10003"]["late"] == "ex3"
    assert rows["10007"]["ex3"] == "" and rows["10007"]["total"] == "0"
    assert list(rows["10001"]) == ["student", "name", "ex3", "total", "late"]


def test_manual_marks_saved_by_excel_with_semicolons(canvas, capsys):
    (canvas / "manual.csv").write_bytes(
        "\ufeffstudent;exercise;question;points\n10001;3;3.5;2,5\n10002;ex3;3.5;5\n"
        "10003;ex03;3.9;1\n".encode("utf-8"))
    try:
        result = grade(canvas.parent / "submissions.zip", "--out", canvas, "--exercise", "ex3",
                       "--roster", canvas.parent / "export.csv")
        assert result.returncode == 0, result.stderr
        assert "Grading" not in result.stderr or "0/" not in result.stderr
        scores = _scores(canvas)
        assert scores["10001"]["points"] == "8.5" and scores["10001"]["manual_questions"] == "0"
        assert scores["10002"]["points"] == "0" and scores["10002"]["manual_questions"] == "1"
        assert "manual.csv line 3 (10002, ex3, 3.5)" in result.stderr
        assert "outside 0 to 3" in result.stderr
        assert "manual.csv line 4 (10003, ex3, 3.9): no such question" in result.stderr
        feedback = (canvas / "feedback" / "10001" / "ex3.md").read_text(encoding="utf-8")
        assert "marked by your instructor: **2.5 of 3 points**" in feedback
        assert "8.5 of 9 points" in feedback
    finally:
        (canvas / "manual.csv").unlink()


def test_renamed_zip_is_not_graded_again(canvas, tmp_path):
    """P20: Canvas downloads the same zip again as 'submissions (1).zip'."""
    renamed = tmp_path / "submissions (1).zip"
    renamed.write_bytes((canvas.parent / "submissions.zip").read_bytes())
    before = {p.name: p.stat().st_mtime_ns for p in (canvas / ".results").glob("*.json")}
    result = grade(renamed, "--out", canvas, "--exercise", "ex3")
    assert result.returncode == 0, result.stderr
    after = {p.name: p.stat().st_mtime_ns for p in (canvas / ".results").glob("*.json")}
    assert after == before
    assert float(_scores(canvas)["10001"]["points"]) == FULL
    assert _scores(canvas)["10001"]["file"].startswith("submissions (1).zip:")


MOODLE_WORKSHEET = f"""\
Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,\
Last modified (submission),Last modified (grade),Feedback comments
Participant 201,{NFC_AN},an1@student.example.edu.vn,Submitted for grading,,9.00,Yes,\
"Monday, 30 November 2026, 2:05 PM",-,
Participant 202,{NFD_AN},an2@student.example.edu.vn,Submitted for grading,,9.00,Yes,\
"Monday, 30 November 2026, 3:10 PM",-,
Participant 203,Trần Thị Bình,binh@student.example.edu.vn,Submitted for grading - \
Assignment was submitted 2 hours 5 mins late,,9.00,Yes,"Tuesday, 1 December 2026, 2:05 AM",-,
Participant 204,Hoàng Em,em@student.example.edu.vn,Submitted for grading,,9.00,Yes,-,-,
Participant 205,Lê Chi,chi@student.example.edu.vn,Submitted for grading,,9.00,Yes,-,-,
Participant 206,Võ Giang,giang@student.example.edu.vn,No submission,,9.00,Yes,-,-,
"""


@pytest.fixture(scope="module")
def moodle(release: Release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("moodle")
    archive = root / "Smart Cities-Exercise 3-12345.zip"
    folder = "{}_{}_assignsubmission_file_"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"{folder.format(NFC_AN, 201)}/{release.name}", _text(release.solution()))
        bundle.writestr(f"{folder.format(NFD_AN, 202)}/{release.name}", _text(release.student()))
        bundle.writestr(f"Trần Thị Bình_203_assignsubmission_file_{release.name}",
                        _text(release.solution()))  # the flat form
        bundle.writestr(f"{folder.format('Hoàng Em', 204)}/bai-tap.zip",
                        _inner_zip(_text(release.solution())))
        bundle.writestr(f"{folder.format('Lê Chi', 205)}/Exercise 3.ipynb", _renamed(release))
    (root / "worksheet.csv").write_text(MOODLE_WORKSHEET, encoding="utf-8")
    out = root / "grades"
    result = grade(archive, "--out", out, "--exercise", "3", "--roster", root / "worksheet.csv")
    assert result.returncode == 0, result.stderr
    return out


def test_moodle_every_student_has_a_row_under_their_participant_id(moodle):
    scores = _scores(moodle)
    assert {s: float(r["points"]) for s, r in scores.items()} == {
        "201": FULL, "202": 0, "203": FULL, "204": FULL, "205": FULL, "206": 0}
    assert scores["203"]["late"] == "late" and scores["201"]["late"] == ""  # from the worksheet
    assert scores["201"]["name"] == scores["202"]["name"] == NFC_AN  # written in NFC
    assert {r["status"] for r in read_csv(moodle / "gradebook.csv")
            if r["student"] == "206"} == {"missing"}


def test_moodle_lms_import_follows_the_moodle_import_rules(moodle):
    table = read_table(moodle / "lms-import.csv")
    header, rows = table[0], table[1:]
    assert header == ["Email address", "Exercise 3"]
    assert len(set(header)) == len(header)
    emails = [row[0] for row in rows]
    assert len(set(emails)) == len(emails) == 6
    assert all(re.fullmatch(r"[^@\s]+@[^@\s]+", e) for e in emails)
    assert dict(rows) == {"an1@student.example.edu.vn": "6", "an2@student.example.edu.vn": "0",
                          "binh@student.example.edu.vn": "6", "em@student.example.edu.vn": "6",
                          "chi@student.example.edu.vn": "6", "giang@student.example.edu.vn": ""}


def test_bad_roster_is_one_line_exit_2(tmp_path, release):
    (tmp_path / "roster.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    (tmp_path / "class").mkdir()
    nbformat.write(release.student(), tmp_path / "class" / f"a_{release.name}")
    result = grade(tmp_path / "class", "--out", tmp_path / "out", "--roster",
                   tmp_path / "roster.csv")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--roster" in result.stderr


def test_keep_latest_or_best_of_several_files(release, tmp_path):
    """A Canvas re-submission (-1) is the latest; --keep best counts the better file."""
    folder = tmp_path / "class"
    folder.mkdir()
    nbformat.write(release.solution(), folder / f"binh_31_41_{release.name}")
    nbformat.write(release.student(),
                   folder / f"binh_LATE_31_42_{release.name.replace('.ipynb', '-1.ipynb')}")
    out = tmp_path / "grades"
    assert grade(folder, "--out", out).returncode == 0
    latest = _scores(out)["31"]
    assert latest["points"] == "0" and latest["late"] == "late"
    assert latest["file"].endswith("-1.ipynb")
    assert "the latest one" in (out / "feedback" / "31" / "ex3.md").read_text(encoding="utf-8")
    result = grade(folder, "--out", out, "--keep", "best")
    assert result.returncode == 0, result.stderr
    best = _scores(out)["31"]
    assert best["points"] == "6" and best["late"] == "" and best["file"].endswith(release.name)
    assert "the best-scoring one" in (out / "feedback" / "31" / "ex3.md").read_text("utf-8")


PRIVATE_CHECK = '''
from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto


@auto("3.3", variable="ax", points=1)
def test_share_chart_privately(answer):
    chart = expect.labelled_chart(answer)
    if "June 2022" not in chart["title"] + "{extra}":
        raise expect.NotYet("the title should give the date of the figures.")


@auto("3.6", variable="ioc_per_scheme", points=1)
def test_ioc_per_scheme_again(answer):
    expect.in_range(expect.number(answer), 0, 1, "A share")
'''


def test_instructor_private_checks_replace_and_add_questions(release, tmp_path):
    folder = tmp_path / "class"
    source = _text(release.solution()).replace(", June 2022", "")  # a title without the date
    folder.mkdir()
    (folder / f"an_{release.name}").write_text(source, encoding="utf-8")
    checks = tmp_path / "private"
    checks.mkdir()
    (checks / "ex3_graded.py").write_text(PRIVATE_CHECK.replace("{extra}", ""), "utf-8")
    out = tmp_path / "grades"
    result = grade(folder, "--out", out, "--checks", checks)
    assert result.returncode == 0, result.stderr
    rows = {r["question"]: r for r in read_csv(out / "gradebook.csv")}
    assert rows["3.3"]["status"] == "failed" and "date of the figures" in rows["3.3"]["message"]
    assert rows["3.6"]["status"] == "passed" and rows["3.6"]["max_points"] == "1"
    assert rows["3.1"]["status"] == "passed"  # the public checks still grade the rest
    (checks / "ex3_graded.py").write_text(PRIVATE_CHECK.replace("{extra}", "June 2022"), "utf-8")
    assert grade(folder, "--out", out, "--checks", checks).returncode == 0  # regraded
    assert {r["question"]: r["status"] for r in read_csv(out / "gradebook.csv")}["3.3"] == "passed"
    (checks / "broken.py").write_text("import no_such_module\n", "utf-8")
    broken = grade(folder, "--out", out, "--checks", checks)
    assert broken.returncode == 2 and "broken.py" in broken.stderr


def test_blackboard_attempts_and_receipt(release, tmp_path):
    """The latest attempt counts; the receipt gives the display name and is not graded."""
    archive = tmp_path / "gradebook_SC101_Assignment203.zip"
    stem = "Assignment 3_jsmith_attempt_{}"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"{stem.format('2026-11-30-14-05-09')}_{release.name}",
                        _text(release.solution()))
        bundle.writestr(f"{stem.format('2026-11-30-14-05-09')}.txt",
                        "Name: John Smith (jsmith)\nAssignment: Assignment 3\n")
        bundle.writestr(f"{stem.format('2026-12-01-09-00-00')}_{release.name}",
                        _text(release.student()))
    out = tmp_path / "grades"
    result = grade(archive, "--out", out)
    assert result.returncode == 0, result.stderr
    (row,) = read_csv(out / "scores.csv")
    assert (row["student"], row["name"], row["points"]) == ("jsmith", "John Smith", "0")
    assert "2026-12-01-09-00-00" in row["file"]
    assert "not graded" not in result.stderr
