"""Screening a union's household register offline: one CSV row in, one result row out.

The register is a CSV file whose header row names the questions (their ids,
as `python -m assessor questions` lists them), plus optionally `household_id`,
which is copied to the output. Spreadsheet exports come as UTF-8 (with or
without a BOM) or GBK; both are read, one encoding per file. Cells are written
as a person would: 是/否, yes/no, true/false or 1/0 for yes-no questions; an
option's value or its Chinese or English label for a choice; several options
separated by ; (or ；or |). An empty cell is an unanswered question (for a
multichoice question: none chosen).

Rows in = rows out: every data row appears in the output under its spreadsheet
row number (the header is row 1), screened or with its errors. When that cannot
be promised (a quote left open, mixed encodings, a line too long), the whole file
is refused, naming the line. Every output cell is safe to open in a spreadsheet
(no formula can start it: OWASP's CSV-injection advice).

Everything streams, row by row: `read_register` turns bytes into lines,
`screened_rows` lines into output rows, `screen_register` writes them as CSV.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO, TextIO

from .explanations import explanations
from .questions import Question, questions
from .result import check_as_of, judged_household
from .rules import is_above_dibao_standard, is_below_dibao_standard, is_lifted_out, screen
from .validation import Error, InvalidAnswers, clean_answers

ID_COLUMN = "household_id"
OUTPUT_COLUMNS = ("row", ID_COLUMN, "in_scope", "measures", "lead_departments", "support", "error")
TRUE = frozenset({"true", "yes", "y", "1", "是", "t"})
FALSE = frozenset({"false", "no", "n", "0", "否", "f"})
BOOLEANS = {**dict.fromkeys(TRUE, True), **dict.fromkeys(FALSE, False)}
SEPARATORS = re.compile(r"[;；|]")
# A number as a spreadsheet writes it: ASCII digits, an optional sign, point and exponent.
# Not Python's literal syntax: int("1_0") is 10, and int() also takes other scripts' digits.
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# A register row is a few hundred bytes; a longer line is not a register (or is /dev/zero).
MAX_LINE_BYTES = 64 * 1024
# OWASP CSV injection: a cell starting with one of these may be read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)


class UnusableRegister(ValueError):
    """The register cannot be screened row for row (exit code 2); the message is zh / en."""

    def __init__(self, key: str, **fields: Any):
        text = explanations().text(f"register.{key}")
        self.zh = text["zh"].format(**fields)
        self.en = text["en"].format(**fields)
        super().__init__(f"{self.zh} / {self.en}")


# ── bytes to lines ─────────────────────────────────────────────────────────


def read_register(binary: BinaryIO) -> Iterator[str]:
    """The register's lines as text, one encoding for the whole file, read line by line.

    The encoding is decided by the first line that is not plain ASCII: UTF-8 if it is
    UTF-8 (a BOM decides at once), else GBK (read as its superset GB18030). A later line
    in the other encoding is refused rather than garbled: GB18030 decodes almost any
    bytes, so reading a UTF-8 file as GBK would silently turn 张三 into 寮犱笁.
    Raises UnusableRegister naming the line.
    """
    encoding, decided_at = None, 0
    number = 0
    while True:
        raw = binary.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            raise UnusableRegister("line_too_long", line=number, limit=MAX_LINE_BYTES)
        if b"\0" in raw:
            raise UnusableRegister("not_text", line=number)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, encoding, decided_at = raw[len(codecs.BOM_UTF8) :], "utf-8", 1
        if raw.isascii():
            yield raw.decode("ascii").rstrip("\r\n")
            continue
        is_utf8 = _decodes(raw, "utf-8")
        if encoding is None:
            if is_utf8:
                encoding = "utf-8"
            elif _decodes(raw, "gb18030"):
                encoding = "gb18030"
            else:
                raise UnusableRegister("unknown_encoding", line=number)
            decided_at = number
        elif (encoding == "utf-8") != is_utf8:
            first, this = ("UTF-8", "GBK") if encoding == "utf-8" else ("GBK", "UTF-8")
            raise UnusableRegister("mixed_encoding", line=number, first=first, this=this, decided=decided_at)
        if encoding == "gb18030" and not _decodes(raw, "gb18030"):
            raise UnusableRegister("unknown_encoding", line=number)
        yield raw.decode(encoding).rstrip("\r\n")


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _cells(line: str, number: int) -> list[str]:
    """The cells of one physical line. A quoted cell never runs over a line break here:
    a register has none in its cells, and an unclosed quote would swallow every later row."""
    try:
        return next(csv.reader((line,), strict=True))
    except csv.Error as problem:
        if "end of data" in str(problem):
            raise UnusableRegister("unclosed_quote", line=number) from None
        raise UnusableRegister("bad_csv", line=number, detail=str(problem)) from None
    except StopIteration:
        return []


# ── reading cells ──────────────────────────────────────────────────────────


def _option_names(question: Question) -> dict[str, str]:
    """What a cell may say for each option: its value, its zh label or its en label."""
    names = {}
    for option in question.options:
        for name in (option.value, option.zh, option.en):
            names[name.casefold()] = option.value
    return names


def _number(text: str) -> Any:
    if not NUMBER.fullmatch(text):
        return text  # validation says it is the wrong type
    try:
        return int(text)
    except ValueError:
        return float(text)


@cache
def cell_reader(question_id: str) -> Callable[[str], Any]:
    """How to read a cell for a question: the answer in the question's type, None for an empty
    cell, or the text itself when it cannot be read (validation then names the problem)."""
    question = questions().by_id[question_id]
    if question.type in ("integer", "number"):
        # "Not sure" may be written as its value or either label, like an option.
        unsure: dict[str, str] = {}
        if question.not_sure is not None:
            option = question.not_sure
            unsure = {name.casefold(): option.value for name in (option.value, option.zh, option.en)}

        def read_number(text: str) -> Any:
            text = text.strip()
            return unsure.get(text.casefold(), _number(text)) if text else None

        return read_number
    # The other types are read by name: a yes/no word, or an option's value or label.
    names = BOOLEANS if question.type == "boolean" else _option_names(question)
    if question.type == "multichoice":

        def read_options(text: str) -> list[str]:
            parts = (part.strip() for part in SEPARATORS.split(text))
            return [names.get(part.casefold(), part) for part in parts if part]

        return read_options

    def read_named(text: str) -> Any:
        text = text.strip()
        return names.get(text.casefold(), text) if text else None

    return read_named


# ── writing cells ──────────────────────────────────────────────────────────


def neutralised(cell: str) -> str:
    """The cell as text no spreadsheet reads as a formula (OWASP CSV injection): a cell that
    starts with = + - @ tab or CR, also after leading spaces, gets a leading '. A plain
    number such as -12 is left alone: a spreadsheet reads it as that number, never a formula."""
    risky = cell.startswith(FORMULA_STARTS) or cell.lstrip().startswith(FORMULA_STARTS)
    return "'" + cell if risky and not PLAIN_NUMBER.fullmatch(cell) else cell


# ── screening ──────────────────────────────────────────────────────────────


@cache
def _column_names() -> dict[str, Question | None]:
    """What a header cell may say for each column: a question's id, or its label in Chinese or
    English (the blank register heads its columns with labels, ids on a second row)."""
    names: dict[str, Question | None] = {ID_COLUMN: None}
    id_label = explanations().text("register.household_id_label")
    names.update(dict.fromkeys((id_label["zh"], id_label["en"].casefold())))
    for question in questions().questions:
        names[question.id] = question
        names[question.label_zh] = question
        names[question.label_en.casefold()] = question
    return names


def _header(row: list[str]) -> tuple[list[Question | None], bool]:
    """The column of each header cell (None: the household id), and whether any cell was
    a label rather than an id."""
    names = _column_names()
    columns: list[Question | None] = []
    seen = set()
    by_label = False
    for name in (cell.strip() for cell in row):
        key = name if name in names else name.casefold()
        if key not in names:
            raise UnusableRegister("unknown_column", column=neutralised(name)[:40])
        column = names[key]
        column_id = column.id if column else ID_COLUMN
        if column_id in seen:
            raise UnusableRegister("repeated_column", column=neutralised(name)[:40])
        seen.add(column_id)
        by_label = by_label or name != column_id
        columns.append(column)
    return columns, by_label


def _message(errors: list[Error]) -> str:
    return "; ".join(f"{e['zh']} / {e['en']}" for e in errors)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the rules say of one valid household (out of scope: not in_scope, nothing else)."""

    in_scope: bool
    measures: list[str]  # measure numbers
    leads: list[str]  # lead department ids, in measure order
    support: list[str]  # support item ids
    standing: str  # against the 低保 standard: below, equal, above, lifted_out; "" out of scope


def screen_household(answers: dict[str, Any], as_of: dt.date) -> Outcome:
    """The outcome for one household's answers. Raises InvalidAnswers."""
    household, standard = judged_household(clean_answers(answers), as_of)
    if standard is None:
        return Outcome(False, [], [], [], "")
    numbers, leads, support = [], {}, []
    for rule, items in screen(household):
        numbers.append(str(rule.measure.number))
        leads.update(dict.fromkeys(d.id for d in rule.measure.lead))
        support.extend(item.id for item in items)
    if is_lifted_out(household):
        standing = "lifted_out"
    elif is_above_dibao_standard(household):
        standing = "above"
    else:
        standing = "below" if is_below_dibao_standard(household) else "equal"
    return Outcome(True, numbers, list(leads), support, standing)


def screen_row(answers: dict[str, Any], as_of: dt.date) -> tuple[bool, list[str], list[str], list[str]]:
    """in_scope, measure numbers, lead department ids and support item ids for valid answers.

    Raises InvalidAnswers.
    """
    outcome = screen_household(answers, as_of)
    return outcome.in_scope, outcome.measures, outcome.leads, outcome.support


@dataclass(frozen=True, slots=True)
class Record:
    """One data row of a register and what became of it: an outcome, or an error (zh / en)."""

    number: int  # the spreadsheet row
    cells: list[str]  # as read
    household_id: str
    outcome: Outcome | None
    error: str
    # The error in each language alone, for a page that shows one language.
    error_text: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Header:
    rows: list[list[str]]  # the header row as read, and the id row below a header of labels
    width: int  # how many columns


def csv_rows(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """A CSV register's rows as (line number, cells); lines come from `read_register`."""
    for number, line in enumerate(lines, start=1):
        yield number, _cells(line, number)


def screened_records(rows: Iterable[tuple[int, list[str]]], as_of: dt.date) -> Iterator[Header | Record]:
    """The register's Header, then one Record for every non-blank data row, in order.

    `rows` are (spreadsheet row number, cells): `csv_rows` for CSV, `assessor.xlsx.xlsx_rows`
    for Excel, so both are screened by this one code path. A header of labels may be followed
    by a row of the same columns' ids (the blank register's second header row).

    Raises UnusableRegister (naming the line) when the register cannot be screened row for row:
    its output so far must then be thrown away.
    """
    try:
        as_of = check_as_of(as_of)
    except InvalidAnswers as invalid:
        raise UnusableRegister("bad_as_of", detail=_message(invalid.errors)) from None
    numbered = iter(rows)
    for _number, header in numbered:
        if any(cell.strip() for cell in header):
            break
    else:
        raise UnusableRegister("empty")
    while header and not header[-1].strip():
        header = header[:-1]  # a spreadsheet's trailing empty columns
    columns, by_label = _header(header)
    if not any(columns):
        raise UnusableRegister("no_question")
    ids = [c.id if c else ID_COLUMN for c in columns]
    header_rows = [header]
    if by_label:
        # Only a header of labels looks at the next row: an id header reads nothing ahead.
        following = next(numbered, None)
        if following is not None and [cell.strip() for cell in following[1][: len(ids)]] == ids:
            header_rows.append(following[1][: len(ids)])
        elif following is not None:
            numbered = itertools.chain((following,), numbered)
    yield Header(header_rows, len(columns))
    id_index = next((i for i, c in enumerate(columns) if c is None), None)
    readers = [cell_reader(c.id) if c else None for c in columns]
    # What an empty cell answers: none chosen for a multichoice question, else nothing.
    empties = [() if c and c.type == "multichoice" else None for c in columns]
    for number, cells in numbered:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line is no household (it keeps its number, so later rows keep theirs)
        household_id = cells[id_index].strip() if id_index is not None and id_index < len(cells) else ""
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
            too_many = explanations().text("register.too_many_cells")
            message = f"{too_many['zh']} / {too_many['en']}".format(cells=len(cells), columns=len(columns))
            text = {
                lang: too_many[lang].format(cells=len(cells), columns=len(columns)) for lang in ("zh", "en")
            }
            yield Record(number, cells, household_id, None, message, text)
            continue
        answers = {}
        for question_id, read, empty, text in zip(ids, readers, empties, cells, strict=False):
            if not text:  # the common case in a register: skip the reader
                if empty is not None:
                    answers[question_id] = empty
            elif read is not None and (value := read(text)) is not None:
                answers[question_id] = value
        try:
            outcome = screen_household(answers, as_of)
        except InvalidAnswers as invalid:
            text = {
                "zh": "；".join(e["zh"] for e in invalid.errors),
                "en": "; ".join(e["en"] for e in invalid.errors),
            }
            yield Record(number, cells, household_id, None, _message(invalid.errors), text)
            continue
        yield Record(number, cells, household_id, outcome, "")


def screened_rows(lines: Iterable[str], as_of: dt.date) -> Iterator[tuple[str, ...]]:
    """The CLI's output rows, header first, one for every data row of the register, its cells
    neutralised. Lines are physical lines without their line break (`read_register`).

    Raises UnusableRegister (naming the line) when the register cannot be screened row for row.
    """
    return cli_rows(csv_rows(lines), as_of)


def cli_rows(rows: Iterable[tuple[int, list[str]]], as_of: dt.date) -> Iterator[tuple[str, ...]]:
    """The CLI's output rows (OUTPUT_COLUMNS) for a register's numbered rows."""
    for record in screened_records(rows, as_of):
        if isinstance(record, Header):
            yield OUTPUT_COLUMNS
        elif record.outcome is None:
            yield _error_row(record.number, record.household_id, record.error)
        else:
            outcome = record.outcome
            row = (
                str(record.number),
                record.household_id,
                "true" if outcome.in_scope else "false",
                ";".join(outcome.measures),
                ";".join(outcome.leads),
                ";".join(outcome.support),
                "",
            )
            yield tuple(neutralised(cell) for cell in row)


def _error_row(number: int, household_id: str, message: str) -> tuple[str, ...]:
    """An output row for a row that could not be screened: only its number, id and error."""
    return (str(number), neutralised(household_id), "", "", "", "", neutralised(message))


def screen_register(lines: Iterable[str], out: TextIO, as_of: dt.date) -> tuple[int, int]:
    """Screen every row of a CSV register to CSV on `out`; returns (rows, rows with errors).

    Raises UnusableRegister, naming the line, when the register cannot be screened row for row.
    """
    return write_rows(screened_rows(lines, as_of), out)


def write_rows(rows: Iterable[tuple[str, ...]], out: TextIO) -> tuple[int, int]:
    """Write the CLI's output rows as CSV; returns (rows, rows with errors)."""
    writer = csv.writer(out, lineterminator="\n")
    count = bad = 0
    for index, row in enumerate(rows):
        writer.writerow(row)
        if index:
            count += 1
            bad += row[-1] != ""
    return count, bad
