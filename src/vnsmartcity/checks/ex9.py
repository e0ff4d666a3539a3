"""Checks for exercise 9: four Vietnamese cases in numbers (chapter 9).

Expected values are computed from the course data here, at check time, so they
never appear in the notebook; messages say what is wrong, not what is right.
"""

import pandas as pd

from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import load
from vnsmartcity.messages import _

# From the decision that plans or sets up a centre to the day the centre runs.
CENTRES = {
    "Huế": ("hue_3010", "hue_ioc_launch"),
    "Hồ Chí Minh City": ("hcmc_6179", "hcmc_ioc_2020"),
    "Đà Nẵng": ("danang_6439", "danang_ioc_2023"),
}
PROBES = (("hcmc_6179", "hcmc_ioc_2020"), ("hue_3010", "hue_ioc_launch"),
          ("bd_eindhoven_2015", "bd_smart21_2018"), ("hue_ioc_launch", "hue_3010"))


def _days(start_id: str, end_id: str) -> int | None:
    """Days from one event to another; None when either is known only to the year."""
    events = load("events").set_index("event_id")
    start, end = events.loc[start_id], events.loc[end_id]
    if "year" in (start["date_precision"], end["date_precision"]):
        return None
    return int((pd.Timestamp(end["date"]) - pd.Timestamp(start["date"])).days)


def _ratio(numerator: str, denominator: str) -> float:
    facts = load("facts").set_index("fact_id")
    return float(facts.loc[numerator, "value"]) / float(facts.loc[denominator, "value"])


@auto("9.1", variable="days_between", points=2, probes=PROBES)
def test_days_between(answer):
    results = expect.function_results(answer)
    for (start, end), result in zip(PROBES, results, strict=True):
        want = _days(start, end)
        if want is None:
            if result is not None:
                raise expect.NotYet(_("when an event is known only to the year, return "
                                      "None: a count of days would claim a precision the "
                                      "data lack (look at `date_precision`)."))
            continue
        if result is None:
            raise expect.NotYet(_("your function returned None for two events known to "
                                  "the day."))
        value = expect.number(result)
        if want < 0 <= value:
            raise expect.NotYet(_("when the second event comes first, the number of days "
                                  "is negative: subtract the start date from the end "
                                  "date."))
        expect.close(value, want, _("count the days from the first event's date to the "
                                    "second's: parse both with pd.Timestamp and take "
                                    ".days of the difference."))


@auto("9.2", variable="days_to_centre", points=2,
      expected=lambda: [_days(*pair) for pair in CENTRES.values()])
def test_days_to_centre(answer):
    got = expect.mapping(answer)
    if set(got) != set(CENTRES):
        raise expect.NotYet(_("the dict should have exactly the keys {keys}, as in the "
                              "CENTRES table of the first cell.").format(
                              keys=sorted(CENTRES)))
    for case, pair in CENTRES.items():
        value = expect.number(got[case])
        if value < 0:
            raise expect.NotYet(_("{case}: a negative number of days; the plan comes "
                                  "first.").format(case=case))
        expect.close(value, _days(*pair), _("{case}: use days_between on the two event "
                                            "ids that CENTRES gives for it.").format(case=case))


@auto("9.3", variable="report_growth", points=1,
      expected=lambda: _ratio("hue_reports_2025", "hue_reports_2023"))
def test_report_growth(answer):
    value = expect.number(answer)
    if value < 1:
        raise expect.NotYet(_("the ratio is below 1: divide the 2025 count by the 2023 "
                              "count."))
    expect.close(value, _ratio("hue_reports_2025", "hue_reports_2023"),
                 _("divide the value of hue_reports_2025 by the value of hue_reports_2023"
                   " (read both from the facts table)."))


@auto("9.4", variable="vn_share_ascn", points=1,
      expected=lambda: _ratio("ascn_vn_cities", "ascn_cities"))
def test_vn_share_ascn(answer):
    value = expect.number(answer)
    expect.in_range(value, 0, 1, "A share")
    expect.close(value, _ratio("ascn_vn_cities", "ascn_cities"),
                 _("divide the Vietnamese pilot cities by all pilot cities of the "
                   "network, as a fraction (use value and of_total of ascn_vn_cities)."))


@auto("9.5", variable="ax", points=1)
def test_centre_chart(answer):
    chart = expect.labelled_chart(answer)
    if chart["bars"] != len(CENTRES):
        raise expect.NotYet(_("draw one bar per city of question 9.2."))


written("9.6", points=3, rubric="""
Full marks (3) when the answer makes all three points; 1 point each:
- The two 2025 reports share their counts (183,000 reports, 37,939 calls) but give
  different percentages: one gives over 98% processed and over 92% satisfied, the
  other 98% for "satisfaction and acceptance", so one has probably merged two figures;
  the one to report is "over 92% satisfied", with its source.
- Both come from the operator (HueIOC) or reports based on it: they are self-reported,
  with no stated survey method, and "processed" means closed, not solved.
- An outcome indicator an independent body could measure, with its data: e.g. the median
  days from a report to the repair, checked on a sample of reports; residents' trust
  measured by an independent survey before and after; the share of reports reopened.
""")
