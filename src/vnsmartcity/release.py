'''Make the student version of an exercise: solutions out, prompts in, outputs cleared.

The markers are otter-grader's, so instructors who know otter recognise them:

* in code cells: ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` becomes ``...``;
  ``# BEGIN SOLUTION NO PROMPT`` ... ``# END SOLUTION`` disappears; a line ending
  in ``# SOLUTION`` keeps its left-hand side (``x = expr  # SOLUTION`` -> ``x = ...``);
  a ``""" # BEGIN PROMPT`` ... ``""" # END PROMPT`` string becomes live code;
* in Markdown: everything from a ``{solution-start}`` directive to its
  ``{solution-end}`` goes (that is what the book shows in a dropdown); a solution
  without code cells is a written answer and leaves an answer cell in its place.

otter's own ``otter assign`` expects its own notebook format (YAML cells per
question) and cannot read our MyST text notebooks, hence this small module.

The first code cell of a student notebook is a setup cell (:func:`setup_cell`): a
student opens the notebook in Colab, Binder, JupyterLab or VS Code, where the
course package may be missing or of another course version, so the notebook
installs it by name and version and says what to do offline.
'''

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

from vnsmartcity import __version__
from vnsmartcity.messages import DEFAULT, _, language

SOLUTION_START = re.compile(r"^(`{3,}|:{3,})\{solution-start\}.*?^\1[ \t]*$\n?", re.M | re.S)
SOLUTION_END = re.compile(r"^(`{3,}|:{3,})\{solution-end\}.*?^\1[ \t]*$\n?", re.M | re.S)
EXERCISE_FENCE = re.compile(r"^(`{3,}|:{3,})\{exercise-(start|end)\}.*?^\1[ \t]*$\n?", re.M | re.S)
ADMONITION = re.compile(
    r"^(:{3,}|`{3,})\{admonition\}[ \t]*([^\n]*)\n(?::class:[^\n]*\n)?(.*?)^\1[ \t]*$",
    re.M | re.S)
ROLE = re.compile(r"\{(?:doc|ref|term|cite|numref)\}`([^`<]*?)(?:\s*<[^>]*>)?`")
PACKAGE = "vnsmartcity"


class NotAnExercise(ValueError):
    """The file is not an exercise notebook this tool can release."""


def strip_code(source: str) -> str:
    """The student's version of a code cell's source (see the module docstring)."""
    out: list[str] = []
    mode = "keep"  # or "solution", "silent", "prompt"
    for line in source.splitlines():
        marker = line.strip()
        if mode in ("solution", "silent"):
            if marker == "# END SOLUTION":
                mode = "keep"
            continue
        if mode == "prompt":
            if re.fullmatch(r'"""\s*;?\s*# END PROMPT', marker):
                mode = "keep"
            else:
                out.append(line)
            continue
        if marker == "# BEGIN SOLUTION NO PROMPT":
            mode = "silent"
        elif marker == "# BEGIN SOLUTION":
            mode = "solution"
            out.append(line[: len(line) - len(line.lstrip())] + "...")
        elif re.fullmatch(r'"""\s*# BEGIN PROMPT', marker):
            mode = "prompt"
        elif marker.endswith("# SOLUTION"):
            head = line.split("=")[0].rstrip() if "=" in line else line[: len(line) - len(marker)]
            out.append(f"{head} = ..." if "=" in line else head + "...")
        else:
            out.append(line)
    if mode != "keep":
        raise NotAnExercise(f"a solution or prompt block is not closed in:\n{source[:200]}")
    return "\n".join(out).strip("\n")


def plain_markdown(text: str) -> str:
    """MyST-only markup rewritten so it reads well in Jupyter."""
    text = EXERCISE_FENCE.sub("", text)
    text = ADMONITION.sub(lambda m: f"> **{m.group(2).strip()}**\n>\n"
                          + "\n".join("> " + line for line in m.group(3).strip().splitlines()),
                          text)
    return ROLE.sub(lambda m: m.group(1), text).strip()


def answer_cell() -> str:
    """The cell a written answer goes in, in the current language."""
    return _("**Your answer** (written, graded by your instructor): _replace this text._")


def language_lines(lang: str) -> list[str]:
    """Code that makes the checks of this notebook speak `lang` (nothing for English).

    An explicit call, not a setting hidden in metadata: the student sees it, and
    Colab, Binder and every Jupyter run it as any other code.
    """
    if lang == DEFAULT:
        return []
    with language(lang):
        comment = _("# The self-checks answer in Vietnamese.")
    return [f"from {PACKAGE}.messages import use_language", "",
            f'use_language("{lang}")  {comment}']


def setup_cell(version: str, lang: str = DEFAULT) -> str:
    """The source of the setup cell that makes `vnsmartcity==version` importable.

    `%pip install` by name and version, so that pip's own settings apply (an index,
    PIP_FIND_LINKS, a proxy) and the kernel's own environment gets it; a package
    already there in this version is left alone, so it costs nothing in the
    instructor's or the grader's environment. The pip line sits in an ``if`` block
    that stays valid Python if a grader blanks out ``%pip`` lines.
    """
    wheel = f"{PACKAGE}-{version}-py3-none-any.whl"
    with language(lang):
        lines = [
            _("# Setup: run this cell first. It installs the course package (data and "
              "self-checks)"),
            _("# if this Python does not have it yet: in Colab, Binder, Jupyter or VS Code."),
            "try:",
            f"    import {PACKAGE}",
            "except ImportError:",
            f"    {PACKAGE} = None",
            f'if getattr({PACKAGE}, "__version__", None) != "{version}":',
            '    print("' + _("Installing {package} {version}. Offline? Put {wheel} ").format(
                package=PACKAGE, version=version, wheel=wheel) + '"',
            '          "' + _("next to this notebook and run: %pip install {wheel}").format(
                wheel=wheel) + '")',
            f"    %pip install --quiet {PACKAGE}=={version}",
            f"    if {PACKAGE} is not None:",
            '        print("' + _("Another version was loaded: restart the kernel, then run "
                                  "all cells.") + '")',
        ]
    return "\n".join(lines + language_lines(lang))


def student_notebook(notebook: NotebookNode, version: str = __version__,
                     lang: str = DEFAULT) -> NotebookNode:
    """A copy of `notebook` with solutions removed, outputs cleared and a setup cell first.

    `version` is the course package version the setup cell asks for; `lang` the
    language of the cells the release writes (the markdown is translated before).
    """
    with language(lang):
        answer = answer_cell()
    result = nbformat.v4.new_notebook(metadata=dict(notebook.metadata))
    in_solution, solution_had_code = False, False
    for cell in notebook.cells:
        if cell.cell_type == "code":
            if in_solution:
                solution_had_code = True
            source = strip_code(cell.source)
            if source:
                result.cells.append(nbformat.v4.new_code_cell(source))
            continue
        text, kept = cell.source, []
        while text:
            if not in_solution:
                start = SOLUTION_START.search(text)
                if not start:
                    kept.append(text)
                    break
                kept.append(text[: start.start()])
                text, in_solution, solution_had_code = text[start.end():], True, False
            else:
                end = SOLUTION_END.search(text)
                if not end:
                    break
                if not solution_had_code:
                    kept.append(answer + "\n\n")
                text, in_solution = text[end.end():], False
        for part in "".join(kept).split(answer):
            markdown = plain_markdown(part)
            if markdown:
                result.cells.append(nbformat.v4.new_markdown_cell(markdown))
            result.cells.append(nbformat.v4.new_markdown_cell(answer))
        result.cells.pop()
    if in_solution:
        raise NotAnExercise("a {solution-start} directive has no {solution-end}")
    first_code = next((n for n, c in enumerate(result.cells) if c.cell_type == "code"),
                      len(result.cells))
    result.cells.insert(first_code, nbformat.v4.new_code_cell(setup_cell(version, lang)))
    for number, cell in enumerate(result.cells):
        cell["id"] = f"cell-{number:03d}"
    return result


def exercise_id(notebook: NotebookNode, path: Path | None = None) -> str:
    """The exercise id from the notebook metadata, else from a file name like 03-*.md."""
    meta = notebook.metadata.get("vnsmartcity", {})
    if isinstance(meta, dict) and isinstance(meta.get("exercise"), str):
        return meta["exercise"]
    if path is not None:
        match = re.match(r"^(?:ex)?0*(\d+)\b", path.stem)
        if match:
            return f"ex{match.group(1)}"
    raise NotAnExercise("no exercise id in the notebook metadata or the file name")


def read_source(path: Path) -> NotebookNode:
    """Read an exercise source (MyST .md or .ipynb) as a notebook."""
    return jupytext.read(path)
