"""What a page's code prints, in the page's language: numbers, dates and chart words.

gettext translates the Markdown of a page, but not what its code cells draw: chart
titles, axis labels, legends, table headers and glued values are made by Python at
build time. Each edition's build sets ``VNSC_LANG`` (``en`` or ``vi``), which the
notebook kernels inherit, and the book's code asks this module for every word and
number it shows. The numbers always come from the course data; only their spelling
changes (5,151 and 2.05 in English, 5.151 and 2,05 in Vietnamese), so both editions
print the same figures by construction.
"""

from __future__ import annotations

import os
from datetime import date

import pandas as pd

from vnsmartcity.chart_words import VIETNAMESE
from vnsmartcity.coursedata import load

LANGUAGES = ("en", "vi")
# _babel_note: babel (CLDR number formats) is imported where a number is written, not at
# the top, so that a student's environment (pandas and matplotlib only) can still import
# every module of the package; only the book's build, whose venv pins babel, writes numbers.


def page_language() -> str:
    """The language of the page being built: ``VNSC_LANG``, English when unset."""
    lang = os.environ.get("VNSC_LANG", "en").strip() or "en"
    if lang not in LANGUAGES:
        raise ValueError(f"VNSC_LANG={lang!r} is not a course language: set it to en or vi")
    return lang


def _language(lang: str | None) -> str:
    if lang is None:
        return page_language()
    if lang not in LANGUAGES:
        raise ValueError(f"{lang!r} is not a course language: use en or vi")
    return lang


def number(value: float, decimals: int | None = None, lang: str | None = None) -> str:
    """A number as the page's language writes it: 5,151 / 5.151; 2.05 / 2,05.

    ``decimals=None`` keeps the decimals the value has (up to three), so a value
    from the data reads as the data gives it.
    """
    from babel.numbers import format_decimal  # the book's venv pins it; see _babel_note

    if decimals is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_language(lang))


def percent(share: float, decimals: int = 0, lang: str | None = None) -> str:
    """A share as a percentage: 0.344 -> 34.4% / 34,4%."""
    from babel.numbers import format_percent  # the book's venv pins it; see _babel_note

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=_language(lang))


def month_year(when: str | date, lang: str | None = None) -> str:
    """'2021-12-22' -> 'December 2021' / 'tháng 12/2021', as Vietnamese papers write it."""
    day = pd.Timestamp(when)
    if _language(lang) == "vi":
        return f"tháng {day.month}/{day.year}"
    return day.strftime("%B %Y")


def day_month_year(when: str | date, lang: str | None = None) -> str:
    """'2021-12-22' -> '22 December 2021' / '22/12/2021'."""
    day = pd.Timestamp(when)
    if _language(lang) == "vi":
        return f"{day.day}/{day.month}/{day.year}"
    return f"{day.day} {day.strftime('%B %Y')}"


def words(english: str, lang: str | None = None) -> str:
    """A chart's words in the page's language; the English text is the key.

    A Vietnamese page asking for words that have no translation fails the build
    with the words to add, rather than print English on a Vietnamese chart.
    """
    if _language(lang) == "en":
        return english
    try:
        return VIETNAMESE[english]
    except KeyError:
        raise KeyError(
            f"no Vietnamese for the chart words {english!r}: add them to "
            "src/vnsmartcity/chart_words.py"
        ) from None


def fact_value(fact_id: str) -> float:
    """The value of one fact of the course data, with a clear error for a wrong id."""
    facts = load("facts").set_index("fact_id")
    if fact_id not in facts.index:
        raise KeyError(f"no fact {fact_id!r} in facts.csv: check the id")
    return float(facts.loc[fact_id, "value"])


def fact_text(fact_id: str, style: str = "", lang: str | None = None) -> str:
    """A fact's value as prose prints it: ``style`` '', '%', '%.1', '.2', 'M.1', 'share', 'range%'.

    '' writes the value as the data gives it; '%' a share as a whole percentage
    and '%.1' with one decimal; '.2' a plain number with two decimals; 'M.1' the
    value in millions with one decimal (the prose says "million"); 'share' the
    value over its denominator (of_total) as a whole percentage, 75 of 100 -> 75%;
    'range%' a share from value to value_max, 50-90%.
    """
    value = fact_value(fact_id)
    if style == "share":
        total = load("facts").set_index("fact_id").loc[fact_id, "of_total"]
        if pd.isna(total):
            raise ValueError(f"fact {fact_id!r} has no of_total, so it has no share")
        return percent(value / total, 0, lang)
    if style == "range%":
        top = load("facts").set_index("fact_id").loc[fact_id, "value_max"]
        if pd.isna(top):
            raise ValueError(f"fact {fact_id!r} has no value_max, so it has no range")
        return f"{percent(value, 0, lang)[:-1]}-{percent(top, 0, lang)}"
    if style.startswith("%"):
        decimals = int(style[2:]) if style.startswith("%.") else 0
        return percent(value, decimals, lang)
    if style.startswith("."):
        return number(value, int(style[1:]), lang)
    if style.startswith("M."):
        return number(value / 1e6, int(style[2:]), lang)
    if style:
        raise ValueError(f"fact style {style!r} of {fact_id!r}: use '', '%', '%.N', '.N', "
                         "'M.N', 'share' or 'range%'")
    return number(value, None, lang)


def decimal_axis(axis, decimals: int, lang: str | None = None) -> None:
    """Tick labels with the page's decimal mark (0,2 on a Vietnamese page, not 0.2)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: number(x, decimals, lang)))


def column(table: pd.DataFrame, name: str, lang: str | None = None) -> pd.Series:
    """A text column in the page's language: ``name_vi`` on a Vietnamese page.

    A table without that column fails the page with the column to add, rather than
    print English on a Vietnamese page.
    """
    if _language(lang) == "en":
        return table[name]
    if f"{name}_vi" not in table:
        raise KeyError(f"no column {name}_vi for the Vietnamese edition: add it to the table "
                       "and its schema (src/vnsmartcity/schema.py)")
    return table[f"{name}_vi"]
