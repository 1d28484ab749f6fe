"""The register page's Python side (assessor/register.py) and Excel registers (assessor/xlsx.py).

What the page shows and downloads must be what `python -m assessor batch` prints, row for
row, for a CSV and for an .xlsx; an .xlsx is read by the CLI too when openpyxl is there,
and without it the caseworker is told what to do.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time

import openpyxl
import pytest
from test_cli import ROOT, rows, run

from assessor import register
from build_scripts.register_sample import rows as sample_rows
from build_scripts.register_sample import write_csv, write_xlsx

AS_OF = "2026-01-01"
RESULT = ("in_scope", "measures", "lead_departments", "support", "error")


@pytest.fixture(scope="module")
def registers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("registers")
    table = sample_rows(60, bad_every=7)
    return {
        "csv": write_csv(folder / "register.csv", table),
        "gbk": write_csv(folder / "register-gbk.csv", table, "gbk"),
        "xlsx": write_xlsx(folder / "register.xlsx", table),
    }


def screen_in_steps(path, work, **extra) -> dict:
    """What the page's worker does: open, step until finished."""
    request = {"action": "open", "path": str(path), "work": str(work), "as_of": AS_OF, **extra}
    opened = json.loads(register.handle(json.dumps(request)))
    assert opened["ok"], opened
    steps = 0
    while True:
        answer = json.loads(register.handle(json.dumps({"action": "step", "ms": 0})))
        steps += 1
        assert answer["ok"], answer
        if answer["finished"]:
            answer["steps"] = steps
            return answer


def page_results(work) -> dict[str, dict]:
    with open(work / "results.csv", encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    header = table[0]
    return {str(n): dict(zip(header, row, strict=True)) for n, row in enumerate(table, start=1) if n > 1}


@pytest.mark.parametrize("kind", ["csv", "gbk", "xlsx"])
def test_the_page_gives_the_clis_results_row_for_row(registers, tmp_path, kind):
    cli = run("batch", str(registers[kind]), "--as-of", AS_OF)
    assert cli.returncode == 1, cli.stderr  # the sample has bad rows
    expected = rows(cli.stdout)
    answer = screen_in_steps(registers[kind], tmp_path)
    got = page_results(tmp_path)
    assert answer["steps"] > 1, "screened in several steps, as the page does"
    assert answer["summary"]["rows"] == len(expected) == len(got) == 60
    for line in expected:
        row = got[line["row"]]
        assert row["household_id"] == line["household_id"]
        assert {k: row[k] for k in RESULT} == {k: line[k] for k in RESULT}, f"row {line['row']}"
    bad = [line for line in expected if line["error"]]
    assert [e["row"] for e in answer["summary"]["errors"]] == [int(line["row"]) for line in bad]
    assert all(
        e["en"][:20] in line["error"] for e, line in zip(answer["summary"]["errors"], bad, strict=True)
    )
    register.handle('{"action": "close"}')


def test_the_cli_reads_xlsx_like_csv(registers):
    from_csv = run("batch", str(registers["csv"]), "--as-of", AS_OF)
    from_xlsx = run("batch", str(registers["xlsx"]), "--as-of", AS_OF)
    assert from_xlsx.stdout == from_csv.stdout and from_xlsx.returncode == from_csv.returncode


def test_without_openpyxl_the_cli_says_how_to_read_xlsx(registers):
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "from assessor.__main__ import main\n"
        f"sys.exit(main(['batch', {str(registers['xlsx'])!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "pip install '.[xlsx]'" in done.stderr and "另存为 CSV" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_assessor_does_not_import_openpyxl_for_a_csv(registers, tmp_path):
    code = (
        "import json, sys\nfrom assessor import register\n"
        f"register.handle(json.dumps({{'action': 'open', 'path': {str(registers['csv'])!r}, "
        f"'work': {str(tmp_path)!r}}}))\n"
        "register.handle(json.dumps({'action': 'step', 'ms': 1000}))\n"
        "print('openpyxl' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_downloads_open_in_openpyxl_and_no_cell_starts_a_formula(registers, tmp_path):
    answer = screen_in_steps(
        registers["csv"], tmp_path, labels={"measures": "可能适用的措施", "sheet": "结果"}
    )
    assert answer["summary"]["errors_count"] > 0
    xlsx = json.loads(register.handle('{"action": "export", "format": "xlsx"}'))["path"]
    csv_path = json.loads(register.handle('{"action": "export", "format": "csv"}'))["path"]
    book = openpyxl.load_workbook(xlsx)
    sheet = book["结果"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "household_id" and "可能适用的措施" in header
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.value for c in cells if c.data_type == "f" or str(c.value).startswith(("=", "+", "@"))]
    assert "'=1+1" in [c.value for c in cells], "the formula in the register came back defused"
    with open(csv_path, encoding="utf-8-sig", newline="") as file:
        every = [cell for row in csv.reader(file) for cell in row]
    assert not [c for c in every if c.lstrip().startswith(("=", "+", "@", "\t"))]
    register.handle('{"action": "close"}')


def test_a_header_of_labels_with_ids_below_is_read(tmp_path):
    """The blank register's two header rows: labels (either language), then ids."""
    from assessor.questions import questions

    by_id = questions().by_id
    table = sample_rows(3)
    ids = table[0]
    zh = ["家庭编号" if i == "household_id" else by_id[i].label_zh for i in ids]
    en = ["Household ID" if i == "household_id" else by_id[i].label_en for i in ids]
    for labels in (zh, en):
        path = write_csv(tmp_path / "labelled.csv", [labels, ids, *table[1:]])
        done = run("batch", str(path), "--as-of", AS_OF)
        assert done.returncode == 0, done.stderr
        assert [line["row"] for line in rows(done.stdout)] == ["3", "4", "5"]
        # Labels alone, without the id row, are a header too.
        path = write_csv(tmp_path / "labels-only.csv", [labels, *table[1:]])
        assert [line["row"] for line in rows(run("batch", str(path), "--as-of", AS_OF).stdout)] == [
            "2",
            "3",
            "4",
        ]


def test_a_register_that_cannot_be_screened_answers_with_the_reason(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("in_baotou_urban,shoe_size\n是,42\n", encoding="utf-8")
    request = {"action": "open", "path": str(path), "work": str(tmp_path / "w"), "as_of": AS_OF}
    register.handle(json.dumps(request))
    answer = json.loads(register.handle('{"action": "step", "ms": 100}'))
    assert not answer["ok"] and "shoe_size" in answer["error"]["en"] and "shoe_size" in answer["error"]["zh"]
    # The session is closed: nothing is left to export.
    assert not json.loads(register.handle('{"action": "export", "format": "csv"}'))["ok"]


def test_a_damaged_xlsx_is_refused_in_both_languages(tmp_path):
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    done = run("batch", str(path))
    assert done.returncode == 2 and ".xlsx" in done.stderr and "Traceback" not in done.stderr
    request = {"action": "open", "path": str(path), "work": str(tmp_path / "w")}
    answer = json.loads(register.handle(json.dumps(request)))
    assert not answer["ok"] and "xlsx" in answer["error"]["zh"]


def test_the_results_csv_opens_in_excel_as_utf8(registers, tmp_path):
    screen_in_steps(registers["csv"], tmp_path)
    assert (tmp_path / "results.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    register.handle('{"action": "close"}')
    assert not (tmp_path / "results.csv").exists(), "closing discards what was written"


def test_the_served_openpyxl_wheels_are_the_locked_ones(tmp_path, monkeypatch):
    from build_scripts import register_assets

    register_assets.check_wheels()  # the vendored files match requirements.lock
    for wheel in register_assets.wheels():
        (tmp_path / wheel.name).write_bytes(wheel.read_bytes() + b"tampered")
    monkeypatch.setattr(register_assets, "WHEELS", tmp_path)
    with pytest.raises(register_assets.AssetError, match="sha256"):
        register_assets.check_wheels()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_blank_register_filled_in_by_a_script_screens_without_errors(tmp_path, lang):
    """The template is made from the questions data: whatever the questions are, a row that
    picks the first offered answer of each drop-down and a valid number screens cleanly."""
    from build_scripts import register_template

    files = register_template.templates()
    xlsx = tmp_path / "filled.xlsx"
    xlsx.write_bytes(files[register_template.file_name(lang, "xlsx")])
    book = openpyxl.load_workbook(xlsx)
    sheet = book.worksheets[0]
    labels = [cell.value for cell in sheet[1]]
    ids = [cell.value for cell in sheet[2]]
    cols = register_template.columns(lang)
    assert ids == [c[0] for c in cols] and labels == [c[1] for c in cols]
    rules = {str(rule.sqref).split(":")[0][:-1]: rule for rule in sheet.data_validations.dataValidation}
    assert any(rule.type == "list" for rule in rules.values()), "drop-downs for yes/no and choices"
    assert [s.title for s in book.worksheets][2] == register_template.wording(lang)["template"][
        "instructions_sheet"
    ]

    def answer(question):
        if question is None:
            return "F1"
        if question["type"] == "boolean":
            return register_template.answers(question, lang)[0]  # yes: asks the most questions
        if question["type"] in ("choice", "multichoice"):
            return register_template.answers(question, lang)[0]
        return {"household_size": 3, "monthly_income": 1500}.get(question["id"], question.get("min") or 1)

    row = [answer(q) for _, _, q in cols]
    sheet.append(row)
    book.save(xlsx)
    done = run("batch", str(xlsx), "--as-of", AS_OF)
    assert done.returncode == 0, done.stdout + done.stderr
    assert rows(done.stdout)[0]["row"] == "3" and rows(done.stdout)[0]["in_scope"] == "true"

    csv_path = tmp_path / "filled.csv"
    template = files[register_template.file_name(lang, "csv")]
    line = io.StringIO()
    csv.writer(line).writerow(row)
    csv_path.write_bytes(template + line.getvalue().encode("utf-8"))
    done = run("batch", str(csv_path), "--as-of", AS_OF)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_register_page_is_linked_for_staff_and_offers_the_blank_registers(site_dir, prefix):
    import re

    # In the text itself, not only in the navigation: the home page's last section, the about page's privacy.
    for page, section in (("index.html", "union-staff"), ("about.html", "privacy")):
        text = (site_dir / prefix / page).read_text("utf-8").split(f'id="{section}"', 1)[1]
        assert 'href="register.html"' in text.split("<h2", 1)[0], page
    register_page = (site_dir / prefix / "register.html").read_text("utf-8")
    templates = re.findall(r'href="((?:\.\./)?assets/register/templates-[^"]+)"', register_page)
    assert len(templates) == 2
    for link in templates:
        assert (site_dir / prefix / link).resolve().is_file()
    # The worker's path stays free of it: the assessment page names nothing of the register's.
    assert "assets/register/" not in (site_dir / prefix / "assessment.html").read_text("utf-8")


def test_an_xlsx_export_in_steps_holds_every_row(registers, tmp_path):
    """The page asks for the .xlsx in steps (a worker must answer between them)."""
    answer = screen_in_steps(registers["csv"], tmp_path)
    steps = 0
    while not (exported := json.loads(register.handle('{"action": "export", "format": "xlsx", "ms": 0}')))[
        "finished"
    ]:
        assert 0 < exported["done"] < exported["total"] == answer["summary"]["rows"] + 1
        steps += 1
    assert steps >= 1
    sheet = openpyxl.load_workbook(exported["path"], read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) == answer["summary"]["rows"] + 1
    register.handle('{"action": "close"}')


def test_the_blank_registers_are_the_same_bytes_whatever_second_they_are_built():
    # Equal bytes keep the templates' folder digest, and so the offline cache, unchanged
    # by a rebuild with nothing new (openpyxl stamps the time of saving into the file).
    from build_scripts import register_template

    first = register_template.templates()
    time.sleep(1.1)
    assert register_template.templates() == first, "a rebuild changed the blank registers' bytes"
