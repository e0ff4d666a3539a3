"""Checks for exercise 8: evaluating a plan (chapter 8).

Part 1 uses the FICTIONAL cities of `vnsmartcity.synthetic.fictional_cities()`; part 2
the course data (the "06" claim of backan2020summit against bktw2022forum). Expected
values are recomputed here at check time, so none is typed into the notebook, and the
messages say what is wrong (a column, the direction of an indicator, the order, the
dates), never the expected value.
"""

from __future__ import annotations

import pandas as pd

from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import load
from vnsmartcity.messages import _
from vnsmartcity.synthetic import INDICATORS, fictional_cities

SCHEMES = {
    "equal": {"online_services": 1, "broadband": 1, "ioc": 1, "pm25": 1, "satisfaction": 1},
    "technology first": {"online_services": 3, "broadband": 3, "ioc": 3, "pm25": 1,
                         "satisfaction": 1},
    "people first": {"online_services": 1, "broadband": 1, "ioc": 1, "pm25": 3,
                     "satisfaction": 3},
    "without the centre": {"online_services": 1, "broadband": 1, "ioc": 0, "pm25": 1,
                           "satisfaction": 1},
}
LOWER_IS_BETTER = [name for name, (_, _, higher) in INDICATORS.items() if not higher]


def _number(value) -> float:
    """A cell of a rebuilt DataFrame or Series as a number (numpy scalars included)."""
    return expect.number(value.item() if hasattr(value, "item") else value)


def _normalised() -> pd.DataFrame:
    cities = fictional_cities()
    low, high = cities.min(), cities.max()
    table = (cities - low) / (high - low)
    for name in LOWER_IS_BETTER:
        table[name] = (high[name] - cities[name]) / (high[name] - low[name])
    return table


def _scores(weights: dict) -> pd.Series:
    w = pd.Series(weights, dtype=float)[list(INDICATORS)]
    table = _normalised()
    return (table.mul(w, axis="columns").sum(axis="columns") / w.sum()).sort_values(
        ascending=False)


def _ranks() -> pd.DataFrame:
    return pd.DataFrame({name: _scores(w).rank(ascending=False).astype(int)
                         for name, w in SCHEMES.items()})


def _per_year() -> float:
    facts = load("facts").set_index("fact_id")
    before, after = facts.loc["vn_schemes_2020_claim"], facts.loc["vn_schemes"]
    years = (pd.Timestamp(after["as_of"]) - pd.Timestamp(before["as_of"])).days / 365.25
    return float((after["value"] - before["value"]) / years)


@auto("8.1", variable="normalised", points=2,
      expected=lambda: [float(_normalised().loc[city, "pm25"])
                        for city in ("River City", "Coast City")])
def test_normalised(answer):
    expected = _normalised()
    table = expect.frame(answer, columns=list(INDICATORS), rows=len(expected))
    absent = [city for city in expected.index if city not in list(table.index)]
    if absent:
        raise expect.NotYet(_("the index should be the cities, as in `cities`; {absent!r}"
                              " is not in it.").format(absent=absent[0]))
    for indicator in INDICATORS:
        got = [_number(table.loc[city, indicator]) for city in expected.index]
        if min(got) < -1e-9 or max(got) > 1 + 1e-9:
            raise expect.NotYet(_("the column {indicator!r} has values outside 0 to 1: "
                                  "subtract the minimum and divide by (max - min).").format(
                                  indicator=indicator))
        right = [float(v) for v in expected[indicator]]
        if all(abs(g - r) < 1e-6 for g, r in zip(got, right, strict=True)):
            continue
        flipped = [1 - r for r in right]
        if all(abs(g - f) < 1e-6 for g, f in zip(got, flipped, strict=True)):
            if indicator in LOWER_IS_BETTER:
                raise expect.NotYet(_("for {indicator!r} lower is better, so the best "
                                      "city (the lowest value) should get 1: use (max - "
                                      "x) / (max - min).").format(indicator=indicator))
            raise expect.NotYet(_("{indicator!r} is flipped, but for it higher is better:"
                                  " use (x - min) / (max - min).").format(indicator=indicator))
        raise expect.NotYet(_("the column {indicator!r} is not right: rescale each column"
                              " with its own minimum and maximum over the six cities.").format(
                              indicator=indicator))


PROBE_WEIGHTS = (
    ({"online_services": 1, "broadband": 1, "ioc": 1, "pm25": 1, "satisfaction": 1},),
    ({"online_services": 2, "broadband": 0, "ioc": 1, "pm25": 0, "satisfaction": 1},),
    ({"online_services": 0, "broadband": 0, "ioc": 0, "pm25": 1, "satisfaction": 0},),
    ({"online_services": 0.1, "broadband": 0.2, "ioc": 0.1, "pm25": 0.3, "satisfaction": 0.3},),
)


@auto("8.2", variable="rank_cities", points=2, probes=PROBE_WEIGHTS,
      expected=lambda: float(_scores(PROBE_WEIGHTS[0][0]).iloc[0]))
def test_rank_cities(answer):
    results = expect.function_results(answer)
    for (weights,), result in zip(PROBE_WEIGHTS, results, strict=True):
        call = f"rank_cities({weights})"
        if result is None:
            raise expect.NotYet(_("{call} returned None: did you forget the `return`?").format(
                                  call=call))
        got = expect.series(result)
        expected = _scores(weights)
        if sorted(map(str, got.index)) != sorted(expected.index):
            raise expect.NotYet(_("{call} should return a Series indexed by the six "
                                  "cities (the index of `normalised`).").format(call=call))
        values = [_number(v) for v in got]
        if any(v < -1e-9 or v > 1 + 1e-9 for v in values):
            raise expect.NotYet(_("{call} gives scores outside 0 to 1: divide the "
                                  "weighted sum by the sum of the weights.").format(call=call))
        for city, value in zip(got.index, values, strict=True):
            expect.close(value, float(expected[city]),
                         _("the scores of {call} are not right: multiply each normalised "
                           "indicator by its weight, add them up, divide by the sum of "
                           "the weights (and check `normalised` with question 8.1).").format(
                           call=call), abs_=1e-6)
        if values != sorted(values, reverse=True):
            raise expect.NotYet(_("sort the Series from the highest score to the lowest "
                                  "(sort_values(ascending=False))."))


@auto("8.3", variable="ax", points=1)
def test_score_chart(answer):
    chart = expect.bar_chart(answer, len(fictional_cities()), _("draw one bar per city."))
    text = " ".join(chart[part] for part in ("title", "xlabel", "ylabel"))
    if not expect.mentions(text, ("fictional", "hư cấu", "giả định", "giả tưởng")):
        raise expect.NotYet(_("say in the title that the cities are fictional: a chart is"
                              " often copied without the notebook around it."))
    expect.bars_show(chart, _scores(PROBE_WEIGHTS[0][0]).tolist(),
                     _("each bar is one city's score with equal weights (rank_cities of "
                       "question 8.2)."), scales=(1.0,))


@auto("8.4", variable="ranks", points=2)
def test_ranks(answer):
    expected = _ranks()
    table = expect.frame(answer, columns=list(SCHEMES), rows=len(expected))
    absent = [city for city in expected.index if city not in list(table.index)]
    if absent:
        raise expect.NotYet(_("the index should be the cities; {absent!r} is not in it.").format(
                              absent=absent[0]))
    for scheme in SCHEMES:
        got = {city: _number(table.loc[city, scheme]) for city in expected.index}
        if sorted(got.values()) != [1, 2, 3, 4, 5, 6]:
            raise expect.NotYet(_("the column {scheme!r} should hold the ranks 1 to 6, "
                                  "once each (rank(ascending=False), so that the highest "
                                  "score is 1).").format(scheme=scheme))
        if any(got[city] != expected.loc[city, scheme] for city in expected.index):
            if all(got[city] == 7 - expected.loc[city, scheme] for city in expected.index):
                raise expect.NotYet(_("the ranks in {scheme!r} run the wrong way: 1 is "
                                      "the highest score.").format(scheme=scheme))
            raise expect.NotYet(_("the ranks in {scheme!r} are not right: score the "
                                  "cities with rank_cities(SCHEMES[name]) for each set of"
                                  " weights.").format(scheme=scheme))


@auto("8.6", variable="per_year", points=1, expected=_per_year)
def test_per_year(answer):
    value = expect.number(answer)
    if value < 0:
        raise expect.NotYet(_("the pace is negative: subtract the 2020 figure from the "
                              "2022 one."))
    expected = _per_year()
    if abs(value - expected / 12) < 0.02 * expected / 12 or abs(value - expected / 365.25) < 0.01:
        raise expect.NotYet(_("express the time in years (days / 365.25), not in months "
                              "or days."))
    expect.close(value, expected, _("use the difference of the two values, and the number"
                                    " of days between the two as_of dates divided by "
                                    "365.25."), rel=0.01)


written("8.5", points=3, rubric="""
3 points, 1 for each element:
- Robust versus fragile: the city ranked first changes with the weights (each set puts a
  different city first), so "the smartest city" reflects whoever chose the weights;
  River City is first or second under every set, which is the safer statement.
- Dominance: Plain City is last under every set and cannot come first under any
  non-negative weights, because another city (e.g. Coast City or Hill City) is at least as
  good on every indicator; a dominance relation is the conclusion that survives any
  weighting.
- At least one other choice that moves the ranking, with why: which indicators are
  included (dropping the yes/no operations-centre indicator changes the leader), the
  normalisation (min-max depends on the best and worst city, so adding a city changes
  scores), the treatment of a yes/no indicator, the data quality; plus advice (publish
  weights and several rankings, avoid a single winner).
""")

written("8.7", points=4, rubric="""
4 points:
- 2 points, the "06 smart cities by 2025" claim, one sentence per element (1 point if
  three or four elements are well covered):
  source (unattributed closing sentence of a provincial portal's report of an industry
  event, no document named; Resolution 52-NQ/TW sets at least three); date (24 November
  2020, after Resolution 52 of 27 September 2019); denominator (none: six of what?);
  definition ("smart city" undefined; Resolution 52 means one in each of three key
  economic regions); corroboration (none; the twin figure of "06" provinces with a scheme
  conflicts with the 41 of 63 of June 2022 (the summit's 27 localities only wished to
  implement a scheme, so they prove nothing), using
  the implausible pace of question 8.6). Notes that six does not strictly contradict "at
  least three": the problem is that no source supports it.
- 1 point: a clear verdict (do not use, or use only with a warning) and what to cite
  instead (Resolution 52-NQ/TW's target).
- 1 point, the "41 of 63" figure checked in turn: a named official at a national forum but
  no list; denominator of 63 is historical (34 provinces since 1 July 2025, so it cannot be
  restated as "x of 34"); "built or are building" mixes drafts with approved schemes; no
  second source. Proposes wording such as "41 of the then 63 provinces (June 2022)".
""")
