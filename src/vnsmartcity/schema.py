"""Schemas of the course data tables: what each column holds and which values are valid.

The schema is code rather than a JSON-Schema file because pandas does the parsing
and a dozen plain rules (type, required, allowed values, pattern, foreign key) cover
every table; the book's data appendix renders these same descriptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PRECISION = ("day", "month", "year")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
CHAPTERS = tuple(range(1, 10))
DOMAINS = ("economy", "governance", "mobility", "environment", "living", "people")
RELIABILITY = ("confirmed", "reported", "doubtful", "wrong")
CHANGES_2025 = ("unchanged", "became a centrally-run city", "took in other units",
                "merged into another unit")


@dataclass(frozen=True)
class Column:
    """One column: its type ("str", "int", "float"), whether it may be empty, and its rules."""

    name: str
    kind: str
    description: str
    required: bool = True
    allowed: tuple = ()
    pattern: str = ""
    unique: bool = False
    references: str = ""  # "table.column" that every non-empty value must exist in


@dataclass(frozen=True)
class Table:
    """A tidy table: one row per thing named in `row`."""

    name: str
    row: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _source() -> Column:
    return Column(
        "source", "str",
        "BibTeX key (in book/references.bib) of the article or context source the row comes from",
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("facts", "a figure reported by a source", (
            Column("fact_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            _source(),
            Column("chapter", "int", "Chapter that teaches the fact", allowed=CHAPTERS),
            Column("topic", "str", "Theme, e.g. india, provinces, finance, context"),
            Column("measure", "str", "What is counted or measured, in plain English"),
            Column("measure_vi", "str",
                   "The same in Vietnamese, for the Vietnamese edition's charts and tables"),
            Column("qualifier", "str", "How exact the source is ('nearly' is an upper bound)",
                   allowed=("exact", "about", "nearly", "more than", "at least", "range",
                            "forecast")),
            Column("value", "float", "The figure as the source gives it (shares as fractions)"),
            Column("value_max", "float", "Upper end when the qualifier is 'range'", required=False),
            Column("unit", "str", "Unit of value, e.g. provinces, billion USD, share"),
            Column("of_total", "float", "Denominator when the figure is 'x of N'", required=False),
            Column("as_of", "str",
                   "Date the figure refers to, only as precise as the source "
                   "(YYYY-MM-DD, YYYY-MM or YYYY)", pattern=DATE_PATTERN),
            Column("date_precision", "str",
                   "Whether as_of is known to the day, the month or only the year",
                   allowed=PRECISION),
            Column("reliability", "str", "How far the figure can be trusted", allowed=RELIABILITY),
            Column("note", "str", "Caveat or context (marked as such)", required=False),
        )),
        Table("events", "a dated event: meeting, document, survey or reform", (
            Column("event_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            Column("date", "str",
                   "Date, only as precise as the source (YYYY-MM-DD, YYYY-MM or YYYY)",
                   pattern=DATE_PATTERN),
            Column("date_precision", "str",
                   "Whether the date is known to the day, the month or only the year",
                   allowed=PRECISION),
            Column("kind", "str", "Kind of event",
                   allowed=("agreement", "milestone", "workshop", "document", "conference",
                            "survey", "webinar", "exhibition", "reform")),
            Column("title", "str", "What happened"),
            Column("title_vi", "str", "The same in Vietnamese"),
            Column("organiser", "str", "Who organised or issued it"),
            Column("organiser_vi", "str", "The same in Vietnamese"),
            Column("place", "str", "Where it happened", required=False),
            _source(),
            Column("chapter", "int", "Chapter that teaches it", allowed=CHAPTERS),
        )),
        Table("documents", "a policy document", (
            Column("doc_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            Column("number", "str", "Official number, e.g. 950/QĐ-TTg", required=False),
            Column("type_vi", "str", "Type of document in Vietnamese, e.g. Quyết định"),
            Column("type_en", "str", "Type of document in English, e.g. Decision"),
            Column("issuer_vi", "str", "Issuing body in Vietnamese", required=False),
            Column("issuer_en", "str", "Issuing body in English"),
            Column("title_vi", "str",
                   "Official title in Vietnamese, with diacritics; where the source gives no "
                   "title, its own phrase in lower case (see note)"),
            Column("title_en", "str", "English gloss of the title"),
            Column("date_issued", "str", "Date issued (YYYY-MM-DD or YYYY)", required=False,
                   pattern=DATE_PATTERN),
            Column("period_start", "int", "First year the document covers"),
            Column("period_end", "int", "Last year of its main period", required=False),
            Column("vision_year", "int", "Year of its longer-term vision", required=False),
            _source(),
            Column("beyond_articles", "str",
                   "'yes' when the source is a context reference (the document itself or a "
                   "report of it), 'no' when it is one of the five articles",
                   allowed=("yes", "no")),
            Column("note", "str", "Caveat: what is unconfirmed, or what is context",
                   required=False),
            Column("note_vi", "str", "The same in Vietnamese", required=False),
        )),
        Table("targets", "a dated target set by a document (or claimed by a source)", (
            Column("target_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            Column("doc_id", "str", "Document that sets it; empty when none is known",
                   required=False, references="documents.doc_id"),
            Column("year", "int", "Year the target is due"),
            Column("target", "str", "The target in plain English"),
            Column("target_vi", "str", "The same in Vietnamese"),
            Column("metric", "str", "What the target counts"),
            Column("metric_vi", "str", "The same in Vietnamese"),
            Column("qualifier", "str", "How the target is worded", required=False,
                   allowed=("exact", "at least", "some")),
            Column("value", "float", "Number targeted, if any", required=False),
            Column("unit", "str", "Unit of value", required=False),
            _source(),
            Column("reliability", "str", "How far the target can be trusted", allowed=RELIABILITY),
        )),
        Table("actors", "a person or organisation named in a source", (
            Column("actor_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            Column("name", "str", "Name in its original form, with diacritics"),
            Column("name_en", "str", "English name or gloss"),
            Column("kind", "str", "Kind of actor",
                   allowed=("person", "government", "party", "association", "firm")),
            Column("country", "str", "Country the actor belongs to"),
            Column("role", "str", "Role in the event, in plain English"),
            Column("role_vi", "str", "The same in Vietnamese, for the Vietnamese edition"),
            Column("affiliation", "str", "Organisation a person belongs to", required=False),
            Column("event_id", "str", "Event where the source names the actor",
                   references="events.event_id"),
            _source(),
        )),
        Table("localities", "a province or centrally-run city named in a source", (
            Column("locality_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            Column("name_vi", "str", "Name in Vietnamese (before the 2025 reorganisation)"),
            Column("name_en", "str", "Name without diacritics"),
            Column("kind", "str", "Province or centrally-run city (until the end of 2024)",
                   allowed=("province", "centrally-run city")),
            Column("region", "str", "Broad region",
                   allowed=("north", "central", "central highlands", "south")),
            Column("mentioned_for", "str", "Why the article names it"),
            _source(),
            Column("change_2025", "str",
                   "What happened to the unit in 2025 (context, see change_source): Huế's "
                   "upgrade took effect on 1 January 2025, the mergers on 1 July 2025",
                   allowed=CHANGES_2025),
            Column("joined_with_2025", "str",
                   "Old provincial units it was joined with on 1 July 2025 ('; '-separated)",
                   required=False),
            Column("province_after_2025", "str",
                   "Provincial-level unit it belongs to from 1 July 2025"),
            Column("change_source", "str",
                   "BibTeX key of the context reference for the 2025 columns "
                   "(never one of the articles, which all predate 2025)"),
        )),
        Table("domains", "one of the six domains of a smart city", (
            Column("domain_id", "str", "Identifier", unique=True, allowed=DOMAINS),
            Column("name_en", "str", "English name"),
            Column("name_vi", "str", "Vietnamese name as article 001 gives it"),
            Column("giffinger_characteristic", "str",
                   "Matching characteristic in Giffinger et al. (2007): context, cited to "
                   "giffinger2007 in chapter 1, not to the row's source"),
            Column("giffinger_characteristic_vi", "str", "The same in Vietnamese"),
            Column("covers", "str", "What the domain covers (the course team's summary)"),
            Column("covers_vi", "str", "The same in Vietnamese"),
            Column("source", "str",
                   "BibTeX key of the article that names the domain (name_vi only)"),
        )),
        Table("initiatives", "a smart-city initiative or service named in a source", (
            Column("initiative_id", "str", "Identifier", unique=True, pattern=ID_PATTERN),
            Column("initiative", "str", "The initiative in plain English"),
            Column("initiative_vi", "str", "The same in Vietnamese"),
            Column("domain", "str", "Main domain, as labelled by the course team",
                   allowed=DOMAINS, references="domains.domain_id"),
            _source(),
        )),
        Table("places", "the seat (capital city) of a province, placed on the schematic map", (
            Column("province_vi", "str",
                   "Province or centrally-run city, as named in localities.name_vi or "
                   "localities.province_after_2025", unique=True),
            Column("seat_vi", "str", "Its seat before 1 July 2025, with diacritics"),
            Column("seat_en", "str", "The seat's name without diacritics"),
            Column("lat", "float", "Latitude of the seat in degrees north (GeoNames)"),
            Column("lon", "float", "Longitude of the seat in degrees east (GeoNames)"),
            Column("geonames_id", "int",
                   "GeoNames id: https://www.geonames.org/ID shows the record", unique=True),
            _source(),
        )),
    )
}


def _is_int(value: object) -> bool:
    return isinstance(value, int | float) and float(value).is_integer()


def problems(name: str, frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every way `frame` breaks the schema of table `name`; empty when it is valid."""
    table = TABLES[name]
    found: list[str] = []
    if list(frame.columns) != table.column_names:
        return [f"{name}: columns are {list(frame.columns)}, expected {table.column_names}"]
    for column in table.columns:
        values = frame[column.name]
        present = values.dropna()
        if column.required and len(present) != len(values):
            found.append(f"{name}.{column.name}: {len(values) - len(present)} empty value(s)")
        if column.unique and values.duplicated().any():
            found.append(f"{name}.{column.name}: duplicated {sorted(values[values.duplicated()])}")
        for row, value in present.items():
            where = f"{name}.{column.name} row {row + 2}"
            if column.kind == "int" and not _is_int(value):
                found.append(f"{where}: {value!r} is not a whole number")
            if column.kind == "float" and not isinstance(value, int | float):
                found.append(f"{where}: {value!r} is not a number")
            if column.allowed and value not in column.allowed:
                found.append(f"{where}: {value!r} not one of {column.allowed}")
            if column.pattern and not re.match(column.pattern, str(value)):
                found.append(f"{where}: {value!r} does not match {column.pattern}")
        if column.references:
            other, key = column.references.split(".")
            missing = set(present) - set(tables[other][key])
            if missing:
                found.append(f"{name}.{column.name}: {sorted(missing)} not in {other}.{key}")
    return found
