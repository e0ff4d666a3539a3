"""Load the course data: tidy CSV tables shipped inside the package.

One function, `load`, gives every table as a pandas DataFrame, so the book's
figures, the exercises and the self-checks all read the same numbers.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd

from vnsmartcity.schema import TABLES

DATA = files("vnsmartcity") / "data"


@cache
def _read(name: str) -> pd.DataFrame:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype={"number": "string"} if name == "documents" else None)


def load(name: str) -> pd.DataFrame:
    """Return a fresh copy of the course table `name` (e.g. "facts", "events").

    A copy, so that a student who edits the frame cannot change what a self-check
    reads afterwards.
    """
    if name not in TABLES:
        raise KeyError(f"no course table {name!r}; the tables are: {', '.join(TABLES)}")
    return _read(name).copy()


def load_all() -> dict[str, pd.DataFrame]:
    """Every course table by name."""
    return {name: load(name) for name in TABLES}


def fact(fact_id: str) -> float:
    """The value of one fact, e.g. fact("vn_schemes") -> 41.0."""
    facts = load("facts").set_index("fact_id")
    return float(facts.loc[fact_id, "value"])
