"""Every context reference can be followed by a reader: it carries an identifier (a
document number, DOI, ISBN or URL), or a note that says why the course gives none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, Entry, parse_file, parse_string

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "book" / "references.bib"

# 950/QĐ-TTg, 52-NQ/TW, 202/2025/QH15, 1314/NQ-UBTVQH15, 13/2023/NĐ-CP ...
DOCUMENT_NUMBER = re.compile(r"\b\d+(?:/\d{4})?[-/](?:QĐ|NQ|NĐ|QH\d+)(?:[-/][\w]+)?")
STANDARD_NUMBER = re.compile(r"\bISO \d{4,5}(?::\d{4})?|\b[A-Z]{2}\.[A-Z]{3}\.[A-Z.]+\b")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
URL = re.compile(r"^https?://[\w.-]+\.[a-z]{2,}(/\S*)?$")
ISBN = re.compile(r"^(97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dX]$")
NO_IDENTIFIER = re.compile(r"No identifier: (\w+\W+){5,}")


def context_entries(data: BibliographyData) -> dict[str, Entry]:
    return {key: entry for key, entry in data.entries.items()
            if "context" in entry.fields.get("keywords", "")}


def identifier_problem(entry: Entry) -> str:
    """Why a reader could not follow the entry, or "" when they can."""
    fields = entry.fields
    for name, pattern in (("doi", DOI), ("url", URL), ("isbn", ISBN)):
        if name in fields:
            return "" if pattern.match(fields[name]) else f"malformed {name} {fields[name]!r}"
    text = " ".join(fields.get(f, "") for f in ("title", "howpublished", "number"))
    if DOCUMENT_NUMBER.search(text) or STANDARD_NUMBER.search(text):
        return ""
    if NO_IDENTIFIER.search(fields.get("note", "")):
        return ""
    return "no document number, DOI, ISBN or URL, and no note 'No identifier: <why>'"


def test_the_bibliography_has_context_references():
    assert len(context_entries(parse_file(BIB))) >= 20


@pytest.mark.parametrize("key", sorted(context_entries(parse_file(BIB))))
def test_every_context_reference_can_be_followed(key):
    entry = parse_file(BIB).entries[key]
    assert identifier_problem(entry) == "", f"{key}: {identifier_problem(entry)}"


@pytest.mark.parametrize("fields, problem", [
    ("title = {Urbanisation rate}, howpublished = {as reported in the press}", "no document"),
    ("title = {A report}, note = {No identifier.}", "no document"),
    ("title = {A report}, url = {as reported}", "malformed url"),
    ("title = {An article}, doi = {doi.org/10.1/x}", "malformed doi"),
])
def test_an_untraceable_reference_is_caught(fields, problem):
    entry = parse_string(f"@misc{{bad, {fields}, keywords = {{context}}}}", "bibtex").entries["bad"]
    assert problem in identifier_problem(entry)


@pytest.mark.parametrize("fields", [
    "title = {Nghị quyết 202/2025/QH15 về việc sắp xếp}",
    "title = {ISO 37120:2018 Sustainable cities}",
    "title = {A report}, note = {No identifier: the ministry publishes no number for it}",
    "title = {An article}, doi = {10.1080/13604810802479126}",
])
def test_a_traceable_reference_passes(fields):
    entry = parse_string(f"@misc{{ok, {fields}, keywords = {{context}}}}", "bibtex").entries["ok"]
    assert identifier_problem(entry) == ""
