"""Excel registers (.xlsx), read and written with openpyxl, streaming.

openpyxl is an optional extra (`pip install '.[xlsx]'`), imported only here and
only when an .xlsx is read or written: the assessor itself stays standard
library only, and without openpyxl a register in .xlsx gets a clear message.
In the browser the register page loads openpyxl's wheel only for an .xlsx.

Reading uses openpyxl's read_only mode (rows parsed as they are asked for) and
writing its write_only mode (rows written as they come), so a 50,000-row
register is never held whole as cell objects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .batch import UnusableRegister, neutralised

ZIP_MAGIC = b"PK\x03\x04"
# A number cell is written back as a number only when that loses nothing: no leading zero
# (an id such as 0012), at most 15 digits (what a spreadsheet keeps exactly).
# A row element and its number in a sheet's XML.
ROW_NUMBER = re.compile(rb"<row\b[^>]*?\sr=\"(\d+)\"")
EXACT_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?", re.ASCII)


def is_xlsx(head: bytes) -> bool:
    """An .xlsx is a zip file; a CSV register never starts with these bytes."""
    return head.startswith(ZIP_MAGIC)


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise UnusableRegister("needs_openpyxl") from None
    return openpyxl


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class Workbook:
    """The first sheet of an .xlsx register, read-only (the blank register keeps its
    instructions on a later sheet). Close it when done."""

    def __init__(self, path: Any):
        openpyxl = _openpyxl()
        try:
            # data_only: a formula cell gives its value as last saved, never the formula.
            self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            self.sheet = self.book.worksheets[0]
        except UnusableRegister:
            raise
        except Exception as problem:  # openpyxl raises many kinds for a damaged file
            raise UnusableRegister("not_xlsx", detail=type(problem).__name__) from None

    def row_count(self) -> int | None:
        """The sheet's last row, for the progress bar: as the file declares it, or else (a file
        written by a program that declares no size) found by a quick scan of the sheet's XML."""
        try:
            declared = self.sheet.max_row
            if declared is not None and declared > 1:
                return declared
            last, tail = 0, b""
            with self.sheet._get_source() as source:  # openpyxl's own handle on the sheet's XML
                while piece := source.read(1 << 20):
                    text = tail + piece
                    numbers = ROW_NUMBER.findall(text)
                    if numbers:
                        last = max(last, int(numbers[-1]))
                    tail = text[-64:]
            return last or declared
        except Exception:  # a damaged file: the progress bar then has no total
            return None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(spreadsheet row number, cell texts), empty rows included, as the file is parsed."""
        try:
            for number, values in enumerate(self.sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value) for value in values]
        except UnusableRegister:
            raise
        except Exception as problem:
            raise UnusableRegister("not_xlsx", detail=type(problem).__name__) from None

    def close(self) -> None:
        self.book.close()


def xlsx_rows(path: Any) -> Iterator[tuple[int, list[str]]]:
    """A register's rows from the first sheet of an .xlsx (path or binary file)."""
    book = Workbook(path)
    try:
        yield from book.rows()
    finally:
        book.close()


def _cell_value(text: str) -> str | int | float:
    if EXACT_NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


class XlsxWriter:
    """Rows of text (already neutralised against formulas) to an .xlsx, one at a time, with
    openpyxl's write-only mode: rows go to a temporary file, never held as cell objects.

    Every cell is a string or a plain number, never a formula: openpyxl would read a
    string starting with = as one, and neutralised cells never start with =.
    """

    def __init__(self, path: Any, title: str):
        openpyxl = _openpyxl()
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.illegal = ILLEGAL_CHARACTERS_RE
        self.path = path
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title)

    def append(self, row: list[str]) -> None:
        # Neutralised again after dropping the characters XML cannot hold: "\x01=1" is "=1" then.
        self.sheet.append([_cell_value(neutralised(self.illegal.sub("", cell))) for cell in row])

    def close(self) -> None:
        self.book.save(self.path)


def write_xlsx(rows: Iterable[list[str]], path: Any, title: str) -> None:
    """All rows at once (see XlsxWriter)."""
    writer = XlsxWriter(path, title)
    for row in rows:
        writer.append(row)
    writer.close()
