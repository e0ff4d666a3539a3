"""Pull answers out of a student's kernel as plain JSON, and read them back safely.

Before any student code runs, the grader sends the kernel the *source* of
`vnsmartcity.check.plain` (so a student who patches the installed package in the
kernel does not change how answers are read); after each code cell it sends a
call of its `dumps_answers` on the student's globals, one question at a time
(cells that only call ``check(...)`` change no answer and are skipped). Each
answer comes back as one printed line ``NONCE QID JSON``; the nonce is fresh for
every request, so nothing the student's code printed can pass for an answer. The
grader parses the lines with `json.loads` only: nothing the student's code
produced is ever unpickled or evaluated. Function answers are called on their
probes inside the kernel.

Whatever the kernel sends back can at most change the value of an answer, which
the student could have set directly; it is then checked in the grader.
"""

from __future__ import annotations

import ast
import json
import secrets
from importlib.resources import files
from typing import Any

PLAIN_SOURCE = (files("vnsmartcity.check") / "plain.py").read_text(encoding="utf-8")
MAX_ANSWER_CHARS = 4_000_000  # one answer's JSON; plain.py already caps lists at 2,000 items
TOO_LARGE = "__too_large__"

_PROGRAM = '''
def _vnsmartcity_extract(student, wanted, nonce, cap):
    import sys
    for qid, spec in wanted.items():
        try:
            text = dumps_answers(student, {qid: spec})
        except Exception as error:
            text = json.dumps({qid: {"__type__": "could not be read: " + type(error).__name__}})
        if len(text) > cap:
            text = json.dumps({qid: {"TOO_LARGE": len(text)}})
        sys.stdout.write(nonce + " " + qid + " " + text + "\\n")
        sys.stdout.flush()


import sys as _sys
import types as _types

_module = _types.ModuleType(MODULE)
_module.extract = _vnsmartcity_extract
_sys.modules[MODULE] = _module
'''.replace("TOO_LARGE", TOO_LARGE)


def _literal(value: Any) -> str:
    text = repr(value)
    if ast.literal_eval(text) != value:
        raise ValueError(f"probes must be Python literals (numbers, text, tuples): {value!r}")
    return text


def setup() -> tuple[str, str]:
    """(code that installs the extractor in a fresh kernel, the extractor's module name).

    Run once, before any student code: the kernel compiles the source of
    `vnsmartcity.check.plain` as sent by the grader, in a namespace of its own,
    and keeps it as a module under a random name; nothing is added to the
    student's namespace.
    """
    module = f"_vnsmartcity_extract_{secrets.token_hex(8)}"
    program = PLAIN_SOURCE + "\n" + _PROGRAM.replace("MODULE", repr(module))
    return f"exec({program!r}, {{'__name__': {module!r}}})", module


def request(module: str, wanted: dict[str, tuple[str, tuple]]) -> tuple[str, str]:
    """(code to run in the kernel, nonce) asking for the answers of `wanted`.

    `wanted` maps a question id to (variable name, probes); the answers come
    back as printed lines that start with the nonce.
    """
    nonce = secrets.token_hex(16)
    spec = {qid: [name, tuple(probes)] for qid, (name, probes) in wanted.items()}
    code = (f"__import__('sys').modules[{module!r}].extract(globals(), {_literal(spec)}, "
            f"{nonce!r}, {MAX_ANSWER_CHARS})")
    return code, nonce


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not plain JSON")


def parse(text: str, nonce: str, wanted: dict[str, Any]) -> dict[str, Any]:
    """The answers found in `text` (the kernel's output) for the questions in `wanted`.

    Only lines that start with this request's nonce count, the first one per
    question; anything unreadable, oversized or not of the expected shape is
    left out (the question keeps its previous snapshot).
    """
    found: dict[str, Any] = {}
    prefix = nonce + " "
    for line in text.splitlines():
        if not line.startswith(prefix):
            continue
        parts = line.split(" ", 2)
        if len(parts) != 3 or parts[1] not in wanted or parts[1] in found:
            continue
        qid, payload = parts[1], parts[2]
        if len(payload) > MAX_ANSWER_CHARS + 100:
            continue
        try:
            data = json.loads(payload, parse_constant=_no_constants)
        except (ValueError, RecursionError):
            continue
        if isinstance(data, dict) and list(data) == [qid]:
            found[qid] = data[qid]
    return found


def too_large(answer: Any) -> bool:
    """Whether the kernel reported the answer as too large to send."""
    return isinstance(answer, dict) and TOO_LARGE in answer
