"""Wrong answers for exercise 6 (matching firms)."""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from vnsmartcity.coursedata import fact  # noqa: E402

EXCHANGES = fact("kr_exchanges_2022")
KOREAN, VIETNAMESE = fact("kr_firms_kr_2022"), fact("kr_firms_vn_2022")


def _matching(possible=KOREAN * VIETNAMESE, per_firm=KOREAN, drop=None):
    answer = {"density": EXCHANGES / possible, "per_korean_firm": EXCHANGES / per_firm,
              "per_vietnamese_firm": EXCHANGES / per_firm}
    if drop:
        del answer[drop]
    return answer


def _no_checks(exchanges, left, right):
    return exchanges / (left * right)


def _zero_instead_of_error(exchanges, left, right):
    if left <= 0 or right <= 0 or exchanges < 0 or exchanges > left * right:
        return 0.0
    return exchanges / (left * right)


def _assert_instead_of_error(exchanges, left, right):
    assert left > 0 and right > 0 and 0 <= exchanges <= left * right
    return exchanges / (left * right)


def _ladder(bars=6, title="Korean firms per rung", heights=(27, 16, *[math.nan] * 4)):
    fig, ax = plt.subplots()
    heights = list(heights)[:bars]
    ax.barh([str(i) for i in range(bars)], heights)
    ax.set_title(title)
    ax.set_xlabel("firms")
    ax.set_ylabel("rung")
    plt.close(fig)
    return ax


WRONG = {
    "6.1": [
        fact("kr_firms_2021") / fact("kr_tech_2021"),      # upside down
        fact("kr_tech_2021") / KOREAN,                     # 2021 technologies, 2022 firms
        "31/27",                                           # text
    ],
    "6.2": [
        _matching(possible=KOREAN + VIETNAMESE),           # added the groups
        _matching(per_firm=KOREAN + VIETNAMESE),           # per firm over both groups
        _matching(drop="per_vietnamese_firm"),             # a key missing
        EXCHANGES / (KOREAN * VIETNAMESE),                 # a number, not a dict
    ],
    "6.3": [
        _no_checks,                                        # never raises
        _zero_instead_of_error,                            # hides the problem
        _assert_instead_of_error,                          # the wrong exception
        lambda exchanges, left, right: exchanges / (left + right),
    ],
    "6.4": [
        (0.0, EXCHANGES / (KOREAN * VIETNAMESE)),          # zero pairs is impossible
        (1 / (KOREAN * VIETNAMESE), EXCHANGES / (KOREAN * VIETNAMESE)),  # one pair
        (EXCHANGES / (KOREAN * VIETNAMESE), KOREAN / (KOREAN * VIETNAMESE)),  # reversed
        EXCHANGES / (KOREAN * VIETNAMESE),                 # one number
    ],
    "6.5": [_ladder(bars=2), _ladder(title=""), "a ladder",
            _ladder(heights=[1] * 6),                          # six bars, no data
            _ladder(heights=(27, 16, 0, 0, 0, 0))],            # 0 is not "not reported"
}
