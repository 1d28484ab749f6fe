"""Screening a union's household register offline: one CSV row in, one result row out.

The register is a CSV file whose header row names the questions (their ids,
as `python -m assessor questions` lists them), plus optionally `household_id`,
which is copied to the output. Spreadsheet exports come as UTF-8 (with or
without a BOM) or GBK; both are read. Cells are written as a person would:
是/否, yes/no, true/false or 1/0 for yes-no questions; an option's value or its
Chinese or English label for a choice; several options separated by ; (or ；or |).
An empty cell is an unanswered question (for a multichoice question: none
chosen).

A bad row gets its errors in the output, numbered as the spreadsheet numbers
it (the header is row 1), and every valid row is still screened.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TextIO

from .questions import Question, questions
from .result import judged_household
from .rules import screen
from .validation import Error, InvalidAnswers, clean_answers

ID_COLUMN = "household_id"
OUTPUT_COLUMNS = ("row", ID_COLUMN, "in_scope", "measures", "lead_departments", "support", "error")
TRUE = frozenset({"true", "yes", "y", "1", "是", "t"})
FALSE = frozenset({"false", "no", "n", "0", "否", "f"})
BOOLEANS = {**dict.fromkeys(TRUE, True), **dict.fromkeys(FALSE, False)}
SEPARATORS = re.compile(r"[;；|]")


class UnusableRegister(ValueError):
    """The register cannot be read at all (exit code 2)."""


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM; else GBK (read as its superset GB18030)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnusableRegister("the file is neither UTF-8 nor GBK text") from None


# ── reading cells ──────────────────────────────────────────────────────────


def _option_names(question: Question) -> dict[str, str]:
    """What a cell may say for each option: its value, its zh label or its en label."""
    names = {}
    for option in question.options:
        for name in (option.value, option.zh, option.en):
            names[name.casefold()] = option.value
    return names


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text  # validation says it is the wrong type


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


# ── screening ──────────────────────────────────────────────────────────────


def _header(row: list[str]) -> list[Question | None]:
    by_id = questions().by_id
    columns: list[Question | None] = []
    seen = set()
    for name in (cell.strip() for cell in row):
        if name in seen:
            raise UnusableRegister(f"column {name!r} appears twice in the header")
        seen.add(name)
        if name == ID_COLUMN:
            columns.append(None)
        elif name in by_id:
            columns.append(by_id[name])
        else:
            raise UnusableRegister(
                f"unknown column {name!r}: the header must name questions (python -m assessor questions)"
            )
    return columns


def _message(errors: list[Error]) -> str:
    return "; ".join(f"{e['zh']} / {e['en']}" for e in errors)


def _error_row(row_number: int, household_id: str, message: str) -> tuple:
    """An output row for a row that could not be screened: only its number, id and error."""
    return (row_number, household_id, "", "", "", "", message)


def screen_row(answers: dict[str, Any], as_of: dt.date) -> tuple[bool, list[str], list[str], list[str]]:
    """in_scope, measure numbers, lead department ids and support item ids for valid answers.

    Raises InvalidAnswers.
    """
    household, standard = judged_household(clean_answers(answers), as_of)
    if standard is None:
        return False, [], [], []
    numbers, leads, support = [], {}, []
    for rule, items in screen(household):
        numbers.append(str(rule.measure.number))
        leads.update(dict.fromkeys(d.id for d in rule.measure.lead))
        support.extend(item.id for item in items)
    return True, numbers, list(leads), support


def screen_register(lines: Iterable[str], out: TextIO, as_of: dt.date) -> tuple[int, int]:
    """Screen every row of a register to CSV on `out`; returns (rows, rows with errors).

    Raises UnusableRegister when there is no usable header.
    """
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise UnusableRegister("the register is empty: it needs a header row of question ids") from None
    except csv.Error as problem:
        raise UnusableRegister(f"the header row is not CSV: {problem}") from None
    columns = _header(header)
    if not any(columns):
        raise UnusableRegister("the header names no question")
    id_index = next((i for i, c in enumerate(columns) if c is None), None)
    ids = [c.id if c else ID_COLUMN for c in columns]
    readers = [cell_reader(c.id) if c else None for c in columns]
    # What an empty cell answers: none chosen for a multichoice question, else nothing.
    empties = [() if c and c.type == "multichoice" else None for c in columns]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    rows = bad = 0
    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:
            row_number, rows, bad = row_number + 1, rows + 1, bad + 1
            writer.writerow(_error_row(row_number, "", f"CSV 格式错误 / not valid CSV: {problem}"))
            continue
        row_number += 1  # one record is one spreadsheet row, even with line breaks inside cells
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        household_id = cells[id_index].strip() if id_index is not None and id_index < len(cells) else ""
        if len(cells) > len(columns):
            bad += 1
            too_many = f"这一行的单元格比表头多 / this row has more cells ({len(cells)}) than the header"
            writer.writerow(_error_row(row_number, household_id, too_many))
            continue
        answers = {}
        for question_id, read, empty, text in zip(ids, readers, empties, cells, strict=False):
            if not text:  # the common case in a register: skip the reader
                if empty is not None:
                    answers[question_id] = empty
            elif read is not None and (value := read(text)) is not None:
                answers[question_id] = value
        try:
            in_scope, numbers, leads, support = screen_row(answers, as_of)
        except InvalidAnswers as invalid:
            bad += 1
            writer.writerow(_error_row(row_number, household_id, _message(invalid.errors)))
            continue
        writer.writerow(
            (
                row_number,
                household_id,
                "true" if in_scope else "false",
                ";".join(numbers),
                ";".join(leads),
                ";".join(support),
                "",
            )
        )
    return rows, bad
