"""Instructor-private checks (``--checks DIR``): check modules kept out of the public repo.

The public self-checks and their solutions are known to students, so for graded
work an instructor may keep stricter or different checks of their own. Each
``DIR/*.py`` is an ordinary check module using the same API as
``vnsmartcity.checks.exN`` (``@auto("3.3", "variable", points=...)``, ``written``):
it is run after every public check module, so a question it registers replaces
the public one and a new question id adds one. The modules are loaded in the
grader's main process before its workers start (they inherit them), and their
text is part of the result cache's key, so editing a check regrades.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
from pathlib import Path

from vnsmartcity.check.spec import CHECK_MODULES, exercises
from vnsmartcity.errors import UsageError

PACKAGE = "vnsmartcity_private_checks"


def load(folder: Path) -> str:
    """Run every check module in `folder`; a fingerprint of their text for the cache."""
    if not folder.is_dir():
        raise UsageError(f"--checks {folder}: not a folder of check modules (.py files)")
    modules = sorted(p for p in folder.glob("*.py") if not p.name.startswith((".", "_")))
    if not modules:
        raise UsageError(f"--checks {folder}: it holds no .py check modules")
    for exercise in exercises():  # public first: the private ones then replace
        importlib.import_module(f"{CHECK_MODULES}.{exercise}")
    digest = hashlib.sha256()
    for path in modules:
        source = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + source)
        name = f"{PACKAGE}.{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:
            raise UsageError(f"--checks {path}: the module fails to load "
                             f"({type(error).__name__}: {error})") from None
    return digest.hexdigest()
