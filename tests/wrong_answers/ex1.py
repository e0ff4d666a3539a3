"""Wrong answers for exercise 1 (classifying smart-city initiatives)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from vnsmartcity import load  # noqa: E402

INITIATIVES = load("initiatives")


def _compared(classify=lambda text: "governance", keep_labels=True, agree_from=None):
    table = INITIATIVES[["initiative_id", "initiative", "domain"]].copy()
    table["predicted"] = table["initiative"].map(classify)
    if not keep_labels:
        table["domain"] = table["predicted"]
    table["agree"] = table["predicted"] == table[agree_from or "domain"]
    return table


def _first_match(text):
    """Stops at the first domain with any keyword, in a bad order."""
    text = text.lower()
    for domain, words in (("governance", ["smart", "digital", "city", "cities"]),
                          ("mobility", ["transport"]), ("people", ["citizen"])):
        if any(w in text for w in words):
            return domain
    return "economy"


def _lookup(text):
    """Looks up the texts of the table: perfect on the table, useless elsewhere."""
    labels = dict(zip(INITIATIVES["initiative"], INITIATIVES["domain"], strict=True))
    return labels.get(text, "governance")


def _chart(bars=12, title="Initiatives by domain", heights=None):
    fig, ax = plt.subplots()
    ax.bar(range(bars), range(bars) if heights is None else heights)
    ax.set_title(title)
    ax.set_xlabel("domain")
    ax.set_ylabel("initiatives")
    plt.close(fig)
    return ax


WRONG = {
    "1.1": [
        INITIATIVES["domain"].value_counts(normalize=True),      # shares, not counts
        INITIATIVES["domain"].value_counts().drop("economy"),    # a domain missing
        INITIATIVES["source"].value_counts(),                    # the wrong column
        INITIATIVES["domain"].value_counts().to_dict(),          # a dict, not a Series
        len(INITIATIVES),                                        # a number
    ],
    "1.2": [
        INITIATIVES.groupby(["source", "domain"]).size().reset_index(name="n"),  # long table
        pd.crosstab(INITIATIVES["domain"], INITIATIVES["source"]),               # transposed
        pd.crosstab(INITIATIVES["source"], INITIATIVES["domain"], normalize="index"),  # shares
        pd.crosstab(INITIATIVES["source"], INITIATIVES["domain"]).head(3),       # rows missing
    ],
    "1.3": [
        lambda text: "governance",            # the trivial classifier
        lambda text: "Smart governance",      # an English name, not a domain id
        _first_match,                         # stops at the first generic word
        _lookup,                              # memorises the table
        lambda text: None,                    # returns nothing
    ],
    "1.4": [
        _compared(),                                            # constant classifier
        _compared(classify=_first_match, keep_labels=False),    # overwrote the labels
        _compared(classify=_lookup).drop(columns="agree"),      # no agree column
        _compared(classify=_lookup).head(10),                   # only some rows
        _compared(classify=_lookup).assign(agree=lambda t: ~t["agree"]),  # agree inverted
    ],
    "1.5": [_chart(bars=6), _chart(title=""), "a bar chart",
            _chart(),                   # twelve bars of heights 0 to 11: not the counts
            _chart(heights=[1] * 12)],  # twelve bars of height 1
}
