"""The Vietnamese exercises, as an instructor and a student meet them.

* The package catalog (self-checks, grader): every message of the code translated,
  placeholders and digits kept, and the committed ``.mo`` is the compiled ``.po``.
* ``vnsmartcity assign --lang vi``: blocks found as Sphinx extracts them, translated
  through the page catalog, one clear line for each way it can go wrong.
* ``vnsmartcity grade``: a Vietnamese submission gets the points of the English one
  and its feedback in Vietnamese, also when its metadata was lost.

The page catalogs on main are empty until the translators' work is merged, so the
tests that need a translated page use a copy under tmp_path with the translations of
tests/vietnamese_sample/; `test_vietnamese_release_of_the_repository_is_complete`
holds the repository's own catalogs to completeness and fails until then.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import string
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from vnsmartcity.assign import exercise_sources
from vnsmartcity.grading import run
from vnsmartcity.grading.language import detected_language
from vnsmartcity.page_catalog import translate_markdown
from vnsmartcity.release import read_source

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "vnsmartcity"
MESSAGES = PACKAGE / "locale" / "vi" / "LC_MESSAGES"
PAGE_CATALOGS = ROOT / "locales" / "vi" / "LC_MESSAGES" / "exercises"
SAMPLE = Path(__file__).resolve().parent / "vietnamese_sample"
SOURCES = exercise_sources(ROOT / "exercises")
VIETNAMESE_LETTER = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
                               "úùủũụứừửữựýỳỷỹỵ]", re.IGNORECASE)


def _catalog(path: Path):
    with open(path, "rb") as stream:
        return read_po(stream)


def _fields(text: str) -> list[str]:
    return sorted(f"{name}!{conversion}:{spec}" for _, name, spec, conversion
                  in string.Formatter().parse(text) if name is not None)


# --- the package catalog ----------------------------------------------------------------

def test_the_committed_mo_is_the_compiled_po():
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(MESSAGES / "vnsmartcity.po"))
    assert (MESSAGES / "vnsmartcity.mo").read_bytes() == compiled.getvalue(), \
        "the .mo is out of step with the .po: run `make messages`"


def test_every_message_of_the_code_is_in_the_catalog_and_translated():
    in_code = {message for _, _, message, _, _ in extract_from_dir(str(PACKAGE))
               if isinstance(message, str)}
    catalog = {m.id: m for m in _catalog(MESSAGES / "vnsmartcity.po") if m.id}
    assert len(in_code) > 250
    assert sorted(in_code - set(catalog)) == [], "run `make messages` and translate"
    assert sorted(set(catalog) - in_code) == [], "the catalog keeps messages the code dropped"
    assert [m.id for m in catalog.values() if not m.string or m.fuzzy] == []


def test_translations_keep_placeholders_and_digits_and_read_as_vietnamese():
    for message in _catalog(MESSAGES / "vnsmartcity.po"):
        if not message.id:
            continue
        english, vietnamese = message.id, message.string
        assert _fields(vietnamese) == _fields(english), english
        # Every number of the English, and no other but a month ("1 January": "ngày 1 tháng 1").
        extra = Counter(re.findall(r"\d+", vietnamese)) - Counter(re.findall(r"\d+", english))
        missing = Counter(re.findall(r"\d+", english)) - Counter(re.findall(r"\d+", vietnamese))
        assert not missing, english
        assert all(f"tháng {month}" in vietnamese for month in extra), english
        assert unicodedata.is_normalized("NFC", vietnamese), english
        assert re.findall(r"`[^`]*`", vietnamese) == re.findall(r"`[^`]*`", english), english
        if len(re.findall(r"[A-Za-z]{3,}", english)) >= 2:
            assert VIETNAMESE_LETTER.search(vietnamese), f"not Vietnamese: {vietnamese!r}"


# --- blocks and page catalogs -----------------------------------------------------------

def _messages(exercise: str) -> set[str]:
    found = []
    for cell in read_source(SOURCES[exercise]).cells:
        if cell.cell_type == "markdown":
            found += translate_markdown(cell.source, {}).messages
    return set(found)


@pytest.mark.parametrize("exercise", sorted(SOURCES, key=lambda e: int(e[2:])))
def test_blocks_are_the_messages_sphinx_extracts(exercise):
    """The release splits each cell into exactly the msgids of the page's catalog (made
    by Sphinx's gettext builder): a block it formed differently would never translate."""
    po = PAGE_CATALOGS / f"{SOURCES[exercise].stem}.po"
    assert _messages(exercise) == {m.id for m in _catalog(po) if m.id}


def _course_copy(folder: Path, translate: set[str] | None = None) -> Path:
    """The exercises and page catalogs copied to `folder`, with ex3's catalog filled from
    the sample; with `translate`, only those msgids keep a translation."""
    shutil.copytree(ROOT / "exercises", folder / "exercises")
    shutil.copytree(ROOT / "locales", folder / "locales")
    sample = json.loads((SAMPLE / "03-provinces.json").read_text(encoding="utf-8"))
    path = folder / "locales" / "vi" / "LC_MESSAGES" / "exercises" / "03-provinces.po"
    catalog = _catalog(path)
    for message in catalog:
        if translate is not None and message.id and message.id not in translate:
            message.string = ""
        elif message.id in sample:
            message.string = sample[message.id]
    with open(path, "wb") as stream:
        write_po(stream, catalog, width=76)
    return folder


def _cli(*arguments: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vnsmartcity.cli", *arguments], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def _markdown(notebook) -> str:
    return "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def test_assign_lang_vi_translates_every_block_and_selects_vietnamese(tmp_path):
    course = _course_copy(tmp_path / "course")
    done = _cli("assign", "3", "--lang", "vi", "--out", str(tmp_path / "out"), cwd=course)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    student = nbformat.read(tmp_path / "out" / "student" / "ex03-provinces.ipynb", 4)
    solutions = nbformat.read(tmp_path / "out" / "instructor" / "solutions" /
                              "ex03-provinces.ipynb", 4)
    for notebook in (student, solutions):
        assert notebook.metadata["vnsmartcity"] == {"exercise": "ex3", "lang": "vi"}
        assert "Bài tập 3: Các tỉnh qua những con số" in _markdown(notebook)
        assert 'use_language("vi")' in "\n".join(c.source for c in notebook.cells
                                                 if c.cell_type == "code")
    text = _markdown(student)
    sample = json.loads((SAMPLE / "03-provinces.json").read_text(encoding="utf-8"))
    english = [m for m in sample if len(m.split()) > 3]
    assert [m for m in english if m in text] == [], "an English block was left"
    assert "**Câu trả lời của bạn**" in text and "Your answer" not in text
    assert "Phần tự kiểm tra trả lời bằng tiếng Việt" in student.cells[
        next(i for i, c in enumerate(student.cells) if c.cell_type == "code")].source
    assert detected_language(student) == "vi"
    english_release = _cli("assign", "3", "--out", str(tmp_path / "en"), cwd=course)
    assert english_release.returncode == 0
    en = nbformat.read(tmp_path / "en" / "student" / "ex03-provinces.ipynb", 4)
    assert en.metadata["vnsmartcity"]["lang"] == "en" and detected_language(en) == "en"
    code = [[c.source for c in nb.cells if c.cell_type == "code"][1:] for nb in (en, student)]
    assert code[0] == code[1], "the code cells but the setup cell are the same"


def test_an_untranslated_block_stops_the_release_in_one_line(tmp_path):
    sample = json.loads((SAMPLE / "03-provinces.json").read_text(encoding="utf-8"))
    left_out = "Question 3.3: a chart of the shares"
    course = _course_copy(tmp_path / "course", set(sample) - {left_out})
    done = _cli("assign", "3", "--lang", "vi", "--out", str(tmp_path / "out"), cwd=course)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("vnsmartcity assign: ex3 ")
    assert left_out in done.stderr and "--allow-untranslated" in done.stderr
    assert not (tmp_path / "out" / "student").exists(), "nothing written"
    allowed = _cli("assign", "3", "--lang", "vi", "--allow-untranslated", "--out",
                   str(tmp_path / "out"), cwd=course)
    assert allowed.returncode == 0 and allowed.stderr.count("\n") == 1
    assert "warning" in allowed.stderr and left_out in allowed.stderr
    student = nbformat.read(tmp_path / "out" / "student" / "ex03-provinces.ipynb", 4)
    assert "## " + left_out in _markdown(student)


@pytest.mark.parametrize("case", ["unknown language", "missing catalog", "damaged catalog",
                                  "outside the repository"])
def test_assign_mistakes_get_one_clear_line(case, tmp_path):
    course = _course_copy(tmp_path / "course")
    catalog = course / "locales" / "vi" / "LC_MESSAGES" / "exercises" / "03-provinces.po"
    arguments, env, cwd = ["assign", "3", "--lang", "vi", "--out", str(tmp_path / "o")], {}, course
    if case == "unknown language":
        arguments[3], words = "xx", "unknown language 'xx'; use one of: en, vi"
    elif case == "missing catalog":
        catalog.unlink()
        words = "no Tiếng Việt catalog"
    elif case == "damaged catalog":
        catalog.write_text('msgid "a"\nmsgstr "b"\nnot po at all\n', encoding="utf-8")
        words = "not a valid .po file"
    else:  # an installed package, run in a folder that is not the course repository
        site = tmp_path / "site"
        shutil.copytree(PACKAGE, site / "vnsmartcity", ignore=shutil.ignore_patterns("*.pyc"))
        env, cwd = {"PYTHONPATH": str(site)}, tmp_path / "elsewhere"
        cwd.mkdir()
        words = "run the command from the course repository"
    done = _cli(*arguments, cwd=cwd, env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("vnsmartcity assign: ")
    assert words in done.stderr, done.stderr


def test_vietnamese_release_of_the_repository_is_complete(tmp_path):
    """Needs the translated page catalogs (after the merge): no English block is left."""
    done = _cli("assign", "--lang", "vi", "--out", str(tmp_path / "out"), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_language_is_detected_from_the_markdown():
    def notebook(*texts: str):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(t) for t in texts]
        return nb

    sample = json.loads((SAMPLE / "03-provinces.json").read_text(encoding="utf-8"))
    assert detected_language(notebook(*sample.values())) == "vi"
    assert detected_language(notebook(*sample)) == "en"
    places = "The centres of Đà Nẵng, Hà Nội, Thừa Thiên Huế and Bình Dương report monthly. "
    assert detected_language(notebook(places * 8)) == "en"
    assert detected_language(notebook("Câu 3.1")) == "en", "too little text to tell"


# --- grading ----------------------------------------------------------------------------

def _rows(out: Path) -> dict[str, list[dict]]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return {s: [r for r in rows if r["student"] == s] for s in {r["student"] for r in rows}}


def test_vietnamese_submission_grades_like_english_with_vietnamese_feedback(tmp_path):
    course = _course_copy(tmp_path / "course")
    for lang in ("en", "vi"):
        done = _cli("assign", "3", "--lang", lang, "--out", str(tmp_path / lang), cwd=course)
        assert done.returncode == 0, done.stderr
    name = "ex03-provinces.ipynb"
    hand_in = tmp_path / "class"
    hand_in.mkdir()
    for lang in ("en", "vi"):
        shutil.copy(tmp_path / lang / "instructor" / "solutions" / name,
                    hand_in / f"{lang}solved_{name}")
        shutil.copy(tmp_path / lang / "student" / name, hand_in / f"{lang}empty_{name}")
    stripped = nbformat.read(tmp_path / "vi" / "instructor" / "solutions" / name, 4)
    del stripped.metadata["vnsmartcity"]["lang"]  # a tool that dropped what it did not know
    nbformat.write(stripped, hand_in / f"vistripped_{name}")
    shutil.copy(tmp_path / "vi" / "instructor" / "solutions" / name,
                hand_in / "viwrong_ex05-france.ipynb")  # handed in under another exercise
    out = tmp_path / "grades"
    assert run.grade([hand_in], out, jobs=2, timeout=60) == 0
    rows = _rows(out)

    def points(student: str) -> list[tuple[str, str, str]]:
        return [(r["question"], r["points"], r["status"]) for r in rows[student]]

    assert points("visolved") == points("ensolved") == points("vistripped")
    assert sum(float(p) for _, p, _ in points("visolved")) == 6
    assert points("viempty") == points("enempty")
    feedback = {s: (out / "feedback" / s / "ex3.md").read_text(encoding="utf-8")
                for s in rows if s != "viwrong"}
    for student in ("visolved", "vistripped"):
        assert "Các câu được chấm tự động: **6 trên 6 điểm**." in feedback[student]
        assert "| Câu | Điểm | Kết quả |" in feedback[student]
        assert "Automatically" not in feedback[student]
    assert "Automatically checked questions: **6 of 6 points**." in feedback["ensolved"]
    assert "## Cần xem lại" in feedback["viempty"] and "chưa đạt" in feedback["viempty"]
    vietnamese = [r["message"] for r in rows["viempty"] if r["status"] == "failed"]
    english = [r["message"] for r in rows["enempty"] if r["status"] == "failed"]
    assert len(vietnamese) == 4 and all(m.startswith("chưa đúng: ") for m in vietnamese)
    assert all(m.startswith("not yet: ") for m in english)
    assert {r["status"] for r in rows["viempty"]} == {"failed", "manual"}, \
        "the gradebook's status codes stay the same in every language"
    assert {r["status"] for r in rows["viwrong"]} == {"invalid"}
    assert all(r["message"].startswith("tệp này được đặt tên theo bài tập ex5")
               for r in rows["viwrong"]), rows["viwrong"]
    assert "# Nhận xét bài ex5" in (out / "feedback" / "viwrong" / "ex5.md").read_text(
        encoding="utf-8")
