"""Turn a notebook run into one outcome per question, in the grader's own process.

The checks (`spec.questions` and `outcome.evaluate`) run here, on the plain
answers extracted from the kernel; nothing the student's code printed, wrote or
redefined is consulted. Rules for a question whose answer was never extracted:

* the run stopped at a time limit, or a cell or the extraction of this answer
  was interrupted -> ``timeout``;
* the kernel died (``exit()``, ``os._exit``, a kill, a crash) -> ``error``;
* a cell raised an exception -> ``error``, naming the first such cell;
* otherwise the variable was never defined -> ``failed``, as the self-check says.

No point is ever given without an answer that passed its check.
"""

from __future__ import annotations

from typing import Any

from vnsmartcity.check.outcome import ERROR, FAILED, INVALID, TIMEOUT, Outcome, evaluate
from vnsmartcity.check.spec import Question
from vnsmartcity.grading import extract
from vnsmartcity.grading.execute import CellEvent, Run
from vnsmartcity.messages import _


def where(event: CellEvent) -> str:
    """How a cell is named to the student: its position and first line."""
    if event.head:
        return _("cell {cell} (`{head}`)").format(cell=event.cell, head=event.head)
    return _("cell {cell}").format(cell=event.cell)


def describe(event: CellEvent, limit: float) -> str:
    """One sentence about what happened in a cell, for messages and feedback."""
    if event.kind == "error":
        return _("{where} raised {detail}").format(where=where(event), detail=event.detail)
    if event.kind == "truncated":
        return _("{where} printed a lot; its output was cut short (no effect on grades)").format(
                 where=where(event))
    if event.kind == "timeout" and event.detail == "notebook time limit":
        return (_("the notebook reached its total time limit ({limit:g} s) at {where}, "
                  "and was stopped there").format(limit=limit, where=where(event)))
    if event.kind == "timeout" and event.detail:
        return _("{where} ran over the time limit and {detail}; the run stopped there").format(
                 where=where(event), detail=event.detail)
    if event.kind == "timeout":
        return _("{where} ran over the time limit per cell and was interrupted").format(
                 where=where(event))
    if event.kind == "died" and event.detail:
        return _("{where}: {detail}, which stopped the notebook there").format(
                 where=where(event), detail=event.detail)
    if event.kind == "died":
        return (_("the notebook's Python process stopped at {where} (the code exited, was"
                  " killed, or crashed, e.g. by using too much memory)").format(
                  where=where(event)))
    if event.kind == "broken":
        return (_("the notebook's Python process stopped answering the grader properly at"
                  " {where} ({detail}; did the code replace parts of Python, such as "
                  "`json`?), and the run stopped there").format(
                  where=where(event), detail=event.detail))
    return _("the notebook could not be run ({detail})").format(detail=event.detail)


def _unanswered(question: Question, run: Run, cell_limit: float, wall: float) -> Outcome:
    missing = _("`{variable}` was computed").format(variable=question.variable)
    stop = run.stopped
    hung = run.hung.get(question.qid)
    if hung is not None:
        return Outcome(question.qid, TIMEOUT, 0, question.points,
                       _("not graded: your function `{variable}` did not return within "
                         "{cell_limit:g} s on a test input (checked after {where}).").format(
                         variable=question.variable, cell_limit=cell_limit, where=where(hung)))
    if stop is not None and stop.kind == "timeout":
        limit = wall if stop.detail == "notebook time limit" else cell_limit
        return Outcome(question.qid, TIMEOUT, 0, question.points,
                       _("not graded: {describe} before {missing}.").format(
                         describe=describe(stop, limit), missing=missing))
    if stop is not None:
        return Outcome(question.qid, ERROR, 0, question.points,
                       _("not graded: {describe}, before {missing}.").format(
                         describe=describe(stop, wall), missing=missing))
    timeouts = [e for e in run.events if e.kind == "timeout"]
    if timeouts:
        return Outcome(question.qid, TIMEOUT, 0, question.points,
                       _("not graded: {describe}, and `{variable}` was never computed.").format(
                         describe=describe(timeouts[0], cell_limit), variable=question.variable))
    errors = [e for e in run.events if e.kind == "error"]
    if errors:
        return Outcome(question.qid, ERROR, 0, question.points,
                       _("not graded: `{variable}` was never computed; {describe}. Fix it"
                         " and run the whole notebook from the top.").format(
                         variable=question.variable, describe=describe(errors[0], cell_limit)))
    return evaluate(question, {"__missing__": question.variable})


def _answered(question: Question, answer: Any, run: Run) -> Outcome:
    if extract.too_large(answer):
        return Outcome(question.qid, FAILED, 0, question.points,
                       _("not yet: `{variable}` is far too large to be the answer.").format(
                         variable=question.variable))
    outcome = evaluate(question, answer)
    if outcome.status == FAILED and run.stopped is not None:
        outcome = Outcome(outcome.qid, outcome.status, 0, outcome.max_points,
                          outcome.message + _(" (The notebook stopped early; see the "
                                              "notes.)"))
    return outcome


def _present(run: Run, qid: str) -> bool:
    if qid not in run.answers or qid in run.hung:
        return False
    answer = run.answers[qid]
    return not (isinstance(answer, dict) and "__missing__" in answer)


def outcomes(questions: list[Question], run: Run, cell_limit: float, wall: float) -> list[Outcome]:
    """One outcome per question of the exercise, from what the run extracted."""
    result = []
    for question in questions:
        if question.is_written:
            result.append(evaluate(question, None))
        elif _present(run, question.qid):
            result.append(_answered(question, run.answers[question.qid], run))
        else:
            result.append(_unanswered(question, run, cell_limit, wall))
    return result


def invalid(questions: list[Question], message: str) -> list[Outcome]:
    """Every question invalid, with the same message."""
    return [Outcome(q.qid, INVALID, 0, q.points, message) for q in questions]

