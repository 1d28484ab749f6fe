"""The command line: questions, assess and the offline batch screening of a union's register."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "household_id,in_baotou_urban,is_worker,household_size,monthly_income,employment_status,"
    "layoff_cause,enterprise_situation,able_to_work,working_age,wants_work,wants_business,"
    "graduate_not_continuing,recognised_difficulty,serious_illness,medical_costs_hardship,disability,"
    "insurance_issues,school_levels,housing_situation,sudden_hardship"
)
# A laid-off steelworker who wants a business; someone outside Baotou; a homeless worker with a student child.
STEELWORKER = "A1,是,是,3,4500,laid_off,overcapacity,,是,working_age,是,是,否,,否,否,否,,,adequate,否"
OUTSIDE = "A2,否,,,,,,,,,,,,,,,,,,,"
HOMELESS = "A3,yes,yes,2,1000,在岗工作,,,no,,,,no,,no,no,no,,大学（专科、本科）;研究生,没有住房,no"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assessor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def rows(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output)))


def test_questions_prints_the_schema_as_json():
    done = run("questions")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["ok"] and data["questions"][0]["id"] == "in_baotou_urban"


def test_assess_reads_answers_on_stdin_and_prints_the_result():
    done = run("assess", "--as-of", "2026-01-01", stdin=json.dumps({"in_baotou_urban": False}))
    assert done.returncode == 0
    assert json.loads(done.stdout)["scope"]["in_scope"] is False


def test_assess_exits_2_with_an_error_json_on_bad_answers():
    done = run("assess", stdin=json.dumps({"in_baotou_urban": "maybe"}))
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"][0]["code"] == "wrong_type"
    assert "Traceback" not in done.stderr


def test_assess_exits_2_on_malformed_json():
    done = run("assess", stdin="{not json")
    assert done.returncode == 2 and json.loads(done.stdout)["errors"][0]["code"] == "malformed_json"


def write(tmp_path: Path, text: str, encoding: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_batch_screens_every_household_of_a_utf8_register(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, STEELWORKER, OUTSIDE, HOMELESS]) + "\n", "utf-8")
    done = run("batch", str(path), "--as-of", "2026-01-01")
    assert done.returncode == 0, done.stderr
    steelworker, outside, homeless = rows(done.stdout)
    assert (steelworker["row"], steelworker["in_scope"], steelworker["measures"]) == ("2", "true", "1;7")
    assert steelworker["lead_departments"] == "hrss" and "startup-guarantee-loan" in steelworker["support"]
    assert (outside["row"], outside["in_scope"], outside["measures"]) == ("3", "false", "")
    assert homeless["measures"] == "4;5;6" and "charitable-education-aid" in homeless["support"]
    assert homeless["household_id"] == "A3" and homeless["error"] == ""


def test_batch_reads_a_register_with_a_byte_order_mark(tmp_path):
    path = write(tmp_path, "\n".join([HEADER, STEELWORKER]) + "\n", "utf-8-sig")
    done = run("batch", str(path), "--as-of", "2026-01-01")
    assert done.returncode == 0, done.stderr
    assert rows(done.stdout)[0]["measures"] == "1;7"


def test_batch_reads_a_gbk_export_from_a_spreadsheet(tmp_path):
    path = write(tmp_path, "\r\n".join([HEADER, HOMELESS, STEELWORKER]) + "\r\n", "gbk")
    done = run("batch", str(path), "--as-of", "2026-01-01")
    assert done.returncode == 0, done.stderr
    assert [r["measures"] for r in rows(done.stdout)] == ["4;5;6", "1;7"]


def test_a_bad_row_is_reported_by_number_and_the_good_rows_are_still_screened(tmp_path):
    bad = STEELWORKER.replace("A1,是,是,3,", "B1,是,是,three,")
    path = write(tmp_path, "\n".join([HEADER, STEELWORKER, bad, HOMELESS]) + "\n", "utf-8")
    done = run("batch", str(path), "--as-of", "2026-01-01")
    assert done.returncode == 1
    good, broken, also_good = rows(done.stdout)
    assert good["measures"] == "1;7" and also_good["measures"] == "4;5;6"
    assert broken["row"] == "3" and broken["in_scope"] == ""
    assert "家庭人口数" in broken["error"] and "Household size" in broken["error"]
    assert "1 of 3 rows" in done.stderr


def test_a_missing_register_exits_2(tmp_path):
    done = run("batch", str(tmp_path / "nowhere.csv"))
    assert done.returncode == 2 and "nowhere.csv" in done.stderr and "Traceback" not in done.stderr


def test_an_unknown_column_exits_2_naming_it(tmp_path):
    path = write(tmp_path, "in_baotou_urban,shoe_size\n是,42\n", "utf-8")
    done = run("batch", str(path))
    assert done.returncode == 2 and "shoe_size" in done.stderr


def test_an_empty_register_exits_2(tmp_path):
    done = run("batch", str(write(tmp_path, "", "utf-8")))
    assert done.returncode == 2


def test_a_register_may_say_not_sure_in_either_language(tmp_path):
    header = "household_id,in_baotou_urban,is_worker,household_size,monthly_income,months_above_standard,"
    header += HEADER.split(",monthly_income,", 1)[1]
    # Months and recognition unknown: "不清楚" or "Not sure", like the form's "Not sure".
    unsure_zh = "B1,是,是,3,3000,不清楚,working,,,否,,,,否,不清楚,否,否,否,,,adequate,否"
    unsure_en = "B2,yes,yes,3,3000,Not sure,working,,,no,,,,no,not sure,no,no,no,,,adequate,no"
    register = tmp_path / "register.csv"
    register.write_text(f"{header}\n{unsure_zh}\n{unsure_en}\n", encoding="utf-8")
    done = run("batch", str(register), "--as-of", "2026-01-01")
    assert done.returncode == 0, done.stderr
    assert [(r["household_id"], r["in_scope"], r["error"]) for r in rows(done.stdout)] == [
        ("B1", "true", ""),
        ("B2", "true", ""),
    ]
