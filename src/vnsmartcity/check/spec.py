"""Questions of an exercise: what each is worth, where its answer lives, how it is checked.

Each exercise has one checks module (vnsmartcity.checks.exN) whose check functions
are plain pytest-style test functions: they take the answer (plain data) and raise
an AssertionError (`NotYet`) when it is wrong. Decorating them with `auto`
registers them; `written` declares questions graded by hand, with their rubric.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vnsmartcity.messages import _

CHECK_MODULES = "vnsmartcity.checks"


@dataclass(frozen=True)
class Question:
    """One question: an auto-checked answer in `variable`, or a written one (`rubric`)."""

    qid: str
    points: float
    variable: str = ""
    test: Callable[[Any], None] | None = None
    probes: tuple = ()
    rubric: str = ""
    expected: Callable[[], Any] | None = field(default=None, compare=False)

    @property
    def exercise(self) -> str:
        return "ex" + self.qid.split(".")[0]

    @property
    def is_written(self) -> bool:
        return self.test is None


_REGISTRY: dict[str, Question] = {}


def auto(qid: str, variable: str, points: float = 1, probes: tuple = (),
         expected: Callable[[], Any] | None = None) -> Callable:
    """Register the decorated test function as the check of question `qid`.

    `variable` names the notebook variable that holds the answer; `probes` are the
    argument tuples a function answer is called with; `expected` returns the right
    value, for the course's own tests only (never shown to students).
    """

    def register(test: Callable[[Any], None]) -> Callable[[Any], None]:
        _REGISTRY[qid] = Question(qid, points, variable, test, tuple(probes), "", expected)
        return test

    return register


def written(qid: str, points: float, rubric: str) -> Question:
    """Declare a question answered in prose and graded by hand against `rubric`."""
    question = Question(qid, points, rubric=rubric.strip())
    _REGISTRY[qid] = question
    return question


def questions(exercise: str) -> list[Question]:
    """All questions of `exercise` (e.g. "ex3"), in question order."""
    importlib.import_module(f"{CHECK_MODULES}.{exercise}")
    found = [q for q in _REGISTRY.values() if q.exercise == exercise]
    return sorted(found, key=lambda q: [int(part) for part in q.qid.split(".")])


def question(qid: str) -> Question:
    """The question with id `qid` (e.g. "3.2"); KeyError with the valid ids if none."""
    exercise = "ex" + qid.split(".")[0]
    try:
        known = {q.qid: q for q in questions(exercise)}
    except ModuleNotFoundError:
        known = {}
    if qid not in known:
        raise KeyError(_("there is no question {qid!r}; this exercise has: {known}").format(
            qid=qid, known=", ".join(known) or _("none")))
    return known[qid]


def exercises() -> list[str]:
    """Ids of every exercise that has a checks module, e.g. ["ex1", ..., "ex8"]."""
    from importlib.resources import files

    names = [p.name[:-3] for p in files(CHECK_MODULES).iterdir()
             if p.name.startswith("ex") and p.name.endswith(".py")]
    return sorted(names, key=lambda n: int(n[2:]))
