"""Students run every exercise in a fresh Python of their own: 3.10, 3.12 and 3.13.

For each of these Pythons on this machine, the course wheel goes into a fresh venv
that has only a notebook runner, pandas and matplotlib; pip sees no index, only
PIP_FIND_LINKS (the wheel's folder). Every student notebook of the site runs from the
top: the setup cell installs the package, no cell fails, every check says "not yet";
with the solutions' answers put in, every check passes. Every module of the package
imports there, but for the instructor's extras it declares; Binder's requirements
resolve on Binder's Python; offline, the setup cell says what to do.

The venvs install from wheels that ``make student-wheels`` downloads once (.ci/run does);
without them these tests skip with one line, and fail when VNSC_REQUIRE_BROWSER=1 (CI).
pytest's summary ends with the Pythons the notebooks ran on (conftest.py).
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.pythons import STUDENT_PYTHONS, find_pythons
from tests.student_envs import (
    PYTHONS_USED,
    WHEELHOUSE,
    EnvironmentMissing,
    StudentEnv,
    build_wheel,
    create,
)
from vnsmartcity import __version__
from vnsmartcity.assign import assign, exercise_sources, release_name
from vnsmartcity.check.spec import questions
from vnsmartcity.release import read_source, setup_cell, strip_code

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("VNSC_REQUIRE_BROWSER") == "1"
SOURCES = exercise_sources(ROOT / "exercises")
NAMES = {exercise: release_name(exercise, source) for exercise, source in SOURCES.items()}
PYTHONS = find_pythons()
CHECK = re.compile(r'^\s*check\("([\d.]+)"', re.M)
# What pip may import beyond the students' environment: the instructor's extras.
EXTRAS = {"jupytext", "tqdm", "markdown_it", "mdit_py_plugins", "babel"}


def _skip_or_fail(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (VNSC_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site(built_book) -> Path:
    assert built_book.returncode == 0, built_book.log[-3000:]
    return built_book.html


def test_the_machine_has_students_pythons():
    print(f"student Pythons found: {PYTHONS or 'none'} (looked for {', '.join(STUDENT_PYTHONS)})")
    if len(PYTHONS) < 2:
        _skip_or_fail(f"fewer than two of Python {', '.join(STUDENT_PYTHONS)} on this machine")


@pytest.fixture(scope="session")
def wheel(built_book, tmp_path_factory) -> Path:
    """The course wheel, built (offline, pinned setuptools) from the session's copy."""
    return build_wheel(tmp_path_factory.mktemp("dist"), built_book.html.parent.parent)


@pytest.fixture(scope="session")
def student_envs(tmp_path_factory) -> dict[str, StudentEnv | str]:
    """One fresh venv per student Python, created on first use: version -> env or why not."""
    return {}


def _env(student_envs: dict, version: str, tmp_path_factory) -> StudentEnv:
    if version not in PYTHONS:
        _skip_or_fail(f"Python {version} is not on this machine")
    if version not in student_envs:
        try:
            student_envs[version] = create(version, PYTHONS[version],
                                           tmp_path_factory.mktemp(f"venv{version}"))
        except EnvironmentMissing as missing:
            student_envs[version] = str(missing)
    env = student_envs[version]
    if isinstance(env, str):
        _skip_or_fail(env)
    return env


def with_answers(student: nbformat.NotebookNode, source: nbformat.NotebookNode,
                 lang: str = "en"):
    """The student notebook with the solutions' code put in, as a student who solved it.

    Each code cell of the release is its source cell with the solution stripped; a
    solution-only cell (stripped to nothing) is put back before the next kept cell.
    """
    answered = copy.deepcopy(student)
    pending = [cell.source for cell in source.cells if cell.cell_type == "code"]
    cells = []
    for cell in answered.cells:
        if cell.cell_type != "code" or cell.source == setup_cell(__version__, lang):
            cells.append(cell)
            continue
        while not strip_code(pending[0]):
            cells.append(nbformat.v4.new_code_cell(pending.pop(0)))
        original = pending.pop(0)
        assert strip_code(original) == cell.source, "the release changed a cell it should keep"
        cell.source = original
        cells.append(cell)
    cells += [nbformat.v4.new_code_cell(code) for code in pending]
    answered.cells = cells
    return answered


def _printed(notebook: nbformat.NotebookNode) -> tuple[dict[str, str], list[str]]:
    """Question id -> what its check printed; and every error output, named by cell."""
    checks, errors = {}, []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        errors += [f"cell {number} ({cell.source[:60]!r}): {o.ename}: {o.evalue}"
                   for o in cell.outputs if o.output_type == "error"]
        match = CHECK.match(cell.source)
        if match:
            checks[match.group(1)] = text
    return checks, errors


@pytest.mark.parametrize("version", STUDENT_PYTHONS)
def test_student_notebooks_run_all_in_a_fresh_python(site, wheel, student_envs, tmp_path,
                                                     tmp_path_factory, request, version):
    used = request.config.stash.setdefault(PYTHONS_USED, {})
    used[version] = "did not pass (skipped or failed: see above)"
    env = _env(student_envs, version, tmp_path_factory)
    print(f"Python {version} ({PYTHONS[version]}): fresh venv in {env.seconds_to_create:.1f} s")
    assert not env.has_package("vnsmartcity"), "the venv must start without the package"
    work = tmp_path / "work"
    work.mkdir()
    students, answered = [], []
    for exercise, name in NAMES.items():
        student = nbformat.read(site / "student" / name, as_version=4)
        nbformat.write(student, work / name)
        answer = with_answers(student, read_source(SOURCES[exercise]))
        nbformat.write(answer, work / f"answered-{name}")
        students.append(work / name)
        answered.append(work / f"answered-{name}")
    timings = env.run_all(students + answered, tmp_path / "out", wheel.parent)
    assert env.has_package("vnsmartcity"), "the setup cell did not install the package"
    first = nbformat.read(tmp_path / "out" / students[0].name, as_version=4)
    setup_output = "".join(o.get("text", "") for o in first.cells[_setup_index(first)].outputs)
    assert f"Installing vnsmartcity {__version__}" in setup_output, setup_output
    for exercise, name in NAMES.items():
        auto = [q.qid for q in questions(exercise) if not q.is_written]
        for prefix, verdict in (("", "not yet"), ("answered-", "correct.")):
            executed = nbformat.read(tmp_path / "out" / f"{prefix}{name}", as_version=4)
            checks, errors = _printed(executed)
            assert not errors, f"Python {version}, {prefix}{name}: {errors}"
            for qid in auto:
                assert qid in checks, f"{prefix}{name}: no check of {qid}"
                expected = "❌" if verdict == "not yet" else "✅"
                assert checks[qid].startswith(f"{expected} Question {qid}: {verdict}"), \
                    f"Python {version}, {prefix}{name}: {checks[qid]!r}"
    slowest = max(timings.values(), key=lambda t: t["cells"][-1])
    used[version] = (f"{PYTHONS[version]}, fresh venv {env.seconds_to_create:.0f} s, "
                     f"{len(timings)} notebooks passed, slowest {slowest['cells'][-1]:.1f} s")


def test_vietnamese_notebooks_answer_in_vietnamese_in_a_fresh_python(
        wheel, student_envs, tmp_path, tmp_path_factory):
    """The Vietnamese release (as the Vietnamese edition serves it) in a fresh venv of the
    oldest student Python, the package from the wheel: its stdlib gettext finds the
    catalog the wheel carries, and every check speaks Vietnamese."""
    version = next((v for v in STUDENT_PYTHONS if v in PYTHONS), STUDENT_PYTHONS[0])
    env = _env(student_envs, version, tmp_path_factory)
    assign([], tmp_path / "release", ROOT / "exercises", lang="vi", allow_untranslated=True)
    work = tmp_path / "work"
    work.mkdir()
    notebooks = []
    for exercise, name in NAMES.items():
        student = nbformat.read(tmp_path / "release" / "student" / name, as_version=4)
        nbformat.write(student, work / name)
        nbformat.write(with_answers(student, read_source(SOURCES[exercise]), "vi"),
                       work / f"answered-{name}")
        notebooks += [work / name, work / f"answered-{name}"]
    env.run_all(notebooks, tmp_path / "out", wheel.parent)
    for exercise, name in NAMES.items():
        for prefix, verdict in (("", "❌ Câu {}: chưa đúng"), ("answered-", "✅ Câu {}: đúng.")):
            checks, errors = _printed(nbformat.read(tmp_path / "out" / f"{prefix}{name}",
                                                    as_version=4))
            assert not errors, f"Python {version}, {prefix}{name}: {errors}"
            for qid in (q.qid for q in questions(exercise) if not q.is_written):
                assert checks[qid].startswith(verdict.format(qid)), \
                    f"Python {version}, {prefix}{name}: {checks[qid]!r}"


def _setup_index(notebook: nbformat.NotebookNode) -> int:
    return next(n for n, c in enumerate(notebook.cells) if c.cell_type == "code")


IMPORT_ALL = r"""
import importlib, pkgutil, sys, vnsmartcity
extras = set(sys.argv[1:])
for module in pkgutil.walk_packages(vnsmartcity.__path__, "vnsmartcity."):
    try:
        importlib.import_module(module.name)
    except ModuleNotFoundError as missing:
        if missing.name.split(".")[0] not in extras:
            raise
        print(module.name, "needs", missing.name)
"""


@pytest.mark.parametrize("version", STUDENT_PYTHONS)
def test_every_module_imports_or_names_a_declared_extra(wheel, student_envs, tmp_path_factory,
                                                        version):
    env = _env(student_envs, version, tmp_path_factory)
    subprocess.run([str(env.python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   env=env.environ(wheel.parent))
    result = subprocess.run([str(env.python), "-c", IMPORT_ALL, *EXTRAS], capture_output=True,
                            text=True, env=env.environ(wheel.parent))
    assert result.returncode == 0, f"Python {version}: {result.stderr[-2000:]}"


def test_binder_requirements_resolve_on_its_python(wheel, student_envs, tmp_path_factory):
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    env = _env(student_envs, version, tmp_path_factory)
    wheels = WHEELHOUSE / "binder"
    if not wheels.is_dir():
        _skip_or_fail(f"no Binder wheels in {wheels}: run `make student-wheels`")
    result = subprocess.run(
        [str(env.python), "-m", "pip", "install", "--dry-run", "--ignore-installed",
         "--no-index", "--find-links", str(wheels), "--find-links", str(wheel.parent),
         "-r", str(ROOT / "binder" / "requirements.txt")],
        capture_output=True, text=True, env=env.environ(wheel.parent))
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"vnsmartcity-{__version__}" in result.stdout


def test_setup_cell_offline_or_outdated_says_what_to_do(tmp_path, monkeypatch):
    """A kernel whose package is of another version, offline: one line on what to do."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(setup_cell("99.0.0"))]
    for key in [key for key in os.environ if key.startswith("PIP_")]:
        monkeypatch.delenv(key)
    for key, value in {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
                       "PIP_FIND_LINKS": str(tmp_path)}.items():
        monkeypatch.setenv(key, value)  # the kernel inherits them
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = "".join(o.get("text", "") for o in notebook.cells[0].outputs)
    wheel = "vnsmartcity-99.0.0-py3-none-any.whl"
    assert f"Installing vnsmartcity 99.0.0. Offline? Put {wheel} next to this notebook and " \
           f"run: %pip install {wheel}" in printed, printed
    assert "No matching distribution found for vnsmartcity==99.0.0" in printed, printed
    assert "restart the kernel" in printed
    assert __version__ != "99.0.0"
