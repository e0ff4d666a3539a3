"""Wrong answers for exercise 5 (testing a forecast)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from vnsmartcity.coursedata import fact  # noqa: E402

URBAN, POP = fact("vn_census_urban"), fact("vn_census_pop")
NOW, FORECAST = fact("fr_urban_now"), fact("fr_urban_forecast")
WB, MOC = fact("vn_wb_urban_2020"), fact("vn_moc_urban_2020")
SHARE = URBAN / POP


def _gaps(scale=100, sign=1, census=SHARE):
    return {"census_2019": sign * (FORECAST - census) * scale,
            "world_bank_2020": sign * (FORECAST - WB) * scale,
            "ministry_2020": sign * (FORECAST - MOC) * scale}


def _chart(bars=5, labels=("2017", "2019", "2020 WB", "2020 MoC", "2020 forecast"),
           title="Urban share"):
    fig, ax = plt.subplots()
    ax.bar(list(labels)[:bars], [1] * bars)
    ax.set_title(title)
    ax.set_xlabel("source")
    ax.set_ylabel("share (%)")
    plt.close(fig)
    return ax


WRONG = {
    "5.1": [
        SHARE * 100,                   # a percentage
        POP / URBAN,                   # upside down
        (POP - URBAN) / POP,           # the rural share
        NOW,                           # the quoted baseline, not the census
        f"{SHARE:.1%}",                # text
    ],
    "5.2": [
        _gaps(scale=1),                                   # fractions, not points
        _gaps(sign=-1),                                   # measurement minus forecast
        _gaps(census=URBAN / 1e8),                        # census share miscomputed
        {"census_2019": (FORECAST - SHARE) * 100},        # keys missing
        (FORECAST - SHARE) * 100,                         # one number
    ],
    "5.3": [
        FORECAST * POP - URBAN,              # people, not millions
        FORECAST * POP / 1e6,                # forgot to subtract the counted urban
        (FORECAST - SHARE) * 100,            # percentage points again
        (2 / 3 * POP - URBAN) / 1e3,         # thousands
    ],
    "5.4": [
        lambda start, end, years: (end - start) / start / years,       # linear rate
        lambda start, end, years: (end / start) ** (1 / years),        # growth factor
        lambda start, end, years: ((end / start) ** (1 / years) - 1) * 100,  # percent
        lambda start, end, years: (end - start) / years,               # points per year
        lambda start, end, years: (end / start) ** years - 1,          # power, not root
    ],
    "5.5": [
        {"forecast": ((FORECAST / NOW) ** (1 / 3) - 1) * 100,
         "measured": ((WB / NOW) ** (1 / 3) - 1) * 100},               # percentages
        {"forecast": (FORECAST / NOW) ** (1 / 3) - 1,
         "measured": (WB / SHARE) ** (1 / 3) - 1},                     # census as start
        {"forecast": (FORECAST - NOW) / NOW / 3,
         "measured": (WB - NOW) / NOW / 3},                            # linear
        {"forecast": (FORECAST / NOW) ** (1 / 3) - 1},                 # key missing
    ],
    "5.6": [
        _chart(bars=4),
        _chart(labels=("2017", "2019", "2020 WB", "2020 MoC", "2020 (quoted)")),
        _chart(title=""),
        "a chart",
        _chart(),  # five bars of height 1: right count and labels, no data
    ],
}
