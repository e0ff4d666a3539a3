"""Wrong answers for exercise 4 (India's mission in numbers)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from vnsmartcity.coursedata import fact  # noqa: E402

USD, PROJECTS, CITIES = fact("in_investment"), fact("in_projects"), fact("in_cities")
INR = fact("in_investment_inr")


def _centres(total_vn=63, percent=False, total_in=100):
    table = pd.DataFrame({"with_centre": [75.0, 17.0], "total": [total_in, total_vn]},
                         index=["India", "Vietnam"])
    table["share"] = table["with_centre"] / table["total"] * (100 if percent else 1)
    return table


def _chart(lines=2, xlabel="Exchange rate (rupees per USD)", title="USD cost by rate"):
    fig, ax = plt.subplots()
    ax.plot([60, 90], [34, 23])
    if lines > 1:
        ax.axhline(27)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("billion USD")
    plt.close(fig)
    return ax


WRONG = {
    "4.1": [
        {"per_project": USD / PROJECTS, "per_city": USD / CITIES,
         "projects_per_city": PROJECTS / CITIES},                    # left in billions
        {"per_project": PROJECTS / (USD * 1000), "per_city": USD * 1000 / CITIES,
         "projects_per_city": PROJECTS / CITIES},                    # upside down
        {"per_project": USD * 1000 / PROJECTS, "per_city": USD * 1000 / CITIES},  # key missing
        {"per_project": USD * 1000 / PROJECTS, "per_city": USD * 1000 / 63,
         "projects_per_city": PROJECTS / CITIES},                    # wrong denominator
        USD * 1000 / PROJECTS,                                       # a number, not a dict
    ],
    "4.2": [
        _centres(percent=True),                    # percentages
        _centres(total_vn=34),                     # divided by the 2025 provinces
        _centres().reset_index(drop=True),         # no country index
        _centres()[["with_centre", "share"]],      # a column missing
    ],
    "4.3": [
        0.75 - 17 / 63,                  # a difference of fractions
        (17 / 63 - 0.75) * 100,          # reversed sign
        0.75 / (17 / 63),                # a ratio
        (0.75 - 17 / 34) * 100,          # the 2025 denominator
        "48 points",                     # text
    ],
    "4.4": [
        lambda rate: INR * rate,                     # multiplies by the rate
        lambda rate: INR * 1e12 / rate / 1e6,        # millions, not billions
        lambda rate: INR / rate,                     # trillions
        lambda rate: f"{INR * 1000 / rate:.1f} bn",  # text
    ],
    "4.5": [
        USD * 1e9 / (INR * 1e12),        # dollars per rupee
        INR / USD,                       # scales not aligned
        75,                              # a guessed round number
        "about 76",                      # text
    ],
    "4.6": [_chart(lines=1), _chart(xlabel="x"), _chart(title=""), None],
}
