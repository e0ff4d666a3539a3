"""The student release: solutions out, prompts in, ids in the metadata, same bytes every run."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import nbformat
import pytest

from vnsmartcity import __version__
from vnsmartcity.assign import assign
from vnsmartcity.cli import UsageError, main
from vnsmartcity.release import (
    NotAnExercise,
    exercise_id,
    setup_cell,
    strip_code,
    student_notebook,
)

ROOT = Path(__file__).resolve().parent.parent


def test_solution_markers_follow_otter_syntax():
    source = "\n".join([
        '""" # BEGIN PROMPT',
        "table = ...",
        '"""  # END PROMPT',
        "# BEGIN SOLUTION NO PROMPT",
        "table = secret()",
        "# END SOLUTION",
        "share = 17 / 41  # SOLUTION",
        "def f(x):",
        "    # BEGIN SOLUTION",
        "    return x * 2",
        "    # END SOLUTION",
        "check('1.1', share)",
    ])
    assert strip_code(source) == "\n".join([
        "table = ...", "share = ...", "def f(x):", "    ...", "check('1.1', share)"])


def test_an_unclosed_solution_is_refused():
    with pytest.raises(NotAnExercise, match="not closed"):
        strip_code("# BEGIN SOLUTION\nx = 1")


def _notebook(*cells):
    notebook = nbformat.v4.new_notebook(metadata={"vnsmartcity": {"exercise": "ex9"}})
    for kind, source in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        notebook.cells.append(make(source))
    return notebook


def test_markdown_solutions_are_removed_and_written_answers_get_a_cell():
    notebook = _notebook(
        ("markdown", "## Q\n\n```{exercise-start}\n:label: q\n```\nSay why.\n```{exercise-end}\n```"
                     "\n\n```{solution-start} q\n:class: dropdown\n```\nBecause SECRET.\n"
                     "```{solution-end}\n```"),
        ("code", 'check("9.1", "written")'),
        ("markdown", "```{solution-start} q2\n:class: dropdown\n```\nHINT SECRET"),
        ("code", "x = 42  # SOLUTION"),
        ("markdown", "```{solution-end}\n```\n\nAfter."),
    )
    released = student_notebook(notebook)
    text = nbformat.writes(released)
    assert "SECRET" not in text and "42" not in text
    sources = [cell.source for cell in released.cells]
    assert sources == ["## Q\n\nSay why.", released.cells[1].source, setup_cell(__version__),
                       'check("9.1", "written")', "x = ...", "After."]
    assert "Your answer" in sources[1]
    assert [c.id for c in released.cells] == [f"cell-{n:03d}" for n in range(6)]


def test_exercise_id_comes_from_metadata_then_file_name():
    assert exercise_id(_notebook()) == "ex9"
    assert exercise_id(nbformat.v4.new_notebook(), Path("03-provinces.ipynb")) == "ex3"
    assert exercise_id(nbformat.v4.new_notebook(), Path("ex07-operations-centre.ipynb")) == "ex7"
    with pytest.raises(NotAnExercise):
        exercise_id(nbformat.v4.new_notebook(), Path("homework.ipynb"))


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_assign_writes_the_release_and_is_repeatable(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assign(["3"], first, ROOT / "exercises")
    assign(["ex3"], second, ROOT / "exercises")
    assert _digests(first) == _digests(second)
    student = nbformat.read(first / "student" / "ex03-provinces.ipynb", as_version=4)
    nbformat.validate(student)
    assert student.metadata["vnsmartcity"] == {"exercise": "ex3", "lang": "en"}
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
    assert "BEGIN SOLUTION" not in nbformat.writes(student)
    assert (first / "instructor" / "solutions" / "ex03-provinces.ipynb").is_file()
    assert "Question 3.5" in (first / "instructor" / "rubrics.md").read_text()
    with zipfile.ZipFile(first / "student-release.zip") as archive:
        assert archive.namelist() == ["student/ex03-provinces.ipynb"]


def test_assign_unknown_exercise_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(UsageError, match="unknown exercise"):
        assign(["ex99"], tmp_path, ROOT / "exercises")
    assert main(["assign", "nine", "--out", str(tmp_path)]) == 2
    assert "not an exercise id" in capsys.readouterr().err
