"""Checks for exercise 2: the policy timeline (chapter 2).

Dates, horizons and due targets are computed from the course data (`events`,
`documents`, `targets`) at check time. Question 2.2 is checked on Vietnamese dates
written day/month/year, chosen so that a month-first reading gives a wrong date or
an error. The answers of questions 2.1 and 2.4 are rows and ids of the data
themselves, which the notebook shows on purpose, so they declare no `expected`
value for the secret scan; 2.3 declares its year differences.
"""

import re

import pandas as pd

from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import load
from vnsmartcity.messages import _

DUE_BY = 2025


def _timeline():
    events = load("events")
    return events.assign(date=pd.to_datetime(events["date"], format="ISO8601"),
                         year_only=events["date_precision"] == "year")


def _to_target():
    documents = load("documents")
    documents["issued"] = pd.to_datetime(documents["date_issued"], format="ISO8601")
    joined = documents.merge(load("targets"), on="doc_id", how="inner")
    joined["years_to_target"] = joined["year"] - joined["issued"].dt.year
    return joined


def _day(value):
    """The YYYY-MM-DD part of a plain Timestamp (an ISO string), or None."""
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _kind(value):
    """A short description of what a student's function returned."""
    if isinstance(value, dict) and "__type__" in value:
        return f"a {value['__type__']}"
    if value is None:
        return "None"
    return f"{type(value).__name__} {value!r}"[:60]


@auto("2.1", variable="timeline", points=2)
def test_timeline(answer):
    expected = _timeline()
    table = expect.frame(answer, columns=["date", "title", "year_only"], rows=len(expected))
    days = [_day(v) for v in table["date"]]
    if any(d is None or "T" not in str(v) for d, v in zip(days, table["date"], strict=True)):
        raise expect.NotYet(_("the `date` column still holds text (or something else), "
                              "not dates: convert it with pd.to_datetime(..., "
                              'format="ISO8601").'))
    if days != sorted(days):
        raise expect.NotYet(_("the rows are not sorted from the earliest to the latest "
                              "date (sort_values on the parsed dates)."))
    want = {title: (d.strftime("%Y-%m-%d"), bool(y)) for title, d, y in
            zip(expected["title"], expected["date"], expected["year_only"], strict=True)}
    if set(table["title"]) != set(want):
        raise expect.NotYet(_("the titles do not match the events table: keep every "
                              "event, with its `title` unchanged."))
    for title, day, year_only in zip(table["title"], days, table["year_only"], strict=True):
        if day != want[title][0]:
            raise expect.NotYet(_("some dates changed when they were parsed; parse the "
                                  "`date` column as it is, and let a year alone stand for"
                                  " 1 January."))
        if not isinstance(year_only, bool) or year_only != want[title][1]:
            raise expect.NotYet(_("`year_only` should be True exactly for the events "
                                  'whose `date_precision` is "year" (and False for the '
                                  "others)."))


DATES = (("1/8/2018",), ("27/9/2019",), ("24/01/2022",), ("12/5/2022",), ("05/12/2017",),
         ("13/9/2023",))


@auto("2.2", variable="vn_date", points=2, probes=DATES)
def test_vn_date(answer):
    results = expect.function_results(answer)
    for (text,), result in zip(DATES, results, strict=True):
        day = _day(result)
        if day is None:
            raise expect.NotYet(_("for {text!r} the function returned {kind}; return a "
                                  "pandas Timestamp (what pd.to_datetime gives).").format(
                                  text=text, kind=_kind(result)))
        want = pd.to_datetime(text, format="%d/%m/%Y").strftime("%Y-%m-%d")
        if day != want:
            raise expect.NotYet(_("{text!r} was read as {day}: the day comes first in "
                                  "Vietnamese dates. Give pd.to_datetime a format or "
                                  "dayfirst=True.").format(text=text, day=day))


@auto("2.3", variable="to_target", points=2,
      expected=lambda: [int(v) for v in _to_target()["years_to_target"]])
def test_to_target(answer):
    expected = _to_target()
    n_all = len(load("targets"))
    table = expect.frame(answer, columns=["doc_id", "target_id", "years_to_target"])
    if len(table) == n_all and len(expected) != n_all:
        raise expect.NotYet(_("some rows have no document: keep only the targets that a "
                              "document sets (an inner join)."))
    if len(table) != len(expected) or set(table["target_id"]) != set(expected["target_id"]):
        raise expect.NotYet(_("the DataFrame should have one row per target that a "
                              "document sets, each target once: check the join."))
    got = dict(zip(table["target_id"], table["years_to_target"], strict=True))
    for target_id, years in zip(expected["target_id"], expected["years_to_target"],
                                strict=True):
        value = got[target_id]
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise expect.NotYet(_("`years_to_target` should hold numbers of years."))
        if value < 0:
            raise expect.NotYet(_("some years are negative: subtract the issue year from "
                                  "the target year, not the other way round."))
        if abs(float(value) - float(years)) > 0.01:
            raise expect.NotYet(_("a number of years is not right yet. Hint: use the year"
                                  " of `date_issued` (not of period_end or vision_year) "
                                  "and the `year` of the target."))


@auto("2.4", variable="due_2025", points=1)
def test_due_2025(answer):
    targets = load("targets")
    due = targets[targets["year"] <= DUE_BY]
    if isinstance(answer, list):
        raise expect.NotYet(_("a list of ids is not enough: make a Series with the target"
                              " ids as its index and their `reliability` as its values."))
    got = expect.mapping(answer)
    with_document = set(due.loc[due["doc_id"].notna(), "target_id"])
    if set(got) == with_document and len(with_document) < len(due):
        raise expect.NotYet(_("a target is missing: one of those due by 2025 has no "
                              "document. Filter the whole `targets` table, not the joined"
                              " one."))
    if set(got) != set(due["target_id"]):
        if any(str(k).isdigit() for k in got):
            raise expect.NotYet(_("the index should hold the target ids "
                                  '(set_index("target_id")), not row numbers.'))
        raise expect.NotYet(_("the index does not hold exactly the targets due in 2025 or"
                              " earlier: filter on the `year` column (<= 2025)."))
    reliability = dict(zip(due["target_id"], due["reliability"], strict=True))
    if any(got[k] != reliability[k] for k in got):
        raise expect.NotYet(_("the values should be each target's `reliability`."))


@auto("2.5", variable="ax", points=1)
def test_timeline_chart(answer):
    chart = expect.bar_chart(answer, len(load("documents")), _("draw one horizontal bar per "
                                                               "document (give a document "
                                                               "without period_end a width of "
                                                               "0.5)."))
    if chart["collections"] < 1:
        raise expect.NotYet(_("mark the vision years with points (ax.scatter)."))
    documents = load("documents")
    lengths = (documents["period_end"] - documents["period_start"]).fillna(0.5)
    expect.bars_show(chart, lengths.tolist(), _("each bar runs from period_start to "
                                                "period_end of its document (width = "
                                                "period_end - period_start)."), scales=(1.0,))


written("2.6", points=4, rubric="""
Full marks (4) when the answer makes all four points; 1 point each:
- Horizons, with numbers from question 2.3 or the chart: Decision 950 (1 August
  2018) runs to 2025 with an orientation to 2030 (seven and twelve years ahead);
  Resolution 52 (27 September 2019) sets 2025, 2030 and a 2045 vision (six, eleven
  and 26 years); Resolution 06 (24 January 2022) looks to 2030 and 2045 (eight and
  23 years).
- Precision: only Resolution 52's 2025 target is numeric (at least three smart
  cities, one per key economic region); the later targets say "some" chains or
  cities, and the longer the horizon the vaguer the target.
- The checkable target is Resolution 52's, and the answer says what checking
  needs: an agreed definition or criteria of a smart city (and who certifies it),
  a list of cities meeting it by end 2025 with their regions, official progress
  reports compared with independent evidence; a good answer notes the 2025
  change to 34 provinces.
- The "six smart cities by 2025" of article 002 is doubtful: no document sets it,
  it conflicts with Resolution 52, so there is nothing to check it against; it
  must be reported as an unverified claim.
""")
