"""Wrong answers for exercise 7 (an operations centre's alerts, synthetic data)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from vnsmartcity.synthetic import SENSORS, sensor_readings  # noqa: E402

READINGS = sensor_readings()
LIMITS = {"pm25": 50, "water_level": 80, "traffic_speed": 10}


def _all_above(kind, value):
    """Forgets that low traffic speed is the alert."""
    return bool(value > LIMITS[kind])


def _at_or_above(kind, value):
    """Counts a reading at the threshold as an alert."""
    if value is None:
        return False
    return bool(value <= LIMITS[kind]) if kind == "traffic_speed" else bool(value >= LIMITS[kind])


def _no_missing_check(kind, value):
    """Crashes on a missing reading."""
    return bool(value < LIMITS[kind]) if kind == "traffic_speed" else bool(value > LIMITS[kind])


def _ignores_unknown(kind, value):
    """Quietly returns False for a kind it does not know."""
    if value is None or kind not in LIMITS:
        return False
    return bool(value < LIMITS[kind]) if kind == "traffic_speed" else bool(value > LIMITS[kind])


def _annual_limit(kind, value):
    """Uses 25 µg/m³ for PM2.5 instead of the threshold the question gives."""
    limits = {**LIMITS, "pm25": 25}
    return bool(value < limits[kind]) if kind == "traffic_speed" else bool(value > limits[kind])


def _alerts(rule):
    keep = [not pd.isna(v) and rule(k, v)
            for k, v in zip(READINGS["kind"], READINGS["value"], strict=True)]
    return READINGS[keep].sort_values("time")


def _per_day(alerts, all_days=True, all_sensors=True):
    table = pd.crosstab(alerts["time"].dt.normalize(), alerts["sensor"])
    days = READINGS["time"].dt.normalize().drop_duplicates().sort_values()
    if all_days:
        table = table.reindex(index=days, fill_value=0)
    if all_sensors:
        table = table.reindex(columns=sorted(SENSORS), fill_value=0)
    return table


def _chart(title="Alerts per day (synthetic data)", bars=7):
    fig, ax = plt.subplots()
    ax.bar([str(i) for i in range(bars)], range(bars))
    ax.set_title(title)
    ax.set_xlabel("day")
    ax.set_ylabel("alert hours")
    plt.close(fig)
    return ax


def _silent(minimum):
    rows = []
    for sensor, group in READINGS.sort_values("time").groupby("sensor"):
        gone = group["value"].isna()
        run = (gone != gone.shift()).cumsum()
        for _, hours in group[gone].groupby(run[gone]):
            if len(hours) >= minimum:
                rows.append({"sensor": sensor, "start": hours["time"].iloc[0],
                             "hours": len(hours)})
    return pd.DataFrame(rows, columns=["sensor", "start", "hours"])


def _silent_end_time():
    table = _silent(3)
    table["start"] = table["start"] + pd.to_timedelta(table["hours"] - 1, unit="h")
    return table


RIGHT_ALERTS = _alerts(_ignores_unknown)
PM25 = READINGS.loc[READINGS["kind"] == "pm25", "value"]
PORT = READINGS.loc[READINGS["sensor"] == "aq_port", "value"]

WRONG = {
    "7.1": [
        READINGS.groupby("sensor")["value"].count(),                 # readings, not missing
        READINGS["value"].isna().groupby(READINGS["sensor"]).sum().loc[lambda s: s > 0],
        int(READINGS["value"].isna().sum()),                         # one total
    ],
    "7.2": [_all_above, _at_or_above, _no_missing_check, _ignores_unknown],
    "7.3": [
        _alerts(_all_above),                                         # speed direction wrong
        _alerts(_annual_limit),                                      # another threshold
        RIGHT_ALERTS.sort_values("sensor"),                          # not in time order
        RIGHT_ALERTS[["sensor", "value"]],                           # columns dropped
    ],
    "7.4": [
        _per_day(RIGHT_ALERTS, all_days=False),                      # days without alerts gone
        _per_day(RIGHT_ALERTS, all_sensors=False),                   # quiet sensors gone
        _per_day(RIGHT_ALERTS).T,                                    # transposed
        _per_day(_alerts(_annual_limit)),                            # wrong alerts
    ],
    "7.5": [_chart(title="Alerts per day"), _chart(title=""), _chart(bars=0), "chart"],
    "7.6": [_silent(1), _silent(2), _silent_end_time(), "drain_south"],
    "7.7": [
        {limit: int((PORT > limit).sum()) for limit in (15, 50, 75)},  # one station only
        {limit: int((PM25 < limit).sum()) for limit in (15, 50, 75)},  # below, not above
        {str(limit): int((PM25 > limit).sum()) for limit in (15, 50, 75)},  # text keys
        int((PM25 > 50).sum()),
    ],
}
