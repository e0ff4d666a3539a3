"""Checks for exercise 6: matching firms (chapter 6, Korea).

The figures (27 firms and 31 technologies in 2021; 52 exchanges among 16 Korean and
16 Vietnamese firms in 2022) are read from the course data at check time, so the
expected values never appear in the notebook, and messages say what is wrong (type,
missing key, out of range, the wrong denominator), never what is right.
"""

import math

from vnsmartcity.check import expect
from vnsmartcity.check.spec import auto, written
from vnsmartcity.coursedata import fact
from vnsmartcity.messages import _


def _figures():
    return {
        "firms_2021": fact("kr_firms_2021"),
        "tech_2021": fact("kr_tech_2021"),
        "exchanges": fact("kr_exchanges_2022"),
        "korean": fact("kr_firms_kr_2022"),
        "vietnamese": fact("kr_firms_vn_2022"),
    }


def _matching():
    f = _figures()
    return {
        "density": f["exchanges"] / (f["korean"] * f["vietnamese"]),
        "per_korean_firm": f["exchanges"] / f["korean"],
        "per_vietnamese_firm": f["exchanges"] / f["vietnamese"],
    }


def _density_range():
    f = _figures()
    possible = f["korean"] * f["vietnamese"]
    return (max(f["korean"], f["vietnamese"]) / possible,
            min(f["exchanges"], possible) / possible)


@auto("6.1", variable="tech_per_firm", points=1,
      expected=lambda: fact("kr_tech_2021") / fact("kr_firms_2021"))
def test_tech_per_firm(answer):
    value = expect.number(answer)
    f = _figures()
    if 0 < value < 1:
        raise expect.NotYet(_("the number is below one: divide the technologies by the "
                              "firms, not the firms by the technologies."))
    expect.in_range(value, 0, 10, _("An average number of technologies per firm"))
    expect.close(value, f["tech_2021"] / f["firms_2021"],
                 _("use the technologies and the firms of the 2021 survey (not the 2022 "
                   "figures)."))


@auto("6.2", variable="matching", points=2,
      expected=lambda: [_matching()["density"], _matching()["per_korean_firm"]])
def test_matching(answer):
    expected = _matching()
    got = expect.mapping_with(answer, expected, _("the dict has no key(s) {missing}; use "
                                                  "exactly the keys the question names."))
    density = expect.number(got["density"])
    expect.in_range(density, 0, 1, _("A density (a share of the possible pairs)"))
    expect.close(density, expected["density"],
                 _("the possible pairs are every Korean firm with every Vietnamese firm: "
                   "multiply the two group sizes (do not add them)."))
    for key, side in (("per_korean_firm", "Korean"), ("per_vietnamese_firm", "Vietnamese")):
        expect.close(expect.number(got[key]), expected[key],
                     _("every exchange has one {side} firm, so divide all the exchanges "
                       "by the number of {side} firms only (not by both groups together).").format(
                       side=side))


# (exchanges, left, right): the last three are impossible and must raise ValueError.
DENSITY_PROBES = ((52, 16, 16), (10, 5, 4), (0, 3, 3), (6, 2, 3), (1, 1, 1),
                  (7, 2, 3), (1, 0, 4), (-1, 2, 2))
INVALID_FROM = 5


@auto("6.3", variable="density", points=2, probes=DENSITY_PROBES)
def test_density(answer):
    results = expect.function_answer(answer, "density(exchanges, left, right)")
    for (exchanges, left, right), result in zip(DENSITY_PROBES[:INVALID_FROM],
                                                 results[:INVALID_FROM], strict=True):
        call = f"density({exchanges}, {left}, {right})"
        if "raised" in result:
            raise expect.NotYet(_("{call} raised an error,"
                                  " but these inputs are valid: {raised}").format(
                                  call=call, raised=result['raised']))
        if result["ok"] is None:
            raise expect.NotYet(_("{call} returned None: "
                                  "did you forget the `return`?").format(
                                  call=call))
        value = expect.number(result["ok"])
        expect.close(value, exchanges / (left * right),
                     _("{call} is not right: divide the "
                       "exchanges by the number of possible pairs, left × right.").format(
                       call=call), abs_=1e-9)
    reasons = (_("more exchanges than possible pairs"), _("a group with no firms"),
               _("a negative number of exchanges"))
    for (exchanges, left, right), result, reason in zip(
            DENSITY_PROBES[INVALID_FROM:], results[INVALID_FROM:], reasons, strict=True):
        call = f"density({exchanges}, {left}, {right})"
        if "raised" not in result:
            raise expect.NotYet(_("{call} should raise a "
                                  "ValueError ({reason}), but it returned a value.").format(
                                  call=call, reason=reason))
        if not result["raised"].startswith("ValueError"):
            kind = result["raised"].split(":")[0]
            raise expect.NotYet(_("{call} raised {kind}; "
                                  "raise a ValueError on purpose for {reason}, e.g. "
                                  '`raise ValueError("...")`.').format(
                                  call=call, kind=kind, reason=reason))


@auto("6.4", variable="density_range", points=2, expected=lambda: _density_range()[0])
def test_density_range(answer):
    pair = expect.items(answer, _("a pair (low, high)"))
    if len(pair) != 2:
        raise expect.NotYet(_("give exactly two numbers: (low, high)."))
    low, high = (expect.number(v) for v in pair)
    for v in (low, high):
        expect.in_range(v, 0, 1, "A density")
    if low > high:
        raise expect.NotYet(_("put the smaller density first: (low, high)."))
    expected_low, expected_high = _density_range()
    expect.close(high, expected_high, _("the largest density is the one of question 6.2: "
                                        "every exchange a different pair."))
    expect.close(low, expected_low, _("for the smallest number of pairs, every firm on "
                                      "both sides still needs at least one partner. How "
                                      "few pairs can do that? (Fewer than there are firms"
                                      " in the larger group is impossible.)"))


@auto("6.5", variable="ax", points=1)
def test_ladder_chart(answer):
    chart = expect.bar_chart(answer, 6, _("draw one bar per rung of the ladder, all six, "
                                          "with math.nan for the rungs without data."))
    firms = [fact("kr_firms_2021"), fact("kr_firms_kr_2022")] + [math.nan] * 4
    expect.bars_show(chart, firms, _("the first two rungs are the Korean firms of the "
                                     "2021 survey and of the 2022 exhibition, the other "
                                     "four math.nan (not reported)."),
                     scales=(1.0,))


written("6.6", points=4, rubric="""
4 points, 1 for each element:
- What is shown: interest (the 2021 survey of Korean firms with their technologies) and
  contact (the 2022 exchanges, a few per firm; about a fifth of the possible pairs at most).
- What is not shown: no agreements, pilots, contracts, deployments or outcomes for
  cities or residents; the upper rungs are unknown, not zero.
- Measurement doubts: "exchange" is undefined, so the density is a range (question 6.4);
  the 2021 and 2022 firms may not be the same firms, so it is not a true funnel.
- Who chose and who reports: the firms selected themselves (Korean firms wishing to
  enter Vietnam; supply side, not Vietnamese demand) and the figures come from AMC, the
  project owner reporting its own activity, with no independent source.
Deduct 1 point if the answer treats the exchanges as deals or contracts.
""")

written("6.7", points=4, rubric="""
4 points:
- 2 points: four to six distinct, concrete data items, each with what it would show
  (e.g. the firm list by year; agreements, pilots and contracts that followed, with value
  and city; technologies still in use after the grant and their running costs; the
  project's outputs against the approved project document of Decision 38/QĐ-BXD:
  pilot master plan, guidelines, the centre, people trained; a survey of cities' needs).
  1 point if only two or three good items.
- 1 point: at least one item measures an outcome for cities or residents (a service
  before and after, ideally against a comparison city), not just an activity.
- 1 point: says who would provide each item and recognises that the project owner's
  own figures need an independent check (an evaluator, the cities, the donor's audit).
""")
