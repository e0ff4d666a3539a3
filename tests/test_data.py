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


@pytest.mark.parametrize("name, column", [("facts", "as_of"), ("events", "date")])
def test_dates_are_only_as_precise_as_their_source(name, column):
    """A year-only fact carries no made-up day: the precision column says how far to trust it."""
    frame = load(name)
    length = {"day": 10, "month": 7, "year": 4}
    wrong = frame[frame[column].str.len() != frame["date_precision"].map(length)]
    assert wrong.empty, wrong[[column, "date_precision"]].to_string()
    assert {"day", "year"} <= set(frame["date_precision"])


def test_year_only_facts_are_stored_as_years():
    facts = load("facts").set_index("fact_id")
    for fact_id in ("kr_firms_2021", "kr_tech_2021", "kr_exchanges_2022", "kr_firms_kr_2022"):
        assert facts.loc[fact_id, "date_precision"] == "year"
        assert len(facts.loc[fact_id, "as_of"]) == 4


def test_vague_figures_keep_the_sources_wording():
    facts = load("facts").set_index("fact_id")
    assert facts.loc["vn_services", "qualifier"] == "nearly"  # khoảng gần 40: an upper bound
    assert facts.loc["vn_transport_safety", "qualifier"] == "more than"
    assert "need to implement" in facts.loc["vn_summit_provinces", "note"]


def test_the_2025_geography():
    """Hà Nội was not enlarged; Huế was upgraded, not merged; the documented mergers are in."""
    places = load("localities").set_index("locality_id")
    assert places.loc["ha_noi", "change_2025"] == "unchanged"
    assert places.loc["thua_thien_hue", "change_2025"] == "became a centrally-run city"
    assert places.loc["thua_thien_hue", "change_source"] == "context2024hue"
    assert places.loc["kon_tum", "province_after_2025"] == "Quảng Ngãi"
    assert "Bình Dương" in places.loc["ho_chi_minh", "joined_with_2025"]
    assert "Đắk Nông" in places.loc["lam_dong", "joined_with_2025"]
    assert places.loc["khanh_hoa", "joined_with_2025"] == "Ninh Thuận"


def test_schema_catches_a_bad_2025_change_and_precision():
    tables = load_all()
    broken = tables["localities"].copy()
    broken.loc[0, "change_2025"] = "enlarged"
    assert any("change_2025" in p for p in problems("localities", broken, tables))
    facts = tables["facts"].copy()
    facts.loc[0, "date_precision"] = "week"
    assert any("date_precision" in p for p in problems("facts", facts, tables))
