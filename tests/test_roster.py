"""Class lists as LMSs export them, matched to submitters, and the import file written back.

No notebook runs here: the results are the plain dicts the grader caches, one per
student and exercise, so every roster format and matching rule is cheap to test.
"""

from __future__ import annotations

import csv
import io

import pytest

from vnsmartcity.errors import UsageError
from vnsmartcity.grading import lms_import, roster, wide

MOODLE_EXPORT = """\
First name,Last name,ID number,Institution,Department,Email address,\
Assignment: Bài tập 3 - Các tỉnh (Real),Last downloaded from this course
Văn An,Nguyễn,SV001,ĐHBK,,an1@student.example.edu.vn,-,1764590000
Văn An,Nguyễn,SV002,ĐHBK,,an2@student.example.edu.vn,-,1764590000
Thị Bình,Trần,SV003,ĐHBK,,binh@student.example.edu.vn,-,1764590000
"""


def _result(student: str, name: str, points: float, exercise: str = "ex3") -> dict:
    return {"student": student, "name": name, "exercise": exercise, "source": f"{student}.ipynb",
            "notes": [], "rows": [{"question": "3.1", "points": points, "max_points": 9.0,
                                   "status": "passed" if points else "failed", "message": ""}]}


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_moodle_grades_export_matches_by_unique_name_only(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("\ufeff" + MOODLE_EXPORT.replace(",", ";"), encoding="utf-8")  # Excel
    read = roster.read(path)
    assert read.kind == roster.MOODLE and len(read.students) == 3
    results = [_result("201", "Nguyễn Văn An", 6), _result("202", "Nguyễn Văn An", 0),
               _result("203", "Trần Thị Bình", 6)]
    relabelled, missing, warnings = roster.apply(read, results, {"ex3": 9.0})
    assert [r["student"] for r in relabelled] == ["201", "202", "binh@student.example.edu.vn"]
    assert len(warnings) == 1 and "201" in warnings[0] and "202" in warnings[0]
    assert {m["student"] for m in missing} == {"an1@student.example.edu.vn",
                                               "an2@student.example.edu.vn"}
    table = _table(lms_import.lms_import(read, wide.table(relabelled + missing)))
    assert table[0] == ["Email address", "Assignment: Bài tập 3 - Các tỉnh (Real)"]
    assert table[1:] == [["an1@student.example.edu.vn", ""], ["an2@student.example.edu.vn", ""],
                         ["binh@student.example.edu.vn", "6"]]


def test_plain_roster_matches_by_id_then_login_then_name(tmp_path):
    path = tmp_path / "class.csv"
    path.write_text("id,name,login,email\nS1,Lê Chi,chi.l,chi@example.edu\n"
                    "S2,Võ Giang,,giang@example.edu\nS3,Phạm Dũng,,\nS4,=cmd|' /C calc'!A0,,\n",
                    encoding="utf-8")
    read = roster.read(path)
    results = [_result("S1", "S1", 5), _result("giang@example.edu", "giang", 4),
               _result("dung", "Phạm Dũng", 3), _result("stranger", "stranger", 1)]
    relabelled, missing, warnings = roster.apply(read, results, {"ex3": 9.0})
    assert [r["student"] for r in relabelled] == ["S1", "S2", "S3", "stranger"]
    assert [m["student"] for m in missing] == ["S4"]
    assert "stranger" in warnings[0]
    table = _table(lms_import.lms_import(read, wide.table(relabelled + missing)))
    assert table[0] == ["id", "name", "Exercise 3"]
    assert table[1:] == [["S1", "Lê Chi", "5"], ["S2", "Võ Giang", "4"], ["S3", "Phạm Dũng", "3"],
                         ["S4", "'=cmd|' /C calc'!A0", ""]]


def test_two_submitters_matched_to_one_roster_student_are_both_left_out(tmp_path):
    path = tmp_path / "class.csv"
    path.write_text("id,name,login\nS1,An,an\n", encoding="utf-8")
    relabelled, _, warnings = roster.apply(roster.read(path), [_result("S1", "x", 1),
                                                               _result("an", "y", 2)], {})
    assert [r["student"] for r in relabelled] == ["S1", "an"]
    assert "S1" in warnings[0] and "an" in warnings[0]


@pytest.mark.parametrize("text, words", [
    ("foo,bar\n1,2\n", "names no known format"),
    ("", "empty"),
    ("id,name\n", "no students"),
])
def test_unusable_roster_is_a_usage_error(tmp_path, text, words):
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=words):
        roster.read(path)


@pytest.mark.parametrize("title, exercise", [
    ("Exercise 3: Provinces (77003)", "ex3"), ("Ex 3 (1)", "ex3"), ("ex03-provinces (5)", "ex3"),
    ("Assignment: Bài tập 3 (Real)", "ex3"), ("Exercise 13 (9)", "ex13"), ("Index 3 (4)", None),
])
def test_assignment_titles_that_name_an_exercise(tmp_path, title, exercise):
    path = tmp_path / "export.csv"
    path.write_text(f'Student,ID,SIS User ID,SIS Login ID,Section,"{title}"\n'
                    '"Smith, John",12345,,,A,\n', encoding="utf-8")
    read = roster.read(path)
    found = [e for e in ("ex3", "ex13") if read.assignment_column(e) == title]
    assert found == ([exercise] if exercise else [])
