"""Checks for exercise 7: an operations centre's alerts (chapter 7), on SYNTHETIC data.

The readings come from `vnsmartcity.synthetic.sensor_readings()` with its fixed seed,
and the expected alerts are recomputed here from the same function and the
thresholds the question gives, so no count is typed into the notebook. Messages say
what is wrong (type, missing column, a missing day, the direction of a threshold),
never the expected value.
"""

from __future__ import annotations

import math

import pandas as pd

from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.messages import _
from vnsmartcity.synthetic import SENSORS, sensor_readings

THRESHOLDS = {"pm25": ("above", 50), "water_level": ("above", 80),
              "traffic_speed": ("below", 10)}
SILENCE_HOURS = 3
PM25_LIMITS = (15, 50, 75)


def _is_alert(kind: str, value: float) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    direction, limit = THRESHOLDS[kind]
    return value > limit if direction == "above" else value < limit


def _number(value) -> float:
    """A cell of a rebuilt DataFrame or Series as a number (numpy scalars included)."""
    return expect.number(value.item() if hasattr(value, "item") else value)


def _readings() -> pd.DataFrame:
    return sensor_readings()


def _alerts() -> pd.DataFrame:
    readings = _readings()
    keep = [_is_alert(k, v) for k, v in zip(readings["kind"], readings["value"], strict=True)]
    return readings[keep].sort_values("time")


def _per_day() -> pd.DataFrame:
    readings, alerts = _readings(), _alerts()
    days = readings["time"].dt.normalize().drop_duplicates().sort_values()
    return (pd.crosstab(alerts["time"].dt.normalize(), alerts["sensor"])
            .reindex(index=days, columns=sorted(SENSORS), fill_value=0))


def _silences() -> list[dict]:
    rows = []
    for sensor, group in _readings().sort_values("time").groupby("sensor"):
        gone = group["value"].isna()
        run = (gone != gone.shift()).cumsum()
        for _run, hours in group[gone].groupby(run[gone]):
            if len(hours) >= SILENCE_HOURS:
                rows.append({"sensor": sensor, "start": hours["time"].iloc[0],
                             "hours": len(hours)})
    return rows


def _pm25_counts() -> dict[int, int]:
    readings = _readings()
    pm25 = readings.loc[readings["kind"] == "pm25", "value"]
    return {limit: int((pm25 > limit).sum()) for limit in PM25_LIMITS}


@auto("7.1", variable="missing", points=1,
      expected=lambda: [float(v) for v in _readings()["value"].isna()
                        .groupby(_readings()["sensor"]).sum()])
def test_missing(answer):
    got = expect.series(answer)
    readings = _readings()
    expected = readings["value"].isna().groupby(readings["sensor"]).sum()
    absent = [s for s in expected.index if s not in got.index]
    if absent:
        raise expect.NotYet(_("the Series has no entry for {n_absent} sensor(s), e.g. "
                              "{absent!r}: index it by sensor id and keep every sensor, "
                              "also those with nothing missing.").format(
                              n_absent=len(absent), absent=absent[0]))
    if len(got) != len(expected):
        raise expect.NotYet(_("the Series should have exactly one entry per sensor."))
    for sensor, count in expected.items():
        value = _number(got[sensor])
        if value > 168:
            raise expect.NotYet(_("a count is larger than the hours in a week: count the "
                                  "missing values (isna), not the rows."))
        expect.close(value, float(count), _("the count for {sensor!r} is not right: count"
                                            " the readings whose value is missing (isna),"
                                            " per sensor.").format(sensor=sensor), abs_=0.01)


# (kind, value) -> what is_alert must do; the last one must raise ValueError.
ALERT_PROBES = (("pm25", 50), ("pm25", 50.1), ("pm25", 12), ("water_level", 80),
                ("water_level", 95.5), ("traffic_speed", 10), ("traffic_speed", 4.3),
                ("traffic_speed", 60), ("pm25", None), ("water_level", None), ("noise", 70))


@auto("7.2", variable="is_alert", points=2, probes=ALERT_PROBES)
def test_is_alert(answer):
    results = expect.function_answer(answer, "is_alert(kind, value)")
    for (kind, value), result in zip(ALERT_PROBES[:-1], results[:-1], strict=True):
        call = f"is_alert({kind!r}, {value!r})"
        if "raised" in result:
            hint = (_(" Test for a missing value first, with pd.isna(value).")
                    if value is None else "")
            raise expect.NotYet(_("{call} raised an error: {raised}.{hint}").format(
                                  call=call, raised=result['raised'], hint=hint))
        got = result["ok"]
        if not isinstance(got, bool):
            raise expect.NotYet(_("{call} did not return True or False; return a boolean "
                                  "(a comparison such as value > limit gives one).").format(
                                  call=call))
        if got != _is_alert(kind, value):
            if value is None:
                hint = _("a missing reading is never an alert.")
            elif value == THRESHOLDS[kind][1]:
                hint = _("a reading exactly at the threshold is not an alert (use > or "
                         "<).")
            elif kind == "traffic_speed":
                hint = _("for traffic speed, the alert is when the speed is BELOW the "
                         "limit.")
            else:
                hint = _("for {kind}, the alert is when the reading is ABOVE the limit.").format(
                         kind=kind)
            raise expect.NotYet(_("{call} is not right: {hint}").format(call=call, hint=hint))
    last = results[-1]
    if "raised" not in last or not last["raised"].startswith("ValueError"):
        raise expect.NotYet(_("is_alert('noise', 70) should raise a ValueError: 'noise' "
                              "is not a kind in THRESHOLDS."))


@auto("7.3", variable="alerts", points=2, expected=lambda: len(_alerts()))
def test_alerts(answer):
    expected = _alerts()
    table = expect.frame(answer, columns=["time", "sensor", "kind", "value"])
    if len(table) == 0:
        raise expect.NotYet(_("the table is empty: keep the rows where is_alert is True."))
    values = pd.to_numeric(table["value"], errors="coerce")
    if values.isna().any():
        raise expect.NotYet(_("some rows have no value: a missing reading is never an "
                              "alert."))
    counts = table["sensor"].value_counts()
    for sensor in SENSORS:
        if int(counts.get(sensor, 0)) != int((expected["sensor"] == sensor).sum()):
            raise expect.NotYet(_("the number of alerts for {sensor!r} is not right: "
                                  "apply is_alert to every reading (all sensors, all "
                                  "hours).").format(sensor=sensor))
    times = pd.to_datetime(table["time"])
    if not times.is_monotonic_increasing:
        raise expect.NotYet(_("sort the alerts in time order (sort_values('time'))."))


@auto("7.4", variable="per_day", points=2)
def test_per_day(answer):
    expected = _per_day()
    table = expect.frame(answer)
    absent = [s for s in SENSORS if s not in table.columns]
    if absent:
        raise expect.NotYet(_("the table has no column for {n_absent} sensor(s), e.g. "
                              "{absent!r}: one column per sensor (all seven), one row per"
                              " day. Sensors without alerts need a column of zeros "
                              "(reindex).").format(n_absent=len(absent), absent=absent[0]))
    if len(table) != len(expected):
        raise expect.NotYet(_("the table has {n_table} row(s): it needs one per day of "
                              "the week, including days without alerts (reindex with "
                              "fill_value=0).").format(n_table=len(table)))
    if int(pd.to_numeric(table[list(SENSORS)].stack(), errors="coerce").fillna(-1).sum()) \
            != int(expected.to_numpy().sum()):
        raise expect.NotYet(_("the counts do not add up to the number of alerts of "
                              "question 7.3: count alert hours, and use 0 (not NaN) where"
                              " there are none."))
    for sensor in SENSORS:
        got = [_number(v) for v in table[sensor]]
        if got != [float(v) for v in expected[sensor]]:
            raise expect.NotYet(_("the daily counts for {sensor!r} are not right: put the"
                                  " days in date order, and count by calendar day.").format(
                                  sensor=sensor))


@auto("7.5", variable="ax", points=1)
def test_week_chart(answer):
    chart = expect.labelled_chart(answer)
    if chart["bars"] + chart["lines"] + chart["collections"] == 0:
        raise expect.NotYet(_("the chart is empty: plot the alerts (bars, lines or "
                              "points)."))
    text = " ".join(chart[part] for part in ("title", "xlabel", "ylabel"))
    if not expect.mentions(text, ("synthetic", "tổng hợp", "giả lập", "mô phỏng")):
        raise expect.NotYet(_("say in the title that the data are synthetic: a chart is "
                              "often copied without the notebook around it."))


@auto("7.6", variable="silent", points=2, expected=lambda: [r["hours"] for r in _silences()])
def test_silent(answer):
    expected = _silences()
    table = expect.frame(answer, columns=["sensor", "start", "hours"])
    if len(table) != len(expected):
        raise expect.NotYet(_("the table has {n_table} row(s): keep one row per run of "
                              "{hours} or more consecutive missing hours of one "
                              "sensor (shorter gaps are not silence alerts).").format(
                              n_table=len(table), hours=SILENCE_HOURS))
    for row in expected:
        mine = table[table["sensor"] == row["sensor"]]
        if len(mine) != 1:
            raise expect.NotYet(_("a sensor that fell silent is missing from the table, "
                                  "or appears twice: group the missing hours by sensor, "
                                  "then by run."))
        hours = _number(mine["hours"].iloc[0])
        if hours != row["hours"]:
            raise expect.NotYet(_("the length of the silence of {sensor!r} is not right: "
                                  "count the consecutive missing hours of the run.").format(
                                  sensor=row['sensor']))
        try:
            start = pd.Timestamp(mine["start"].iloc[0])
        except (TypeError, ValueError) as error:
            raise expect.NotYet(_("`start` should be the time of the first missing hour "
                                  "(a timestamp from the `time` column).")) from error
        if start != row["start"]:
            raise expect.NotYet(_("the start of the silence of {sensor!r} is not right: "
                                  "use the time of the first missing hour of the run.").format(
                                  sensor=row['sensor']))


@auto("7.7", variable="pm25_alerts", points=1,
      expected=lambda: [float(v) for v in _pm25_counts().values()])
def test_pm25_alerts(answer):
    expected = _pm25_counts()
    got = expect.mapping_with(answer, PM25_LIMITS, _("the dict has no key {first}: use "
                                                     "the thresholds 15, 50 and 75 as "
                                                     "keys (numbers, not text)."))
    counts = [expect.number(got[limit]) for limit in PM25_LIMITS]
    if not counts[0] >= counts[1] >= counts[2]:
        raise expect.NotYet(_("a higher threshold cannot raise more alerts than a lower "
                              "one: count the readings ABOVE each threshold."))
    for limit, count in zip(PM25_LIMITS, counts, strict=True):
        if count != expected[limit]:
            raise expect.NotYet(_("the count for {limit} µg/m³ is not right: count the "
                                  "PM2.5 readings of all three stations strictly above it"
                                  " (missing readings do not count).").format(limit=limit))


written("7.8", points=4, rubric="""
4 points, 1 for each element:
- Action on two real alerts, naming who acts outside the centre: e.g. the Wednesday
  evening PM2.5 episode at the port (environment department, warn the school and the
  public), the Thursday storm (drainage company, traffic police closing or diverting
  the bridge approach; drains and traffic alerts at the same hours tell one story), the
  Tuesday morning ring-road standstill, the Friday morning haze at the market.
- A probable false alarm identified with a reason: the single Saturday-night reading of
  the south drain, far above any other, with no rain and no other sensor moving (a
  fault); or a lone hour just above the PM2.5 limit. Says how to verify (neighbouring
  sensors, cameras, a site visit, the sensor's maintenance log).
- Limits of the data: calibration and drift, faults, silence is not safety, sensors see
  only where they stand, causes are not in the feed, and the threshold choice drives the
  count (question 7.7: a strict threshold floods operators with alerts, a lax one misses
  harm to health).
- Governance: who is responsible for acting and whether they did is not in the data;
  privacy if traffic data come from cameras or phones (access, retention, purpose).
Deduct 1 point if the answer treats the synthetic data as evidence about a real city.
""")
