"""Checks for exercise 5: testing a forecast (chapter 5).

The forecast, the census counts and the 2020 shares are read from the `facts`
table at check time, so no expected figure is written in the notebook. The
messages name the usual slips (a percentage against a fraction, a reversed
difference, a linear instead of a compound rate, people against millions) without
giving the right value. `implied_growth` is tried on rising, falling and flat
shares so that a formula that only works for growth does not pass.
"""


from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import fact
from vnsmartcity.messages import _

YEARS = 3  # 2017 (workshop) to 2020 (forecast year), as the question states


def _census_share():
    return fact("vn_census_urban") / fact("vn_census_pop")


def _gaps():
    forecast = fact("fr_urban_forecast")
    return {
        "census_2019": (forecast - _census_share()) * 100,
        "world_bank_2020": (forecast - fact("vn_wb_urban_2020")) * 100,
        "ministry_2020": (forecast - fact("vn_moc_urban_2020")) * 100,
    }


def _missing_millions():
    return (fact("fr_urban_forecast") * fact("vn_census_pop") - fact("vn_census_urban")) / 1e6


def _growth(start, end, years):
    return (end / start) ** (1 / years) - 1


def _growths():
    now = fact("fr_urban_now")
    return {
        "forecast": _growth(now, fact("fr_urban_forecast"), YEARS),
        "measured": _growth(now, fact("vn_wb_urban_2020"), YEARS),
    }


@auto("5.1", variable="census_share", points=1, expected=_census_share)
def test_census_share(answer):
    value = expect.number(answer)
    want = _census_share()
    expect.mistakes([
        (value, want * 100, _("this is a percentage; give the share as a fraction between"
                              " 0 and 1.")),
        (value, 1 / want, _("the division is upside down: urban population divided by the"
                            " whole population."))])
    expect.in_range(value, 0, 1, "A share")
    expect.close(value, want, "divide vn_census_urban by vn_census_pop.")


@auto("5.2", variable="gaps", points=2, expected=lambda: list(_gaps().values()))
def test_gaps(answer):
    for key, value, want in expect.numbers_by_key(answer, _gaps()):
        if expect.near(value * 100, want):
            raise expect.NotYet(_("{key!r} is a difference of fractions; multiply by 100 "
                                  "to get percentage points.").format(key=key))
        if expect.near(-value, want):
            raise expect.NotYet(_("{key!r} has the wrong sign: forecast minus "
                                  "measurement.").format(key=key))
        expect.in_range(value, 0, 100, _("The gap {key!r} in percentage points").format(
                                         key=key))
        expect.close(value, want, _("{key!r}: subtract the measurement from the forecast "
                                    "(fr_urban_forecast), both as fractions, then "
                                    "multiply by 100.").format(key=key))


@auto("5.3", variable="missing_millions", points=1, expected=_missing_millions)
def test_missing_millions(answer):
    value = expect.number(answer)
    want = _missing_millions()
    expect.mistakes([
        (value, want * 1e6, _("this is a number of people; the question asks for millions"
                              " (divide by 1,000,000).")),
        (value, fact("fr_urban_forecast") * fact("vn_census_pop") / 1e6,
         _("this is the whole urban population the forecast implies; subtract the urban "
           "population the census counted."))])
    expect.in_range(value, 0, 100, _("A number of millions of people"))
    expect.close(value, want, _("two thirds of the census population, minus the census "
                                "urban population, in millions."))


PROBES = ((1 / 3, 2 / 3, 3), (0.30, 0.36, 5), (0.40, 0.30, 4), (0.25, 0.25, 10),
          (0.5, 0.6, 2))


@auto("5.4", variable="implied_growth", points=2, probes=PROBES)
def test_implied_growth(answer):
    results = expect.function_results(answer)
    for (start, end, years), result in zip(PROBES, results, strict=True):
        value = expect.number(result)
        want = _growth(start, end, years)
        if want and expect.near(value, want * 100):
            raise expect.NotYet(_("return g as a fraction (0.05 for 5%), not a "
                                  "percentage."))
        if want and expect.near(value, (end - start) / start / years):
            raise expect.NotYet(_("this is a simple (linear) average; the question asks "
                                  "for a compound rate: take the years-th root of end / "
                                  "start."))
        if want and expect.near(value, want + 1):
            raise expect.NotYet(_("this is the growth factor (1 + g); subtract 1."))
        expect.close(value, want, _("solve start * (1 + g) ** years = end for g; check "
                                    "the case where the share falls and where it stays "
                                    "the same."), abs_=1e-9)


@auto("5.5", variable="growth", points=1, expected=lambda: list(_growths().values()))
def test_growth(answer):
    for key, value, want in expect.numbers_by_key(answer, _growths()):
        if expect.near(value, want * 100):
            raise expect.NotYet(_("{key!r} is a percentage; give it as a fraction.").format(
                                  key=key))
        if key == "measured" and expect.near(value, _growth(_census_share(),
                                                      fact("vn_wb_urban_2020"), YEARS)):
            raise expect.NotYet(_("'measured' should start from the 2017 baseline as "
                                  "quoted (fr_urban_now), not from the census."))
        end = fact("fr_urban_forecast" if key == "forecast" else "vn_wb_urban_2020")
        now = fact("fr_urban_now")
        if expect.near(value, (end - now) / now / YEARS):
            raise expect.NotYet(_("{key!r} is a simple (linear) average; use your "
                                  "compound implied_growth function.").format(key=key))
        expect.close(value, want, _("{key!r}: use implied_growth with the start and end "
                                    "shares the question names, over 3 years.").format(key=key))


@auto("5.6", variable="ax", points=1)
def test_chart(answer):
    chart = expect.bar_chart(answer, 5, _("it should have five: the 2017 baseline, three "
                                          "measurements and the forecast."))
    if not expect.mentions(" ".join(chart["xticklabels"] + chart["yticklabels"]),
                           ("forecast", "dự báo")):
        raise expect.NotYet(_('no tick label says "forecast": label the forecast bar so '
                              "that it cannot be read as a measurement."))
    shares = [fact("fr_urban_now"), _census_share(), fact("vn_wb_urban_2020"),
              fact("vn_moc_urban_2020"), fact("fr_urban_forecast")]
    expect.bars_show(chart, shares, _("each bar is one urban share (as a fraction or in "
                                      "%): the quoted baseline, the census, the World "
                                      "Bank, the Ministry and the forecast."))


written("5.7", points=4, rubric="""
Full marks (4) when the answer makes all four points; 1 point each:
- Definitions: the census counts people in urban wards and townships (an
  administrative rule); the World Bank uses UN estimates built on national
  definitions; the Ministry of Construction counts urban areas its own way (about
  40% at the end of 2020). The measurements differ by a few points only.
- Scale: the forecast misses all three by roughly 27-32 percentage points and
  about 31 million people (question 5.3), far more than definitions can explain;
  its implied growth is several times the measured growth (question 5.5).
- Origin: says honestly that the article gives no source, and offers plausible
  explanations without asserting one (a slip, a reporting or translation error, a
  longer-range projection quoted with the wrong year).
- Three rules for checking quoted figures, each applied to this case: check the
  baseline against a primary source; convert a forecast into a yearly rate and into
  people and compare with past change; compare like with like (same definition,
  same year); and/or ask who says it and why.
""")
