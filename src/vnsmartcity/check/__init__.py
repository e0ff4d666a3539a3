"""Self-checks for the exercise notebooks: `from vnsmartcity.check import check`.

`check("3.2", answer)` says whether the answer to question 3.2 is right, with a
hint when it is not, and never shows the expected value. The grader runs the very
same check functions on the same plain copy of the answer.
"""

from __future__ import annotations

import json
from typing import Any

from vnsmartcity.check.outcome import MANUAL, PASSED, evaluate
from vnsmartcity.check.plain import to_plain
from vnsmartcity.check.spec import question
from vnsmartcity.messages import _

__all__ = ["check"]


def check(qid: str, answer: Any) -> None:
    """Print whether `answer` to question `qid` (e.g. "3.2") is right, with a hint if not."""
    try:
        spec = question(str(qid))
    except KeyError as unknown:
        print(f"⚠️ {unknown.args[0]}")
        return
    if spec.is_written:
        print("📝 " + _("Question {qid} is answered in prose; your instructor grades "
                        "it.").format(qid=qid))
        return
    # The same plain copy, through JSON, that the grader will check.
    plain = json.loads(json.dumps(to_plain(answer, spec.probes), allow_nan=False))
    outcome = evaluate(spec, plain)
    if outcome.status == PASSED:
        print("✅ " + _("Question {qid}: correct.").format(qid=qid))
    elif outcome.status != MANUAL:
        print("❌ " + _("Question {qid}: {message}").format(qid=qid, message=outcome.message))
