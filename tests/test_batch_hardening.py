"""The batch never loses a row silently, never passes on a live formula, never garbles a name.

Rows in = rows out, each under its true spreadsheet row number, or the file is refused
whole with the reason and the line (zh and en), and nothing is written to stdout.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from test_cli import HEADER, HOMELESS, OUTSIDE, ROOT, STEELWORKER, rows, run

from assessor.batch import MAX_LINE_BYTES, neutralised, read_register, screened_rows

AS_OF = "2026-01-01"


def register(tmp_path, data: bytes):
    path = tmp_path / "register.csv"
    path.write_bytes(data)
    return str(path)


def lines(*rows_: str) -> bytes:
    return ("\n".join([HEADER, *rows_]) + "\n").encode("utf-8")


def test_an_unclosed_quote_refuses_the_file_naming_its_line_instead_of_swallowing_rows(tmp_path):
    body = [STEELWORKER.replace("A1", f"H{n}") for n in range(1000)]
    body[500] = body[500].replace("H500", '"Zhang family')
    done = run("batch", register(tmp_path, lines(*body)), "--as-of", AS_OF)
    assert done.returncode == 2
    assert done.stdout == "", "no half result that looks complete"
    assert "第 502 行" in done.stderr and "Line 502" in done.stderr and "quote" in done.stderr


def test_every_row_keeps_its_spreadsheet_number_even_after_blank_lines_and_bad_rows(tmp_path):
    bad = STEELWORKER.replace("A1,是,是,3,", "B1,是,是,three,")
    data = lines(STEELWORKER, "", bad, ",,,", HOMELESS, OUTSIDE)
    done = run("batch", register(tmp_path, data), "--as-of", AS_OF)
    assert done.returncode == 1
    assert [(r["row"], r["household_id"]) for r in rows(done.stdout)] == [
        ("2", "A1"),
        ("4", "B1"),
        ("6", "A3"),
        ("7", "A2"),
    ]


def test_five_thousand_rows_in_give_five_thousand_rows_out(tmp_path):
    body = [STEELWORKER.replace("A1", f"H{n}") for n in range(5000)]
    done = run("batch", register(tmp_path, lines(*body)), "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    out = rows(done.stdout)
    assert len(out) == 5000 and out[-1]["row"] == "5001" and out[-1]["household_id"] == "H4999"


@pytest.mark.parametrize(
    "household_id",
    ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", " =1+1", "\r=1+1", '=HYPERLINK("http://x")'],
)
def test_a_cell_that_could_start_a_formula_is_neutralised(tmp_path, household_id):
    cell = '"' + household_id.replace('"', '""') + '"'
    done = run("batch", register(tmp_path, lines(STEELWORKER.replace("A1", cell))), "--as-of", AS_OF)
    (row,) = rows(done.stdout)
    assert row["household_id"] == "'" + household_id.strip(), "defused, and still defused after strip()"


def test_plain_numbers_and_ordinary_ids_are_left_as_they_are():
    assert neutralised("-12") == "-12" and neutralised("+3.5") == "+3.5"
    assert neutralised("A-1") == "A-1" and neutralised("张三") == "张三"
    assert neutralised("-1+1") == "'-1+1" and neutralised(" -12") == "' -12"


def test_no_output_cell_of_an_error_row_starts_a_formula(tmp_path):
    evil = STEELWORKER.replace("A1,是,是,3,", '"=cmd|x",是,是,=1+1,')
    done = run("batch", register(tmp_path, lines(evil)), "--as-of", AS_OF)
    for row in rows(done.stdout):
        for value in row.values():
            assert not value.lstrip().startswith(("=", "+", "@")), value


def test_a_utf8_file_with_one_gbk_line_is_refused_naming_that_line(tmp_path):
    data = lines(STEELWORKER.replace("A1", "张三"), OUTSIDE) + HOMELESS.replace("A3", "李四").encode("gbk")
    done = run("batch", register(tmp_path, data), "--as-of", AS_OF)
    assert done.returncode == 2 and done.stdout == ""
    assert "第 4 行" in done.stderr and "Line 4 is GBK" in done.stderr


def test_a_gbk_file_with_one_utf8_line_is_refused_not_garbled(tmp_path):
    gbk = ("\n".join([HEADER, STEELWORKER.replace("A1", "张三")]) + "\n").encode("gbk")
    data = gbk + HOMELESS.replace("A3", "李四").encode("utf-8") + b"\n"
    done = run("batch", register(tmp_path, data), "--as-of", AS_OF)
    assert done.returncode == 2 and "Line 3 is UTF-8" in done.stderr and "寮犱笁" not in done.stdout


def test_a_gbk_file_keeps_its_names(tmp_path):
    data = ("\n".join([HEADER, STEELWORKER.replace("A1", "张三")]) + "\n").encode("gbk")
    done = run("batch", register(tmp_path, data), "--as-of", AS_OF)
    assert done.returncode == 0 and rows(done.stdout)[0]["household_id"] == "张三"


def test_bytes_that_are_neither_utf8_nor_gbk_are_refused_with_the_line(tmp_path):
    done = run("batch", register(tmp_path, lines(OUTSIDE) + b"A9,\xff\xff\n"), "--as-of", AS_OF)
    assert done.returncode == 2 and "Line 3" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("as_of", ["0001-01-01", "2019-11-14"])
def test_batch_refuses_dates_before_the_plan_as_assess_does(tmp_path, as_of):
    done = run("batch", register(tmp_path, lines(STEELWORKER)), "--as-of", as_of)
    assert done.returncode == 2 and "2019-11-15" in done.stderr and done.stdout == ""


@pytest.mark.parametrize("as_of", ["2026-W01-1", "20260101", "2026-1-1", "２０２６-01-01"])
@pytest.mark.parametrize("command", ["batch", "assess"])
def test_as_of_is_only_accepted_as_yyyy_mm_dd(tmp_path, command, as_of):
    args = [command, register(tmp_path, lines(STEELWORKER))] if command == "batch" else [command]
    done = run(*args, "--as-of", as_of, stdin="{}")
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


def test_1_0_is_not_a_number(tmp_path):
    ten = STEELWORKER.replace(",3,4500,", ",1_0,4500,")
    done = run("batch", register(tmp_path, lines(ten)), "--as-of", AS_OF)
    (row,) = rows(done.stdout)
    assert done.returncode == 1 and "1_0" in row["error"] and row["measures"] == ""


def test_a_closed_pipe_ends_the_batch_quietly(tmp_path):
    body = [STEELWORKER.replace("A1", f"H{n}") for n in range(20000)]
    path = register(tmp_path, lines(*body))
    pipeline = f"{sys.executable} -m assessor batch {path} --as-of {AS_OF} | head -n 1"
    done = subprocess.run(["bash", "-c", pipeline], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("row,household_id")
    assert done.stderr == "", done.stderr


def test_dev_zero_ends_in_a_clear_message_not_a_memory_error():
    done = run("batch", "/dev/zero", "--as-of", AS_OF)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert "Line 1" in done.stderr


def test_a_line_longer_than_the_limit_is_refused(tmp_path):
    long_id = "x" * (MAX_LINE_BYTES + 10)
    done = run("batch", register(tmp_path, lines(STEELWORKER.replace("A1", long_id))), "--as-of", AS_OF)
    assert done.returncode == 2 and "Line 2 is longer than" in done.stderr


def test_the_screening_streams_one_row_at_a_time():
    """A later browser page feeds lines and gets rows as they come: nothing reads ahead."""
    import datetime as dt

    def register_lines():
        yield HEADER
        yield STEELWORKER
        raise AssertionError("read past the row asked for")

    produced = screened_rows(register_lines(), dt.date(2026, 1, 1))
    assert next(produced)[0] == "row" and next(produced)[3] == "1;7"


def test_read_register_decodes_line_by_line():
    data = io.BytesIO(lines(STEELWORKER.replace("A1", "张三")))
    assert list(read_register(data))[1].startswith("张三,")
