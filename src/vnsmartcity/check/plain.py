"""Turn a student's answer into plain, JSON-safe data.

Checks never look at a student's live objects: they look at this plain copy.
In the notebook, `check()` makes it in the student's own process; the grader
runs this same module's source inside the student's kernel and reads back JSON,
so nothing the student's code produced is ever unpickled in the grader.

The module is self-contained (standard library, with numpy, pandas and
matplotlib imported only when present) because its source is sent to a kernel.
"""

import json
import math

MAX_ITEMS = 2000


def _float(value):
    value = float(value)
    if math.isnan(value):
        return {"__float__": "nan"}
    if math.isinf(value):
        return {"__float__": "inf" if value > 0 else "-inf"}
    return value


def _axes(ax):
    return {
        "__axes__": {
            "title": ax.get_title(),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
            "lines": len(ax.get_lines()),
            "bars": len(ax.patches),
            "bar_sizes": [[_float(p.get_width()), _float(p.get_height())]
                          for p in ax.patches[:MAX_ITEMS] if hasattr(p, "get_height")],
            "collections": len(ax.collections),
            "xticklabels": [t.get_text() for t in ax.get_xticklabels()][:MAX_ITEMS],
            "yticklabels": [t.get_text() for t in ax.get_yticklabels()][:MAX_ITEMS],
        }
    }


def to_plain(value, probes=None, depth=0):
    """A JSON-safe copy of `value`; callables are called on each of `probes`."""
    if depth > 6:
        return {"__type__": "too deeply nested"}
    if value is None or isinstance(value, bool | str):
        return value
    if value is Ellipsis:
        return {"__ellipsis__": True}
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return _float(value)
    # By top-level package: pandas 3 names its classes "pandas.Series", pandas 2
    # "pandas.core.series.Series".
    type_name = type(value).__module__.split(".")[0] + "." + type(value).__qualname__
    if type_name.startswith("numpy.") and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return to_plain(value.item(), depth=depth + 1)
    if type_name == "pandas.DataFrame":
        frame = value.head(MAX_ITEMS)
        return {"__frame__": {
            "columns": [str(c) for c in frame.columns],
            "index": [to_plain(i, depth=depth + 1) for i in frame.index],
            "data": [[to_plain(v, depth=depth + 1) for v in row]
                     for row in frame.itertuples(index=False)],
            "rows": int(len(value)),
        }}
    if type_name == "pandas.Series":
        series = value.head(MAX_ITEMS)
        return {"__series__": {
            "name": to_plain(series.name, depth=depth + 1),
            "index": [to_plain(i, depth=depth + 1) for i in series.index],
            "values": [to_plain(v, depth=depth + 1) for v in series],
            "rows": int(len(value)),
        }}
    if type_name.startswith("pandas.") and hasattr(value, "isoformat"):
        return value.isoformat()
    if type_name == "numpy.ndarray":
        return [to_plain(v, depth=depth + 1) for v in value.tolist()[:MAX_ITEMS]]
    is_matplotlib = type_name.startswith("matplotlib.")
    if is_matplotlib and hasattr(value, "get_title") and hasattr(value, "patches"):
        return _axes(value)
    if is_matplotlib and hasattr(value, "get_axes"):
        axes = value.get_axes()
        return _axes(axes[0]) if axes else {"__type__": "empty figure"}
    if isinstance(value, dict):
        return {"__dict__": [[to_plain(k, depth=depth + 1), to_plain(v, depth=depth + 1)]
                             for k, v in list(value.items())[:MAX_ITEMS]]}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [to_plain(v, depth=depth + 1) for v in list(items)[:MAX_ITEMS]]
    if callable(value):
        results = []
        for args in probes or []:
            try:
                results.append({"ok": to_plain(value(*args), depth=depth + 1)})
            except Exception as error:  # the student's function failed on this input
                results.append({"raised": type(error).__name__ + ": " + str(error)[:200]})
        return {"__function__": getattr(value, "__name__", "function"), "results": results}
    return {"__type__": type(value).__name__}


def dumps_answers(namespace, wanted):
    """JSON of {question: plain answer} for the variables of `wanted` in `namespace`.

    `wanted` maps a question id to [variable name, probes]; a missing variable is
    reported as missing rather than guessed.
    """
    out = {}
    for qid, (name, probes) in wanted.items():
        if name not in namespace:
            out[qid] = {"__missing__": name}
            continue
        try:
            out[qid] = to_plain(namespace[name], probes)
        except Exception as error:
            out[qid] = {"__type__": "could not be read: " + type(error).__name__}
    return json.dumps(out, allow_nan=False)
