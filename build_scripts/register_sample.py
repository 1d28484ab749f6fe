"""Made-up registers for the tests and `make bench-register`: CSV and .xlsx, with bad rows.

Every household is invented (ids H1, H2, …); a few rows are wrong on purpose
(a word where a number goes, an unknown option, a formula), so the error list
and the formula defusing are exercised too.
"""

from __future__ import annotations

from pathlib import Path

HEADER = [
    "household_id",
    "in_baotou_urban",
    "is_worker",
    "household_size",
    "monthly_income",
    "employment_status",
    "layoff_cause",
    "enterprise_situation",
    "able_to_work",
    "working_age",
    "wants_work",
    "wants_business",
    "graduate_not_continuing",
    "recognised_difficulty",
    "serious_illness",
    "medical_costs_hardship",
    "disability",
    "insurance_issues",
    "school_levels",
    "housing_situation",
    "sudden_hardship",
]
# A laid-off steelworker who wants a business; someone outside Baotou; a homeless worker with a
# student child; an ill worker in danger housing.
HOUSEHOLDS = (
    "{id},是,是,3,4500,laid_off,overcapacity,,是,working_age,是,是,否,,否,否,否,,,adequate,否",
    "{id},否,,,,,,,,,,,,,,,,,,,",
    "{id},yes,yes,2,1000,在岗工作,,,no,,,,no,,no,no,no,,大学（专科、本科）;研究生,没有住房,no",
    "{id},是,是,4,2000,working,,,是,working_age,是,否,否,,是,是,否,,,adequate,是",
)
BAD = (
    "{id},是,是,three,4500,laid_off,overcapacity,,是,working_age,是,是,否,,否,否,否,,,adequate,否",
    "{id},是,是,3,4500,moonlighting,,,是,working_age,是,是,否,,否,否,否,,,adequate,否",
    "=1+1,是,是,-2,4500,laid_off,overcapacity,,是,working_age,是,是,否,,否,否,否,,,adequate,否",
)


def rows(count: int, bad_every: int = 0) -> list[list[str]]:
    """The header and `count` households; every `bad_every`-th row is a bad one (0: none)."""
    out = [HEADER]
    for n in range(1, count + 1):
        if bad_every and n % bad_every == 0:
            template = BAD[(n // bad_every) % len(BAD)]
        else:
            template = HOUSEHOLDS[n % len(HOUSEHOLDS)]
        out.append(template.format(id=f"H{n}").split(","))
    return out


def write_csv(path: Path, table: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(",".join(row) for row in table) + "\n").encode(encoding))
    return path


def write_xlsx(path: Path, table: list[list[str]]) -> Path:
    """The same table as an .xlsx, numbers as numbers (as Excel would save them)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("register")

    def cell(text: str):
        if text.isdigit():
            return int(text)
        typed = WriteOnlyCell(sheet, text)
        typed.data_type = "s"  # text, even "=1+1" (as Excel keeps what was typed as text)
        return typed

    for row in table:
        sheet.append([cell(text) for text in row])
    book.save(path)
    return path
