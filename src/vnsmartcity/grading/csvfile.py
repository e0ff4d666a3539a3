"""CSV in and out: files a spreadsheet opens safely, and files Excel saved read as meant.

Writing follows OWASP's CSV-injection rule: a text cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a
spreadsheet shows it as text instead of running it as a formula. Cells of the
columns that hold numbers (points) are left alone when they are numbers, so
``-0.5`` stays a number there; anything else in those columns is neutralised too.

Reading accepts what spreadsheets save: UTF-8 with or without a byte-order mark,
``,`` or ``;`` between fields (Excel in Vietnamese and most European locales uses
``;``, and then ``,`` as the decimal mark).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def neutralise(cell: object, numeric: bool = False) -> str:
    """The cell as safe text: a leading ``'`` before a formula-like start."""
    text = "" if cell is None else str(cell)
    if numeric and is_number(text.strip()):
        return text
    return f"'{text}" if text.startswith(DANGEROUS) else text


def write_text(header: list[str], rows: Iterable[list], numeric: Iterable[str] = ()) -> str:
    """CSV text of `rows` under `header`; columns named in `numeric` may hold bare numbers."""
    numbers = set(numeric)
    flags = [name in numbers for name in header]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(name) for name in header])
    for row in rows:
        writer.writerow([neutralise(cell, flags[i] if i < len(flags) else False)
                         for i, cell in enumerate(row)])
    return buffer.getvalue()


class CsvProblem(Exception):
    """A CSV file that cannot be read at all; `str()` says what to do."""


def read_rows(path: Path) -> tuple[list[str], list[list[str]], str]:
    """(header, rows, delimiter) of a CSV saved by a spreadsheet or by hand."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CsvProblem(f"{path}: cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvProblem(f"{path}: not UTF-8 text; save it as 'CSV UTF-8' and try again") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    table = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
             if any(cell.strip() for cell in row)]
    if not table:
        raise CsvProblem(f"{path}: the file is empty")
    header = [cell.strip() for cell in table[0]]
    return header, table[1:], delimiter


def parse_number(text: str, delimiter: str) -> float:
    """A number as a spreadsheet wrote it: ``2.5``, or ``2,5`` in a ``;``-separated file."""
    text = text.strip()
    if delimiter == ";" and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value
