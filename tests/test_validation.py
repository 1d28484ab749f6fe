"""Bad input gives a structured zh/en error naming the question: never a traceback, never a partial result."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from api_contract import documented_error_codes

from assessor import InvalidAnswers, assess
from assessor.api import handle

AS_OF = "2026-01-01"
GOOD = {
    "in_baotou_urban": True,
    "is_worker": True,
    "household_size": 3,
    "monthly_income": 2000,
    "employment_status": "working",
    "enterprise_situation": [],
    "able_to_work": False,
    "graduate_not_continuing": False,
    "recognised_difficulty": [],
    "serious_illness": False,
    "medical_costs_hardship": False,
    "disability": False,
    "insurance_issues": [],
    "school_levels": [],
    "housing_situation": "adequate",
    "sudden_hardship": False,
}


def ask(answers=None, raw: str | None = None, **request) -> dict:
    if raw is None:
        raw = json.dumps({"action": "assess", "answers": answers, "as_of": AS_OF, **request})
    reply = json.loads(handle(raw))
    if not reply["ok"]:
        assert set(reply) == {"ok", "errors"}, "no partial result beside errors"
        for item in reply["errors"]:
            assert set(item) == {"question", "code", "zh", "en"}
            assert item["zh"] and item["en"] and "Traceback" not in item["en"]
    return reply


def errors(reply: dict) -> list[tuple]:
    return [(e["question"], e["code"]) for e in reply["errors"]]


def test_good_answers_give_a_result():
    assert ask(GOOD)["ok"] is True


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("household_size", "3"),
        ("household_size", 2.5),
        ("household_size", True),
        ("monthly_income", "2000"),
        ("in_baotou_urban", "yes"),
        ("in_baotou_urban", 1),
        ("employment_status", 3),
        ("school_levels", "university"),
        ("school_levels", [1]),
        ("housing_situation", ["no_housing"]),
    ],
)
def test_a_wrong_type_is_named_with_its_question(question, value):
    assert errors(ask({**GOOD, question: value})) == [(question, "wrong_type")]


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("household_size", 0),
        ("household_size", 21),
        ("monthly_income", -1),
        ("months_above_standard", -1),
        ("dibao_standard", 0),
    ],
)
def test_a_value_out_of_range_is_named_with_its_question(question, value):
    reply = ask({**GOOD, question: value})
    assert errors(reply) == [(question, "out_of_range")]
    assert "家庭" in reply["errors"][0]["zh"] or reply["errors"][0]["zh"].startswith("“")


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinity_are_not_numbers_an_assessment_can_use(raw):
    text = json.dumps({"action": "assess", "answers": GOOD, "as_of": AS_OF}).replace(
        '"monthly_income": 2000', f'"monthly_income": {raw}'
    )
    assert errors(ask(raw=text)) == [("monthly_income", "not_finite")]


def test_nan_from_python_is_refused_too():
    with pytest.raises(InvalidAnswers) as caught:
        assess({**GOOD, "household_size": float("nan")}, dt.date(2026, 1, 1))
    assert [(e["question"], e["code"]) for e in caught.value.errors] == [("household_size", "not_finite")]


def test_an_unknown_option_lists_the_options():
    reply = ask({**GOOD, "housing_situation": "castle"})
    assert errors(reply) == [("housing_situation", "unknown_option")]
    assert "no_housing" in reply["errors"][0]["en"]
    assert errors(ask({**GOOD, "school_levels": ["kindergarten"]})) == [("school_levels", "unknown_option")]


def test_an_unknown_question_is_named():
    assert errors(ask({**GOOD, "favourite_colour": "red"})) == [("favourite_colour", "unknown_question")]


def test_a_missing_required_answer_is_named_and_every_error_is_reported_at_once():
    answers = {k: v for k, v in GOOD.items() if k not in ("household_size", "housing_situation")}
    assert errors(ask({**answers, "monthly_income": -5})) == [
        ("household_size", "missing_answer"),
        ("monthly_income", "out_of_range"),
        ("housing_situation", "missing_answer"),
    ]


def test_a_missing_first_answer_is_an_error():
    assert errors(ask({})) == [("in_baotou_urban", "missing_answer")]


def test_answers_to_questions_not_asked_are_ignored_even_if_odd():
    reply = ask({"in_baotou_urban": False, "household_size": -3, "housing_situation": "castle"})
    assert reply["ok"] is True and reply["scope"]["in_scope"] is False


@pytest.mark.parametrize("raw", ["", "{", "[1, 2", "{'a': 1}", "\x00", "[" * 20])
def test_malformed_json_is_a_structured_error(raw):
    assert errors(ask(raw=raw)) == [(None, "malformed_json")]


@pytest.mark.parametrize(
    "request_body",
    [
        [],
        "assess",
        3,
        None,
        {"answers": GOOD},
        {"action": "destroy"},
        {"action": "assess", "answers": [1, 2]},
        {"action": "assess", "answers": GOOD, "as_of": "tomorrow"},
        {"action": "assess", "answers": GOOD, "as_of": 20260101},
        {"action": "assess", "answers": GOOD, "extra": 1},
        {"action": "assess", "answers": GOOD, "as_of": "2019-01-01"},
    ],
)
def test_a_request_of_the_wrong_shape_is_a_bad_request(request_body):
    assert errors(ask(raw=json.dumps(request_body))) == [(None, "bad_request")]


def test_handle_given_something_other_than_text_still_answers():
    assert json.loads(handle(None))["errors"][0]["code"] == "bad_request"  # type: ignore[arg-type]


def test_every_documented_error_code_can_occur():
    documented = documented_error_codes()
    seen = set()
    for raw in ("{", "[]"):
        seen.update(code for _, code in errors(ask(raw=raw)))
    for change in (
        {"x": 1},
        {"household_size": "3"},
        {"household_size": 0},
        {"monthly_income": float("inf")},
        {"housing_situation": "castle"},
        {"sudden_hardship": None},
        {f"x{n}": 1 for n in range(40)},
    ):
        text = json.dumps({"action": "assess", "answers": {**GOOD, **change}, "as_of": AS_OF})
        seen.update(code for _, code in errors(ask(raw=text)))
    assert seen == documented


def test_no_standard_on_record_for_the_date_asks_for_one():
    reply = ask(GOOD, as_of="2019-12-01")
    assert errors(reply) == [("dibao_standard", "missing_answer")]
    assert ask({**GOOD, "dibao_standard": 700}, as_of="2019-12-01")["ok"] is True


def test_python_api_rejects_a_bad_date():
    with pytest.raises(InvalidAnswers):
        assess(GOOD, "2026-01-01")  # type: ignore[arg-type]
