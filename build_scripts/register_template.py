"""The blank register, generated at build time from the questions data, never by hand.

For each language, an .xlsx and a .csv: a `household_id` column, then one column per
question in the schema's order, headed with the question's label in that language
(row 1) and its id (row 2), which is how `assessor.batch` reads a labelled header.
The .xlsx adds drop-down lists (data validation) for yes/no and choice questions,
bounds for numbers, a prompt for multichoice cells, and an instructions sheet.
The wording comes from the register page's file for the language
(web/text/<lang>.json, "register").

The bytes are deterministic (fixed dates in the workbook and in the zip), so an
unchanged build gives unchanged files and an unchanged service-worker version.

    python -m build_scripts.register_template OUT_DIR
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from assessor.batch import ID_COLUMN
from assessor.questions import schema
from build_scripts.wording import fill, words

LANGS = ("zh", "en")
FIRST_ROW, LAST_ROW = 3, 5002  # the rows the drop-down lists cover: 5,000 households
FIXED_DATE = (2019, 11, 15, 0, 0, 0)


def wording(lang: str) -> dict:
    return words("register", lang)


def columns(lang: str) -> list[tuple[str, str, dict | None]]:
    """(id, label, question) for every column, the household id first."""
    household = wording(lang)["household_id"]
    out: list[tuple[str, str, dict | None]] = [(ID_COLUMN, household, None)]
    out += [(q["id"], q["label"][lang], q) for q in schema()["questions"]]
    return out


def answers(question: dict, lang: str) -> list[str]:
    """What a drop-down offers: yes/no, or the options' labels in the language."""
    if question["type"] == "boolean":
        return [wording(lang)["yes"], wording(lang)["no"]]
    return [option[lang] for option in question.get("options", [])]


def how_to_fill(question: dict | None, lang: str) -> str:
    words = wording(lang)["template"]
    if question is None:
        return words["household_id"]
    kind = question["type"]
    if kind == "boolean":
        text = words["yes_no"]
    elif kind == "choice":
        text = fill(words["one_of"], options=" / ".join(answers(question, lang)))
    elif kind == "multichoice":
        text = fill(words["some_of"], options=" ; ".join(answers(question, lang)))
    else:
        text = words["whole_number" if kind == "integer" else "number"]
        if question.get("min") is not None and question.get("max") is not None:
            text += fill(words["range"], min=question["min"], max=question["max"])
    if not question.get("required", True):
        text += " " + words["optional"]
    return text


def template_csv(lang: str) -> bytes:
    """Row 1 labels, row 2 ids; UTF-8 with a BOM so that Excel and WPS read the Chinese."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    cols = columns(lang)
    writer.writerow([label for _, label, _ in cols])
    writer.writerow([column_id for column_id, _, _ in cols])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def template_xlsx(lang: str) -> bytes:
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = wording(lang)["template"]
    book = Workbook()
    fixed = dt.datetime(*FIXED_DATE)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "baotou-assessor"
    sheet = book.active
    sheet.title = words["sheet"]
    lists = book.create_sheet(words["lists_sheet"])
    lists.sheet_state = "hidden"
    notes = book.create_sheet(words["instructions_sheet"])

    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    cols = columns(lang)
    for index, (column_id, label, question) in enumerate(cols, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index, value=label)
        head.font, head.fill = bold, grey
        head.alignment = Alignment(wrap_text=True, vertical="top")
        id_cell = sheet.cell(row=2, column=index, value=column_id)
        id_cell.font = Font(color="666666", size=9)
        sheet.column_dimensions[letter].width = max(12, min(30, len(label) * (2.2 if lang == "zh" else 1.1)))
        if question is None:
            continue
        head.comment = Comment(f"{column_id}\n{how_to_fill(question, lang)}", "baotou-assessor")
        cells = f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}"
        kind = question["type"]
        if kind in ("boolean", "choice"):
            options = answers(question, lang)
            for row, option in enumerate(options, start=1):
                lists.cell(row=row, column=index, value=option)
            source = f"'{lists.title}'!${letter}$1:${letter}${len(options)}"
            rule = DataValidation(type="list", formula1=source, allow_blank=True)
            rule.error, rule.errorTitle = how_to_fill(question, lang), label
            rule.showErrorMessage = True
        elif kind == "multichoice":
            # Several answers in one cell cannot be a drop-down: a prompt lists them instead.
            rule = DataValidation(allow_blank=True)
        else:
            bounds = {"min": question.get("min"), "max": question.get("max")}
            low = 0 if bounds["min"] is None else bounds["min"]
            high = 10**12 if bounds["max"] is None else bounds["max"]
            number_type = "whole" if kind == "integer" else "decimal"
            rule = DataValidation(
                type=number_type, operator="between", formula1=str(low), formula2=str(high), allow_blank=True
            )
            rule.error, rule.errorTitle = how_to_fill(question, lang), label
            rule.showErrorMessage = True
        rule.prompt, rule.promptTitle = how_to_fill(question, lang)[:255], label[:32]
        rule.showInputMessage = True
        rule.add(cells)
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "B3"

    notes.append([words["title"]])
    notes["A1"].font = Font(bold=True, size=14)
    for line in words["intro"]:
        notes.append([line])
    notes.append([])
    notes.append(words["columns"])
    for cell in notes[notes.max_row]:
        cell.font, cell.fill = bold, grey
    for column_id, label, question in cols:
        help_text = question["help"][lang] if question and question.get("help") else ""
        notes.append([label, column_id, how_to_fill(question, lang), help_text])
    for letter, width in zip("ABCD", (28, 26, 50, 60), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl's save stamps the time of saving over properties.modified.
                stamp = dt.datetime(*FIXED_DATE).strftime("%Y-%m-%dT%H:%M:%SZ")
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content)
            target.writestr(fixed, content)
    return out.getvalue()


def file_name(lang: str, kind: str) -> str:
    """ASCII on the server (any host serves it); the page offers it under a name in the language."""
    return f"register-template.{lang}.{kind}"


def templates() -> dict[str, bytes]:
    """Every blank register, by file name (both languages, both formats)."""
    files = {}
    for lang in LANGS:
        files[file_name(lang, "xlsx")] = template_xlsx(lang)
        files[file_name(lang, "csv")] = template_csv(lang)
    return files


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "build/register-template")
    for name, data in templates().items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path}  {len(data):,} B")
