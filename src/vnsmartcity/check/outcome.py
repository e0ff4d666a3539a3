"""Run one question's check on a plain answer and say what happened, the same way
for a student's self-check and for the instructor's grader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vnsmartcity.check.expect import NotYet
from vnsmartcity.check.spec import Question
from vnsmartcity.messages import _

PASSED, FAILED, ERROR, TIMEOUT, MANUAL, INVALID = (
    "passed", "failed", "error", "timeout", "manual", "invalid")


@dataclass(frozen=True)
class Outcome:
    """The result of one question: status, points earned and a message for the student."""

    qid: str
    status: str
    points: float
    max_points: float
    message: str


def evaluate(question: Question, answer: Any) -> Outcome:
    """Check `answer` (plain data) against `question`; never lets a check crash out."""
    if question.is_written:
        return Outcome(question.qid, MANUAL, 0, question.points,
                       _("written answer: graded by your instructor"))
    try:
        question.test(answer)
    except NotYet as wrong:
        return Outcome(question.qid, FAILED, 0, question.points,
                       _("not yet: {why}").format(why=wrong))
    except Exception as error:  # a malformed answer that a check did not foresee
        return Outcome(question.qid, FAILED, 0, question.points,
                       _("not yet: your answer could not be checked ({error}); make sure it "
                         "has the type the question asks for.").format(
                           error=type(error).__name__))
    return Outcome(question.qid, PASSED, question.points, question.points, _("correct"))
