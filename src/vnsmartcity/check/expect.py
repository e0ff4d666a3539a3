"""Readers and expectations for check functions, with messages a student understands.

A check function receives the plain copy of an answer (see `plain`). These helpers
turn it back into a number, a list, a DataFrame or a chart description, and raise
`NotYet` with a message that says what is wrong (type, shape, missing column, out
of range) and never what the right value is.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from typing import Any

import pandas as pd

from vnsmartcity.messages import _


class NotYet(AssertionError):
    """The answer is not right yet; `str()` is the message shown to the student."""


def _describe(answer: Any) -> str:
    if isinstance(answer, dict):
        for key, label in (("__frame__", _("a DataFrame")), ("__series__", _("a Series")),
                           ("__axes__", _("a chart")), ("__function__", _("a function")),
                           ("__dict__", _("a dict")),
                           ("__ellipsis__", _("... (not answered yet)"))):
            if key in answer:
                return label
        if "__type__" in answer:
            return _("a {type}").format(type=answer["__type__"])
        if "__float__" in answer:
            return _("{value} (not a usable number)").format(value=answer["__float__"])
    if answer is None:
        return "None"
    if isinstance(answer, bool):
        return "True/False"
    return {int: _("a whole number"), float: _("a number"), str: _("text"),
            list: _("a list")}.get(type(answer), type(answer).__name__)


def answered(answer: Any) -> None:
    """Fail early, kindly, when the placeholder `...` or a missing variable is all there is."""
    if isinstance(answer, dict) and answer.get("__ellipsis__"):
        raise NotYet(_("there is no answer yet: replace the `...` with your code."))
    if isinstance(answer, dict) and "__missing__" in answer:
        raise NotYet(_("there is no variable called `{name}`: run the cell that defines "
                       "it, and keep its name.").format(name=answer["__missing__"]))


def number(answer: Any) -> float:
    """The answer as a float, or NotYet if it is not a single number."""
    answered(answer)
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        raise NotYet(_("expected a single number, but got {got}.").format(
            got=_describe(answer)))
    return float(answer)


def close(value: float, expected: float, hint: str, rel: float = 1e-3, abs_: float = 1e-9) -> None:
    """NotYet with `hint` unless `value` is within tolerance of `expected`."""
    if not math.isclose(value, expected, rel_tol=rel, abs_tol=abs_):
        raise NotYet(_("the number is not right yet. Hint: {hint}").format(hint=hint))


def in_range(value: float, low: float, high: float, what: str) -> None:
    """NotYet when a value is outside the range any sensible answer lies in."""
    if not low <= value <= high:
        raise NotYet(_("{what} should lie between {low:g} and {high:g}; check your "
                       "units.").format(what=what, low=low, high=high))


def text(answer: Any) -> str:
    """The answer as a string, or NotYet."""
    answered(answer)
    if not isinstance(answer, str):
        raise NotYet(_("expected text (a string), but got {got}.").format(
            got=_describe(answer)))
    return answer


def items(answer: Any, what: str | None = None) -> list:
    """The answer as a list (a list, tuple, Series or set all count)."""
    answered(answer)
    if isinstance(answer, dict) and "__series__" in answer:
        return list(answer["__series__"]["values"])
    if not isinstance(answer, list):
        raise NotYet(_("expected {what}, but got {got}.").format(
            what=what or _("a list"), got=_describe(answer)))
    return answer


def mapping(answer: Any) -> dict:
    """The answer as a dict (keys must be text or numbers)."""
    answered(answer)
    if isinstance(answer, dict) and "__series__" in answer:
        series = answer["__series__"]
        return dict(zip(series["index"], series["values"], strict=True))
    if not (isinstance(answer, dict) and "__dict__" in answer):
        raise NotYet(_("expected a dict, but got {got}.").format(got=_describe(answer)))
    try:
        return {key: value for key, value in answer["__dict__"]}
    except TypeError as error:
        raise NotYet(_("the dict has keys that are not text or numbers.")) from error


def mapping_with(answer: Any, keys: Any,
                 missing: str | None = None) -> dict:
    """The answer as a dict that has every one of `keys`.

    `missing` is the message when some are absent: ``{missing}`` lists them,
    ``{first}`` is the first, ``{has}`` the keys the answer has.
    """
    got = mapping(answer)
    absent = [key for key in keys if key not in got]
    if absent:
        template = missing or _("the dict is missing the key(s) {missing}; it has {has}.")
        raise NotYet(template.format(missing=absent, first=absent[0], has=list(got)))
    return got


def numbers_by_key(answer: Any, expected: dict, missing: str | None = None) -> Iterator[tuple]:
    """(key, the answer's number, the expected value) for each key of `expected`, in order.

    Each number is read as the loop reaches it, so the first wrong key is the one
    reported; a missing key is reported first (`mapping_with`).
    """
    got = mapping_with(answer, expected, missing)
    for key, want in expected.items():
        yield key, number(got[key]), want


def mistakes(known: list[tuple[float, float, str]]) -> None:
    """`NotYet` with the message of the first typical mistake ``(got, target, message)``
    where `got` (the answer, transformed as the mistake would) is `target`."""
    for got, target, message in known:
        if near(got, target):
            raise NotYet(message)


def near(value: float, target: float, rel: float = 1e-3, abs_: float = 1e-9) -> bool:
    """True when `value` is `target` up to rounding: for telling typical mistakes apart."""
    return math.isclose(value, target, rel_tol=rel, abs_tol=abs_)


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` (a chart's title or labels) has one of `words`, in any case.

    The words come in each course language: a Vietnamese student who is told to say
    that the data are synthetic writes "tổng hợp", and must earn the same point.
    Both sides are NFC, since a label typed on another system may be decomposed.
    """
    folded = unicodedata.normalize("NFC", text).casefold()
    return any(unicodedata.normalize("NFC", word).casefold() in folded for word in words)


def frame(answer: Any, columns: list[str] | None = None, rows: int | None = None) -> pd.DataFrame:
    """The answer as a DataFrame with at least `columns` (and exactly `rows`, if given)."""
    answered(answer)
    if not (isinstance(answer, dict) and "__frame__" in answer):
        raise NotYet(_("expected a DataFrame, but got {got}.").format(got=_describe(answer)))
    data = answer["__frame__"]
    result = pd.DataFrame(data["data"], columns=data["columns"], index=data["index"])
    missing = [c for c in columns or [] if c not in result.columns]
    if missing:
        raise NotYet(_("the DataFrame is missing the column(s) {missing}; it has "
                       "{has}.").format(missing=missing, has=list(result.columns)))
    if rows is not None and data["rows"] != rows:
        raise NotYet(_("the DataFrame has {rows} row(s), not the number the question "
                       "asks for: check your filter.").format(rows=data["rows"]))
    return result


def series(answer: Any) -> pd.Series:
    """The answer as a pandas Series (index and values)."""
    answered(answer)
    if not (isinstance(answer, dict) and "__series__" in answer):
        raise NotYet(_("expected a pandas Series, but got {got}.").format(
            got=_describe(answer)))
    data = answer["__series__"]
    return pd.Series(data["values"], index=data["index"], name=data["name"])


def chart(answer: Any) -> dict:
    """The description of a matplotlib chart (Axes or Figure)."""
    answered(answer)
    if not (isinstance(answer, dict) and "__axes__" in answer):
        raise NotYet(_("expected a matplotlib chart (the Axes, e.g. `ax`), but got "
                       "{got}.").format(got=_describe(answer)))
    return answer["__axes__"]


def labelled_chart(answer: Any) -> dict:
    """A chart with a title and both axis labels, as every chart in the course needs."""
    description = chart(answer)
    for part in ("title", "xlabel", "ylabel"):
        if not description[part].strip():
            name = {"title": _("a title"), "xlabel": _("an x-axis label"),
                    "ylabel": _("a y-axis label")}[part]
            raise NotYet(_("the chart needs {name}; every chart needs a title and labelled "
                           "axes.").format(name=name))
    return description


def bar_chart(answer: Any, bars: int, hint: str) -> dict:
    """A labelled chart with exactly `bars` bars; `hint` says which bars it should have."""
    description = labelled_chart(answer)
    if description["bars"] != bars:
        raise NotYet(_("the chart has {bars} bar(s); {hint}").format(
            bars=description["bars"], hint=hint))
    return description


def _bar_lengths(description: dict) -> list[list[float]]:
    """The bars' lengths: heights of a vertical chart, widths of a horizontal one.

    Bars of one chart share their thickness, so the side that varies is the value;
    when neither varies, both readings are offered.
    """
    sizes = [[float(side) if isinstance(side, int | float) else math.nan for side in pair]
             for pair in description.get("bar_sizes", [])]
    widths, heights = [w for w, _ in sizes], [h for _, h in sizes]
    if len(set(widths)) == 1 and len(set(heights)) > 1:
        return [heights]
    if len(set(heights)) == 1 and len(set(widths)) > 1:
        return [widths]
    return [heights, widths]


def bars_show(description: dict, values: list[float], hint: str,
              scales: tuple[float, ...] = (1.0, 100.0), rel: float = 0.01) -> None:
    """The bars of a chart show `values` (in any order; as fractions or percentages).

    Counting bars and labels is not enough: five bars of height 1 would pass.
    """
    if description["bars"] != len(values):
        raise NotYet(_("the chart should have one bar per value; {hint}").format(hint=hint))
    wanted = sorted(v for v in values if not math.isnan(v))
    gaps = len(values) - len(wanted)  # bars drawn as math.nan: "no data"
    for lengths in _bar_lengths(description):
        got = sorted(abs(v) for v in lengths if not math.isnan(v))
        if len(lengths) - len(got) != gaps or len(got) != len(wanted):
            continue
        for scale in scales:
            if all(math.isclose(g, w * scale, rel_tol=rel, abs_tol=1e-9 * scale)
                   for g, w in zip(got, wanted, strict=True)):
                return
    raise NotYet(_("the bars do not show the right values yet: {hint}").format(hint=hint))


def bars_include(description: dict, values: list[float], hint: str, rel: float = 0.01) -> None:
    """Some of the chart's bars show `values` (in any order): the part the data fixes,
    in a chart whose other bars show the student's own results."""
    for lengths in _bar_lengths(description):
        unused = [abs(v) for v in lengths if not math.isnan(v)]
        for value in values:
            match = next((g for g in unused if math.isclose(g, value, rel_tol=rel,
                                                            abs_tol=1e-9)), None)
            if match is None:
                break
            unused.remove(match)
        else:
            return
    raise NotYet(_("the bars do not show the right values yet: {hint}").format(hint=hint))


def function_answer(answer: Any, signature: str) -> list[dict]:
    """The probe results of a function answer (``{"ok": ...}`` or ``{"raised": ...}``).

    `signature` names the function in the message when the answer is not one.
    """
    answered(answer)
    if not (isinstance(answer, dict) and "__function__" in answer):
        raise NotYet(_("expected a function (a `def {signature}`).").format(signature=signature))
    return answer["results"]


def function_results(answer: Any) -> list[Any]:
    """What a student's function returned on each probe input (NotYet if it raised)."""
    answered(answer)
    if not (isinstance(answer, dict) and "__function__" in answer):
        raise NotYet(_("expected a function (a `def`), but got {got}.").format(
            got=_describe(answer)))
    results = []
    for result in answer["results"]:
        if "raised" in result:
            raise NotYet(_("your function raised an error on one of the test inputs: "
                           "{error}").format(error=result["raised"]))
        results.append(result["ok"])
    return results
