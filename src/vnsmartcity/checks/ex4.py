"""Checks for exercise 4: India's mission in numbers (chapter 4).

Every expected figure is derived from the `facts` table at check time (the webinar's
totals, the rupee cost, the Vietnamese count), so the notebook never contains one.
The messages recognise the usual slips with units (billions against millions,
fractions against percentage points, rupees per dollar against dollars per rupee)
and name the slip, not the right number.
"""


from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import fact, load
from vnsmartcity.messages import _


def _investment():
    total_musd = fact("in_investment") * 1000
    return {
        "per_project": total_musd / fact("in_projects"),
        "per_city": total_musd / fact("in_cities"),
        "projects_per_city": fact("in_projects") / fact("in_cities"),
    }


def _share(fact_id):
    row = load("facts").set_index("fact_id").loc[fact_id]
    return float(row["value"]), float(row["of_total"])


def _shares():
    return {country: value / total for country, (value, total) in
            (("India", _share("in_iccc")), ("Vietnam", _share("vn_ioc")))}


def _gap_pp():
    shares = _shares()
    return (shares["India"] - shares["Vietnam"]) * 100


def _usd_billion(rate):
    return fact("in_investment_inr") * 1e12 / rate / 1e9


def _implied_rate():
    return fact("in_investment_inr") * 1e12 / (fact("in_investment") * 1e9)


@auto("4.1", variable="investment", points=2, expected=lambda: list(_investment().values()))
def test_investment(answer):
    for key, value, want in expect.numbers_by_key(answer, _investment()):
        if key != "projects_per_city" and (expect.near(value * 1000, want)
                                           or expect.near(value / 1000, want)):
            raise expect.NotYet(_("{key!r} is off by a factor of 1,000: the total is in "
                                  "billions of USD and the answer should be in millions.").format(
                                  key=key))
        if expect.near(value, 1 / want):
            raise expect.NotYet(_("{key!r} is upside down: divide the total by the number"
                                  " of projects or cities, not the other way round.").format(
                                  key=key))
        expect.close(value, want, _("{key!r}: divide the right total by the right count "
                                    "(in_investment, in_projects, in_cities), in millions"
                                    " of USD.").format(key=key))


@auto("4.2", variable="centres", points=2, expected=lambda: list(_shares().values()))
def test_centres(answer):
    table = expect.frame(answer, columns=["with_centre", "total", "share"], rows=2)
    index = [str(i) for i in table.index]
    if sorted(index) != ["India", "Vietnam"]:
        raise expect.NotYet(_('the index should be "India" and "Vietnam"; it is {index}.').format(
                              index=index))
    table.index = index
    for country, fact_id in (("India", "in_iccc"), ("Vietnam", "vn_ioc")):
        value, total = _share(fact_id)
        row = table.loc[country]
        with_centre, of_total, share = (expect.number(row[c]) for c in
                                        ("with_centre", "total", "share"))
        if share > 1:
            raise expect.NotYet(_("a share is above 1: give it as a fraction between 0 "
                                  "and 1, not a percentage."))
        if with_centre != value or of_total != total:
            raise expect.NotYet(_("the counts for {country} are not right yet: take "
                                  "`value` and `of_total` of the fact {fact_id!r}.").format(
                                  country=country, fact_id=fact_id))
        expect.close(share, value / total, _("{country}'s share should be with_centre / "
                                             "total.").format(country=country))


@auto("4.3", variable="gap_pp", points=1, expected=_gap_pp)
def test_gap(answer):
    value = expect.number(answer)
    want = _gap_pp()
    expect.mistakes([
        (value * 100, want, _("this is a difference of fractions; multiply by 100 to get "
                              "percentage points.")),
        (-value, want, _("the sign is reversed: India's share minus Vietnam's."))])
    expect.in_range(value, 0, 100, _("A gap in percentage points"))
    expect.close(value, want, _("subtract the two shares of question 4.2 (not their "
                                "ratio), then multiply by 100."))


RATES = ((70,), (75,), (83,), (100,))


@auto("4.4", variable="usd_billion", points=2, probes=RATES,
      expected=lambda: [_usd_billion(r) for (r,) in RATES])
def test_usd_billion(answer):
    values = [expect.number(result) for result in expect.function_results(answer)]
    if values[-1] >= values[0]:
        raise expect.NotYet(_("the result should fall as the rate rises (more rupees per "
                              "dollar, fewer dollars): divide the rupee amount by the "
                              "rate."))
    for (rate,), value in zip(RATES, values, strict=True):
        want = _usd_billion(rate)
        for factor, unit in ((1000, _("millions")), (1e-3, _("trillions")), (1e9, _("dollars"))):
            if expect.near(value, want * factor):
                raise expect.NotYet(_("the result is in {unit} of USD; the question asks "
                                      "for billions.").format(unit=unit))
        expect.close(value, want, _("rupees = trillions x 10**12; dollars = rupees / "
                                    "rate; billions = dollars / 10**9."))


@auto("4.5", variable="implied_rate", points=1, expected=_implied_rate)
def test_implied_rate(answer):
    value = expect.number(answer)
    want = _implied_rate()
    if expect.near(value, 1 / want):
        raise expect.NotYet(_("this is dollars per rupee; the question asks for rupees "
                              "per dollar (rupee amount divided by dollar amount)."))
    expect.in_range(value, 1, 1000, _("An exchange rate in rupees per dollar"))
    expect.close(value, want, _("divide the rupee cost by the dollar figure, with both in"
                                " the same scale (trillions and billions differ by "
                                "1,000)."))


@auto("4.6", variable="ax", points=1)
def test_rate_chart(answer):
    chart = expect.labelled_chart(answer)
    if chart["lines"] < 2:
        raise expect.NotYet(_("the chart needs the curve (ax.plot) and the reported "
                              "figure as a horizontal line (ax.axhline)."))
    if not expect.mentions(chart["xlabel"], ("rupee", "rate", "rupi", "tỉ giá", "tỷ giá")):
        raise expect.NotYet(_("the x-axis should show the exchange rate; say so in its "
                              "label, with the unit (rupees per US dollar)."))


written("4.7", points=4, rubric="""
Full marks (4) when the answer makes all four points; 1 point each:
- At least three differences in what is counted, each explained: cities against
  provinces (a province is a large territory with many towns); India's 100 are
  mission cities selected in rounds and meant to get a centre, Vietnam's 63 are
  all provinces; "established" against "built or approved in principle"; December
  2021 against June 2022; officials' statements, not audited counts; ICCC and
  operations centre are similar but not identical.
- Notes that "of 63" is historical: since 1 July 2025 Vietnam has 34 provinces.
- Proposes an honest wording that keeps each figure with its unit, source and date
  (and avoids a single gap in percentage points, or flags it as indicative only).
- One sentence on the exchange rate: a dollar figure for a rupee cost depends on the
  rate and date; it moves by several billion dollars across the plausible range, so
  the rate should be quoted with it.
""")
