"""``manual.csv`` as spreadsheets save it, and every mark that cannot be right named by line.

The results are the plain dicts the grader caches; the file is written here in
the forms Excel, LibreOffice and a text editor produce.
"""

from __future__ import annotations

import pytest

from vnsmartcity.grading import manual


def _results() -> list[dict]:
    return [{"student": "12345", "exercise": "ex3", "rows": [
        {"question": "3.1", "points": 2.0, "max_points": 2.0, "status": "passed", "message": ""},
        {"question": "3.5", "points": 0.0, "max_points": 3.0, "status": "manual", "message": ""},
    ]}]


def _merged(tmp_path, data: bytes, capsys) -> tuple[dict, str]:
    (tmp_path / "manual.csv").write_bytes(data)
    results = _results()
    manual.merge(results, manual.read(tmp_path))
    return {r["question"]: r for r in results[0]["rows"]}, capsys.readouterr().err


@pytest.mark.parametrize("data", [
    b"student,exercise,question,points\n12345,ex3,3.5,2.5\n",
    "\ufeffstudent;exercise;question;points\r\n12345;3;3.5;2,5\r\n".encode(),  # Excel, Vietnam
    b"Student,Exercise,Question,Points\n12345,EX03,3.5,2.5\n",
    b"points,question,student,exercise\n2.5,3.5,12345,ex3\n\n",  # any order, blank line
])
def test_marks_as_spreadsheets_save_them(tmp_path, capsys, data):
    rows, err = _merged(tmp_path, data, capsys)
    assert rows["3.5"]["points"] == 2.5 and rows["3.5"]["marked"] and err == ""


@pytest.mark.parametrize("line, words", [
    ("12345,ex3,3.5,5", "line 2 (12345, ex3, 3.5): 5 points is outside 0 to 3"),
    ("12345,ex3,3.5,-1", "-1 points is outside 0 to 3"),
    ("12345,ex3,3.9,1", "line 2 (12345, ex3, 3.9): no such question"),
    ("12345,ex3,3.1,1", "checked automatically"),
    ("99999,ex3,3.5,1", "no such student and exercise"),
    ("12345,ex3,3.5,two", "line 2: points 'two' is not a number"),
    ("12345,ex3,3.5,nan", "is not a number"),
])
def test_a_mark_that_cannot_be_right_is_not_used_and_named(tmp_path, capsys, line, words):
    rows, err = _merged(tmp_path, f"student,exercise,question,points\n{line}\n".encode(), capsys)
    assert rows["3.5"]["points"] == 0 and not rows["3.5"].get("marked")
    assert rows["3.1"]["points"] == 2
    assert err.count("\n") == 1 and words in err, err


@pytest.mark.parametrize("data, words", [
    (b"name,mark\nx,1\n", "missing student, exercise, question, points"),
    ("student,exercise,question,points\n12345,ex3,3.5,2\n".encode("utf-16"), "not UTF-8"),
])
def test_unreadable_file_is_one_warning(tmp_path, capsys, data, words):
    rows, err = _merged(tmp_path, data, capsys)
    assert rows["3.5"]["points"] == 0 and words in err and err.count("\n") == 1
