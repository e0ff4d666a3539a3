"""Wrong answers for exercise 2 (the policy timeline)."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from vnsmartcity import load  # noqa: E402

EVENTS, DOCUMENTS, TARGETS = load("events"), load("documents"), load("targets")


def _timeline(parse=True, sort=True, year_only_from="year"):
    table = EVENTS.copy()
    if parse:
        table["date"] = pd.to_datetime(table["date"], format="ISO8601")
    table["year_only"] = table["date_precision"] == year_only_from
    return table.sort_values("date") if sort else table


def _to_target(how="inner", year_column="issue"):
    documents = DOCUMENTS.assign(
        issued=pd.to_datetime(DOCUMENTS["date_issued"], format="ISO8601").dt.year)
    joined = documents.merge(TARGETS, on="doc_id", how=how)
    start = joined["issued"] if year_column == "issue" else joined[year_column]
    joined["years_to_target"] = joined["year"] - start
    return joined[["doc_id", "target_id", "years_to_target"]]


def _chart(bars=6, title="Policy documents", scatter=True):
    fig, ax = plt.subplots()
    ax.barh(range(bars), [1] * bars, left=range(2016, 2016 + bars))
    if scatter:
        ax.scatter([2030], [0])
    ax.set_title(title)
    ax.set_xlabel("year")
    ax.set_ylabel("document")
    plt.close(fig)
    return ax


def _month_first(text):
    """pandas' default reading: 1/8/2018 becomes 8 January (it warns only sometimes)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return pd.to_datetime(text)


_DUE = TARGETS[TARGETS["year"] <= 2025]

WRONG = {
    "2.1": [
        _timeline(parse=False),                 # dates left as text
        _timeline(sort=False),                  # not sorted
        _timeline(year_only_from="day"),        # year_only inverted
        _timeline().drop(columns="year_only"),  # column missing
        _timeline().head(8),                    # events dropped
    ],
    "2.2": [
        _month_first,                                         # month first: 1/8 -> 8 January
        lambda text: text,                                    # returns the text
        lambda text: pd.to_datetime(text, format="%m/%d/%Y"),  # wrong format: raises
        lambda text: pd.to_datetime(text, dayfirst=True).date(),  # a datetime.date
    ],
    "2.3": [
        _to_target(how="right"),                      # keeps targets without a document
        _to_target(year_column="vision_year"),        # wrong column: negative years
        _to_target(year_column="period_end"),         # wrong column
        _to_target().drop(columns="years_to_target"),  # column missing
    ],
    "2.4": [
        _to_target().merge(TARGETS, on="target_id").query("year <= 2025")
        .set_index("target_id")["reliability"],        # from the joined table: one missing
        TARGETS[TARGETS["year"] < 2025].set_index("target_id")["reliability"],  # < not <=
        list(_DUE["target_id"]),                        # a list, no reliability
        _DUE["reliability"],                            # index of row numbers
        _DUE.set_index("target_id")["source"],          # wrong column as values
    ],
    "2.5": [_chart(bars=4), _chart(title=""), _chart(scatter=False), None,
            _chart()],  # six bars of length 1: right count, scatter and labels, no periods
}
