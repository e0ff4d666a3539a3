"""Checks for exercise 3: the provinces in numbers (chapter 3).

Expected values are computed from the course data here, at check time, so they
never appear in the notebook; messages say what is wrong, not what is right.
"""

from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import fact, load
from vnsmartcity.messages import _

FORUM = "bktw2022forum"


def _province_counts():
    facts = load("facts")
    rows = facts[(facts["source"] == FORUM) & (facts["of_total"] == 63)].copy()
    rows["share"] = rows["value"] / rows["of_total"]
    return rows


@auto("3.1", variable="province_counts", points=2,
      expected=lambda: _province_counts()["share"].round(4).tolist())
def test_province_counts(answer):
    expected = _province_counts()
    table = expect.frame(answer, columns=["measure", "value", "share"], rows=len(expected))
    if table["share"].max() > 1.0001:
        expect.in_range(float(table["share"].max()), 0, 1, "A share")
    got = dict(zip(table["measure"], table["share"], strict=True))
    for measure, share in zip(expected["measure"], expected["share"], strict=True):
        if measure not in got:
            raise expect.NotYet(_("a provincial figure from the 2022 forum is missing: "
                                  "filter on the source and the denominator, not on the "
                                  "topic."))
        expect.close(float(got[measure]), float(share),
                     _("share = value / of_total, as a fraction between 0 and 1."))


@auto("3.2", variable="ioc_per_scheme", points=1,
      expected=lambda: fact("vn_ioc") / fact("vn_schemes"))
def test_ioc_per_scheme(answer):
    value = expect.number(answer)
    expect.in_range(value, 0, 1, "A share")
    expect.close(value, fact("vn_ioc") / fact("vn_schemes"),
                 _("divide the provinces with an operations centre by the provinces with "
                   "a scheme (not by all 63)."))


@auto("3.3", variable="ax", points=1)
def test_share_chart(answer):
    chart = expect.labelled_chart(answer)
    if chart["bars"] != len(_province_counts()):
        raise expect.NotYet(_("the chart should have one bar per provincial figure of "
                              "question 3.1."))
    expect.bars_show(chart, _province_counts()["share"].tolist(),
                     _("each bar is the share of the 63 provinces of one figure of "
                       "question 3.1."))


BUDGETS = ((100,), (2500.0,), (0,))


@auto("3.4", variable="nonbudget_range", points=2, probes=BUDGETS)
def test_nonbudget_range(answer):
    results = expect.function_results(answer)
    facts = load("facts").set_index("fact_id")
    low_share = float(facts.loc["vn_nonbudget_share", "value"])
    high_share = float(facts.loc["vn_nonbudget_share", "value_max"])
    for (budget,), result in zip(BUDGETS, results, strict=True):
        pair = expect.items(result, _("a pair (low, high)"))
        if len(pair) != 2:
            raise expect.NotYet(_("return exactly two numbers: (low, high)."))
        low, high = (expect.number(v) for v in pair)
        if low > high:
            raise expect.NotYet(_("return the smaller amount first: (low, high)."))
        expect.close(low, budget * low_share, _("use the lower end of the range from the "
                                                "facts table (value), as a fraction of "
                                                "the budget."), abs_=1e-6)
        expect.close(high, budget * high_share, _("use the upper end of the range from "
                                                  "the facts table (value_max)."), abs_=1e-6)


written("3.5", points=3, rubric="""
Full marks (3) when the answer makes all three points; 1 point each:
- The 41 of 63 figure counts provinces as they were in June 2022; after 1 July 2025
  Vietnam has 34 provincial-level units, formed by merging most of the old ones.
- A merged province contains several old provinces, some with a scheme and some
  without, so "has a scheme" is not defined for it without new data (a scheme of
  a former province does not cover the whole new one).
- So the share cannot be restated as "x of 34": one would need the new provinces'
  own plans, or must report the figure as historical ("41 of the then 63").
""")
