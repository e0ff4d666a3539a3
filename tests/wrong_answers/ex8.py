"""Wrong answers for exercise 8 (evaluating a plan; fictional cities, then the '06' claim)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from vnsmartcity import load  # noqa: E402
from vnsmartcity.synthetic import fictional_cities  # noqa: E402

CITIES = fictional_cities()
from vnsmartcity.checks.ex8 import SCHEMES  # noqa: E402  (one definition)


def _normalised(flip=True):
    table = (CITIES - CITIES.min()) / (CITIES.max() - CITIES.min())
    if flip:
        table["pm25"] = 1 - table["pm25"]
    return table


RIGHT = _normalised()


def _sum_not_average(weights):
    w = pd.Series(weights, dtype=float)[RIGHT.columns]
    return (RIGHT * w).sum(axis=1).sort_values(ascending=False)


def _unsorted(weights):
    w = pd.Series(weights, dtype=float)[RIGHT.columns]
    return (RIGHT * w).sum(axis=1) / w.sum()


def _unflipped(weights):
    table = _normalised(flip=False)
    w = pd.Series(weights, dtype=float)[table.columns]
    return ((table * w).sum(axis=1) / w.sum()).sort_values(ascending=False)


def _names_only(weights):
    return list(_unsorted(weights).sort_values(ascending=False).index)


def _chart(title="Scores of fictional cities", bars=6):
    fig, ax = plt.subplots()
    ax.bar([str(i) for i in range(bars)], range(bars))
    ax.set_title(title)
    ax.set_xlabel("city")
    ax.set_ylabel("score")
    plt.close(fig)
    return ax


def _ranks(scores=_unsorted, ascending=False):
    return pd.DataFrame({name: scores(w).rank(ascending=ascending).astype(int)
                         for name, w in SCHEMES.items()})


FACTS = load("facts").set_index("fact_id")
DAYS = (pd.Timestamp(FACTS.loc["vn_schemes", "as_of"])
        - pd.Timestamp(FACTS.loc["vn_schemes_2020_claim", "as_of"])).days

WRONG = {
    "8.1": [
        _normalised(flip=False),                              # pm25 not flipped
        CITIES / CITIES.max(),                                # divided by the maximum
        (CITIES - CITIES.mean()) / CITIES.std(),              # z-scores, not min-max
        RIGHT.reset_index(),                                  # city as a column, not index
    ],
    "8.2": [_sum_not_average, _unsorted, _unflipped, _names_only],
    "8.3": [_chart(title="Scores"), _chart(bars=4), _chart(title=""), "bars",
            _chart(bars=6)],  # six bars, but of heights 0 to 5, not the scores
    "8.4": [
        _ranks(ascending=True),                               # 1 = lowest score
        _ranks(scores=_unflipped),                            # from unflipped pm25
        _ranks().drop(columns="without the centre"),          # a scheme missing
        _ranks().T,                                           # transposed
    ],
    "8.6": [
        (41 - 6) / (DAYS / 365.25 * 12),                      # per month
        (41 - 6) / DAYS,                                      # per day
        41 / (DAYS / 365.25),                                 # forgot the 2020 value
        (6 - 41) / (DAYS / 365.25),                           # the wrong way round
        "22 a year",                                          # text
    ],
}
