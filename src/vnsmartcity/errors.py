"""Errors shared by the command line and the modules it calls.

`UsageError` lives here, not in `cli`, so that `cli`, `assign` and `grading`
can all raise it without importing each other in a circle.
"""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in how the command was called; printed as one line, exit status 2."""
