"""Wrong answers for exercise 3 (the provinces in numbers)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from vnsmartcity import load  # noqa: E402


def _counts(share_of=63, source="bktw2022forum", percent=False):
    facts = load("facts")
    rows = facts[(facts["source"] == source) & (facts["of_total"] == 63)].copy()
    rows["share"] = rows["value"] / share_of * (100 if percent else 1)
    return rows[["measure", "value", "share"]]


def _chart(title="Shares", bars=5, values=None):
    fig, ax = plt.subplots()
    ax.barh([str(i) for i in range(bars)], range(bars) if values is None else values)
    ax.set_title(title)
    ax.set_xlabel("share")
    ax.set_ylabel("figure")
    plt.close(fig)
    return ax


WRONG = {
    "3.1": [
        _counts(percent=True),               # percentages instead of fractions
        _counts(share_of=34),                # divided by the 2025 number of provinces
        _counts()[["measure", "value"]],     # forgot the share column
        _counts().head(3),                   # filtered too much
        0.65,                                # a number instead of a table
    ],
    "3.2": [17 / 63, 41 / 17, "17/41", None],
    "3.3": [_chart(title=""), _chart(bars=3), "a chart",
            _chart(values=[1] * 5),  # the grader review's c02: five bars of height 1
            _chart(values=_counts(share_of=34)["share"].tolist())],  # 34 provinces
    "3.4": [
        lambda budget: (budget * 0.5, budget * 0.8),
        lambda budget: (budget * 0.9, budget * 0.5),
        lambda budget: budget * 0.5,
        lambda budget: (50, 90),
    ],
}
