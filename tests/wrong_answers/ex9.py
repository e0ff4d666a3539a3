"""Wrong answers for exercise 9 (four Vietnamese cases in numbers)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from vnsmartcity import load  # noqa: E402

EVENTS = load("events").set_index("event_id")
FACTS = load("facts").set_index("fact_id")


def _days(start, end, check_precision=True, absolute=False, months=False):
    first, second = EVENTS.loc[start], EVENTS.loc[end]
    if check_precision and "year" in (first["date_precision"], second["date_precision"]):
        return None
    delta = pd.Timestamp(second["date"]) - pd.Timestamp(first["date"])
    days = abs(delta.days) if absolute else delta.days
    return days / 30 if months else days


def _chart(bars=3, title="From plan to centre"):
    fig, ax = plt.subplots()
    ax.bar([str(i) for i in range(bars)], range(1, bars + 1))
    ax.set_title(title)
    ax.set_xlabel("city")
    ax.set_ylabel("days")
    plt.close(fig)
    return ax


HUE, HCMC, DANANG = "Huế", "Hồ Chí Minh City", "Đà Nẵng"
PAIRS = {HUE: ("hue_3010", "hue_ioc_launch"), HCMC: ("hcmc_6179", "hcmc_ioc_2020"),
         DANANG: ("danang_6439", "danang_ioc_2023")}

WRONG = {
    "9.1": [
        lambda start, end: _days(start, end, check_precision=False),  # year-only dates counted
        lambda start, end: _days(start, end, absolute=True),          # sign lost
        lambda start, end: _days(start, end, months=True),            # months, not days
        lambda start, end: None,                                      # always None
        lambda start, end: _days(end, start),                         # reversed
    ],
    "9.2": [
        {case: _days(end, start) for case, (start, end) in PAIRS.items()},          # reversed
        {case: _days(*pair, months=True) for case, pair in PAIRS.items()},          # months
        {"Hue": 211, "Ho Chi Minh City": 874, "Da Nang": 1689},                   # wrong keys
        {HUE: _days(*PAIRS[HUE]), HCMC: _days(*PAIRS[HCMC])},                      # one missing
        [211, 874, 1689],                                                          # a list
    ],
    "9.3": [
        FACTS.loc["hue_reports_2023", "value"] / FACTS.loc["hue_reports_2025", "value"],
        FACTS.loc["hue_reports_2025", "value"] - FACTS.loc["hue_reports_2023", "value"],
        "183000/80000",
        None,
    ],
    "9.4": [26 / 3, 3, 3 / 26 * 100, 3 / 63],
    "9.5": [_chart(bars=2), _chart(title=""), "a chart"],
}
