"""Hostile or broken requests get a clear zh/en error, valid UTF-8 and little work: never a traceback.

The limits are the documented ones (assessor/API.md); tests/test_pyodide_parity.py shows
the same requests refused alike inside Pyodide, which survives them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assessor import api
from assessor.api import handle

ROOT = Path(__file__).resolve().parent.parent


def refused(reply: str) -> list[dict]:
    reply.encode("utf-8")  # valid Unicode text, no lone surrogate
    data = json.loads(reply)
    assert data["ok"] is False and all(e["zh"] and e["en"] for e in data["errors"])
    return data["errors"]


def assess_cli(stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assessor", "assess", "--as-of", "2026-01-01"],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    "stdin",
    [b'{"\\ud800x": 1}', b'{"x": "\\udfff"}', b'{"a\xff": 1}', b"\xff", b'{"in_baotou_urban": "\xe5\xbc"}'],
)
def test_the_cli_answers_bad_text_with_a_json_error_in_valid_utf8(stdin):
    done = assess_cli(stdin)
    assert done.returncode == 2 and done.stderr == b"", done.stderr.decode("utf-8", "replace")
    (problem,) = refused(done.stdout.decode("utf-8"))
    assert problem["code"] == "malformed_json"
    assert "UTF-8" in problem["en"] and "UTF-8" in problem["zh"]


@pytest.mark.parametrize(
    "request_text",
    [
        '{"action": "assess", "answers": {"\\ud800x": 1}}',
        '{"action": "assess", "answers": {"x": "\\ud800"}}',
        '{"action": "assess", "answers": {"\ud800x": 1}}',  # a raw lone surrogate, as JS may pass
    ],
)
def test_handle_refuses_lone_surrogates_in_keys_and_values(request_text):
    assert [e["code"] for e in refused(handle(request_text))] == ["malformed_json"]


def test_a_surrogate_pair_is_ordinary_text():
    reply = json.loads(
        handle('{"action": "assess", "answers": {"\\ud83d\\ude00": 1}, "as_of": "2026-01-01"}')
    )
    assert reply["errors"][0]["code"] == "unknown_question" and reply["errors"][0]["question"] == "😀"


def test_a_request_over_the_size_limit_is_refused_before_parsing():
    big = '{"action": "assess", "answers": {' + ", ".join(f'"k{n}": 1' for n in range(3_500_000)) + "}}"
    (problem,) = refused(handle(big))
    assert problem["code"] == "bad_request" and "65536" in problem["en"]


def test_a_request_nested_20000_deep_is_refused_by_its_depth():
    (problem,) = refused(handle('{"action": "assess", "answers": ' + "[" * 20_000 + "]" * 20_000 + "}"))
    assert problem["code"] == "bad_request" and "nested too deeply" in problem["en"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    answers = {"x": "[" * 100, "y": '\\"{{{{'}
    reply = json.loads(handle(json.dumps({"action": "assess", "answers": answers, "as_of": "2026-01-01"})))
    assert [e["code"] for e in reply["errors"]][:2] == ["unknown_question", "unknown_question"]


def test_too_many_keys_are_refused():
    keys = ", ".join(f'"k{n}": 1' for n in range(api.MAX_KEYS + 1))
    (problem,) = refused(handle('{"action": "assess", "answers": {' + keys + "}}"))
    assert problem["code"] == "bad_request" and str(api.MAX_KEYS) in problem["en"]


def test_the_error_list_is_capped_and_says_how_many_were_left_out():
    answers = {f"k{n}": 1 for n in range(100)}
    errors = refused(handle(json.dumps({"action": "assess", "answers": answers, "as_of": "2026-01-01"})))
    assert len(errors) == api.MAX_ERRORS
    assert (
        errors[-1]["code"] == "too_many_errors" and "72 more" in errors[-1]["en"]
    )  # 100 unknown keys + 1 missing answer - 29


def test_the_cli_refuses_an_oversized_request_without_reading_it_all():
    done = assess_cli(b"[" * 10_000_000)
    assert done.returncode == 2 and refused(done.stdout.decode("utf-8"))[0]["code"] == "bad_request"


@pytest.mark.parametrize(
    "as_of", ["2026-W01-1", "20260101", "2026-1-01", "2026-01-01T00:00", "２０２６-01-01"]
)
def test_as_of_must_be_written_yyyy_mm_dd(as_of):
    (problem,) = refused(handle(json.dumps({"action": "assess", "answers": {}, "as_of": as_of})))
    assert problem["code"] == "bad_request" and "YYYY-MM-DD" in problem["en"]


def test_the_documented_limits_are_the_ones_enforced():
    text = (ROOT / "assessor" / "API.md").read_text("utf-8")

    def documented(label: str) -> int:
        match = re.search(rf"^\| {label}[^|]*\| ([\d,]+)", text, re.M)
        assert match, f"API.md no longer documents the {label} limit"
        return int(match.group(1).replace(",", ""))

    assert documented("request size") == api.MAX_REQUEST_BYTES
    assert documented("nesting depth") == api.MAX_DEPTH
    assert documented("keys") == api.MAX_KEYS
    assert documented("errors listed") == api.MAX_ERRORS
