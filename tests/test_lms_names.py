"""Who handed in what, read from real LMS download names, without running any notebook.

The names are the formats Canvas, Moodle and Blackboard give bulk downloads (see
`vnsmartcity.grading.lms`); the zips are built here as those LMSs build them, plus
hostile variants (a damaged entry, names that clean to one id, a formula as a name).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from vnsmartcity.grading import archive, collect, csvfile, lms, report

NB = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
NFC_AN = unicodedata.normalize("NFC", "Nguyễn Văn An")
NFD_AN = unicodedata.normalize("NFD", "Nguyễn Văn An")


@pytest.mark.parametrize("name, student, display, late", [
    ("smithjohn_12345_678901_ex03-provinces.ipynb", "12345", "smithjohn", False),
    ("smithjohn_LATE_12345_678901_ex03-provinces.ipynb", "12345", "smithjohn", True),
    ("smithjohn_12345_678901_ex03-provinces-1.ipynb", "12345", "smithjohn", False),
    ("John Smith_12345_assignsubmission_file_ex03-provinces.ipynb", "12345", "John Smith", False),
    ("Assignment 3_jsmith_attempt_2026-11-30-14-05-09_ex03-provinces.ipynb", "jsmith", "jsmith",
     False),
    ("alice_ex03-provinces.ipynb", "alice", "alice", False),
    ("alice.ipynb", "alice", "alice", False),
])
def test_flat_file_names(name, student, display, late):
    owner = lms.owner_of((name,))
    assert (owner.student, owner.name, owner.late) == (student, display, late)


def test_moodle_folder_and_plain_folder():
    moodle = lms.owner_of(("John Smith_12345_assignsubmission_file_", "ex03-provinces.ipynb"))
    assert (moodle.student, moodle.name) == ("12345", "John Smith")
    plain = lms.owner_of(("alice", "work", "ex03-provinces.ipynb"))
    assert (plain.student, plain.name) == ("alice", "alice")


def test_canvas_resubmission_and_blackboard_attempts_are_ordered():
    first = lms.owner_of(("smithjohn_12345_678901_ex03-provinces.ipynb",))
    again = lms.owner_of(("smithjohn_LATE_12345_678902_ex03-provinces-2.ipynb",))
    assert first.key == again.key and first.order < again.order
    early = lms.owner_of(("Assignment 3_jsmith_attempt_2026-11-30-14-05-09_ex03.ipynb",))
    later = lms.owner_of(("Assignment 3_jsmith_attempt_2026-12-01-09-00-00_ex03.ipynb",))
    assert early.key == later.key and early.order < later.order


def _zip(path: Path, entries: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    return path


def _by_student(found: collect.Collected) -> dict[str, list[collect.Submission]]:
    students: dict[str, list[collect.Submission]] = {}
    for item in found.submissions:
        students.setdefault(item.student, []).append(item)
    return students


def test_students_who_clean_to_one_id_are_never_merged(tmp_path, capsys):
    """The grader review's c35: 6 students became 3 rows."""
    root = tmp_path / "class"
    for folder in ("c35_a#b", "c35_a$b", f"c35_{NFC_AN}", f"c35_{NFD_AN}"):
        (root / folder).mkdir(parents=True)
        (root / folder / "ex03-provinces.ipynb").write_text(NB)
    for name in ("nguyenvanan_1111_2222_ex03-provinces.ipynb",
                 "nguyenvanan_3333_4444_ex03-provinces.ipynb"):
        (root / name).write_text(NB)
    found = collect.collect([root], tmp_path / "scratch")
    students = _by_student(found)
    assert len(students) == 6 and all(len(items) == 1 for items in students.values())
    assert {"1111", "3333"} <= set(students)
    assert len([s for s in students if s.startswith("c35_a_b-")]) == 2
    assert len([s for s in students if s.startswith(f"c35_{NFC_AN}-")]) == 2
    assert len(found.warnings) == 2 and all("kept apart" in w for w in found.warnings)


def test_moodle_zip_of_one_student_keeps_the_student(tmp_path):
    """P6: the single top folder is the student's, not a wrapper to strip."""
    archive = _zip(tmp_path / "moodle.zip", {
        f"{NFC_AN}_12346_assignsubmission_file_/ex03-provinces.ipynb": NB})
    (item,) = collect.collect([archive], tmp_path / "scratch").submissions
    assert (item.student, item.name) == ("12346", NFC_AN)


def test_wrapper_folder_of_a_class_zip_is_stripped(tmp_path):
    archive = _zip(tmp_path / "class.zip", {"submissions/alice_ex03-provinces.ipynb": NB,
                                            "submissions/binh_ex03-provinces.ipynb": NB})
    found = collect.collect([archive], tmp_path / "scratch")
    assert sorted(_by_student(found)) == ["alice", "binh"]


def test_nested_zip_belongs_to_the_student_who_uploaded_it(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as bundle:
        bundle.writestr("ex03-provinces.ipynb", NB)
        bundle.writestr("ex04-transport.ipynb", NB)
    archive = _zip(tmp_path / "canvas.zip", {
        "hoangem_10007_500007_homework.zip": inner.getvalue(),
        "nguyenvanan_10001_500001_ex03-provinces.ipynb": NB})
    found = collect.collect([archive], tmp_path / "scratch")
    students = _by_student(found)
    assert sorted(p.path.name for p in students["10007"]) == ["ex03-provinces.ipynb",
                                                              "ex04-transport.ipynb"]
    assert students["10007"][0].name == "hoangem"
    assert len(found.submissions) == 3


def test_every_file_not_graded_is_listed(tmp_path):
    archive = _zip(tmp_path / "bb.zip", {
        "Assignment 3_jsmith_attempt_2026-11-30-14-05-09_ex03-provinces.ipynb": NB,
        "Assignment 3_jsmith_attempt_2026-11-30-14-05-09.txt":
            "Name: John Smith (jsmith)\nAssignment: Assignment 3\n",
        "Assignment 3_jsmith_attempt_2026-11-30-14-05-09_notes.docx": b"PK\x03\x04",
        "__MACOSX/._x.ipynb": b"\0",
    })
    found = collect.collect([archive], tmp_path / "scratch")
    (item,) = found.submissions
    assert (item.student, item.name) == ("jsmith", "John Smith")  # name from the receipt
    assert [(s.student, s.label.rsplit("_", 1)[-1]) for s in found.skipped] == [
        ("jsmith", "notes.docx")]
    assert found.system_files == 1


def _flip_a_byte_of(archive: Path, entry: str) -> None:
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo(entry)
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    archive.write_bytes(bytes(data))


def test_one_damaged_zip_entry_costs_only_its_student(tmp_path):
    """The grader review's c31: a bad CRC made BadZipFile kill the whole run."""
    archive = _zip(tmp_path / "canvas.zip", {
        "alice_101_201_ex03-provinces.ipynb": NB + " " * 200,
        "binh_102_202_ex03-provinces.ipynb": NB})
    _flip_a_byte_of(archive, "alice_101_201_ex03-provinces.ipynb")
    found = collect.collect([archive], tmp_path / "scratch")
    problems = {item.student: item.problem for item in found.submissions}
    assert problems["102"] is None
    assert "damaged in the zip" in problems["101"] and "upload it again" in problems["101"]


def test_truncated_entry_is_damaged_not_fatal(tmp_path):
    archive = tmp_path / "cut.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("alice_101_201_ex03-provinces.ipynb", NB * 50)
        bundle.writestr("binh_102_202_ex03-provinces.ipynb", NB)
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo("alice_101_201_ex03-provinces.ipynb")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode())
    data[start:start + info.compress_size] = b"\0" * info.compress_size  # garbage deflate
    archive.write_bytes(bytes(data))
    found = collect.collect([archive], tmp_path / "scratch")
    assert {i.student: bool(i.problem) for i in found.submissions} == {"101": True, "102": False}


@pytest.mark.parametrize("cell, safe", [
    ('=2+5+HYPERLINK("http:evil.example","x")', '\'=2+5+HYPERLINK("http:evil.example","x")'),
    ("+1", "'+1"), ("-1+A1", "'-1+A1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Nguyễn", "Nguyễn"), ("ex3", "ex3"),
])
def test_formula_like_text_is_neutralised(cell, safe):
    assert csvfile.neutralise(cell) == safe


def test_negative_numbers_stay_numbers_only_in_point_columns():
    text = csvfile.write_text(["name", "points"], [["-2", "-0.5"], ["x", "=1+1"]], ["points"])
    assert list(csv.reader(io.StringIO(text))) == [["name", "points"], ["'-2", "-0.5"],
                                                   ["x", "'=1+1"]]


@pytest.mark.parametrize("student, exercise", [("..", "ex3"), ("a/../../b", "ex3"),
                                               ("/etc", "ex3"), ("ok", "../../x"),
                                               ("C:\\w", "ex3")])
def test_feedback_paths_stay_inside_the_output_folder(tmp_path, student, exercise):
    path = report.feedback_path(tmp_path, student, exercise)
    assert (tmp_path / "feedback").resolve() in path.resolve().parents
    assert path.parent.parent == (tmp_path / "feedback").resolve()


def _deflated(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def test_zips_inside_zips_share_one_size_budget(tmp_path, monkeypatch):
    """A zip bomb spread over nested zips: each small, together too large."""
    monkeypatch.setattr(archive, "MAX_ZIP_BYTES", 5000)
    big = NB + " " * 3000
    outer = _zip(tmp_path / "canvas.zip", {
        "an_1_1_homework.zip": _deflated({"ex03-provinces.ipynb": big}),
        "binh_2_2_homework.zip": _deflated({"ex03-provinces.ipynb": big})})
    found = collect.collect([outer], tmp_path / "scratch")
    problems = sorted((i.student, bool(i.problem)) for i in found.submissions)
    assert problems == [("1", False), ("2", True)]
    assert "too large" in next(i.problem for i in found.submissions if i.problem)
