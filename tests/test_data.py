"""The course data: every table valid against its schema, every source in the bibliography."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from vnsmartcity import load, load_all
from vnsmartcity.coursedata import DATA
from vnsmartcity.schema import TABLES, problems

ROOT = Path(__file__).resolve().parent.parent


def bib_keys() -> set[str]:
    text = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


def test_every_csv_has_a_schema():
    shipped = {p.name[:-4] for p in DATA.iterdir() if p.name.endswith(".csv")}
    assert shipped == set(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_matches_its_schema(name):
    tables = load_all()
    assert problems(name, tables[name], tables) == []


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_source_is_in_the_bibliography(name):
    sources = set(load(name)["source"])
    assert sources <= bib_keys(), sources - bib_keys()


def test_all_five_articles_are_used_in_the_data():
    used = set().union(*(set(load(name)["source"]) for name in TABLES))
    articles = {"cucs2021india", "gialai2017france", "backan2020summit",
                "tintuc2023korea", "bktw2022forum"}
    assert articles <= used


def test_schema_catches_bad_rows():
    tables = load_all()
    broken = tables["facts"].copy()
    broken.loc[0, "reliability"] = "certain"
    broken.loc[1, "as_of"] = "June 2022"
    broken.loc[2, "fact_id"] = broken.loc[3, "fact_id"]
    found = problems("facts", broken, tables)
    assert len(found) == 3, found
    dangling = tables["targets"].copy()
    dangling.loc[0, "doc_id"] = "no_such_document"
    assert any("not in documents.doc_id" in p for p in problems("targets", dangling, tables))


def test_load_returns_a_copy_students_cannot_corrupt():
    first = load("facts")
    first.loc[:, "value"] = 0
    assert load("facts")["value"].sum() > 0


def test_unknown_table_has_a_clear_message():
    with pytest.raises(KeyError, match="the tables are"):
        load("fact")


def test_shares_are_fractions_and_ranges_ordered():
    facts = load("facts")
    shares = facts[facts["unit"] == "share"]
    assert ((shares["value"] > 0) & (shares["value"] <= 1)).all()
    ranged = facts[facts["qualifier"] == "range"]
    assert (ranged["value_max"] > ranged["value"]).all()
    counted = facts.dropna(subset=["of_total"])
    assert (counted["value"] <= counted["of_total"]).all()


def test_dates_parse():
    events = load("events")
    days = events[events["date_precision"] == "day"]
    assert pd.to_datetime(days["date"], format="%Y-%m-%d").notna().all()
